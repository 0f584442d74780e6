/**
 * The server process's resident memory from /proc: VmRSS sampled every `everyMs`, and the kernel's own
 * high-water mark VmHWM, reset at the start of each phase (writing 5 to /proc/<pid>/clear_refs), so a
 * peak between two samples is not missed and one phase's peak is not the previous phase's.
 */
import { readFileSync, writeFileSync } from 'node:fs';

function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number | null {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(
      readFileSync(`/proc/${pid}/status`, 'utf8'),
    );
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

export interface MemoryWatch {
  /** RSS when the watch started, MB. */
  startMB: number;
  /** Stops sampling; the peak RSS seen (samples and VmHWM), MB. */
  stop(): { peakMB: number; endMB: number; highWaterMarkReset: boolean };
}

export function watchMemory(pid: number, everyMs = 200): MemoryWatch {
  let highWaterMarkReset = true;
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    // Not permitted here: the samples alone give the peak (and the report says so).
    highWaterMarkReset = false;
  }
  const start = statusKb(pid, 'VmRSS') ?? 0;
  let peak = start;
  const timer = setInterval(() => {
    peak = Math.max(peak, statusKb(pid, 'VmRSS') ?? 0);
  }, everyMs);
  return {
    startMB: start / 1024,
    stop() {
      clearInterval(timer);
      const end = statusKb(pid, 'VmRSS') ?? 0;
      if (highWaterMarkReset) peak = Math.max(peak, statusKb(pid, 'VmHWM') ?? 0);
      peak = Math.max(peak, end);
      return { peakMB: peak / 1024, endMB: end / 1024, highWaterMarkReset };
    },
  };
}
