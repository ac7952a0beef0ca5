/** Context peeled off a line by the ingest layers (kubectl prefix, runtime timestamp, journald…). */
export interface LineContext {
  pod?: string;
  container?: string;
  /** Timestamp recorded by the container runtime / shipper, as printed (RFC 3339). */
  time?: string;
  stream?: 'stdout' | 'stderr';
  /** Host name from a journald prefix. */
  host?: string;
}

/** One physical line of an input, after CR/ANSI stripping and prefix unwrapping. */
export interface PhysicalLine {
  source: string;
  /** 1-based physical line number in the source. */
  line: number;
  text: string;
  context: LineContext;
}

/**
 * One logical record. A physical line whose line breaks were lost yields several logical lines,
 * all pointing at the same physical line number; `segment` tells them apart.
 */
export interface LogicalLine {
  source: string;
  line: number;
  segment: number;
  text: string;
  context: LineContext;
  /** Whether the text holds one of the texts the block scan was asked to flag; absent when not known. */
  flagged?: boolean;
}
