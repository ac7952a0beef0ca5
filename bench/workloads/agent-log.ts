import { pick, prng, type Workload } from '../workload.js';

const PODS = ['default/web-7d9f8c6b5-x2kqp', 'shop/cart-6b8f5d7c9-lq2zd', 'kube-system/coredns-5d78c9869d-7mxqz', 'monitoring/node-exporter-9mq7s'];

/** A 1.14-style agent log: start-up flag dump, endpoint churn, GC, warnings and a few errors. */
export const workload: Workload = {
  name: 'agent-log',
  unit: 'lines',
  defaultLines: 1_000_000,
  caseQuery: {
    sql: 'select level, count(*) from log_events group by level',
    lnav: ';SELECT log_level, count(*) FROM cilium_log GROUP BY log_level',
  },
  *generate(lines) {
    const rand = prng(14);
    const ip = () => `10.0.${Math.floor(rand() * 4)}.${1 + Math.floor(rand() * 250)}`;
    const hex = (n: number) => Array.from({ length: n }, () => Math.floor(rand() * 16).toString(16)).join('');
    let t = Date.UTC(2024, 2, 11, 8, 40, 17);
    for (let i = 0; i < lines; i++) {
      t += Math.floor(rand() * 40);
      const ts = new Date(t).toISOString().replace(/\.(\d{3})Z$/, (_, ms: string) => `.${ms}${String(i % 1e6).padStart(6, '0')}Z`);
      const ep = 100 + Math.floor(rand() * 3900);
      const pod = pick(rand, PODS);
      const epFields = `ciliumEndpointName=${pod} containerID=${hex(10)} containerInterface=eth0 datapathPolicyRevision=${Math.floor(rand() * 9)} desiredPolicyRevision=${Math.floor(rand() * 9)} endpointID=${ep}`;
      const r = rand();
      let app: string;
      if (i < 300) app = `level=info msg="  --flag-${String(i).padStart(3, '0')}='${hex(6)}'" subsys=daemon`;
      else if (r < 0.25) app = `level=info msg="Rewrote endpoint BPF program" ${epFields} identity=${256 + Math.floor(rand() * 60000)} ipv4=${ip()} ipv6= k8sPodName=${pod} subsys=endpoint`;
      else if (r < 0.4) app = `level=info msg="Conntrack garbage collector interval recalculated" deleteRatio=0.${hex(8).replace(/[a-f]/g, '7')} newInterval=${Math.floor(rand() * 12)}m${Math.floor(rand() * 60)}s subsys=map-ct`;
      else if (r < 0.55) app = `level=info msg="Node updated" clusterName=default nodeName=k8s-worker-${String(Math.floor(rand() * 40)).padStart(2, '0')} subsys=nodemanager`;
      else if (r < 0.65) app = `level=info msg="Create endpoint request" addressing="&{${ip()} ${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)} default   }" containerID=${hex(64)} datapathConfiguration="&{false false false false false <nil>}" interface=lxc${hex(12)} k8sPodName=${pod} labels="[]" subsys=daemon sync-build=true`;
      else if (r < 0.75) app = `level=info msg="Identity of endpoint changed" ${epFields} identity=${256 + Math.floor(rand() * 60000)} identityLabels="k8s:app=web,k8s:io.kubernetes.pod.namespace=default" ipv4=${ip()} ipv6= k8sPodName=${pod} oldIdentity="no identity" subsys=endpoint`;
      else if (r < 0.85) app = `level=info msg="Start hook executed" duration="${(rand() * 900).toFixed(3)}µs" function="*resource.resource[*v1.Node].Start" subsys=hive`;
      else if (r < 0.93) app = `level=warning msg="Unable to fetch kubernetes labels" ${epFields} error="pod.core \\"${pod.split('/')[1]}\\" not found" ipv4=${ip()} ipv6= k8sPodName=${pod} subsys=resolve-labels`;
      else if (r < 0.98) app = `level=debug msg="Controller func execution time: ${(rand() * 9).toFixed(3)}µs" name=endpoint-gc subsys=controller uuid=${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`;
      else app = `level=error msg="Error while rewriting endpoint BPF program" ${epFields} error="attaching program cil_from_container: file exists" ipv4=${ip()} ipv6= k8sPodName=${pod} subsys=endpoint`;
      yield `${ts} ${app}`;
    }
  },
};
