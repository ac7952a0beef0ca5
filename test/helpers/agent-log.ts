/**
 * Composes agent log lines (logfmt, as agents up to 1.16 print them) for rule tests: the start-up
 * banner, the flag dump, the node name and arbitrary messages.
 */

/** Go release each Cilium minor was built with (the banner prints it). */
const GO_OF_MINOR: Readonly<Record<number, string>> = {
  9: 'go1.15.15', 10: 'go1.16.15', 11: 'go1.17.13', 12: 'go1.18.10', 13: 'go1.19.8', 14: 'go1.20.14',
  15: 'go1.21.9', 16: 'go1.22.10', 17: 'go1.23.7', 18: 'go1.24.4',
};

/** `Cilium 1.13.4 6a7e5c1 2023-06-02T10:41:17+00:00 go version go1.19.8 linux/amd64`. */
export function banner(version: string): string {
  const minor = Number(version.split('.')[1]);
  return `level=info msg="Cilium ${version} 6a7e5c1 2023-06-02T10:41:17+00:00 go version ${GO_OF_MINOR[minor] ?? 'go1.22.10'} linux/amd64" subsys=daemon`;
}

/** A flag-dump line: `  --name='value'`. */
export function flagLine(name: string, value: string): string {
  return `level=info msg="  --${name}='${value}'" subsys=daemon`;
}

/** The flag dump of `flags`, in order. */
export function flagDump(flags: Readonly<Record<string, string>>): string[] {
  return Object.entries(flags).map(([name, value]) => flagLine(name, value));
}

export function nodeNameLine(node: string): string {
  return `level=info msg="Retrieved node information from kubernetes node" nodeName=${node} subsys=k8s`;
}

/** A log line at `level` with the message and extra logfmt fields (`key="value"` pairs as given). */
export function logLine(level: string, msg: string, fields = ''): string {
  return `level=${level} msg="${msg.replace(/"/g, '\\"')}"${fields ? ` ${fields}` : ''} subsys=daemon`;
}
