import type { CaptureOption } from '../store/capture-option.js';
import { InputError } from '../types/errors.js';

const KEYS = new Set(['node', 'iface', 'netns', 'source']);
const NETNS = /^(?:host|(?:pod|container|netns|pid)\/\S+)$/;

/**
 * Parses one `--capture` value:
 *
 *   --capture node=dev1,iface=eth0,netns=pod/nginx-7c5ddbdf54-abcde
 *   --capture source=node2.txt,node=dev2,netns=host
 *
 * Keys: `node`, `iface`, `netns` (`host`, `pod/NAME`, `container/ID`, `netns/NAME`, `pid/N`) and
 * `source` (limits it to inputs whose name is or ends with that value). Values may not contain
 * commas; at least one of node, iface, netns is required. Throws an InputError that names the problem.
 */
export function parseCaptureOption(value: string): CaptureOption {
  const option: CaptureOption = { node: null, iface: null, netns: null, source: null };
  for (const part of value.split(',')) {
    const eq = part.indexOf('=');
    const key = part.slice(0, eq).trim();
    const v = part.slice(eq + 1).trim();
    if (eq <= 0 || v === '') throw new InputError(`--capture: expected key=value, got "${part}"`);
    if (!KEYS.has(key)) throw new InputError(`--capture: unknown key "${key}" (use node, iface, netns, source)`);
    if (option[key as keyof CaptureOption] !== null) throw new InputError(`--capture: "${key}" given twice`);
    if (key === 'netns' && !NETNS.test(v)) {
      throw new InputError(`--capture: netns "${v}" must be host, pod/NAME, container/ID, netns/NAME or pid/N`);
    }
    option[key as keyof CaptureOption] = v;
  }
  if (option.node === null && option.iface === null && option.netns === null) {
    throw new InputError('--capture: give at least one of node, iface, netns');
  }
  return option;
}
