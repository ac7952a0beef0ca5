/**
 * Member names real support bundles hold, one row per distinct name pattern per release era, as
 * the collectors' code writes them (pod names, timestamps and interfaces are this suite's own):
 *
 * - `python`: the Python cilium-sysdump (Cilium 1.5–1.9; sysdumpcollector.py): `<pod>-<container>-<ts>.log`,
 *   `-previous.log`, gops `<pod>-<container>-<ts>-<stat>.txt`, `nodes-`/`pods-`/`cep-`… dumps, and
 *   the bugtool tarball extracted with `--strip-components=1` into `bugtool-<pod>-<ts>/`.
 * - `cli-0.8`: cilium-cli 0.8 (Cilium 1.9/1.10): `cilium-config-configmap-<ts>.yaml`, bugtool `.tar`
 *   unpacked with its own top folder kept.
 * - `cli-0.12`, `cli-0.15`, `cli-1.16`: cilium-cli 0.10–0.12, 0.14–0.15, and the in-tree cilium-cli
 *   (Cilium 1.15–1.18): constants.go's names, `%s-<ts>.yaml` CRD dumps, pprof/trace profiles, the
 *   operator's and clustermesh-apiserver's `<pod>-<container>-<task>-<ts>.<ext>` command outputs,
 *   the Tetragon bugtool.
 * - `bugtool-1.8` … `bugtool-1.18`: cilium-bugtool's `cmd/` files (bugtool/cmd/configuration.go and
 *   root.go: the command with `/` → space → `-`, `.md`; `.html` for a command ending in `html`),
 *   its `conf/` copies, the state directory, pprof downloads, and `--k8s-mode` runs from outside
 *   the pod (`kubectl exec POD -n NS -- CMD`, `kubectl -n NS logs --timestamps POD`).
 * - `bugtool-dump`: the dump-task layout of bugtool/configuration (`agent/`, `system/structured|
 *   unstructured|logs|files/`, `bpfmaps/`, `envoy/`, `pprof/`, `gops/`, `report.yaml`): each
 *   command's file named without its flags, `.json` where it printed JSON, a `.err` beside it.
 */

export type Era =
  | 'python'
  | 'cli-0.8'
  | 'cli-0.12'
  | 'cli-0.15'
  | 'cli-1.16'
  | 'bugtool-1.8'
  | 'bugtool-k8s-mode'
  | 'bugtool-1.12'
  | 'bugtool-1.14'
  | 'bugtool-1.18'
  | 'bugtool-dump';

/** Read through the grammars, as member family `kind`, with the pod (and container) the name gives. */
export interface Routed {
  kind: string;
  handling: 'read' | 'stderr';
  pod?: string | null;
  container?: string;
}

/** Recognised and deliberately not parsed: listed as not analysed, with a reason matching `reason`. */
export interface NotAnalysed {
  handling: 'unsupported';
  reason: RegExp;
}

export interface NameRow {
  era: Era;
  path: string;
  expect: Routed | NotAnalysed;
}

const AGENT = 'cilium-x7k2p';
const OPERATOR = 'cilium-operator-5d8f7b9c4-k2m7x';
const CM_APISERVER = 'clustermesh-apiserver-6f8d7c9b5-r2v4n';

const read = (kind: string, pod?: string | null, container?: string): Routed => ({
  kind,
  handling: 'read',
  ...(pod !== undefined ? { pod } : {}),
  ...(container ? { container } : {}),
});
const stderr = (pod: string | null): Routed => ({ kind: 'stderr', handling: 'stderr', pod });
const not = (reason: RegExp): NotAnalysed => ({ handling: 'unsupported', reason });

const rows = (era: Era, prefix: string, list: ReadonlyArray<[string, Routed | NotAnalysed]>): NameRow[] =>
  list.map(([path, expect]) => ({ era, path: `${prefix}${path}`, expect }));

// ---- sysdump --------------------------------------------------------------------------------

const PY_TS = '20200312-101502';
const python = rows('python', `cilium-sysdump-${PY_TS}/`, [
  [`${AGENT}-cilium-agent-${PY_TS}.log`, read('agent-log', AGENT, 'cilium-agent')],
  [`${AGENT}-cilium-agent-${PY_TS}-previous.log`, read('agent-log', AGENT, 'cilium-agent')],
  [`${AGENT}-clean-cilium-state-${PY_TS}.log`, read('agent-log', AGENT, 'clean-cilium-state')],
  [`${OPERATOR}-cilium-operator-${PY_TS}.log`, not(/agent pods/)],
  [`hubble-relay-7d9c8b6f5-w3q8z-hubble-relay-${PY_TS}.log`, not(/agent pods/)],
  [`${AGENT}-cilium-agent-${PY_TS}-stack.txt`, not(/Go runtime/)],
  [`${AGENT}-cilium-agent-${PY_TS}-memstats.txt`, not(/Go runtime/)],
  [`nodes-${PY_TS}.json`, read('kubernetes', null)],
  [`pods-${PY_TS}.json`, read('kubernetes')],
  [`pods-${PY_TS}.txt`, read('kubernetes')],
  [`services-${PY_TS}.yaml`, read('kubernetes')],
  [`cep-${PY_TS}.yaml`, read('kubernetes')],
  [`ciliumnodes-${PY_TS}.yaml`, read('kubernetes')],
  [`k8s-events-${PY_TS}.json`, read('kubernetes')],
  [`cilium-configmap-${PY_TS}.yaml`, read('configmap')],
  [`ciliumidentities-${PY_TS}.yaml`, not(/not modelled/)],
  [`netpol-${PY_TS}.yaml`, not(/not modelled/)],
  [`cnp-${PY_TS}.yaml`, not(/not modelled/)],
  [`ccnp-${PY_TS}.yaml`, not(/not modelled/)],
  [`cilium-operator-deployment-${PY_TS}.yaml`, not(/not modelled/)],
  [`cilium-ds-${PY_TS}.yaml`, not(/not modelled/)],
  [`cilium-etcd-secrets-${PY_TS}.json`, not(/not modelled/)],
  [`k8s-version-info-${PY_TS}.txt`, not(/not modelled/)],
  [`k8s-namespaces-${PY_TS}.yaml`, not(/not modelled/)],
  [`bugtool-${AGENT}-${PY_TS}/cmd/cilium-status.md`, read('bugtool-command', AGENT)],
  [`bugtool-${AGENT}-${PY_TS}/cmd/ip--4-r.md`, read('bugtool-command', AGENT)],
  [`bugtool-${AGENT}-${PY_TS}/conf/kernel-config-4.19.0-9-amd64`, not(/copied configuration/)],
]);

const TS8 = '20210615-140233';
const cli08 = rows('cli-0.8', `cilium-sysdump-${TS8}/`, [
  [`cilium-config-configmap-${TS8}.yaml`, read('configmap')],
  [`cilium-etcd-secrets-secret-${TS8}.yaml`, not(/not modelled/)],
  [`logs-${AGENT}-cilium-agent-${TS8}.log`, read('agent-log', AGENT, 'cilium-agent')],
  [`logs-${AGENT}-cilium-agent-${TS8}-prev.log`, read('agent-log', AGENT, 'cilium-agent')],
  [`hubble-flows-${AGENT}-${TS8}.json`, read('hubble-flows', AGENT)],
  [`gops-${AGENT}-cilium-agent-${TS8}-memstats.txt`, not(/Go runtime/)],
  [`k8s-version-${TS8}.txt`, not(/not modelled/)],
  [`aws-node-daemonset-${TS8}.yaml`, not(/not modelled|not read/)],
  [`hubble-ui-deployment-${TS8}.yaml`, not(/not modelled|not read/)],
  [`cilium-bugtool-${AGENT}-${TS8}/cilium-bugtool-20210615-140240.1-0000-UTC-118331/cmd/cilium-status---verbose.md`, read('bugtool-command', AGENT)],
  [`cilium-bugtool-${AGENT}-${TS8}.tar/cilium-bugtool-20210615-140240.1-0000-UTC-118331/cmd/cilium-bpf-ct-list-global.md`, read('bugtool-command', AGENT)],
]);

const TS12 = '20221012-093011';
const cli012 = rows('cli-0.12', `cilium-sysdump-${TS12}/`, [
  [`cilium-configmap-${TS12}.yaml`, read('configmap')],
  [`k8s-nodes-${TS12}.yaml`, read('kubernetes')],
  [`k8s-endpoints-${TS12}.yaml`, read('kubernetes')],
  [`cniconf-05-cilium.conf-${AGENT}-${TS12}.txt`, not(/CNI configuration/)],
  [`kvstore-heartbeat.json`, not(/kvstore/)],
  [`hubble-observe-${AGENT}-${TS12}.log`, stderr(AGENT)],
  [`ciliumegressnatpolicies-${TS12}.yaml`, not(/not modelled/)],
  [`ciliumbgppeeringpolicies-${TS12}.yaml`, not(/not modelled/)],
  [`k8s-leases-${TS12}.yaml`, not(/not modelled/)],
  [`tetragon-bugtool-tetragon-8xk2d-${TS12}/tetragon-info.txt`, not(/Tetragon/)],
  [`tetragon-bugtool-tetragon-8xk2d-${TS12}/tetragon.log`, not(/Tetragon/)],
  [`logs-tetragon-8xk2d-export-stdout-${TS12}.log`, not(/agent pods/)],
  [`cilium-sysdump.log`, not(/collector/)],
]);

const TS15 = '20230711-181944';
const cli015 = rows('cli-0.15', `cilium-sysdump-${TS15}/`, [
  [`k8s-events-${TS15}.html`, not(/HTML/)],
  [`k8s-events-${TS15}.yaml`, read('kubernetes')],
  [`k8s-metrics-${TS15}.yaml`, not(/not modelled/)],
  [`cilium-helm-values-${TS15}.yaml`, read('helm-values')],
  [`cilium-spire-server-entries-spire-server-0-${TS15}.json`, not(/not modelled/)],
  [`cilium-operator-pod-${OPERATOR}-metrics-${TS15}.yaml`, not(/metrics|not modelled/)],
  [`clustermesh-apiserver-${CM_APISERVER}-metrics-${TS15}.yaml`, not(/metrics|not modelled/)],
  [`clustermesh-kvstoremesh-${CM_APISERVER}-metrics-${TS15}.yaml`, not(/metrics|not modelled/)],
  [`${AGENT}-heap-${TS15}.pprof`, not(/profile/)],
  [`${AGENT}-trace-${TS15}.trace`, not(/profile/)],
  [`gatewayapi-httproutes-${TS15}.yaml`, not(/not modelled/)],
  [`cilium-spire-agent-daemonset-${TS15}.yaml`, not(/not modelled|not read/)],
  [`logs-spire-server-0-spire-server-${TS15}.log`, not(/agent pods/)],
  [`logs-${CM_APISERVER}-etcd-init-${TS15}.log`, not(/agent pods/)],
]);

const TS16 = '20250908-071203';
const cli116 = rows('cli-1.16', `cilium-sysdump-${TS16}/`, [
  [`cilium-helm-metadata-${TS16}.yaml`, not(/not modelled/)],
  [`tetragon-helm-values-${TS16}.yaml`, not(/Tetragon|not modelled|not read/)],
  [`tetragon-configmap-${TS16}.yaml`, not(/Tetragon|not modelled|not read/)],
  [`metrics-${AGENT}-cilium-agent-${TS16}.txt`, not(/metrics/)],
  [`k8s-node-memory-cpu-usage-${TS16}.txt`, not(/not modelled/)],
  [`k8s-pods-${TS16}.txt`, read('kubernetes')],
  [`ciliumendpoints-${TS16}.yaml`, read('kubernetes')],
  [`ciliumbgpnodeconfigoverrides-${TS16}.yaml`, not(/not modelled/)],
  [`ciliumgatewayclassconfigs-${TS16}.yaml`, not(/not modelled/)],
  [`gatewayapi-listenersets-${TS16}.yaml`, not(/not modelled/)],
  [`gke-cilium-override-config-${TS16}.yaml`, not(/not modelled|not read/)],
  [`clustermesh-certificates-${TS16}.yaml`, not(/not modelled|not read/)],
  [`${OPERATOR}-cilium-operator-statedb-dump-${TS16}.json`, not(/command/)],
  [`${OPERATOR}-cilium-operator-troubleshoot-clustermesh-${TS16}.txt`, not(/command/)],
  [`${CM_APISERVER}-apiserver-version-${TS16}.txt`, not(/command/)],
  [`${CM_APISERVER}-kvstoremesh-status-${TS16}.json`, not(/command/)],
  [`${CM_APISERVER}-kvstoremesh-kvstore-list-${TS16}.txt`, not(/command/)],
  [`${AGENT}-cilium-agent-goroutine-${TS16}.pprof`, not(/profile/)],
  [`logs-${AGENT}-mount-bpf-fs-${TS16}-prev.log`, read('agent-log', AGENT, 'mount-bpf-fs')],
  [`logs-${AGENT}-install-cni-binaries-${TS16}.log`, read('agent-log', AGENT, 'install-cni-binaries')],
  [`logs-cilium-envoy-8xk2m-cilium-envoy-${TS16}.log`, not(/agent pods/)],
  [`logs-${OPERATOR}-cilium-operator-${TS16}.log`, not(/agent pods/)],
]);

// ---- cilium-bugtool -------------------------------------------------------------------------

const BT = `cilium-sysdump-${TS16}/cilium-bugtool-${AGENT}-${TS16}/`;
const OWN = 'cilium-bugtool-20200615-101500.2-0000-UTC-412';

const bugtool18 = rows('bugtool-1.8', `${OWN}/cmd/`, [
  ['cilium-status---verbose.md', read('bugtool-command')],
  ['cilium-config.md', read('bugtool-command')],
  ['cilium-bpf-policy-get---all---numeric.md', read('bugtool-command')],
  ['cilium-bpf-lb-list.md', read('bugtool-command')],
  ['cilium-bpf-ipcache-list.md', read('bugtool-command')],
  ['cilium-bpf-tunnel-list.md', read('bugtool-command')],
  ['cilium-service-list.md', read('bugtool-command')],
  ['cilium-identity-list.md', read('bugtool-command')],
  ['cilium-node-list.md', read('bugtool-command')],
  ['cilium-health-status.md', read('bugtool-command')],
  ['cilium-debuginfo-20200615-101501.37+0000-UTC.md', read('bugtool-command')],
  ['cilium-debuginfo-20200615-101501.37+0000-UTC.json', not(/JSON|debuginfo/)],
  [`cilium-debuginfo---output=markdown,json--f---output-directory=-tmp-${OWN}-cmd.md`, not(/debuginfo/)],
  ['cilium-ip-list--n--o-json.md', not(/JSON/)],
  ['cilium-policy-selectors--o-json.md', not(/JSON/)],
  ['cilium-map-list---verbose.md', not(/not modelled/)],
  ['cilium-bpf-nat-list.md', not(/not modelled/)],
  ['cilium-bpf-endpoint-list.md', not(/not modelled/)],
  ['cilium-bpf-sha-list.md', not(/not modelled/)],
  ['cilium-metrics-list.md', not(/not modelled/)],
  ['cilium-fqdn-cache-list.md', not(/not modelled/)],
  ['ip-a.md', read('bugtool-command')],
  ['ip--6-r.md', read('bugtool-command')],
  ['ip--d--s-l.md', read('bugtool-command')],
  ['ip-rule.md', read('bugtool-command')],
  ['ip--4-route-show-table-2005.md', read('bugtool-command')],
  ['ip--4-n.md', not(/neighbour/)],
  ['ip-xfrm-policy.md', not(/xfrm/)],
  ['ip--s-xfrm-state.md', not(/xfrm/)],
  ['ss--t--p--a--i--s.md', not(/not modelled/)],
  ['tc-qdisc-show.md', not(/not modelled/)],
  ['tc--d--s-qdisc-show.md', not(/not modelled/)],
  ['uname--a.md', not(/not modelled/)],
  ['top--b--n-1.md', not(/not modelled/)],
  ['uptime.md', not(/not modelled/)],
  ['hostname.md', not(/not modelled/)],
  ['dmesg---time-format=iso.md', not(/not modelled/)],
  ['sysctl--a.md', not(/not modelled/)],
  ['bpftool-map-show.md', not(/not modelled/)],
  ['bpftool-net-show.md', not(/not modelled/)],
  ['taskset--pc-1.md', not(/not modelled/)],
  ['iptables-save--c.md', not(/not modelled/)],
  ['iptables--S.md', not(/not modelled/)],
  ['ip6tables--S.md', not(/not modelled/)],
  ['iptables--L--v.md', not(/not modelled/)],
  ['iptables-legacy--L--v.md', not(/not modelled/)],
  ['iptables-nft--S.md', not(/not modelled/)],
  ['gops-memstats-$(pidof-cilium-agent).md', not(/not modelled/)],
  ['ls--la--proc-$(pidof-cilium-agent)-fd.md', not(/not modelled/)],
  ['lsmod.md', not(/not modelled/)],
  ['bpftool-map-dump-pinned--sys-fs-bpf-tc-globals-cilium_lxc.md', not(/not modelled/)],
  ['bpftool-cgroup-tree--var-run-cilium-cgroupv2.md', not(/not modelled/)],
  ['cat--proc-net-xfrm_stat.md', not(/not modelled/)],
  ['cat--proc-sys-net-core-bpf_jit_enable.md', not(/not modelled/)],
  ['cat--proc-kallsyms.md', not(/not modelled/)],
  ['cat--etc-resolv.conf.md', not(/not modelled/)],
  ['cat--var-log-messages.md', not(/not modelled/)],
  ['ethtool--i-eth0.md', not(/not modelled/)],
  ['ethtool-lxc_health.md', not(/not modelled/)],
  ['ethtool-cilium_vxlan.md', not(/not modelled/)],
  [`cp--proc-config.gz--tmp-${OWN}-conf-kernel-config.gz.md`, not(/copy/)],
  [`cp--r--var-run-cilium-state--tmp-${OWN}-cmd-state.md`, not(/copy/)],
  ['state/2941/ep_config.h', not(/state/)],
  ['state/templates/4f2a9c/bpf_lxc.o', not(/state/)],
  ['pprof-cpu', not(/profile/)],
  ['pprof-heap', not(/profile/)],
  ['pprof-trace', not(/profile/)],
]).concat(rows('bugtool-1.8', `${OWN}/`, [['conf/kernel-config-5.4.0-1029-aws', not(/copied configuration/)]]));

const k8sMode = rows('bugtool-k8s-mode', `${OWN}/cmd/`, [
  [`kubectl-exec-${AGENT}--n-kube-system----cilium-status---verbose.md`, read('bugtool-command', AGENT)],
  [`kubectl-exec-${AGENT}--n-kube-system----ip--4-r.md`, read('bugtool-command', AGENT)],
  [`kubectl-exec-${AGENT}--n-kube-system----bpftool-map-show.md`, not(/not modelled/)],
  [`kubectl--n-kube-system-logs---timestamps-${AGENT}.md`, read('agent-log', AGENT)],
  [`kubectl--n-kube-system-logs---timestamps--p-${AGENT}.md`, read('agent-log', AGENT)],
  [`kubectl--n-kube-system-describe-pod-${AGENT}.md`, read('bugtool-command', null)],
  ['kubectl-get-nodes--o-wide.md', read('bugtool-command')],
  ['kubectl-get-pods,svc---all-namespaces.md', read('bugtool-command')],
  ['kubectl-describe-nodes.md', not(/not modelled/)],
  ['kubectl-version.md', not(/not modelled/)],
  ['kubectl-get-cm-cilium-config--n-kube-system.md', not(/not modelled/)],
  [`${AGENT}-state/2941/ep_config.h`, not(/state/)],
]);

const bugtool112 = rows('bugtool-1.12', `cilium-sysdump-20220420-112233/cilium-bugtool-${AGENT}-20220420-112233.tar.gz/${OWN}/cmd/`, [
  ['cilium-config--a.md', read('bugtool-command')],
  ['cilium-health-status---verbose.md', read('bugtool-command')],
  ['cilium-encrypt-status.md', not(/not modelled/)],
  ['cilium-bpf-lb-list---revnat.md', not(/bpf lb list/)],
  ['cilium-bpf-lb-list---backends.md', not(/bpf lb list/)],
  ['cilium-service-list--o-json.md', not(/JSON/)],
  ['cilium-health-status--o-json.md', not(/JSON/)],
  ['cilium-lrp-list.md', not(/not modelled/)],
  ['ip6tables-nft-save--c.md', not(/not modelled/)],
  ['ipset-list.md', not(/not modelled/)],
  ['tc-filter-show-dev-eth0.md', not(/not modelled/)],
  ['tc-chain-show-dev-cilium_host.md', not(/not modelled/)],
  ['tc-class-show-dev-lxc8a3f0c21d9e4.md', not(/not modelled/)],
  ['tc--s-qdisc.md', not(/not modelled/)],
  ['envoy-config.json', not(/Envoy/)],
]);

const bugtool114 = rows('bugtool-1.14', `${AGENT}-cilium-bugtool-20230711-181950.004+0200-CEST-99120/cmd/`, [
  ['cilium-bpf-lb-maglev-list.md', not(/bpf lb list/)],
  ['cilium-bpf-vtep-list.md', not(/not modelled/)],
  ['cilium-map-events-cilium_ipcache--o-json.md', not(/JSON/)],
  ['cilium-bpf-auth-list.md', not(/not modelled/)],
  ['cilium-cgroups-list--o-json.md', not(/JSON/)],
  ['cilium-endpoint-list.md', read('bugtool-command')],
  ['ss--t--p--a--i--s--n--e.md', not(/not modelled/)],
  ['ip--d-rule.md', read('bugtool-command')],
  ['tc-filter-show-dev-eth0-ingress.md', not(/not modelled/)],
  ['ip6tables-legacy-save--c.md', not(/not modelled/)],
]);

const bugtool118 = rows('bugtool-1.18', `${BT}cmd/`, [
  ['cilium-dbg-status---verbose.md', read('bugtool-command', AGENT)],
  ['cilium-dbg-config--a.md', read('bugtool-command', AGENT)],
  ['cilium-dbg-bpf-policy-get---all---numeric.md', read('bugtool-command', AGENT)],
  ['cilium-dbg-bpf-ct-list-global.md', read('bugtool-command', AGENT)],
  ['cilium-dbg-service-list.md', read('bugtool-command', AGENT)],
  ['cilium-health-status---verbose.md', read('bugtool-command', AGENT)],
  ['cilium-dbg-statedb-dump.md', read('bugtool-command', AGENT)],
  ['cilium-dbg-shell----metrics-html.html', not(/not modelled/)],
  ['cilium-dbg-bpf-metrics-list.md', not(/not modelled/)],
  ['cilium-dbg-bgp-peers.md', not(/not modelled/)],
  ['cilium-dbg-bgp-routes-available-ipv4-unicast.md', not(/not modelled/)],
  ['cilium-dbg-bgp-route-policies.md', not(/not modelled/)],
  ['cilium-dbg-troubleshoot-kvstore.md', not(/not modelled/)],
  ['cilium-dbg-bpf-frag-list.md', not(/not modelled/)],
  ['cilium-dbg-bpf-nat-retries-list.md', not(/not modelled/)],
  ['cilium-dbg-bpf-nodeid-list.md', not(/not modelled/)],
  ['cilium-dbg-bpf-config-list.md', not(/not modelled/)],
  ['cilium-debuginfo-20250908-071204.812+0000-UTC.md', read('bugtool-command', AGENT)],
  ['cat--u--proc-net-xfrm_stat.md', not(/not modelled/)],
  ['cat--var-run-cilium-cilium-cni.log.md', not(/CNI/)],
  ['cat--proc-sys-kernel-random-boot_id.md', not(/not modelled/)],
  ['cat--proc-buddyinfo.md', not(/not modelled/)],
  ['cilium-dbg-status--o-json.json.err', stderr(AGENT)],
  ['state/1044/ep_config.json', not(/state/)],
]).concat(
  rows('bugtool-1.18', BT, [
    ['conf/kernel-config.gz', not(/copied configuration/)],
    ['report.json', not(/report/)],
  ]),
);

const dump = rows('bugtool-dump', 'cilium-bugtool-20230301-120102.33-0000-UTC-7714/', [
  ['agent/cilium-status.json', not(/JSON/)],
  ['agent/cilium-status.json.err', stderr(null)],
  ['agent/cilium-bpf-policy-get.json', not(/JSON/)],
  ['agent/cilium-service-list.json', not(/JSON/)],
  ['agent/cilium-debuginfo.json', not(/debuginfo/)],
  ['agent/cilium-map-events-cilium_ipcache.json', not(/not modelled/)],
  ['system/structured/ip-a.json', not(/JSON/)],
  ['system/structured/ip-r.json', not(/JSON/)],
  ['system/structured/ip4-route-tables.json', not(/JSON/)],
  ['system/structured/tc-qdisc-show.json', not(/not modelled/)],
  ['system/unstructured/iptables-save.txt', not(/not modelled/)],
  ['system/unstructured/ss.txt', not(/not modelled/)],
  ['system/unstructured/bpftool-cgroup-tree_run_cilium_cgroupv2.txt', not(/not modelled/)],
  ['system/unstructured/tc-filter-show-dev-eth0-ingress.txt', not(/not modelled/)],
  ['system/logs/dmesg.log', not(/not modelled/)],
  ['system/files/xfrm_stat', not(/copied/)],
  ['bpfmaps/bpftool-map-dump-pinned-cilium_lxc.json', not(/not modelled/)],
  ['bpfmaps/bpftool-prog-show.md', not(/not modelled/)],
  ['envoy/envoy-config', not(/Envoy/)],
  ['envoy/envoy-config_headers.json', not(/headers/)],
  ['pprof/pprof-profile', not(/profile/)],
  ['gops/gops-stack-localhost:9890.md', not(/not modelled/)],
  ['report.yaml', not(/report/)],
  ['state/run/cilium/state/1044/ep_config.h', not(/state/)],
]);

export const NAME_ROWS: readonly NameRow[] = [...python, ...cli08, ...cli012, ...cli015, ...cli116, ...bugtool18, ...k8sMode, ...bugtool112, ...bugtool114, ...bugtool118, ...dump];
