/**
 * What the figures were measured on. Ratios are the figures that travel between
 * machines; the absolute numbers only mean something next to this.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';

export interface MachineInfo {
  date: string;
  nproc: number;
  cpuModel: string;
  memoryGb: number;
  node: string;
  platform: string;
  /** 1-minute load average when the run started: how shared the machine was. */
  loadAverage: number;
  /** CPU ms of a fixed reference loop at the start: how fast a core was for this run. */
  referenceLoopMs: number;
}

/**
 * A fixed piece of pure JavaScript work (10 million integer multiply-adds), timed in
 * CPU time: on a shared machine it shows how much of a core the run actually got
 * compared with another run, where the load average alone does not.
 */
export function referenceLoopMs(): number {
  let x = 1;
  const start = process.cpuUsage();
  for (let i = 0; i < 10_000_000; i++) x = (Math.imul(x, 31) + i) | 0;
  const used = process.cpuUsage(start);
  // Keeps the loop from being optimized away.
  if (x === 0.5) process.stdout.write('');
  return (used.user + used.system) / 1000;
}

function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    if (line) return line.split(':')[1]!.trim();
  } catch {
    // Not Linux: fall back to what Node knows.
  }
  return os.cpus()[0]?.model ?? 'unknown';
}

export function machineInfo(): MachineInfo {
  return {
    date: new Date().toISOString(),
    nproc: os.availableParallelism(),
    cpuModel: cpuModel(),
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    loadAverage: Number(os.loadavg()[0]!.toFixed(2)),
    referenceLoopMs: Number(referenceLoopMs().toFixed(1)),
  };
}

/** Peak resident set size of a process so far (VmHWM), in bytes; null when unknown. */
export function peakRssOf(pid: number | 'self'): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmHWM:\s+(\d+) kB/m.exec(status);
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}
