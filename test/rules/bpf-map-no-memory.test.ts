import { rule } from '../../src/rules/catalog/bpf-map-no-memory.js';
import { lines, ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'ENOMEM of an XFRM state is not a map',
      inputs: { 'agent.log': lines('level=error msg="Unable to add IPsec state" error="netlink: cannot allocate memory" subsys=ipsec') },
    },
    {
      name: 'a map that was created',
      inputs: { 'agent.log': lines('level=info msg="Detected mounted BPF filesystem at /sys/fs/bpf" subsys=bpf', 'level=info msg="Daemon initialization completed" subsys=daemon') },
    },
    {
      name: 'a map full is not out of memory',
      inputs: { 'agent.log': lines('level=warning msg="unable to update bpf map" error="update map cilium_ipcache: update: argument list too long" subsys=datapath-ipcache') },
    },
  ],
  invalid: [
    {
      name: '1.12: creating a map fails at start-up, the agent exits',
      inputs: {
        'agent.log': lines(
          'level=error msg="error while opening/creating BPF maps" error="Unable to create map /sys/fs/bpf/tc/globals/cilium_lb4_reverse_sk: cannot allocate memory" subsys=daemon',
          'level=fatal msg="Error while creating daemon" error="error while opening/creating BPF maps: Unable to create map /sys/fs/bpf/tc/globals/cilium_lb4_reverse_sk: cannot allocate memory" subsys=daemon',
        ),
      },
      findings: [{ messageId: 'startup', severity: 'critical', lines: ['agent.log:1', 'agent.log:2'], includes: ['could not create the map cilium_lb4_reverse_sk'] }],
    },
    {
      name: '1.15 hive: the conntrack map',
      inputs: {
        'agent.log': lines(
          'level=fatal msg="failed to start: daemon creation failed: error while opening/creating BPF maps: initializing conntrack map cilium_ct_any4_global: creating map: map create: cannot allocate memory (without BTF k/v)" subsys=daemon',
        ),
      },
      findings: [{ messageId: 'startup', severity: 'critical', lines: ['agent.log:1'], includes: ['the map cilium_ct_any4_global'] }],
    },
    {
      name: '1.14 at run time: ipcache updates refused',
      inputs: {
        'agent.log': lines(
          'level=warning msg="unable to update bpf map" error="Unable to update element for cilium_ipcache map with file descriptor 17: cannot allocate memory" key=10.60.2.9/32 modification=Upsert subsys=datapath-ipcache',
          'level=warning msg="unable to update bpf map" error="Unable to update element for cilium_ipcache map with file descriptor 17: cannot allocate memory" key=10.60.7.31/32 modification=Upsert subsys=datapath-ipcache',
        ),
      },
      findings: [{ messageId: 'update', severity: 'error', lines: ['agent.log:1', 'agent.log:2'], includes: ['2 map operations refused', 'cilium_ipcache'] }],
    },
    {
      name: '1.19 slog at run time',
      inputs: {
        'agent.log': lines(
          'time=2026-03-11T17:44:23.314944282Z level=warn msg="unable to update bpf map" module=agent.datapath.ipcache-bpf-listener modification=Upsert error="update map cilium_ipcache_v2: update: cannot allocate memory" key=10.60.2.9/32',
        ),
      },
      findings: [{ messageId: 'update', severity: 'error', lines: ['agent.log:1'], includes: ['cilium_ipcache_v2'] }],
    },
  ],
});
