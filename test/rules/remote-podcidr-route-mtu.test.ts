/**
 * MTU-02 reads `ip route` dumps. No grammar fills `state.routes` yet, so each case writes the dump
 * as an input (evidence cites its lines) and puts the same routes into the state (`routeDump`).
 */
import { rule } from '../../src/rules/catalog/remote-podcidr-route-mtu.js';
import type { ClusterState } from '../../src/types/state.js';
import { banner, flagDump, daemonLine, nodeName } from '../helpers/agent-lines.js';
import { routeDump, type RouteSpec } from '../helpers/routes.js';
import { lines, ruleTester, type InvalidCase, type RuleCase } from '../helpers/rule-tester.js';

/** An agent of `version` on node `tn-1`: flags from line 2, then the node name and (unless null) the detected MTU. */
const agentLog = (version: string, flags: Record<string, string>, mtu: number | null) =>
  lines(
    banner(version),
    ...flagDump(flags),
    nodeName('tn-1'),
    ...(mtu === null ? [] : [daemonLine('info', 'Inheriting MTU from external network interface', { device: 'ens4', ipAddr: '192.168.40.11', mtu: String(mtu) })]),
  );

const vxlan = { 'routing-mode': 'tunnel', 'tunnel-protocol': 'vxlan' };

/** `cilium node list`: tn-1 (own) on line 2, tn-2 on 3, tn-3 on 4. */
const nodes = lines(
  'Name   IPv4 Address    Endpoint CIDR   IPv6 Address   Endpoint CIDR   Source',
  'tn-1   192.168.40.11   10.90.0.0/24                                  local',
  'tn-2   192.168.40.12   10.90.1.0/24                                  custom-resource',
  'tn-3   192.168.40.13   10.90.2.0/24                                  custom-resource',
);

/** tn-1's tunnel routes: its own PodCIDR (line 2, no mtu), the router IP (3), tn-2 (4) and tn-3 (5) with `mtu`. */
const tunnelRoutes = (mtu2: number, mtu3 = mtu2, ownMtu?: number): RouteSpec[] => [
  { dst: '10.90.0.0/24', via: '10.90.0.5', dev: 'cilium_host', proto: 'kernel', src: '10.90.0.5', ...(ownMtu ? { mtu: ownMtu } : {}) },
  { dst: '10.90.0.5', dev: 'cilium_host', proto: 'kernel', scope: 'link' },
  { dst: '10.90.1.0/24', via: '10.90.0.5', dev: 'cilium_host', proto: 'kernel', src: '10.90.0.5', mtu: mtu2 },
  { dst: '10.90.2.0/24', via: '10.90.0.5', dev: 'cilium_host', proto: 'kernel', src: '10.90.0.5', mtu: mtu3 },
];

/** `ip -d link show cilium_host` of tn-1, for the case that reads the device MTU from it. */
const ciliumHostLink = lines(
  '4: cilium_host@cilium_net: <BROADCAST,MULTICAST,NOARP,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default qlen 1000',
  '    link/ether a2:11:4c:0e:9b:01 brd ff:ff:ff:ff:ff:ff promiscuity 0 minmtu 68 maxmtu 65535',
);

function withRoutes(
  name: string,
  log: string,
  routes: RouteSpec[],
  more?: { inputs: Record<string, string>; amend(s: ClusterState, paths: Readonly<Record<string, string>>): void },
): RuleCase {
  const dump = routeDump('routes.txt', 'tn-1', routes);
  return {
    name,
    inputs: { 'a.log': log, 'nodes.txt': nodes, 'routes.txt': dump.text, ...more?.inputs },
    amend: (state, paths) => {
      dump.amend(state, paths);
      more?.amend(state, paths);
    },
  };
}

const invalid = (c: RuleCase, findings: InvalidCase['findings']): InvalidCase => ({ ...c, findings });

ruleTester(rule, {
  valid: [
    withRoutes('vxlan over 1500: 1450', agentLog('1.14.8', vxlan, 1500), tunnelRoutes(1450)),
    withRoutes('geneve has the same overhead', agentLog('1.15.5', { 'routing-mode': 'tunnel', 'tunnel-protocol': 'geneve' }, 1500), tunnelRoutes(1450)),
    withRoutes('jumbo frames: 9001 − 50', agentLog('1.16.3', vxlan, 9001), tunnelRoutes(8951)),
    withRoutes('WireGuard on 1.14 in tunnel mode: 1500 − 80 − 50', agentLog('1.14.8', { ...vxlan, 'enable-wireguard': 'true' }, 1500), tunnelRoutes(1370)),
    withRoutes('WireGuard on 1.13 leaves the tunnel overhead out', agentLog('1.13.9', { tunnel: 'vxlan', 'enable-wireguard': 'true' }, 1500), tunnelRoutes(1420)),
    withRoutes('the own PodCIDR route is not a remote one', agentLog('1.14.8', vxlan, 1500), tunnelRoutes(1450, 1450, 1500)),
    withRoutes('native routing has no tunnel routes to judge', agentLog('1.14.8', { 'routing-mode': 'native' }, 1500), tunnelRoutes(1500)),
    withRoutes('the device MTU is unknown', agentLog('1.14.8', vxlan, null), tunnelRoutes(1500)),
  ],
  invalid: [
    invalid(withRoutes('remote routes with the device MTU', agentLog('1.14.8', vxlan, 1500), tunnelRoutes(1500)), [
      {
        messageId: 'wrongMtu',
        severity: 'warning',
        lines: ['a.log:5', 'routes.txt:4', 'routes.txt:5'],
        node: 'tn-1',
        includes: ['Expected route MTU 1450 (device 1500 − vxlan 50)', '10.90.1.0/24 has mtu 1500, 10.90.2.0/24 has mtu 1500'],
      },
    ]),
    invalid(withRoutes('one route left from before an MTU change', agentLog('1.16.3', vxlan, 9001), tunnelRoutes(8951, 1450)), [
      { messageId: 'wrongMtu', severity: 'warning', lines: ['a.log:5', 'routes.txt:5'], includes: ['8951'] },
    ]),
    invalid(withRoutes('IPsec overhead not subtracted', agentLog('1.15.5', { ...vxlan, 'enable-ipsec': 'true' }, 1500), tunnelRoutes(1450)), [
      { messageId: 'wrongMtu', severity: 'warning', lines: ['a.log:6', 'routes.txt:4', 'routes.txt:5'], includes: ['1373', 'IPsec 77'] },
    ]),
    invalid(
      withRoutes('the device MTU from the cilium_host link', agentLog('1.14.8', vxlan, null), tunnelRoutes(1500), {
        inputs: { 'links.txt': ciliumHostLink },
        amend(state, paths) {
          const link = { node: 'tn-1', netns: 'host', name: 'cilium_host', ifindex: 4, mtu: 1500, mac: 'a2:11:4c:0e:9b:01', kind: 'veth', tunnel: null };
          state.links = [{ ...link, addresses: [], evidence: [{ source: paths['links.txt']!, line: 1 }] }];
        },
      }),
      [{ messageId: 'wrongMtu', severity: 'warning', lines: ['links.txt:1', 'routes.txt:4', 'routes.txt:5'] }],
    ),
  ],
});
