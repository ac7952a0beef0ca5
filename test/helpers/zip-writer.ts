/**
 * A small zip writer for tests and the benchmark, written from the format (APPNOTE.TXT §4.3): local
 * headers, data descriptors (bit 3, as Go's archive/zip writes them for sysdump), the central
 * directory and its end record. It writes what real writers refuse to, so tests can build hostile
 * archives: any name (`../`, absolute), any Unix mode (symlinks, devices), sizes that lie.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipMemberOptions {
  /** 0 stored, 8 deflated (default). */
  method?: 0 | 8;
  /** Unix mode with its type bits (default a regular file, 0o100644). */
  mode?: number;
  /** Declared uncompressed size, when it should lie. */
  declaredSize?: number;
}

interface Written {
  name: Buffer;
  method: number;
  flags: number;
  crc: number;
  compressed: number;
  size: number;
  mode: number;
  offset: number;
}

const DOS_TIME = 0x6000; // 12:00:00
const DOS_DATE = ((2024 - 1980) << 9) | (5 << 5) | 1;

export class ZipWriter {
  private offset = 0;
  private readonly entries: Written[] = [];
  /** Bytes the members written so far expand to. */
  expandedBytes = 0;

  constructor(private readonly out: Writable) {}

  private async write(buf: Buffer): Promise<void> {
    this.offset += buf.length;
    if (!this.out.write(buf)) await once(this.out, 'drain');
  }

  /** A member whose content is known whole (its sizes go into the local header). */
  async add(name: string, content: Buffer | string, options: ZipMemberOptions = {}): Promise<void> {
    const data = typeof content === 'string' ? Buffer.from(content) : content;
    const method = options.method ?? 8;
    const body = method === 8 ? deflateRawSync(data) : data;
    const entry: Written = {
      name: Buffer.from(name),
      method,
      flags: 0x0800,
      crc: crc32(data),
      compressed: body.length,
      size: options.declaredSize ?? data.length,
      mode: options.mode ?? 0o100644,
      offset: this.offset,
    };
    await this.write(this.localHeader(entry));
    await this.write(body);
    this.entries.push(entry);
    this.expandedBytes += data.length;
  }

  /**
   * A member streamed in pieces, deflated one piece at a time with a data descriptor after it
   * (each piece a complete deflate block run, so memory holds one piece).
   */
  async addStream(name: string, pieces: Iterable<Buffer | string>): Promise<void> {
    const entry: Written = { name: Buffer.from(name), method: 8, flags: 0x0808, crc: 0, compressed: 0, size: 0, mode: 0o100644, offset: this.offset };
    await this.write(this.localHeader(entry));
    const { createDeflateRaw } = await import('node:zlib');
    const deflate = createDeflateRaw({ level: 6 });
    const drained = (async () => {
      for await (const chunk of deflate as AsyncIterable<Buffer>) {
        entry.compressed += chunk.length;
        await this.write(chunk);
      }
    })();
    for (const piece of pieces) {
      const data = typeof piece === 'string' ? Buffer.from(piece) : piece;
      entry.crc = crc32(data, entry.crc);
      entry.size += data.length;
      if (!deflate.write(data)) await once(deflate, 'drain');
    }
    deflate.end();
    await drained;
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(entry.crc, 4);
    descriptor.writeUInt32LE(entry.compressed, 8);
    descriptor.writeUInt32LE(entry.size, 12);
    await this.write(descriptor);
    this.entries.push(entry);
    this.expandedBytes += entry.size;
  }

  /** The central directory and its end record; `countOverride` makes the end record lie about the count. */
  async finish(countOverride?: number): Promise<void> {
    const start = this.offset;
    for (const e of this.entries) {
      const h = Buffer.alloc(46);
      h.writeUInt32LE(0x02014b50, 0);
      h.writeUInt16LE((3 << 8) | 20, 4);
      h.writeUInt16LE(20, 6);
      h.writeUInt16LE(e.flags, 8);
      h.writeUInt16LE(e.method, 10);
      h.writeUInt16LE(DOS_TIME, 12);
      h.writeUInt16LE(DOS_DATE, 14);
      h.writeUInt32LE(e.crc, 16);
      h.writeUInt32LE(e.compressed, 20);
      h.writeUInt32LE(e.size, 24);
      h.writeUInt16LE(e.name.length, 28);
      h.writeUInt32LE((e.mode << 16) >>> 0, 38);
      h.writeUInt32LE(e.offset, 42);
      await this.write(Buffer.concat([h, e.name]));
    }
    const count = countOverride ?? this.entries.length;
    const size = this.offset - start;
    if (count >= 0xffff) await this.zip64End(count, start);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(Math.min(count, 0xffff), 8);
    end.writeUInt16LE(Math.min(count, 0xffff), 10);
    end.writeUInt32LE(size, 12);
    end.writeUInt32LE(start, 16);
    await this.write(end);
    this.out.end();
    await once(this.out, 'finish');
  }

  /** More members than the end record can count: the zip64 end record and its locator say how many. */
  private async zip64End(count: number, start: number): Promise<void> {
    const at = this.offset;
    const record = Buffer.alloc(56);
    record.writeUInt32LE(0x06064b50, 0);
    record.writeBigUInt64LE(44n, 4);
    record.writeUInt16LE((3 << 8) | 45, 12);
    record.writeUInt16LE(45, 14);
    record.writeBigUInt64LE(BigInt(count), 24);
    record.writeBigUInt64LE(BigInt(count), 32);
    record.writeBigUInt64LE(BigInt(at - start), 40);
    record.writeBigUInt64LE(BigInt(start), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(at), 8);
    locator.writeUInt32LE(1, 16);
    await this.write(Buffer.concat([record, locator]));
  }

  private localHeader(e: Written): Buffer {
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(e.flags, 6);
    h.writeUInt16LE(e.method, 8);
    h.writeUInt16LE(DOS_TIME, 10);
    h.writeUInt16LE(DOS_DATE, 12);
    if (!(e.flags & 0x08)) {
      h.writeUInt32LE(e.crc, 14);
      h.writeUInt32LE(e.compressed, 18);
      h.writeUInt32LE(e.size, 22);
    }
    h.writeUInt16LE(e.name.length, 26);
    return Buffer.concat([h, e.name]);
  }
}
