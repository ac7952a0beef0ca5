/**
 * `ip route` dumps for rule tests while no grammar reads them into the state: the dump is written
 * as an input file (so evidence cites its lines) and the same routes are put into `state.routes`.
 */
import type { ClusterState, RouteState } from '../../src/types/state.js';

export interface RouteSpec {
  dst: string;
  via?: string;
  dev: string;
  proto?: string;
  scope?: string;
  src?: string;
  mtu?: number;
}

/** iproute2's order: `10.0.1.0/24 via 10.0.0.197 dev cilium_host proto kernel src 10.0.0.197 mtu 1450`. */
function routeText(r: RouteSpec): string {
  return [
    r.dst,
    r.via ? `via ${r.via}` : '',
    `dev ${r.dev}`,
    r.proto ? `proto ${r.proto}` : '',
    r.scope ? `scope ${r.scope}` : '',
    r.src ? `src ${r.src}` : '',
    r.mtu !== undefined ? `mtu ${r.mtu}` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

/**
 * The dump of `node`'s host routes as file `file` (a prompt on line 1, routes from line 2) and the
 * state change that records them.
 */
export function routeDump(
  file: string,
  node: string | null,
  routes: readonly RouteSpec[],
): { text: string; amend(state: ClusterState, paths: Readonly<Record<string, string>>): void } {
  return {
    text: `${['$ ip route', ...routes.map(routeText)].join('\n')}\n`,
    amend(state, paths) {
      const source = paths[file];
      if (!source) throw new Error(`no input named ${file}`);
      state.routes = routes.map(
        (r, i): RouteState => ({
          node,
          netns: 'host',
          table: null,
          dst: r.dst,
          via: r.via ?? null,
          dev: r.dev,
          src: r.src ?? null,
          mtu: r.mtu ?? null,
          proto: r.proto ?? null,
          scope: r.scope ?? null,
          evidence: [{ source, line: i + 2 }],
        }),
      );
    },
  };
}
