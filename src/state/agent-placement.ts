/**
 * What Kubernetes and the CLIs tell about an agent that its own log did not: its node (the pod's
 * node in `kubectl get pods -o wide`, its YAML or `describe`), and its version (`cilium version`'s
 * `Daemon:` line, the agent container's image tag, cilium-cli's image column or running image when
 * they name a single release).
 */
import type { CaseDb } from '../store/db.js';
import type { AgentState, Fact, PodState } from '../types/state.js';
import { ciliumImageVersion } from './kubernetes.js';

function podOf(agent: AgentState, pods: readonly PodState[]): PodState | undefined {
  return agent.pod ? pods.find((p) => p.name === agent.pod) : undefined;
}

function imageVersion(pod: PodState | undefined): Fact<string> | null {
  for (const c of pod?.containers ?? []) {
    const version = ciliumImageVersion(c.image);
    if (version) return { value: version, origin: 'kubernetes', evidence: c.evidence };
  }
  return null;
}

/** Fills each agent's unknown node and version from pods and CLI version output. */
export function placeAgents(db: CaseDb, agents: readonly AgentState[], pods: readonly PodState[]): AgentState[] {
  const daemon = db.prepare(
    `SELECT v.version, s.name AS source, v.line FROM cli_versions v JOIN sources s ON s.id = v.source_id
     WHERE v.agent = ? AND v.component = 'Daemon' AND v.version IS NOT NULL ORDER BY v.id DESC LIMIT 1`,
  );
  // cilium-cli's `Image versions` rows of the agent DaemonSet, and `cilium version`'s running image.
  const images = db
    .prepare(
      `SELECT i.version, s.name AS source, i.line FROM cli_images i JOIN sources s ON s.id = i.source_id
       WHERE i.name = 'cilium' AND i.version IS NOT NULL
       UNION ALL
       SELECT v.version, s.name, v.line FROM cli_versions v JOIN sources s ON s.id = v.source_id
       WHERE v.component = 'cilium image (running)' AND v.version IS NOT NULL
       ORDER BY 2, 3`,
    )
    .all() as { version: string; source: string; line: number }[];
  const running = new Set(images.map((i) => i.version));
  const clusterImage: Fact<string> | null =
    running.size === 1 ? { value: images[0]!.version, origin: 'cli', evidence: images.map((i) => ({ source: i.source, line: i.line })) } : null;
  return agents.map((agent) => {
    const pod = podOf(agent, pods);
    const placed = { ...agent };
    if (!placed.node && pod?.node) placed.node = { value: pod.node, origin: 'kubernetes', evidence: pod.evidence };
    if (!placed.version) {
      const row = daemon.get(agent.key) as { version: string; source: string; line: number } | undefined;
      placed.version = row
        ? { value: row.version, origin: 'cli', evidence: [{ source: row.source, line: row.line }] }
        : (imageVersion(pod) ?? clusterImage);
    }
    return placed;
  });
}
