/**
 * CFG-16 reads `ip route` dumps. No grammar fills `state.routes` yet, so each case writes the dump
 * as an input (evidence cites its lines) and puts the same routes into the state (`routeDump`).
 */
import { rule } from '../../src/rules/catalog/native-no-route-to-podcidr.js';
import { banner, flagDump, nodeName } from '../helpers/agent-lines.js';
import { routeDump, type RouteSpec } from '../helpers/routes.js';
import { lines, ruleTester, type InvalidCase, type RuleCase } from '../helpers/rule-tester.js';

/** A 1.15.3 agent on node `rk-1`; flags from line 2 (routing mode, direct routes, IPAM). */
const agentLog = (flags: Record<string, string> = {}) =>
  lines(
    banner('1.15.3'),
    ...flagDump({ 'routing-mode': 'native', 'auto-direct-node-routes': 'false', ipam: 'cluster-pool', 'ipv4-native-routing-cidr': '10.80.0.0/16', ...flags }),
    nodeName('rk-1'),
  );

/** `cilium node list`: rk-1 on line 2, rk-2 on 3, rk-3 on 4. */
const nodes = lines(
  'Name   IPv4 Address   Endpoint CIDR   IPv6 Address   Endpoint CIDR   Source',
  'rk-1   172.31.8.11    10.80.0.0/24                                  local',
  'rk-2   172.31.8.12    10.80.1.0/24                                  custom-resource',
  'rk-3   172.31.8.13    10.80.2.0/24                                  custom-resource',
);

const gateway: RouteSpec = { dst: 'default', via: '172.31.0.1', dev: 'ens5', proto: 'dhcp', src: '172.31.8.11' };
const local: RouteSpec = { dst: '10.80.0.0/24', via: '10.80.0.77', dev: 'cilium_host', proto: 'kernel', src: '10.80.0.77' };
const toRk2: RouteSpec = { dst: '10.80.1.0/24', via: '172.31.8.12', dev: 'ens5', proto: 'bird' };
const toRk3: RouteSpec = { dst: '10.80.2.0/24', via: '172.31.8.13', dev: 'ens5', proto: 'bird' };

/** A case of the agent, the node list and rk-1's routes. */
function withRoutes(name: string, routes: RouteSpec[], flags: Record<string, string> = {}): RuleCase {
  const dump = routeDump('routes.txt', 'rk-1', routes);
  return { name, inputs: { 'a.log': agentLog(flags), 'nodes.txt': nodes, 'routes.txt': dump.text }, amend: dump.amend };
}

const invalid = (c: RuleCase, findings: InvalidCase['findings']): InvalidCase => ({ ...c, findings });

ruleTester(rule, {
  valid: [
    withRoutes('a route to every remote PodCIDR', [gateway, local, toRk2, toRk3]),
    withRoutes('one aggregate route covers them all', [gateway, local, { dst: '10.80.0.0/16', via: '172.31.0.254', dev: 'ens5', proto: 'static' }]),
    withRoutes('auto-direct-node-routes installs them', [gateway, local], { 'auto-direct-node-routes': 'true' }),
    withRoutes('tunnel routing needs no PodCIDR routes', [gateway, local], { 'routing-mode': 'tunnel' }),
    withRoutes('cloud IPAM: pod addresses are routed by the cloud', [gateway], { ipam: 'eni' }),
    { name: 'no route dump', inputs: { 'a.log': agentLog(), 'nodes.txt': nodes } },
  ],
  invalid: [
    invalid(withRoutes('one remote PodCIDR only via the default route', [gateway, local, toRk2]), [
      {
        messageId: 'viaDefault',
        severity: 'warning',
        lines: ['a.log:2', 'a.log:3', 'nodes.txt:4', 'routes.txt:2'],
        node: 'rk-1',
        includes: ['10.80.2.0/24 (rk-3) has none', 'via 172.31.0.1'],
      },
    ]),
    invalid(
      withRoutes('a route to half of a PodCIDR does not cover it', [gateway, local, toRk2, { dst: '10.80.2.0/25', via: '172.31.8.13', dev: 'ens5' }]),
      [{ messageId: 'viaDefault', severity: 'warning', lines: ['a.log:2', 'a.log:3', 'nodes.txt:4', 'routes.txt:2'] }],
    ),
    invalid(withRoutes('no default route either', [local]), [
      { messageId: 'noRoute', severity: 'warning', lines: ['a.log:2', 'a.log:3', 'nodes.txt:3', 'nodes.txt:4', 'routes.txt:2'], includes: ['10.80.1.0/24 (rk-2), 10.80.2.0/24 (rk-3) have none'] },
    ]),
  ],
});
