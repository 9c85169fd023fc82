import { Readable } from 'node:stream';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';

/** One file of a zip: its name inside the archive and where its bytes come from. */
export interface ZipSource {
  name: string;
  /** The bytes, as chunks (a file stream) or at once (small generated files). */
  content: () => AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
  /** Deflate it (text), or store it as is (images, audio: already compressed). */
  compress: boolean;
  modified?: Date;
}

/**
 * A zip archive as a stream, written while it is read: each source is read chunk by chunk and
 * its compressed bytes are handed on before the next chunk is read, so memory holds about one
 * chunk whatever the archive's size, and a slow client slows the reading of the sources.
 */
export function zipStream(sources: Iterable<ZipSource> | AsyncIterable<ZipSource>): Readable {
  return Readable.from(zipChunks(sources), { objectMode: false });
}

async function* zipChunks(sources: Iterable<ZipSource> | AsyncIterable<ZipSource>): AsyncGenerator<Uint8Array> {
  const ready: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((err, chunk) => {
    if (err) failure = err;
    else ready.push(chunk);
  });
  const drain = function* () {
    if (failure) throw failure;
    while (ready.length > 0) yield ready.shift()!;
  };
  for await (const source of sources) {
    const entry = source.compress ? new ZipDeflate(source.name, { level: 6 }) : new ZipPassThrough(source.name);
    if (source.modified) entry.mtime = source.modified;
    zip.add(entry);
    for await (const chunk of source.content()) {
      entry.push(chunk);
      yield* drain();
    }
    entry.push(new Uint8Array(0), true);
    yield* drain();
  }
  zip.end();
  yield* drain();
}
