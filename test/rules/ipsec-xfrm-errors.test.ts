import { rule } from '../../src/rules/catalog/ipsec-xfrm-errors.js';
import { lines, ruleTester } from '../helpers/rule-tester.js';

/** `cilium-dbg encrypt status` of an IPsec node (1.14 → layout) with the given error lines. */
const ipsec = (errors: number, ...counters: string[]) =>
  lines(
    '$ kubectl -n kube-system exec cilium-r4t8v -- cilium-dbg encrypt status',
    'Encryption: IPsec                     ',
    'Decryption interface(s): ens5',
    'Keys in use: 1                         ',
    'Max Seq. Number: 0x51c/0xffffffff',
    `Errors: ${errors}                         `,
    ...counters.map((c) => `\t${c}                         `),
  );

ruleTester(rule, {
  valid: [
    { name: 'no errors', inputs: { 'encrypt.txt': ipsec(0) } },
    { name: 'only forwarded-header errors (not an IPsec fault)', inputs: { 'encrypt.txt': ipsec(3, 'XfrmFwdHdrError: 3') } },
    {
      name: 'WireGuard has no XFRM counters',
      inputs: { 'encrypt.txt': lines('# cilium encrypt status', 'Encryption: Wireguard', 'Interface: cilium_wg0', '\tPublic key: Yk1d3sZ0qP8mN2bV6cX4zL7aQ9wE5rT1uI0oP3sD2fG=', '\tNumber of peers: 3') },
    },
    {
      name: 'the Encryption line of cilium status is no encrypt status',
      inputs: { 'status.txt': lines('KVStore:                 Ok   Disabled', 'Cilium:                  Ok   1.15.7 (v1.15.7-4b2e0a9c)', 'Encryption:              IPsec') },
    },
  ],
  invalid: [
    {
      name: 'inbound state errors on one node, cited with the counts',
      inputs: { 'encrypt.txt': ipsec(120, 'XfrmInStateProtoError: 118', 'XfrmInNoStates: 2') },
      findings: [
        {
          messageId: 'errors',
          severity: 'error',
          lines: ['encrypt.txt:2', 'encrypt.txt:4', 'encrypt.txt:6', 'encrypt.txt:7', 'encrypt.txt:8'],
          includes: ['cilium-r4t8v: `cilium encrypt status` counts 120 XFRM errors (XfrmInStateProtoError 118, XfrmInNoStates 2)', 'without incrementing the SPI'],
        },
      ],
    },
    {
      name: '1.11 layout: no space after the colon, counters without one',
      inputs: {
        'encrypt.txt': lines('root@n2:/home/cilium# cilium encrypt status', 'Encryption:ipsec', 'Keys in use:2', 'Max Seq. Number: 0xffffffff/0xffffffff', 'Errors:7', '\tXfrmOutStateSeqError 7'),
      },
      findings: [{ messageId: 'errors', severity: 'error', lines: ['encrypt.txt:2', 'encrypt.txt:3', 'encrypt.txt:5', 'encrypt.txt:6'], includes: ['XfrmOutStateSeqError 7', 'rotate keys regularly'] }],
    },
    {
      name: 'a counter this analyzer does not describe is still reported',
      inputs: { 'encrypt.txt': ipsec(4, 'XfrmInFooError: 4') },
      findings: [{ messageId: 'errors', severity: 'error', lines: ['encrypt.txt:2', 'encrypt.txt:4', 'encrypt.txt:6', 'encrypt.txt:7'], includes: ['XfrmInFooError 4', 'a kernel XFRM error counter'] }],
    },
  ],
});
