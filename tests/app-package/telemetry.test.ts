// bot/src/telemetry.ts: without a connection string nothing of the Azure Monitor distro is
// loaded or started; with one, the ESM hooks are registered before the distro is loaded and
// started with the connection string. (tests/e2e/packaging-deploy.test.ts runs the real distro
// in the deploy artefact against a stand-in ingestion endpoint.)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it, vi } from 'vitest';
import { startTelemetry, type TelemetryDistro } from '../../bot/src/telemetry';
import { REPO_ROOT } from '../../scripts/lib/app-package.mjs';

function fakeDistro() {
  const calls: string[] = [];
  const useAzureMonitor = vi.fn((_options: Record<string, any>) => void calls.push('useAzureMonitor'));
  const shutdownAzureMonitor = vi.fn(async () => void calls.push('shutdown'));
  const distro: TelemetryDistro = {
    registerLoader: vi.fn(async () => void calls.push('registerLoader')),
    load: vi.fn(async () => {
      calls.push('load');
      return { useAzureMonitor, shutdownAzureMonitor };
    }),
  };
  return { distro, calls, useAzureMonitor, shutdownAzureMonitor };
}

describe('startTelemetry', () => {
  it.each([undefined, ''])('with no connection string (%o) loads and starts nothing', async (connectionString) => {
    const { distro, calls } = fakeDistro();
    expect(await startTelemetry(connectionString, distro)).toBeUndefined();
    expect(calls).toEqual([]);
  });

  it('with a connection string registers the hooks, then loads and starts the distro with it', async () => {
    const { distro, calls, useAzureMonitor } = fakeDistro();
    const cs = 'InstrumentationKey=5a1c9d3e-8b7f-4e21-9c6d-0f3a2b1e4d55;IngestionEndpoint=https://example.in.applicationinsights.azure.com/';
    const telemetry = await startTelemetry(cs, distro);
    expect(calls).toEqual(['registerLoader', 'load', 'useAzureMonitor']);
    const options = useAzureMonitor.mock.calls[0]![0];
    expect(options.azureMonitorExporterOptions).toEqual({ connectionString: cs });
    expect(options.enableStandardMetrics).toBe(true);
    expect(options.instrumentationOptions.http).toEqual({ enabled: true });
    expect(options.instrumentationOptions.azureSdk).toEqual({ enabled: true });
    await telemetry!.shutdown();
    expect(calls.at(-1)).toBe('shutdown');
  });
});

describe('the production entry (bot/src/index.ts)', () => {
  it('imports only config and telemetry up front, so telemetry starts before the app and its packages load', () => {
    const file = join(REPO_ROOT, 'bot/src/index.ts');
    const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const staticImports = sf.statements.filter(ts.isImportDeclaration).map((d) => (d.moduleSpecifier as ts.StringLiteral).text);
    expect(staticImports.filter((s) => !s.startsWith('node:')).sort()).toEqual(['./config', './telemetry']);
    const text = sf.getFullText();
    expect(text.indexOf('startTelemetry(')).toBeGreaterThan(0);
    expect(text.indexOf("import('./app')")).toBeGreaterThan(text.indexOf('startTelemetry('));
  });
});
