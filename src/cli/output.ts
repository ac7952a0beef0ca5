/** Pieces written up to this size at once: one write per flow would cost more than the flow's text. */
const BATCH_CHARS = 64 * 1024;

/**
 * Writes the pieces of an output as the stream takes them: a reader slower than the report (a
 * pipe into `jq` or `less`) holds the writing back instead of the whole report piling up in memory.
 */
export async function writeChunks(stream: NodeJS.WritableStream, chunks: Iterable<string>): Promise<void> {
  let pending = '';
  const flush = async (): Promise<void> => {
    const full = !stream.write(pending);
    pending = '';
    if (full) await drained(stream);
  };
  for (const chunk of chunks) {
    pending += chunk;
    if (pending.length >= BATCH_CHARS) await flush();
  }
  if (pending.length > 0) await flush();
}

/** Resolves when the stream takes writes again, or will never (closed, failed: the write's error is the stream's to report). */
function drained(stream: NodeJS.WritableStream): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = (): void => {
      stream.off('drain', done);
      stream.off('close', done);
      stream.off('error', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
    stream.on('error', done);
  });
}
