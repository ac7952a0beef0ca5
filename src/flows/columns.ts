/**
 * Numbers kept per observation while a case is read, in typed arrays grown as needed: a few bytes
 * each instead of an object; strings among them as ids.
 */
type NumberArray = Int32Array | Float64Array | Uint8Array;

class Column<A extends NumberArray> {
  private data: A;
  length = 0;

  constructor(private readonly make: (n: number) => A) {
    this.data = make(1024);
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = this.make(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }

  get(i: number): number {
    return this.data[i]!;
  }

  set(i: number, value: number): void {
    this.data[i] = value;
  }

  /** Lets go of the room left for growth, once nothing more is pushed. */
  trim(): void {
    this.data = this.data.slice(0, this.length) as A;
  }
}

export const intColumn = (): Column<Int32Array> => new Column((n) => new Int32Array(n));
export const floatColumn = (): Column<Float64Array> => new Column((n) => new Float64Array(n));
export const byteColumn = (): Column<Uint8Array> => new Column((n) => new Uint8Array(n));

export type { Column };

/** Distinct strings as small ids: a column holds the id, the table the string once. */
export class StringIds {
  private readonly ids = new Map<string, number>();
  private readonly values: string[] = [];

  id(s: string): number {
    let id = this.ids.get(s);
    if (id === undefined) {
      id = this.values.push(s) - 1;
      this.ids.set(s, id);
    }
    return id;
  }

  value(id: number): string {
    return this.values[id]!;
  }

  all(): readonly string[] {
    return this.values;
  }
}
