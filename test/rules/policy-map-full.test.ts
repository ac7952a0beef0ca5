import { rule } from '../../src/rules/catalog/policy-map-full.js';
import { banner, flagDump, nodeName } from '../helpers/agent-lines.js';
import { lines, ruleTester } from '../helpers/rule-tester.js';

/** A policy map update failure as 1.7–1.16 log it, for endpoint `ep`. */
const addFailed = (ep: number, error: string) =>
  `level=error msg="Failed to add PolicyMap key" bpfMapKey="{41207 0 0 0}" containerID=9c1e0f3a2b datapathPolicyRevision=0 desiredPolicyRevision=7 endpointID=${ep} error="${error}" identity=30118 ipv4=10.12.3.44 ipv6= k8sPodName=batch/report-7d9f8c-2xkqp port=0 subsys=endpoint`;

const e2big = (ep: number) => `Unable to update element for cilium_policy_0${ep} map with file descriptor 211: the map is full, please consider resizing it. argument list too long`;

const agentLog = (...more: string[]) => lines(banner('1.13.9'), ...flagDump({ 'bpf-policy-map-max': '16384' }), nodeName('pm-4'), ...more);

ruleTester(rule, {
  valid: [
    { name: 'no policy map errors', inputs: { 'a.log': agentLog() } },
    {
      name: 'a regeneration failing on syncPolicyMap without a full map',
      inputs: { 'a.log': agentLog('level=error msg="endpoint regeneration failed" containerID=51d0e2aa93 endpointID=118 error="syncPolicyMap failed" identity=5120 subsys=endpoint') },
    },
    { name: 'ENOSPC of another map', inputs: { 'a.log': agentLog('level=error msg="Unable to write state" error="write /var/run/cilium/state/ep.h: no space left on device" subsys=endpoint') } },
    { name: 'an update that failed for another reason', inputs: { 'a.log': agentLog(addFailed(1733, 'Unable to update element for cilium_policy_01733 map with file descriptor 211: operation not permitted')) } },
    {
      name: 'a full map of another kind (service backends)',
      inputs: {
        'a.log': agentLog(
          'level=error msg="Error adding service" error="Unable to update element for cilium_lb4_backends_v2 map with file descriptor 15: the map is full, please consider resizing it. argument list too long" subsys=service',
        ),
      },
    },
  ],
  invalid: [
    {
      name: '1.16 LPM policy map: ENOSPC, and the regeneration it failed (not another endpoint\'s)',
      inputs: {
        'a.log': agentLog(
          addFailed(3391, 'Unable to update element for cilium_policy_03391 map with file descriptor 77: no space left on device'),
          'level=error msg="endpoint regeneration failed" containerID=a8e41c22d7 endpointID=3391 error="syncPolicyMap failed" identity=41022 subsys=endpoint',
          'level=error msg="endpoint regeneration failed" containerID=51d0e2aa93 endpointID=118 error="syncPolicyMap failed" identity=5120 subsys=endpoint',
        ),
      },
      findings: [{ messageId: 'full', severity: 'error', lines: ['a.log:2', 'a.log:4', 'a.log:5'], includes: ['1 update', '1 endpoint: 3391'] }],
    },
    {
      name: 'E2BIG for two endpoints',
      inputs: { 'a.log': agentLog(addFailed(1733, e2big(1733)), addFailed(1733, e2big(1733)), addFailed(2410, e2big(2410))) },
      findings: [{ messageId: 'full', severity: 'error', lines: ['a.log:2', 'a.log:4', 'a.log:5', 'a.log:6'], node: 'pm-4', includes: ['3 updates', '2 endpoints: 1733, 2410', 'now 16384'] }],
    },
    {
      name: 'the ≤1.5 wording: key in the message, map not named',
      inputs: {
        'a.log': lines(
          'level=error msg="Failed to add PolicyMap key Egress: 95078 0" containerID= datapathPolicyRevision=0 desiredPolicyRevision=812 endpointID=3411 error="Unable to update element for map with file descriptor 82: argument list too long" identity=4 subsys=endpoint',
        ),
      },
      findings: [{ messageId: 'full', severity: 'error', lines: ['a.log:1'], includes: ['1 update', 'endpoint: 3411'] }],
    },
    {
      name: '1.17+: the max entries limit of a regeneration and the lockdown warning',
      inputs: {
        'a.log': lines(
          'time=2025-09-18T07:41:12Z level=warn msg="The policy map exceeds the max entries limit, enable-endpoint-lockdown-on-policy-overflow is enabled, locking the endpoint down." subsys=endpoint endpointID=522',
          'time=2025-09-18T07:41:12Z level=warn msg="Regeneration of endpoint failed" subsys=endpoint endpointID=522 error="policy map max entries limit exceeded"',
        ),
      },
      findings: [{ messageId: 'full', severity: 'error', lines: ['a.log:1', 'a.log:2'], includes: ['endpoint: 522'] }],
    },
  ],
});
