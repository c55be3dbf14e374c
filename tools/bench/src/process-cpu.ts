import { readFileSync } from 'node:fs';

/** Linux's clock ticks per second for /proc times (USER_HZ), 100 on every common build. */
const PROC_TICKS_PER_SECOND = 100;

/** User plus system CPU time of a process so far, from /proc/<pid>/stat (fields 14 and 15). */
export function processCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces; the fields after it start past its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / PROC_TICKS_PER_SECOND;
}
