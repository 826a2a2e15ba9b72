// Azurite in its own process for the benchmarks, as storage would be remote: its CPU is not
// counted against the bot's event loop.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export async function startAzuriteProcess(): Promise<{ connectionString: string; stop(): void }> {
  const child = fork(fileURLToPath(new URL('./azurite-process.mjs', import.meta.url)), [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const connectionString = await new Promise<string>((resolve, reject) => {
    child.once('message', (m) => resolve(String(m)));
    child.once('exit', (code) => reject(new Error(`azurite exited ${code}`)));
  });
  return { connectionString, stop: () => child.kill() };
}
