/**
 * Observations set aside as the case is read, in a private temporary file (appended in slot order;
 * only each one's place in the file is kept), and read back a chunk of flows at a time. Reading
 * them from the case again would parse every line again, which costs ten times more. Each is the
 * JSON array of its field values (a third of the object's text) but its tuple, which the sightings
 * keep (a debug line is given its tuple after it is set aside).
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Observation } from '../types/flows.js';
import { floatColumn, intColumn } from './columns.js';
import { OBSERVATION_FIELDS } from './observations.js';

/** Text gathered before a write. */
const WRITE_BYTES = 1 << 20;
/** Observations this close in the file are read in one read. */
const READ_GAP = 1 << 16;

export class ObservationStore {
  private readonly dir = mkdtempSync(join(tmpdir(), 'cilium-analyze-flows-'));
  private readonly fd = openSync(join(this.dir, 'observations.json'), 'w+');
  /** Removed as soon as it is open where the system allows it: a killed run leaves nothing behind. */
  private removed = removed(this.dir);
  /** Per slot: where its text starts in the file (a float: past 2 GiB), and its length in bytes. */
  private readonly start = floatColumn();
  private readonly bytes = intColumn();
  private pending: string[] = [];
  private pendingBytes = 0;
  private written = 0;

  /** Sets the next slot's observation aside. */
  add(o: Observation): void {
    const text = JSON.stringify(OBSERVATION_FIELDS.map((f) => (f === 'tuple' ? null : o[f])));
    const bytes = Buffer.byteLength(text);
    this.start.push(this.written + this.pendingBytes);
    this.bytes.push(bytes);
    this.pending.push(text);
    this.pendingBytes += bytes;
    if (this.pendingBytes >= WRITE_BYTES) this.flush();
  }

  /** Every observation is set aside: what follows only reads. */
  seal(): void {
    this.flush();
    this.start.trim();
    this.bytes.trim();
  }

  /** The observations of these slots, by slot; nearby ones are read together. */
  read(slots: readonly number[]): Map<number, Observation> {
    const sorted = [...slots].sort((a, b) => this.start.get(a) - this.start.get(b));
    const found = new Map<number, Observation>();
    for (let i = 0; i < sorted.length; ) {
      const from = this.start.get(sorted[i]!);
      let j = i;
      let to = from + this.bytes.get(sorted[i]!);
      while (j + 1 < sorted.length && this.start.get(sorted[j + 1]!) - to <= READ_GAP) {
        j++;
        to = Math.max(to, this.start.get(sorted[j]!) + this.bytes.get(sorted[j]!));
      }
      const buf = Buffer.allocUnsafe(to - from);
      readSync(this.fd, buf, 0, buf.length, from);
      for (; i <= j; i++) {
        const slot = sorted[i]!;
        const at = this.start.get(slot) - from;
        found.set(slot, observationOf(JSON.parse(buf.toString('utf8', at, at + this.bytes.get(slot))) as unknown[]));
      }
    }
    return found;
  }

  close(): void {
    closeSync(this.fd);
    if (!this.removed) this.removed = removed(this.dir);
  }

  private flush(): void {
    if (this.pendingBytes === 0) return;
    writeSync(this.fd, this.pending.join(''), this.written);
    this.written += this.pendingBytes;
    this.pending = [];
    this.pendingBytes = 0;
  }
}

/** Removes the directory; false where an open file cannot be removed (Windows). */
function removed(dir: string): boolean {
  try {
    rmSync(dir, { recursive: true, force: true });
    return true;
  } catch {
    return false;
  }
}

/** An observation from its field values (the fields are set in one order, so every observation gets one shape). */
function observationOf(values: readonly unknown[]): Observation {
  const o: Record<string, unknown> = {};
  for (let i = 0; i < OBSERVATION_FIELDS.length; i++) o[OBSERVATION_FIELDS[i]!] = values[i];
  return o as unknown as Observation;
}
