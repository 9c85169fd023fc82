import { fork, type ChildProcess } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { delimiter } from 'node:path';
import type { BuildLayout } from './layout.ts';
import type { InvokeMessage, FromRunner, LogMessage, ResultMessage } from './protocol.ts';
import { runnerEntry } from './runner-entry.ts';

export interface PoolSettings {
  /** An invocation running longer is killed (504). */
  timeoutMs: number;
  /** A process idle this long is stopped. */
  idleMs: number;
  /** V8 heap cap of each process. */
  memoryMb: number;
  /** Node's permission model on (always, except to measure what it costs: bench/functions.ts). */
  permission?: boolean;
}

export type LogSink = (level: LogMessage['level'], message: string) => void;

export type Outcome =
  { kind: 'result'; result: ResultMessage } | { kind: 'timeout' } | { kind: 'crash'; reason: string };

interface Running {
  id: string;
  log: LogSink;
  timer: NodeJS.Timeout;
  resolve: (outcome: Outcome) => void;
}

const STDERR_TAIL = 2000;
const START_TIMEOUT_MS = 15_000;

// Node 22 renamed the flag; both mean the same permission model.
const PERMISSION_FLAG = process.allowedNodeEnvironmentFlags.has('--permission')
  ? '--permission'
  : '--experimental-permission';

const real = (path: string) => {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
};

/** One function process: one invocation at a time, warm between them. */
class FunctionProcess {
  readonly child: ChildProcess;
  readonly ready: Promise<void>;
  running: Running | null = null;
  idleTimer: NodeJS.Timeout | null = null;
  exited = false;
  /** Told to stop: it may not have exited yet, but takes no invocation. */
  killed = false;
  /** Where output outside any invocation goes: the last invocation's log. */
  lastLog: LogSink | null = null;
  private stderr = '';

  constructor(layout: BuildLayout, settings: PoolSettings, onExit: (p: FunctionProcess) => void) {
    const entry = runnerEntry();
    // Real paths: the permission model checks resolved paths, and module resolution uses them too.
    const nodePath = layout.nodePath.map(real);
    const readable = [entry.file, `${real(layout.root)}/`, ...nodePath.map((dir) => `${dir}/`)];
    this.child = fork(entry.file, [], {
      cwd: layout.root,
      execArgv: [
        ...entry.execArgv,
        ...(settings.permission === false
          ? []
          : [PERMISSION_FLAG, ...readable.map((path) => `--allow-fs-read=${path}`)]),
        `--max-old-space-size=${settings.memoryMb}`,
        '--disable-warning=ExperimentalWarning',
      ],
      // Nothing of the server's environment (its credentials) reaches function code.
      env: { NODE_PATH: nodePath.join(delimiter), NODE_ENV: 'production', TZ: process.env.TZ ?? 'UTC' },
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    this.child.stderr!.setEncoding('utf8');
    this.child.stderr!.on('data', (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-STDERR_TAIL);
    });
    this.ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('The function process did not start in time')), START_TIMEOUT_MS);
      this.child.once('message', (message: FromRunner) => {
        clearTimeout(timer);
        if (message.type === 'ready') resolve();
        else reject(new Error(`Unexpected first message ${message.type}`));
      });
      this.child.once('exit', () => {
        clearTimeout(timer);
        reject(new Error(`The function process stopped while starting: ${this.stderr.trim() || 'no output'}`));
      });
    });
    this.ready.catch(() => this.child.kill('SIGKILL'));
    this.child.on('message', (message: FromRunner) => this.onMessage(message));
    this.child.on('error', () => this.child.kill('SIGKILL'));
    this.child.once('close', (code, signal) => {
      this.exited = true;
      if (this.idleTimer) clearTimeout(this.idleTimer);
      const running = this.running;
      if (running) {
        this.running = null;
        clearTimeout(running.timer);
        running.resolve({ kind: 'crash', reason: this.exitReason(code, signal) });
      }
      onExit(this);
    });
    this.child.send({
      type: 'init',
      functions: [...layout.functions].map(([path, fn]) => [path, fn.file]),
      assets: [...layout.privateAssets].map(([path, asset]) => [path, asset.file]),
    });
  }

  private exitReason(code: number | null, signal: NodeJS.Signals | null): string {
    const tail = this.stderr.trim().split('\n').slice(-3).join(' ').trim();
    if (/heap out of memory|Allocation failed/i.test(this.stderr)) return 'The function ran out of memory';
    const how = signal ? `was killed (${signal})` : `exited with code ${code}`;
    return `The function process ${how}${tail ? `: ${tail}` : ''}`;
  }

  private onMessage(message: FromRunner): void {
    if (message.type === 'log') {
      const sink = message.id && this.running?.id === message.id ? this.running.log : this.lastLog;
      sink?.(message.level, message.message);
    } else if (message.type === 'result' && this.running?.id === message.id) {
      const running = this.running;
      this.running = null;
      clearTimeout(running.timer);
      running.resolve({ kind: 'result', result: message });
    }
  }

  kill(): void {
    this.killed = true;
    if (!this.exited) this.child.kill('SIGKILL');
  }
}

/**
 * At most this many processes of one pool start at a time: a start blocks the server's event loop
 * for the fork, so a burst of requests queues for the processes already there (a warm one answers
 * a quick function in about a millisecond) instead of forking one process per request.
 */
const MAX_STARTING = 2;

/**
 * The function processes of one deployed build: started on demand, reused warm (most recently used
 * first, so that extra ones go idle and are stopped), killed on a timeout and replaced on demand.
 */
export class BuildPool {
  private readonly idle: FunctionProcess[] = [];
  private readonly processes = new Set<FunctionProcess>();
  /** Invocations waiting for a process, first come first served. */
  private readonly waiters: ((p: FunctionProcess | Error) => void)[] = [];
  private starting = 0;
  private retired = false;
  inFlight = 0;

  constructor(
    readonly layout: BuildLayout,
    private readonly settings: PoolSettings,
  ) {}

  /** Number of live processes (for tests and benchmarks). */
  get size(): number {
    return this.processes.size;
  }

  /** Starts one process and waits until it can take an invocation. */
  async warm(): Promise<void> {
    if (this.idle.length > 0) return;
    const p = this.spawn();
    await p.ready;
    this.release(p);
  }

  async invoke(message: Omit<InvokeMessage, 'type'>, log: LogSink): Promise<Outcome> {
    this.inFlight++;
    try {
      let proc: FunctionProcess;
      try {
        proc = await this.acquire();
      } catch (err) {
        return { kind: 'crash', reason: (err as Error).message };
      }
      if (proc.idleTimer) clearTimeout(proc.idleTimer);
      proc.lastLog = log;
      const outcome = await new Promise<Outcome>((resolve) => {
        const timer = setTimeout(() => {
          proc.running = null;
          proc.kill();
          resolve({ kind: 'timeout' });
        }, this.settings.timeoutMs);
        proc.running = { id: message.id, log, timer, resolve };
        proc.child.send({ type: 'invoke', ...message } satisfies InvokeMessage, (err) => {
          if (err && proc.running?.id === message.id) {
            proc.running = null;
            clearTimeout(timer);
            proc.kill();
            resolve({ kind: 'crash', reason: `Could not reach the function process: ${err.message}` });
          }
        });
      });
      if (outcome.kind === 'result' && !outcome.result.fatal) this.release(proc);
      return outcome;
    } finally {
      this.inFlight--;
      // A process that died leaves its waiters to a new one.
      this.pump();
      if (this.retired && this.inFlight === 0) this.stopAll();
    }
  }

  /** No new invocations will come: stop idle processes now and busy ones when they finish. */
  retire(): void {
    this.retired = true;
    if (this.inFlight === 0) this.stopAll();
  }

  private acquire(): Promise<FunctionProcess> {
    // A retired pool's processes are killed when its last invocation ends, and leave the idle
    // list only once they have exited: one taken in between would die under its invocation.
    let p = this.idle.pop();
    while (p?.killed || p?.exited) p = this.idle.pop();
    if (p) return Promise.resolve(p);
    return new Promise((resolve, reject) => {
      this.waiters.push((got) => (got instanceof Error ? reject(got) : resolve(got)));
      this.pump();
    });
  }

  /** Starts processes while more invocations wait than processes are starting. */
  private pump(): void {
    while (this.waiters.length > this.starting && this.starting < MAX_STARTING) {
      this.starting++;
      const p = this.spawn();
      p.ready.then(
        () => {
          this.starting--;
          this.release(p);
          this.pump();
        },
        (err: unknown) => {
          this.starting--;
          this.waiters.shift()?.(err instanceof Error ? err : new Error(String(err)));
          this.pump();
        },
      );
    }
  }

  private spawn(): FunctionProcess {
    const p = new FunctionProcess(this.layout, this.settings, (gone) => {
      this.processes.delete(gone);
      const i = this.idle.indexOf(gone);
      if (i !== -1) this.idle.splice(i, 1);
    });
    this.processes.add(p);
    return p;
  }

  private release(p: FunctionProcess): void {
    if (p.exited || p.killed) return;
    const waiter = this.waiters.shift();
    if (waiter) {
      waiter(p);
      return;
    }
    if (this.retired) {
      p.kill();
      return;
    }
    p.idleTimer = setTimeout(() => p.kill(), this.settings.idleMs);
    p.idleTimer.unref();
    this.idle.push(p);
  }

  private stopAll(): void {
    for (const p of this.processes) p.kill();
  }
}
