// Storage for the benchmarks: the same child-process Azurite the product and the tests use,
// so its CPU is not counted against the bot's event loop.
import { startAzurite } from '../scripts/lib/azurite.mjs';

export async function startAzuriteProcess(): Promise<{ connectionString: string; stop(): Promise<void> }> {
  return startAzurite({ inMemory: true });
}
