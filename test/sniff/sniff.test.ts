import { describe, expect, it } from 'vitest';
import { isProse, matchPrompt, Sniffer } from '../../src/sniff/index.js';

const classify = (text: string) => new Sniffer().classify(text);

describe('prose is recognised as prose, not as a failed format', () => {
  it.each([
    ['Chinese', '缺省模式下 Cilium 会自动运行在封装模式,因为这种模式对底层网络基础设施依赖性比较低'],
    ['Chinese heading', '配置过程'],
    ['Chinese with an IP', '每个节点都有一个 CiliumInternal 地址 172.21.9.225'],
    ['Russian', 'После обновления агент перестал запускаться, в логах только ошибка маршрутизации'],
    ['Russian short', 'Проверяем маршруты:'],
    ['English sentence', 'The agent refused to start after we switched the cluster to native routing.'],
    ['English with a term', 'In this mode every node forwards pod traffic through the tunnel device.'],
    ['English lead-in', 'Logs below:'],
    ['markdown heading', '## Native-Routing'],
    ['markdown list item', '- enable the BPF masquerading first'],
    ['markdown table row', 'Encapsulation Mode | Port Range / Protocol |'],
  ])('%s', (_label, text) => {
    expect(isProse(text)).toBe(true);
    expect(classify(text)).toBe('prose');
  });
});

describe('shell prompts of several shapes', () => {
  it.each([
    ['[root@dev1 kubernetes]# kubectl -nkube-system logs -f cilium-7h7jl| grep -i falling', 'dev1', 'kubectl -nkube-system logs -f cilium-7h7jl| grep -i falling'],
    ['root@fedora:/home/cilium# cilium status --verbose', 'fedora', 'cilium status --verbose'],
    ['<root@PROD-FE-K8S-WN1 ~># netstat -rn', 'PROD-FE-K8S-WN1', 'netstat -rn'],
    ['ubuntu@ip-10-0-1-5:~$ kubectl get pods -n kube-system', 'ip-10-0-1-5', 'kubectl get pods -n kube-system'],
    ['$ kubectl -n kube-system logs ds/cilium --prefix --timestamps', null, 'kubectl -n kube-system logs ds/cilium --prefix --timestamps'],
    ['# cilium-dbg status --verbose', null, 'cilium-dbg status --verbose'],
  ])('%s', (line, host, command) => {
    expect(classify(line)).toBe('shell');
    expect(matchPrompt(line)).toMatchObject({ host, command });
  });

  it('a markdown heading or a comment that names no known command is not a prompt', () => {
    expect(matchPrompt('# Encapsulation mode for communication between nodes')).toBeNull();
    expect(matchPrompt('## Native-Routing')).toBeNull();
  });
});

describe('kubectl tables', () => {
  it.each([
    'NAME           READY   STATUS    RESTARTS   AGE   IP             NODE',
    'NAME STATUS ROLES AGE VERSION INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION CONTAINER-RUNTIME',
  ])('a header opens a Kubernetes table: %s', (line) => {
    expect(isProse(line)).toBe(false);
    expect(classify(line)).toBe('kubernetes');
  });

  it.each([
    'cilium-5kq2p   1/1     Running   0          3d    192.168.10.12  k8s-worker-01',
    'dev2 Ready <none> 30d v1.20.5 192.168.2.32 <none> CentOS Linux 7 (Core) 5.15.8-1.el7.elrepo.x86_64 docker://20.10.12',
  ])('a row without its header stays unrecognised: %s', (line) => {
    expect(isProse(line)).toBe(false);
    expect(classify(line)).toBeNull();
  });
});

describe('agent log lines and block continuation', () => {
  it('logfmt, slog and JSON lines are agent-log', () => {
    expect(classify('level=info msg="Connected to apiserver" subsys=k8s-client')).toBe('agent-log');
    expect(classify('time="2024-07-02T11:05:41Z" level=info msg=Invoked subsys=hive')).toBe('agent-log');
    expect(classify('time=2024-08-12T07:41:03Z level=warn msg="Slow" module=agent.infra')).toBe('agent-log');
    expect(classify('{"level":"info","msg":"Connected to apiserver","subsys":"k8s-client"}')).toBe('agent-log');
    expect(classify('E0830 08:12:43.551554       1 leaderelection.go:330] error retrieving resource lock')).toBe('agent-log');
  });

  it('a JSON object without a level is not an agent line', () => {
    expect(classify('{"kind":"Node","apiVersion":"v1"}')).not.toBe('agent-log');
  });

  it('stack frames continue a panic; blank lines do not break the block', () => {
    const s = new Sniffer();
    const formats = [
      'panic: runtime error: invalid memory address or nil pointer dereference',
      '',
      'goroutine 1 [running]:',
      'github.com/cilium/cilium/pkg/datapath/linux.(*linuxNodeHandler).NodeAdd(0xc000a1e000)',
      '\t/go/src/github.com/cilium/cilium/pkg/datapath/linux/node.go:1021 +0x1c4',
      'exit status 2',
    ].map((l) => s.classify(l));
    expect(formats).toEqual(['agent-log', 'blank', 'agent-log', 'agent-log', 'agent-log', 'agent-log']);
  });

  it('a tab-indented line alone (no block before it) is not claimed by the agent log', () => {
    expect(classify('\t1248: (71) r1 = *(u8 *)(r2 +23)')).toBeNull();
  });
});

describe('pasted source code and scripts', () => {
  const sniffer = () => new Sniffer();
  it.each([
    ['#define __section_entry __section("tc")'],
    ['\t\tret = DROP_UNSUPPORTED_L2;'],
    ['static __always_inline int ipv4_l3(struct __ctx_buff *ctx, int l3_off,'],
    ['}'],
    ['if [ "$(uname -m)" = "arm64" ]; then CLI_ARCH=arm64; fi'],
    ['CLI_ARCH=amd64'],
    ['        ENABLE_ROUTING'],
    ['                    identity = resolve_srcid_ipv4'],
  ])('%s is code, a text format', (line) => {
    expect(sniffer().classify(line)).toBe('code');
  });

  it('Cilium output is never taken for code', () => {
    expect(sniffer().classify('level=info msg="Setting sysctl" subsys=sysctl sysParamName=net.core.bpf_jit_enable sysParamValue=1;')).toBe('agent-log');
    expect(sniffer().classify('KVStore:                Ok   Disabled')).toBe('cilium-status');
  });

  it('an oh-my-zsh prompt with a known command is a shell prompt', () => {
    expect(matchPrompt('➜  cilium-mesh kubectl get pod -owide')).toMatchObject({ command: 'kubectl get pod -owide' });
  });
});

describe('the output a pasted command announces', () => {
  it("reads `cilium config` rows a pipe kept without their section header, and leaves `config view` to the ConfigMap's reader", () => {
    const s = new Sniffer();
    const rows = ['BpfCtGlobalTcpMax                : 131072', 'EnableBPFMasquerade              : true'];
    expect([s.classify('$ kubectl -n kube-system exec ds/cilium -- cilium-dbg config --all | grep -i ct'), ...rows.map((r) => s.classify(r))]).toEqual([
      'shell', 'cilium-status', 'cilium-status',
    ]);
    const v = new Sniffer();
    expect([v.classify('$ cilium config view | grep masq'), v.classify('enable-bpf-masquerade                             true')]).toEqual(['shell', 'kubernetes']);
    // Without the command the same rows are no format's.
    expect(new Sniffer().classify(rows[0]!)).toBeNull();
  });
});
