/**
 * Finds every occurrence of a fixed set of literals in one pass over a text (an Aho–Corasick
 * automaton over the literals' characters). Ingest asks on every line whether any record start
 * occurs in it: fifty `indexOf` scans of the line cost twice this one.
 */
export class LiteralScanner {
  /** Character code → its class: 0 for characters no literal holds. */
  private readonly classOf = new Uint16Array(0x10000);
  /**
   * Next state by (state + class), states numbered by their row in this table (state index ×
   * classes): one add per character, no multiply.
   */
  private readonly next: Int32Array;
  /** The literals (indexes) that end at each state (by row), longest first; empty for most states. */
  private readonly ending: readonly number[][];
  /** 1 for the states (by row) some literal ends at: the inner loop reads this, not `ending`. */
  private readonly accepting: Uint8Array;

  constructor(private readonly literals: readonly string[]) {
    let classes = 1;
    for (const literal of literals) {
      for (let i = 0; i < literal.length; i++) {
        const c = literal.charCodeAt(i);
        if (this.classOf[c] === 0) this.classOf[c] = classes++;
      }
    }
    const children: Map<number, number>[] = [new Map()];
    const ending: number[][] = [[]];
    literals.forEach((literal, index) => {
      let state = 0;
      for (let i = 0; i < literal.length; i++) {
        const cls = this.classOf[literal.charCodeAt(i)]!;
        let child = children[state]!.get(cls);
        if (child === undefined) {
          child = children.length;
          children.push(new Map());
          ending.push([]);
          children[state]!.set(cls, child);
        }
        state = child;
      }
      ending[state]!.push(index);
    });
    const next = new Int32Array(children.length * classes);
    const fallback = new Int32Array(children.length);
    const queue: number[] = [];
    for (const [cls, child] of children[0]!) {
      next[cls] = child;
      queue.push(child);
    }
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head]!;
      ending[state]!.push(...ending[fallback[state]!]!);
      for (let cls = 0; cls < classes; cls++) {
        const child = children[state]!.get(cls);
        const viaFallback = next[fallback[state]! * classes + cls]!;
        if (child === undefined) {
          next[state * classes + cls] = viaFallback;
        } else {
          fallback[child] = viaFallback;
          next[state * classes + cls] = child;
          queue.push(child);
        }
      }
    }
    this.next = next.map((state) => state * classes);
    const none: number[] = [];
    this.ending = Array.from(next, (_, row) => (row % classes === 0 ? ending[row / classes]! : none));
    this.accepting = Uint8Array.from(this.ending, (e) => (e.length > 0 ? 1 : 0));
  }

  /**
   * Calls `visit(literal, index)` for each occurrence, in order of where it ends, until `visit`
   * returns true; returns whether it did.
   */
  some(text: string, visit: (literal: number, index: number) => boolean): boolean {
    const { classOf, next, accepting } = this;
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      state = next[state + classOf[text.charCodeAt(i)]!]!;
      if (accepting[state] === 0) continue;
      const found = this.ending[state]!;
      for (let k = 0; k < found.length; k++) {
        const literal = found[k]!;
        if (visit(literal, i + 1 - this.literals[literal]!.length)) return true;
      }
    }
    return false;
  }

  /**
   * The occurrences in each of the first `lines` lines of the UTF-8 text `bytes` (lines end at
   * `\n`), up to `perLine` per line: line i holds `count[i]`, at `index[i * perLine + k]` (in
   * UTF-16 units of the decoded line) of `literal[i * perLine + k]`; `count[i]` is `perLine + 1`
   * when it holds more. Only ASCII literals are found. Reading a byte is three times as fast as
   * reading a string's character. Indexes assume valid UTF-8: a caller reading bytes that may not
   * be checks each occurrence against the decoded text.
   */
  inLines(bytes: Uint8Array, lines: number, perLine: number): LineOccurrences {
    const { classOf, next, accepting } = this;
    const found: LineOccurrences = { perLine, count: new Uint8Array(lines), literal: new Int32Array(lines * perLine), index: new Int32Array(lines * perLine) };
    let line = 0;
    let state = 0;
    let units = 0;
    const end = bytes.length;
    for (let i = 0; i < end; i++) {
      const b = bytes[i]!;
      if (b >= 0x80) {
        // A lead byte starts a code point; one of four bytes is a surrogate pair in UTF-16.
        if (b >= 0xc0) units += b >= 0xf0 ? 2 : 1;
        state = 0;
        continue;
      }
      if (b === 0x0a) {
        if (++line === lines) break;
        units = 0;
        state = 0;
        continue;
      }
      units++;
      state = next[state + classOf[b]!]!;
      if (accepting[state] !== 0) this.record(found, state, line, units);
    }
    return found;
  }

  /** Records the literals ending at `state`, at `units` into line `line` (out of the scan loop: it stays small). */
  private record(found: LineOccurrences, state: number, line: number, units: number): void {
    const { count, literal, index, perLine } = found;
    const ending = this.ending[state]!;
    for (let k = 0; k < ending.length; k++) {
      const n = count[line]!;
      if (n < perLine) {
        literal[line * perLine + n] = ending[k]!;
        index[line * perLine + n] = units - this.literals[ending[k]!]!.length;
      }
      if (n <= perLine) count[line] = n + 1;
    }
  }
}

/** What `LiteralScanner.inLines` found. */
export interface LineOccurrences {
  perLine: number;
  count: Uint8Array;
  literal: Int32Array;
  index: Int32Array;
}
