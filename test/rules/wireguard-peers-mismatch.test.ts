import { rule } from '../../src/rules/catalog/wireguard-peers-mismatch.js';
import { lines, ruleTester } from '../helpers/rule-tester.js';

const KEY = 'Pubkey: r2QvJ8nL1cT0bW5mXyZ4aS9dF3gH6jK7lP0oI2uE1wM=';

/** A 1.15 `cilium-dbg status` with the given encryption line and cluster health summary. */
const status = (encryption: string, health = '4/4 reachable   (2024-07-15T03:30:00Z)') =>
  lines(
    'KVStore:                 Ok   Disabled',
    'Cilium:                  Ok   1.15.7 (v1.15.7-4b2e0a9c)',
    `Encryption:              ${encryption}`,
    `Cluster health:          ${health}`,
  );

ruleTester(rule, {
  valid: [
    { name: 'every other node is a peer', inputs: { 'status.txt': status(`Wireguard   [NodeEncryption: Disabled, cilium_wg0 (${KEY}, Port: 51871, Peers: 3)]`) } },
    { name: 'a one-node cluster has no peers', inputs: { 'status.txt': status(`Wireguard   [NodeEncryption: Enabled, cilium_wg0 (${KEY}, Port: 51871, Peers: 0)]`, '1/1 reachable   (2024-07-15T03:30:00Z)') } },
    {
      name: '1.9 prints no Encryption line',
      inputs: { 'status.txt': lines('Cilium:             Ok   OK', 'Cluster health:     4/4 reachable   (2021-09-30T08:00:00Z)') },
    },
    { name: 'IPsec has no peers to count', inputs: { 'status.txt': status('IPsec   ') } },
    { name: 'encryption disabled', inputs: { 'status.txt': status('Disabled   ') } },
    { name: 'without cluster health the cluster size is unknown', inputs: { 'status.txt': lines('Cilium:                  Ok   1.15.7 (v1.15.7-4b2e0a9c)', `Encryption:              Wireguard   [NodeEncryption: Disabled, cilium_wg0 (${KEY}, Port: 51871, Peers: 1)]`) } },
    { name: 'probing disabled: the cluster size is unknown', inputs: { 'status.txt': status(`Wireguard   [NodeEncryption: Disabled, cilium_wg0 (${KEY}, Port: 51871, Peers: 1)]`, 'Probe disabled') } },
  ],
  invalid: [
    {
      name: 'fewer peers than other nodes, on the node of the localhost row',
      inputs: {
        'status.txt':
          status(`Wireguard   [NodeEncryption: Disabled, cilium_wg0 (${KEY}, Port: 51871, Peers: 1)]`) +
          lines('  Name                  IP          Node        Endpoints', '  wg-a-1 (localhost)    10.70.0.1   reachable   reachable'),
      },
      findings: [
        {
          messageId: 'mismatch',
          severity: 'warning',
          lines: ['status.txt:3', 'status.txt:4'],
          node: 'wg-a-1',
          includes: ['Expected 3 WireGuard peers on cilium_wg0 (4 nodes in cluster health); status reports 1.'],
        },
      ],
    },
    {
      name: 'more peers than other nodes (a removed node kept its key)',
      inputs: { 'status.txt': status(`Wireguard   [NodeEncryption: Disabled, cilium_wg0 (${KEY}, Port: 51871, Peers: 4)]`) },
      findings: [{ messageId: 'mismatch', severity: 'warning', lines: ['status.txt:3', 'status.txt:4'], includes: ['Expected 3 WireGuard peers', 'status reports 4.'] }],
    },
    {
      name: '1.13 layout without NodeEncryption',
      inputs: {
        'status.txt': lines(
          'Cilium:                 Ok   1.13.12 (v1.13.12-4e1b7a3c)',
          `Encryption:             Wireguard   [cilium_wg0 (${KEY}, Port: 51871, Peers: 5)]`,
          'Cluster health:         5/8 reachable   (2023-09-02T12:00:00Z)',
        ),
      },
      findings: [{ messageId: 'mismatch', severity: 'warning', lines: ['status.txt:2', 'status.txt:3'], includes: ['Expected 7 WireGuard peers on cilium_wg0 (8 nodes'] }],
    },
  ],
});
