/**
 * Pastes as people make them: prompts of zsh themes, powerline and other shells (also in markdown),
 * a log record in the middle of a sentence, agent log lines inside monitor output, Ctrl-C, elided
 * and redacted parts, kubectl's notices, rows whose header `| grep` left out, tables with columns
 * cut out, re-aligned by hand or with their spacing collapsed, and trailing spaces. Every line is
 * read for what it holds; what is not Cilium's is unparsed with a reason naming its command.
 */
import { describe, expect, it } from 'vitest';
import { fixture } from '../helpers/analyze.js';
import { loadFiles, loadText, unparsed } from '../status/helpers.js';

type Db = Awaited<ReturnType<typeof loadFiles>>;

function all<T>(db: Db, sql: string): T[] {
  return db.prepare(sql).all() as T[];
}

function formats(db: Db): Record<string, number> {
  return Object.fromEntries(all<{ format: string; lines: number }>(db, 'SELECT format, lines FROM source_formats').map((r) => [r.format, r.lines]));
}

describe('shell prompts as pasted', () => {
  it('reads the command behind every prompt shape, and the output each command announces', async () => {
    const db = await loadFiles(fixture('pastes', 'prompts.txt'));
    expect(unparsed(db)).toEqual([]);
    const commands = all<{ line: number; command: string; host: string | null; pod: string | null }>(
      db,
      'SELECT line, command, host, pod FROM shell_commands ORDER BY line',
    );
    expect(commands).toEqual([
      { line: 1, command: 'kubectl -n kube-system get pods -l k8s-app=cilium -o wide', host: null, pod: null },
      // oh-my-zsh whose `➜` was lost: the directory is not the command.
      { line: 2, command: 'kubectl -n kube-system exec -it cilium-p4n8w -- cilium-dbg status --brief', host: null, pod: 'cilium-p4n8w' },
      { line: 4, command: 'kubectl -n kube-system logs cilium-p4n8w -c cilium-agent --tail 1', host: null, pod: 'cilium-p4n8w' },
      { line: 6, command: 'kubectl -n kube-system exec cilium-p4n8w -- cilium-dbg version', host: null, pod: 'cilium-p4n8w' },
      { line: 8, command: 'kubectl -n kube-system exec ds/cilium -- cilium-dbg status --brief', host: null, pod: null },
      { line: 10, command: 'kubectl get nodes --no-headers', host: null, pod: null },
      { line: 12, command: 'cilium-health status --probe', host: null, pod: null },
      { line: 14, command: 'kubectl -n kube-system get svc hubble-relay', host: null, pod: null },
      { line: 15, command: 'hubble observe --last 1 -o compact', host: 'laptop', pod: null },
      { line: 16, command: 'cilium-dbg status --brief', host: null, pod: null },
      { line: 17, command: 'cilium-dbg bpf tunnel list', host: null, pod: null },
    ]);
    // `OK` and the failing controller are the brief status of the agents the commands ran in.
    expect(all(db, "SELECT f.line, f.value, f.agent FROM status_fields f WHERE f.label = 'Brief' ORDER BY f.line")).toEqual([
      { line: 3, value: 'OK', agent: 'cilium-p4n8w' },
      { line: 9, value: 'error in controller sync-to-k8s-ciliumendpoint (1411): context deadline exceeded', agent: expect.stringMatching(/^source:/) },
    ]);
    // `--no-headers`: the row is read with the columns kubectl prints.
    expect(all(db, 'SELECT name, status, kubelet_version FROM kube_nodes')).toEqual([{ name: 'edge-w1', status: 'Ready', kubelet_version: 'v1.29.2' }]);
    // A sentence that names a command is prose, not a prompt.
    expect(formats(db)['prose']).toBe(1);
  });
});

describe('a terminal session pasted into a ticket', () => {
  it('reads every part, the response of a curl run in a pod too', async () => {
    const db = await loadFiles(fixture('pastes', 'session.txt'));
    expect(unparsed(db)).toEqual([]);
    expect(all(db, 'SELECT line, pod, status, reason FROM http_responses')).toEqual([{ line: 26, pod: 'netshoot', status: 503, reason: 'Service Unavailable' }]);
    // The log record inside the sentence, with the rest of the sentence kept apart.
    expect(all(db, 'SELECT line, segment, level, msg, trailing FROM log_events WHERE line = 3')).toEqual([
      { line: 3, segment: 1, level: 'warning', msg: 'Unable to restore endpoint, ignoring', trailing: 'and then it goes on.' },
    ]);
    // Agent log lines between monitor events, a banner with trailing spaces, elided and redacted parts.
    expect(all(db, 'SELECT line, level FROM log_events WHERE line > 3 ORDER BY line')).toEqual([
      { line: 10, level: 'info' },
      { line: 12, level: 'warning' },
    ]);
    expect(all(db, 'SELECT line, type FROM monitor_lines ORDER BY line')).toEqual([
      { line: 8, type: 'banner' },
      { line: 9, type: 'banner' },
      { line: 16, type: 'interrupt' },
      { line: 17, type: 'interrupt' },
    ]);
    expect(all(db, 'SELECT line, type, src_ip, src_port, dst_ip, dst_port FROM monitor_events ORDER BY line')).toEqual([
      { line: 11, type: 'trace', src_ip: '10.52.1.40', src_port: 39810, dst_ip: null, dst_port: 443 },
      { line: 13, type: 'drop', src_ip: null, src_port: 51500, dst_ip: '10.52.2.77', dst_port: 8080 },
      { line: 15, type: 'drop', src_ip: null, src_port: 51502, dst_ip: '10.52.2.77', dst_port: 8080 },
    ]);
    expect(formats(db)['elision']).toBe(2);
    expect(all(db, "SELECT line FROM raw_lines WHERE category = 'kubectl-notice' ORDER BY line")).toEqual([{ line: 7 }, { line: 18 }]);
    // The rows `| grep` kept, one with its address hidden.
    expect(all(db, 'SELECT name, ips, node, restarts FROM kube_pods ORDER BY line')).toEqual([
      { name: 'cilium-k3v9s', ips: '["10.0.12.21"]', node: 'worker-1', restarts: 0 },
      { name: 'cilium-w8d2m', ips: '[]', node: 'worker-2', restarts: 3 },
    ]);
  });

  it('names the command whose output it cannot read', async () => {
    const db = await loadText('ps.txt', [
      '$ docker ps | grep shop',
      '3f1c2a9b7d10   registry.example/shop:2.1   "/app"   3 hours ago   Up 3 hours   k8s_shop_shop-7c9d4_default_0',
    ].join('\n') + '\n');
    expect(unparsed(db).map((u) => [u.line, u.reason])).toEqual([
      [2, 'unrecognised: output of `docker ps | grep shop` in no format this analyzer reads'],
    ]);
  });
});

describe('tables as pasted', () => {
  it('reads a kubectl table with columns cut out, a status whose spacing collapsed and a hand-aligned node list', async () => {
    const db = await loadFiles(fixture('pastes', 'tables.txt'));
    expect(unparsed(db)).toEqual([]);
    expect(all(db, 'SELECT name, phase, ips, node FROM kube_pods ORDER BY line')).toEqual([
      { name: 'cilium-9zt4c', phase: 'Running', ips: '["10.20.0.11"]', node: 'dc1-node-a' },
      { name: 'cilium-fq2lx', phase: 'CrashLoopBackOff', ips: '["10.20.0.12"]', node: 'dc1-node-b' },
    ]);
    const kpr = all<{ detail: string }>(db, "SELECT detail FROM status_fields WHERE label = 'KubeProxyReplacement'")[0]!;
    expect(JSON.parse(kpr.detail)).toEqual({
      type: 'kpr',
      mode: 'True',
      devices: [{ name: 'eth0', ips: ['10.20.0.12', 'fe80::4001:aff:fe14:c'], directRouting: true }],
    });
    expect(all(db, 'SELECT name, count, message FROM status_controllers ORDER BY line')).toEqual([
      { name: 'cilium-health-ep', count: 0, message: 'no error' },
      { name: 'sync-host-ips', count: 3, message: 'failed to sync host IPs' },
    ]);
    expect(all(db, 'SELECT name, node_status, endpoints_status FROM status_health_nodes')).toEqual([
      { name: 'dc1-node-a', node_status: 'reachable', endpoints_status: 'unreachable' },
    ]);
    expect(all(db, 'SELECT name, ipv4, ipv4_cidr, node_source FROM list_nodes ORDER BY line')).toEqual([
      { name: 'dc1-node-a', ipv4: '10.20.0.11', ipv4_cidr: '10.21.0.0/24', node_source: 'custom-resource' },
      { name: 'dc1-node-b', ipv4: '10.20.0.12', ipv4_cidr: '10.21.1.0/24', node_source: 'local' },
    ]);
  });
});

describe('trailing spaces', () => {
  it('change nothing that is read', async () => {
    const { readFileSync } = await import('node:fs');
    const { tempFile } = await import('../helpers/analyze.js');
    for (const name of ['session.txt', 'tables.txt']) {
      const text = readFileSync(fixture('pastes', name), 'utf8');
      const padded = tempFile(name, text.split('\n').map((l) => (l === '' ? l : `${l}   `)).join('\n'));
      const [plain, spaced] = await Promise.all([loadFiles(fixture('pastes', name)), loadFiles(padded)]);
      const lines = (db: Db) => all<{ line: number; reason: string }>(db, 'SELECT line, reason FROM unparsed ORDER BY line');
      expect(lines(spaced), name).toEqual(lines(plain));
      expect(formats(spaced), name).toEqual(formats(plain));
    }
  });
});
