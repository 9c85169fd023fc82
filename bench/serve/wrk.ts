import { spawn, type ChildProcess } from 'node:child_process';

export interface WrkResult {
  requestsPerSec: number;
  p99Ms: number;
  /** Non-2xx/3xx responses plus socket errors: anything but 0 makes the numbers suspect. */
  errors: number;
}

export interface WrkRun {
  url: string;
  host?: string;
  /** Extra request headers, e.g. `X-Twilio-Signature`. */
  headers?: Record<string, string>;
  connections: number;
  threads: number;
  seconds: number;
}

const UNIT_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000 };

function durationMs(text: string): number {
  const match = /^([\d.]+)(us|ms|s|m)$/.exec(text);
  if (!match) throw new Error(`wrk printed a latency we cannot read: ${text}`);
  return Number(match[1]) * UNIT_MS[match[2]!]!;
}

/** Reads the summary wrk prints with --latency. */
export function parseWrk(output: string): WrkResult {
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(output);
  const p99 = /^\s*99(?:\.000)?%\s+(\S+)/m.exec(output);
  if (!rps || !p99) throw new Error(`unexpected wrk output:\n${output}`);
  let errors = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(output)?.[1] ?? 0);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  if (socket) errors += socket.slice(1).reduce((sum, n) => sum + Number(n), 0);
  return { requestsPerSec: Number(rps[1]), p99Ms: durationMs(p99[1]!), errors };
}

/** Runs wrk once; `track` lets the caller kill it on SIGINT. */
export function runWrk(run: WrkRun, track: (child: ChildProcess | null) => void): Promise<WrkResult> {
  const args = [`-t${run.threads}`, `-c${run.connections}`, `-d${run.seconds}s`, '--latency', '--timeout', '10s'];
  if (run.host) args.push('-H', `Host: ${run.host}`);
  for (const [name, value] of Object.entries(run.headers ?? {})) args.push('-H', `${name}: ${value}`);
  args.push(run.url);
  return new Promise((resolve, reject) => {
    const child = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    track(child);
    // wrk stops itself after -d; this only guards against a hung run.
    const guard = setTimeout(() => child.kill('SIGKILL'), (run.seconds + 30) * 1000);
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(guard);
      track(null);
      if (code !== 0) reject(new Error(`wrk exited with ${code}:\n${out}`));
      else {
        try {
          resolve(parseWrk(out));
        } catch (err) {
          reject(err instanceof Error ? err : new Error(String(err)));
        }
      }
    });
  });
}
