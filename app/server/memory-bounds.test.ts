import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testClient } from './test-client.ts';
import { processTreeRss, startServerProcess, type ServerProcess } from './test-process.ts';

// Anonymous clients must not be able to grow the server's memory: a client that asks for a large
// asset and never reads holds at most a bounded read-ahead, is closed once idle, and one address
// can hold only so many connections.
const MB = 1024 * 1024;
let server: ServerProcess;
let domain: string;

beforeAll(async () => {
  server = await startServerProcess({ IDLE_TIMEOUT_SECONDS: '6', MAX_CONNECTIONS_PER_ADDRESS: '150' });
  const client = testClient(server);
  const svc = (await client.service('stalled')).sid;
  const env = await client.environment(svc);
  const big = await client.asset(svc, '/big.bin', new Uint8Array(24 * MB).fill(7));
  await client.deploy(svc, env.sid, (await client.build(svc, [big.versionSid])).sid);
  domain = env.domain_name;
});
afterAll(() => server.close());

/** Opens a connection from `localAddress`, asks for `path` and does not read the answer. */
function stalledReader(localAddress: string, path = '/big.bin'): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port: server.port, localAddress }, () => {
      socket.write(`GET ${path} HTTP/1.1\r\nHost: ${domain}\r\n\r\n`);
      socket.pause();
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

/** Reads what the server sent; resolves with its first bytes once the server has closed the connection (or after `ms`). */
function drain(socket: Socket, ms: number): Promise<{ closed: boolean; head: string }> {
  return new Promise((resolve) => {
    let head = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ closed: false, head });
    }, ms);
    socket.on('data', (chunk: Buffer) => {
      if (head.length < 64) head += chunk.toString('latin1', 0, 64);
    });
    socket.on('error', () => {});
    socket.once('close', () => {
      clearTimeout(timer);
      resolve({ closed: true, head });
    });
    socket.resume();
  });
}

/**
 * Established TCP connections from the stalled readers' addresses (not 127.0.0.1, where the test's
 * own API calls come from) to the server's port, seen from the server's side (Linux /proc/net/tcp).
 */
function serverSideConnections(): number {
  const port = server.port.toString(16).toUpperCase().padStart(4, '0');
  return ['/proc/net/tcp', '/proc/net/tcp6']
    .flatMap((file) => readFileSync(file, 'utf-8').split('\n').slice(1))
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields[1]?.endsWith(`:${port}`) && fields[3] === '01' && !fields[2]?.startsWith('0100007F'))
    .length;
}

describe('memory under stalled clients', () => {
  it('stays bounded with 2000 stalled readers, and they are closed once idle', async () => {
    const before = processTreeRss(server.child.pid!);
    // 20 loopback addresses × 100 connections: under the per-address limit, so all are served.
    const sockets = await Promise.all(
      Array.from({ length: 2000 }, (_, i) => stalledReader(`127.0.0.${2 + (i % 20)}`).catch(() => null)),
    );
    const open = sockets.filter((s): s is Socket => s !== null);
    expect(open.length).toBe(2000);
    await new Promise((r) => setTimeout(r, 2000));
    const during = processTreeRss(server.child.pid!);
    // The API still answers while they hang.
    expect((await testClient(server).get('/v1/Services')).status).toBe(200);
    // Before the fix: 1 MB read ahead per connection (2 GB here). Now 64 KiB, plus the socket's buffer.
    console.log(`RSS with 2000 stalled readers: +${((during - before) / MB).toFixed(0)} MB`);
    expect(during - before).toBeLessThan(400 * MB);

    // Idle for 6 s, the server closes them: its side of every one of them is gone.
    expect(serverSideConnections()).toBeGreaterThan(0);
    for (let i = 0; i < 200 && serverSideConnections() > 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(serverSideConnections()).toBe(0);
    for (const socket of open) socket.destroy();
  });

  it('closes connections past the per-address limit at once', async () => {
    const sockets = await Promise.all(
      Array.from({ length: 200 }, () => stalledReader('127.0.0.99', '/missing').catch(() => null)),
    );
    const answers = await Promise.all(
      sockets.map((s) => (s ? drain(s, 1000) : Promise.resolve({ closed: true, head: '' }))),
    );
    // Kept-alive connections got their answer and stay open; the 50 over the limit got nothing.
    expect(answers.filter((a) => a.head.startsWith('HTTP/1.1 404')).length).toBe(150);
    expect(answers.filter((a) => a.closed && a.head === '').length).toBe(50);
  });
});
