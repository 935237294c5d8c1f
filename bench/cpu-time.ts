/** CPU time from /proc: of one process, and of the whole machine, to tell our work from other work. */
import { readFileSync } from 'node:fs';

/** CPU time (user + system) a process has used so far, in ms (from /proc/<pid>/stat, 100 ticks a second). */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may contain spaces) start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** CPU time all processes on the machine have used (busy, not idle or waiting), in ms, from /proc/stat. */
export function machineBusyMs(): number {
  const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields;
  return (user + nice + system + irq + softirq + steal) * 10;
}

/** Like cpuMs, 0 for a process that is gone or not visible (Redis in another container). */
export function cpuMsOrZero(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    return cpuMs(pid);
  } catch {
    return 0;
  }
}
