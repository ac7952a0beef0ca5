/**
 * The captured bytes of each packet of a classic pcap file: what tcpdump's -x/-X/-A print is
 * checked against them (the expect.json ground truth carries decoded fields, not bytes).
 */
import { existsSync, readFileSync } from 'node:fs';

export interface PcapPacket {
  data: Buffer;
}

export interface PcapFile {
  linktype: number;
  packets: PcapPacket[];
}

/** Null when the file is absent (a corpus may keep large pcaps out of the repository). */
export function readPcap(url: URL): PcapFile | null {
  if (!existsSync(url)) return null;
  const buf = readFileSync(url);
  const magic = buf.readUInt32LE(0);
  const little = magic === 0xa1b2c3d4 || magic === 0xa1b23c4d;
  if (!little && buf.readUInt32BE(0) !== 0xa1b2c3d4 && buf.readUInt32BE(0) !== 0xa1b23c4d) {
    throw new Error(`${url.pathname}: not a classic pcap file`);
  }
  const u32 = (at: number): number => (little ? buf.readUInt32LE(at) : buf.readUInt32BE(at));
  const linktype = u32(20) & 0xffff;
  const packets: PcapPacket[] = [];
  for (let at = 24; at + 16 <= buf.length; ) {
    const incl = u32(at + 8);
    packets.push({ data: buf.subarray(at + 16, at + 16 + incl) });
    at += 16 + incl;
  }
  return { linktype, packets };
}
