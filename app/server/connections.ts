import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/**
 * Bounds what clients can hold open: a connection where no bytes move either way for `idleMs` is
 * closed (a client that stops reading a download included), and one address may hold at most
 * `perAddress` connections at once (0: no limit); past it, new connections are closed at once.
 */
export function limitConnections(server: Server, limits: { idleMs: number; perAddress: number }): void {
  server.timeout = limits.idleMs;
  server.on('timeout', (socket: Socket) => socket.destroy());
  // Slow-header and slow-body clients: Node's own limits, tightened to the idle time.
  server.headersTimeout = Math.min(server.headersTimeout, limits.idleMs);
  if (limits.perAddress === 0) return;
  const open = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? '';
    const count = (open.get(address) ?? 0) + 1;
    if (count > limits.perAddress) {
      socket.destroy();
      return;
    }
    open.set(address, count);
    socket.once('close', () => {
      const left = open.get(address)! - 1;
      if (left === 0) open.delete(address);
      else open.set(address, left);
    });
  });
}
