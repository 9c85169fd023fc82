/**
 * Upload throughput: busboy driven by hand (as api/upload.ts does) against @fastify/multipart's
 * parts() iterator, 25 MB bodies, each hashing the Content stream as BlobStore.write does. Prints
 * MB/s and peak RSS (the client's copy of the body is in the same process).
 *
 *   npx tsx bench/multipart.ts
 */
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Readable } from 'node:stream';
import busboy from 'busboy';
import Fastify from 'fastify';
import multipart from '@fastify/multipart';

const SIZE = 25 * 1024 * 1024;
const RUNS = 15;
const hashStream = (s: Readable) =>
  new Promise<string>((resolve, reject) => {
    const h = createHash('sha256');
    s.on('data', (c: Buffer) => h.update(c));
    s.on('end', () => resolve(h.digest('hex')));
    s.on('error', reject);
  });

async function byHand() {
  const app = Fastify();
  app.addContentTypeParser('multipart/form-data', (_r, _p, done) => done(null));
  app.post('/up', async (request) => {
    const parser = busboy({ headers: request.headers, limits: { files: 5, fields: 20 } });
    let hashed: Promise<string> | null = null;
    await new Promise<void>((resolve, reject) => {
      parser.on('file', (name, stream) => {
        if (name === 'Content') hashed = hashStream(stream);
        else stream.resume();
      });
      parser.on('close', resolve);
      parser.on('error', reject);
      request.raw.pipe(parser);
    });
    return { sha: await hashed! };
  });
  return app;
}

async function withPlugin() {
  const app = Fastify();
  await app.register(multipart, { limits: { fileSize: SIZE, files: 5, fields: 20 } });
  app.post('/up', async (request) => {
    let sha = '';
    for await (const part of request.parts()) {
      if (part.type === 'file' && part.fieldname === 'Content') sha = await hashStream(part.file);
      else if (part.type === 'file') part.file.resume();
    }
    return { sha };
  });
  return app;
}

const body = new FormData();
body.append('Path', '/big.bin');
body.append('Visibility', 'public');
body.append('Content', new Blob([new Uint8Array(SIZE).fill(7)]), 'big.bin');
const encoded = new Response(body);
const type = encoded.headers.get('content-type')!;
const bytes = new Uint8Array(await encoded.arrayBuffer());

for (const [name, make] of [
  ['busboy by hand', byHand],
  ['@fastify/multipart', withPlugin],
  ['busboy by hand', byHand],
  ['@fastify/multipart', withPlugin],
] as const) {
  const app = await make();
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  let peak = 0;
  const t0 = performance.now();
  for (let i = 0; i < RUNS; i++) {
    const res = await fetch(`http://127.0.0.1:${port}/up`, {
      method: 'POST',
      body: bytes,
      headers: { 'content-type': type },
    });
    await res.json();
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  const s = (performance.now() - t0) / 1000;
  console.log(
    `${name}: ${((SIZE * RUNS) / 1024 / 1024 / s).toFixed(0)} MB/s, peak RSS ${(peak / 1024 / 1024).toFixed(0)} MB`,
  );
  await app.close();
}
