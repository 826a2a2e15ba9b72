// Storage for the benchmarks: the same child-process Azurite the product and the tests use,
// so its CPU is not counted against the bot's event loop.
import { readFileSync } from 'node:fs';
import { startAzurite } from '../scripts/lib/azurite.mjs';

export async function startAzuriteProcess(): Promise<{ connectionString: string; pid: number; stop(): Promise<void> }> {
  return startAzurite({ inMemory: true });
}

/**
 * CPU time of a process so far, in ms (Linux /proc; undefined elsewhere). Azurite is one Node
 * process: near 1,000 ms of CPU per second of wall it is saturated, and it sets the pace.
 */
export function processCpuMs(pid: number): number | undefined {
  try {
    // Fields 14 and 15 (utime, stime) in clock ticks, counted after the command's closing parenthesis.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return undefined;
  }
}
