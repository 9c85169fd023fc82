import { readdirSync, readFileSync } from 'node:fs';

export interface TreeMemory {
  /** Σ VmRSS: counts the pages the processes share (the node binary, libraries) once per process. */
  rss: number;
  /**
   * Σ (RssAnon + RssShmem) + the largest RssFile: the memory the tree occupies, with the mapped
   * files (the same node binary and libraries in every process) counted once.
   */
  unique: number;
}

/** Resident memory of a process and all its descendants, in bytes (Linux /proc). */
export function treeMemory(rootPid: number): TreeMemory {
  const children = new Map<number, number[]>();
  const stats = new Map<number, { rss: number; anon: number; file: number }>();
  const kb = (status: string, field: string) =>
    1024 * Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const status = readFileSync(`/proc/${name}/status`, 'utf-8');
      const ppid = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]);
      stats.set(Number(name), {
        rss: kb(status, 'VmRSS'),
        anon: kb(status, 'RssAnon') + kb(status, 'RssShmem'),
        file: kb(status, 'RssFile'),
      });
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      // The process ended while we looked.
    }
  }
  const total = { rss: 0, anon: 0, file: 0 };
  const stack = [rootPid];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    const s = stats.get(pid);
    if (s) {
      total.rss += s.rss;
      total.anon += s.anon;
      total.file = Math.max(total.file, s.file);
    }
    stack.push(...(children.get(pid) ?? []));
  }
  return { rss: total.rss, unique: total.anon + total.file };
}

/** Σ VmRSS of a process and all its descendants, in bytes. */
export function treeRss(rootPid: number): number {
  return treeMemory(rootPid).rss;
}

/**
 * CPU time (user + system) a process and its live descendants have used so far, in ms (Linux
 * /proc; clock ticks of 10 ms). Unlike wall time, it hardly depends on what else the machine runs.
 */
export function treeCpuMs(rootPid: number): number {
  const children = new Map<number, number[]>();
  const ticks = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // Fields after the command name (which may contain spaces): state, ppid, …, utime (14), stime (15).
      const fields = readFileSync(`/proc/${name}/stat`, 'utf-8').split(') ')[1]!.split(' ');
      const ppid = Number(fields[1]);
      ticks.set(Number(name), Number(fields[11]) + Number(fields[12]));
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      // The process ended while we looked.
    }
  }
  let total = 0;
  const stack = [rootPid];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    total += ticks.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total * 10;
}
