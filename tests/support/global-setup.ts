// One in-memory Azurite for the whole run, on a free port; stopped when the run ends.
import type { TestProject } from 'vitest/node';
import { startAzurite } from '../../scripts/lib/azurite.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    azuriteConnectionString: string;
  }
}

export default async function setup(project: TestProject) {
  const azurite = await startAzurite({ inMemory: true });
  project.provide('azuriteConnectionString', azurite.connectionString);
  return async () => {
    await azurite.stop();
  };
}
