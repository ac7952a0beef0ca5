import { describe, expect, it } from 'vitest';
import { mapHelmValue } from '../../src/knowledge/helm-values.js';
import { isConfigKey } from '../../src/knowledge/config-keys.js';
import { Sniffer } from '../../src/sniff/index.js';

describe('Helm values to agent flags', () => {
  it.each([
    ['kubeProxyReplacement', 'strict', 10, 'kube-proxy-replacement', 'strict'],
    ['bpf.masquerade', 'true', 16, 'enable-bpf-masquerade', 'true'],
    ['nativeRoutingCIDR', '10.0.0.0/8', 10, 'native-routing-cidr', '10.0.0.0/8'],
    ['ipv4NativeRoutingCIDR', '10.0.0.0/8', 14, 'ipv4-native-routing-cidr', '10.0.0.0/8'],
    ['hostServices.enabled', 'true', 11, 'enable-host-reachable-services', 'true'],
    ['hostServices.enabled', 'true', 12, 'bpf-lb-sock', 'true'],
    ['socketLB.enabled', 'false', null, 'bpf-lb-sock', 'false'],
    ['policyEnforcementMode', 'Always', 15, 'enable-policy', 'always'],
    ['devices', '{eth0,bond0}', 13, 'devices', 'eth0 bond0'],
    ['bpf.monitorAggregation', 'none', 10, 'monitor-aggregation', 'none'],
    ['cni.chainingMode', 'aws-cni', 15, 'cni-chaining-mode', 'aws-cni'],
  ] as const)('%s=%s (chart 1.%s) → %s=%s', (key, value, minor, flag, rendered) => {
    expect(mapHelmValue(key, value, minor)).toEqual({ flag, value: rendered, env: null });
  });

  it('encryption.enabled renders the flag of encryption.type (ipsec by default)', () => {
    expect(mapHelmValue('encryption.enabled', 'true', 15, new Map([['encryption.type', 'wireguard']])).flag).toBe('enable-wireguard');
    expect(mapHelmValue('encryption.enabled', 'true', 15).flag).toBe('enable-ipsec');
    expect(mapHelmValue('encryption.enabled', 'false', 15).flag).toBeNull();
  });

  it('values the chart puts elsewhere or does not know map to no flag', () => {
    expect(mapHelmValue('k8sServiceHost', '10.0.0.1', 14)).toEqual({ flag: null, value: '10.0.0.1', env: 'KUBERNETES_SERVICE_HOST' });
    expect(mapHelmValue('hubble.ui.enabled', 'true', 14).flag).toBeNull();
  });

  it('every flag the table renders is a known ConfigMap key', () => {
    expect(isConfigKey('enable-bpf-masquerade') && isConfigKey('debug-verbose') && isConfigKey('tunnel')).toBe(true);
    expect(isConfigKey('Native-Routing')).toBe(false);
  });
});

describe('a ConfigMap pasted among prose (sniffing heuristics)', () => {
  const classify = (...lines: string[]) => {
    const sniffer = new Sniffer();
    return lines.map((l) => sniffer.classify(l));
  };

  it.each([
    ['enable-bpf-masquerade: "true" # 开启', 'kubernetes'],
    ["  kube-proxy-replacement: 'strict'", 'kubernetes'],
    ['tunnel: disabled', 'kubernetes'],
    ['routing-mode                                      native', 'kubernetes'],
    ['tunnel: disabled: Enable native routing mode.', 'prose'],
    ['Note: restart the agents afterwards.', 'prose'],
  ])('%s → %s', (line, format) => {
    expect(classify(line)[0]).toBe(format);
  });

  it('an unknown key is read only after a known one', () => {
    expect(classify('hubble-export-file-max-backups: "5"')).toEqual([null]);
    expect(classify('debug: "true"', 'hubble-export-file-max-backups: "5"')).toEqual(['kubernetes', 'kubernetes']);
  });
});
