/**
 * The bundle member registry on names of several releases and layouts (spec bundles.md): sysdump's
 * per-pod files, bugtool's command-named files (`cilium` and `cilium-dbg`, classic `.md` and the
 * dump tasks' `.json` / `.err`), folders and tarballs with and without the pod in their name.
 */
import { describe, expect, it } from 'vitest';
import { bugtoolCommand, classifyBugtoolCommand, podFile } from '../../src/knowledge/bugtool-commands.js';
import { classifyMember } from '../../src/knowledge/bundle-members.js';

describe('bugtoolCommand: a bugtool file name back to its command', () => {
  it.each([
    ['cilium-dbg-status---verbose', 'cilium-dbg status --verbose'],
    ['cilium-status---verbose', 'cilium status --verbose'],
    ['ip--4-route-show-table-2004', 'ip -4 route show table 2004'],
    ['ip--d--s-l', 'ip -d -s l'],
    ['cilium-dbg-bpf-policy-get---all---numeric', 'cilium-dbg bpf policy get --all --numeric'],
    ['dmesg---time-format=iso', 'dmesg --time-format=iso'],
    ['cilium-dbg-shell----metrics-html', 'cilium-dbg shell -- metrics html'],
    ['iptables-legacy-save--c', 'iptables-legacy-save -c'],
    ['cilium-health-status', 'cilium-health status'],
    ['cilium-dbg-health-status---verbose', 'cilium-dbg-health status --verbose'],
    ['cilium-dbg-statedb-dump', 'cilium-dbg statedb dump'],
    ['cilium-dbg-ip-list--n--o-json', 'cilium-dbg ip list -n -o json'],
    // Absolute paths: their `/` became `-` (a path's own dashes cannot be told apart).
    ['cat--proc-net-xfrm_stat', 'cat /proc/net/xfrm_stat'],
    ['cat--u--proc-net-xfrm_stat', 'cat -u /proc/net/xfrm_stat'],
    ['bpftool-map-dump-pinned--sys-fs-bpf-tc-globals-cilium_lb4_services_v2', 'bpftool map dump pinned /sys/fs/bpf/tc/globals/cilium_lb4_services_v2'],
    ['bpftool-cgroup-tree--run-cilium-cgroupv2', 'bpftool cgroup tree /run/cilium/cgroupv2'],
    ['gops-stack-$(pidof-cilium-agent)', 'gops stack $(pidof cilium-agent)'],
    ['ls--la--proc-$(pidof-cilium-agent)-fd', 'ls -la /proc/$(pidof cilium-agent)/fd'],
    ['ip--4-route-show-table-2005', 'ip -4 route show table 2005'],
  ])('%s → %s', (stem, command) => {
    expect(bugtoolCommand(stem)).toBe(command);
  });
});

describe("podFile: bugtool's --k8s-mode files, run through kubectl", () => {
  it('names the pod of `kubectl exec POD -n NS -- CMD` and the file CMD alone would have', () => {
    expect(podFile('kubectl-exec-cilium-2vq8h--n-kube-system----cilium-bpf-ct-list-global')).toEqual({ pod: 'cilium-2vq8h', stem: 'cilium-bpf-ct-list-global' });
    expect(podFile('kubectl-exec-cilium-2vq8h--n-cilium-system----ip--4-r')).toEqual({ pod: 'cilium-2vq8h', stem: 'ip--4-r' });
  });

  it("knows the pod's current and previous logs, and nothing of other files", () => {
    expect(podFile('kubectl--n-kube-system-logs---timestamps-cilium-2vq8h')).toEqual({ pod: 'cilium-2vq8h', log: 'current' });
    expect(podFile('kubectl--n-cilium-logs---timestamps--p-cilium-2vq8h')).toEqual({ pod: 'cilium-2vq8h', log: 'previous' });
    expect(podFile('kubectl-get-nodes--o-wide')).toBeNull();
    expect(podFile('cilium-status')).toBeNull();
  });
});

describe('classifyBugtoolCommand', () => {
  it('reads the text output of the commands the grammars know, in any release spelling', () => {
    for (const c of [
      'cilium status --verbose',
      'cilium-dbg status',
      'cilium-health status --probe',
      'cilium-dbg-health status --verbose',
      'cilium-dbg endpoint list',
      'cilium node list',
      'cilium-dbg service list',
      'cilium-dbg bpf ct list global',
      'cilium bpf lb list',
      'cilium-dbg config -a',
      'ip -4 r',
      'ip -6 route show table 2005',
      'ip -d -s l',
      'ip a',
      'ip rule',
    ]) {
      expect(classifyBugtoolCommand(c), c).toEqual({ handling: 'read' });
    }
  });

  it('recognises but does not read JSON output, neighbours, xfrm, bpftool, iptables and gops', () => {
    for (const c of ['cilium-dbg status -o json', 'cilium debuginfo --output=markdown,json -f', 'ip -4 n', 'ip -s xfrm state', 'bpftool map show', 'iptables-save -c', 'gops stack $(pidof cilium-agent)']) {
      expect(classifyBugtoolCommand(c), c).toMatchObject({ handling: 'unsupported', reason: expect.any(String) });
    }
  });

  it("reads the agent's StateDB dumps in their table and JSON forms, not YAML or other shell queries", () => {
    for (const c of [
      'cilium-dbg statedb dump', 'cilium-dbg statedb devices', 'cilium-dbg statedb experimental frontends -o json',
      'cilium-dbg shell -- db show routes', 'cilium-dbg shell -- db/show --format=json node-addresses',
    ]) {
      expect(classifyBugtoolCommand(c), c).toEqual({ handling: 'read' });
    }
    expect(classifyBugtoolCommand('cilium-dbg shell -- db/show --format=yaml devices')).toMatchObject({ handling: 'unsupported', reason: expect.stringMatching(/YAML/) });
    expect(classifyBugtoolCommand('cilium-dbg shell -- db')).toMatchObject({ handling: 'unsupported', reason: expect.stringMatching(/^StateDB queries/) });
    expect(classifyBugtoolCommand('cilium-dbg-health status -o json')).toMatchObject({ handling: 'unsupported', reason: expect.stringMatching(/^JSON output/) });
  });

  it('knows nothing of a tool it has never seen', () => {
    expect(classifyBugtoolCommand('wg show all')).toBeNull();
  });
});

describe('classifyMember', () => {
  it('sysdump per-pod logs: the agent pod and container are read, other components listed', () => {
    expect(classifyMember('cilium-sysdump-20250102-030405/logs-cilium-8fz2q-cilium-agent-20250102-030405.log')).toMatchObject({
      kind: 'agent-log',
      handling: 'read',
      pod: 'cilium-8fz2q',
      container: 'cilium-agent',
    });
    expect(classifyMember('logs-cilium-8fz2q-clean-cilium-state-20250102-030405-prev.log')).toMatchObject({
      handling: 'read',
      pod: 'cilium-8fz2q',
      container: 'clean-cilium-state',
      what: 'clean-cilium-state log of cilium-8fz2q (previous container)',
    });
    expect(classifyMember('logs-hubble-relay-5b7d9c6f4-k8m2v-hubble-relay-20250102-030405.log')).toMatchObject({
      handling: 'unsupported',
      pod: 'hubble-relay-5b7d9c6f4-k8m2v',
    });
  });

  it('sysdump cluster files: Kubernetes lists and the ConfigMap are read, the rest recognised', () => {
    expect(classifyMember('k8s-endpoints-20250102-030405.yaml')).toMatchObject({ kind: 'kubernetes', handling: 'read', pod: null });
    expect(classifyMember('ciliumendpoints-20250102-030405.yaml')).toMatchObject({ handling: 'read' });
    expect(classifyMember('cilium-configmap-20250102-030405.yaml')).toMatchObject({ kind: 'configmap', handling: 'read' });
    expect(classifyMember('hubble-flows-cilium-8fz2q-20250102-030405.json')).toMatchObject({ kind: 'hubble-flows', pod: 'cilium-8fz2q' });
    expect(classifyMember('hubble-observe-cilium-8fz2q-20250102-030405.log')).toMatchObject({ handling: 'stderr', pod: 'cilium-8fz2q' });
    for (const name of [
      'ciliumnetworkpolicies-20250102-030405.yaml',
      'k8s-networkpolicies-20250102-030405.yaml',
      'cilium-operator-deployment-20250102-030405.yaml',
      'hubble-relay-configmap-20250102-030405.yaml',
      'gatewayapi-httproutes-20250102-030405.yaml',
      'cniconf-05-cilium.conflist-cilium-8fz2q-20250102-030405.txt',
      'cilium-8fz2q-pprof-heap-20250102-030405.pprof',
      'k8s-events-20250102-030405.html',
    ]) {
      expect(classifyMember(name), name).toMatchObject({ handling: 'unsupported', reason: expect.any(String) });
    }
    expect(classifyMember('README.md')).toBeNull();
  });

  it('bugtool runs: the pod from the folder, the tarball or the archive prefix; files by command', () => {
    expect(classifyMember('cilium-sysdump-x/cilium-bugtool-cilium-8fz2q-20250102-030405/cmd/cilium-dbg-status---verbose.md')).toMatchObject({
      kind: 'bugtool-command',
      what: 'cilium-dbg status --verbose',
      handling: 'read',
      pod: 'cilium-8fz2q',
    });
    expect(
      classifyMember('s/cilium-bugtool-cilium-8fz2q-20250102-030405.tar.gz/cilium-bugtool-20250102-030401.512-0000-UTC-2944317/cmd/ip--4-r.md'),
    ).toMatchObject({ handling: 'read', pod: 'cilium-8fz2q' });
    expect(classifyMember('cilium-8fz2q-cilium-bugtool-20250102-030401.512-0000-UTC-2944317/cmd/ip-rule.md')).toMatchObject({ pod: 'cilium-8fz2q' });
    expect(classifyMember('cilium-bugtool-20250102-030401.512-0000-UTC-2944317/cmd/cilium-status.md')).toMatchObject({ handling: 'read', pod: null });
    expect(classifyMember('cilium-bugtool-20250102-030401.512-0000-UTC-2944317/cmd/cilium-dbg-status--o-json.json.err')).toMatchObject({
      handling: 'stderr',
      what: 'stderr of `cilium-dbg status -o json`',
    });
    expect(classifyMember('cilium-bugtool-20250102-030401.512-0000-UTC-2944317/conf/kernel-config-6.8.0')).toMatchObject({ handling: 'unsupported' });
    expect(classifyMember('cilium-bugtool-cilium-8fz2q-20250102-030405/cmd/cilium-8fz2q-state/2941/ep_config.h')).toMatchObject({ handling: 'unsupported' });
    expect(classifyMember('cilium-bugtool-cilium-8fz2q-20250102-030405/cmd/wg-show-all.md')).toBeNull();
  });
});
