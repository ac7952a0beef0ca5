/**
 * JSON objects spread over several lines (`hubble observe -o json | jq`, or pasted pretty): lines
 * are gathered until the braces balance, then parsed as one object. Strings in JSON hold no raw
 * newlines, so each line's strings can be skipped line by line.
 */

/** A line of a pretty-printed JSON object: a member, a value of an array, or a bracket. */
const VALUE = String.raw`(?:"(?:[^"\\]|\\.)*"|-?\d[\d.eE+-]*|true|false|null)`;
export const JSON_MEMBER = new RegExp(String.raw`^\s*(?:(?:"(?:[^"\\]|\\.)*"\s*:\s*)?(?:[{[]\s*|${VALUE}\s*,?|[{[]\s*[}\]]\s*,?)|[}\]]\s*,?)\s*$`);
/** The first line of a pretty object: `{` alone, or `{ "flow": {` when pasted compactly. */
export const JSON_OPENING = /^\s*\{\s*(?:"(?:[^"\\]|\\.)*"\s*:\s*[{[]\s*)?$/;

const MAX_LINES = 5000;

/** `{`/`[` minus `}`/`]` outside strings. */
function depthDelta(text: string): number {
  let delta = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c) i++;
    } else if (c === 0x7b || c === 0x5b) delta++;
    else if (c === 0x7d || c === 0x5d) delta--;
  }
  return delta;
}

export type BlockStep = { done: false } | { done: true; value: unknown; text: string } | { done: true; error: string };

export class JsonBlock {
  private depth: number;
  private readonly texts: string[] = [];

  /**
   * `implicit`: the block starts at a member line because its opening `{` went to another
   * format (a lone `{` after a shell prompt looks like code).
   */
  constructor(
    readonly line: number,
    readonly segment: number,
    private readonly implicit: boolean,
  ) {
    this.depth = implicit ? 1 : 0;
  }

  add(text: string): BlockStep {
    this.texts.push(text);
    this.depth += depthDelta(text);
    if (this.depth > 0) {
      return this.texts.length < MAX_LINES ? { done: false } : { done: true, error: `JSON object longer than ${MAX_LINES} lines` };
    }
    const joined = this.texts.join('\n');
    try {
      return { done: true, value: JSON.parse(this.implicit ? `{${joined}` : joined), text: joined };
    } catch (err) {
      return { done: true, error: `JSON object from line ${this.line} does not parse: ${(err as Error).message}` };
    }
  }
}
