/**
 * What a pasted client command asks for: `curl -I 172.16.16.87:80`, `wget -qO- http://web.shop/`,
 * `nc -zv 10.96.0.10 53`, `ping 10.0.1.60` — the tool, the host it addresses (an address or a
 * name) and the port, usually run in a pod (`kubectl exec POD -- …`). The flows stage relates the
 * connections a capture shows from that pod to the service the user addressed.
 */

export interface ClientTarget {
  tool: 'curl' | 'wget' | 'nc' | 'telnet' | 'ping';
  /** An address or a name (`web`, `web.shop.svc.cluster.local`). */
  host: string;
  /** Null for ping, or when neither the URL nor the tool's default tells it. */
  port: number | null;
  proto: 'tcp' | 'udp' | 'icmp';
}

const DEFAULT_PORTS: Record<string, number> = { http: 80, https: 443 };
/** Options of each client that take a value (the value is not the target). */
const OPTIONS_WITH_VALUE: Record<ClientTarget['tool'], ReadonlySet<string>> = {
  curl: new Set([
    '-H', '--header', '-X', '--request', '-d', '--data', '--data-raw', '--data-binary', '-o', '--output', '-u', '--user', '-m',
    '--max-time', '--connect-timeout', '-w', '--write-out', '-x', '--proxy', '-A', '--user-agent', '-e', '--referer', '--resolve',
    '-b', '--cookie', '-c', '--cookie-jar', '-T', '--upload-file', '-F', '--form', '--cacert', '--cert', '--key', '-E', '--retry',
  ]),
  wget: new Set(['-O', '-o', '-T', '-t', '-U', '-P', '-w', '--header', '--timeout', '--tries', '--user-agent']),
  nc: new Set(['-p', '-s', '-w', '-i', '-q', '-W', '-x', '-X', '-I', '-O', '-T']),
  telnet: new Set(['-b', '-e', '-l', '-n']),
  ping: new Set(['-c', '-i', '-W', '-w', '-s', '-t', '-I', '-Q', '-p', '-l', '-M']),
};

/** The command after a `kubectl exec … --` or `docker exec … ` wrapper, split into words. */
function clientWords(command: string): string[] {
  const words = (command.split('|')[0]!.match(/"[^"]*"|'[^']*'|\S+/g) ?? []).map((w) => w.replace(/^(["'])(.*)\1$/, '$2'));
  const dashes = words.indexOf('--');
  return dashes >= 0 ? words.slice(dashes + 1) : words;
}

/** `http://web.shop:8080/path`, `172.16.16.87:80`, `[fd00::1]:80`, `web` → host and port. */
function hostAndPort(target: string): { host: string; port: number | null } | null {
  const url = /^(?:(https?):\/\/)?(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9_.-]+)(?::(\d{1,5}))?(?:[/?#].*)?$/.exec(target);
  if (!url) return null;
  const port = url[3] ? Number(url[3]) : url[1] ? DEFAULT_PORTS[url[1]]! : null;
  if (port !== null && (port < 1 || port > 65535)) return null;
  return { host: url[2]!.replace(/^\[|\]$/g, ''), port };
}

function positional(words: readonly string[], withValue: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (let i = 1; i < words.length; i++) {
    const w = words[i]!;
    if (w.startsWith('-')) {
      if (withValue.has(w)) i++;
      continue;
    }
    out.push(w);
  }
  return out;
}

/** The target of a client command, or null when the command is not one of the known clients. */
export function clientTarget(command: string): ClientTarget | null {
  const words = clientWords(command);
  const name = words[0]?.split('/').pop();
  const tool = name === 'ncat' ? 'nc' : name;
  if (tool !== 'curl' && tool !== 'wget' && tool !== 'nc' && tool !== 'telnet' && tool !== 'ping') return null;
  const args = positional(words, OPTIONS_WITH_VALUE[tool]);
  if (tool === 'curl' || tool === 'wget') {
    const url = args.map(hostAndPort).find((t) => t !== null);
    return url ? { tool, host: url.host, port: url.port ?? 80, proto: 'tcp' } : null;
  }
  if (tool === 'ping') {
    const host = args[0];
    return host ? { tool, host, port: null, proto: 'icmp' } : null;
  }
  const [host, port] = args;
  if (!host || !port || !/^\d{1,5}$/.test(port) || Number(port) > 65535) return null;
  return { tool, host, port: Number(port), proto: tool === 'nc' && words.includes('-u') ? 'udp' : 'tcp' };
}
