// Telemetry to Application Insights through OpenTelemetry (the Azure Monitor distro): traces of
// incoming requests and of outgoing calls (Bot Connector, Entra, Table storage) and the standard
// request/dependency metrics. Only when a connection string is configured: without one, not a
// module of the distro is even imported, so local runs and tests carry none of its weight.
import { createRequire } from 'node:module';
import type { AzureMonitorOpenTelemetryOptions } from '@azure/monitor-opentelemetry';

export interface Telemetry {
  /** Flushes what is buffered; called on SIGTERM, which App Service sends before a restart. */
  shutdown(): Promise<void>;
}

export interface TelemetryDistro {
  /** Registers the ESM instrumentation hooks (the distro's `/loader`). */
  registerLoader(): Promise<unknown>;
  load(): Promise<{ useAzureMonitor(options: AzureMonitorOpenTelemetryOptions): void; shutdownAzureMonitor(): Promise<void> }>;
}

const AZURE_MONITOR: TelemetryDistro = {
  registerLoader: () => import('@azure/monitor-opentelemetry/loader'),
  load: () => import('@azure/monitor-opentelemetry'),
};

/**
 * Starts telemetry when `connectionString` is set. Must run before the app is imported: ESM
 * modules (http, restify, the Azure SDK) can only be instrumented if they load after the hooks.
 */
export async function startTelemetry(connectionString: string | undefined, distro: TelemetryDistro = AZURE_MONITOR): Promise<Telemetry | undefined> {
  if (!connectionString) return undefined;
  await distro.registerLoader();
  const { useAzureMonitor, shutdownAzureMonitor } = await distro.load();
  useAzureMonitor({
    azureMonitorExporterOptions: { connectionString },
    enableStandardMetrics: true,
    // Only what the app uses: http (restify, Bot Connector, Entra) and the Azure SDK (Table storage).
    instrumentationOptions: {
      http: { enabled: true },
      azureSdk: { enabled: true },
      mongoDb: { enabled: false },
      mySql: { enabled: false },
      postgreSql: { enabled: false },
      redis: { enabled: false },
      redis4: { enabled: false },
    },
  });
  // The http instrumentation patches http/https when they are next require()d. restify is CommonJS
  // imported from ESM, and that require bypasses the patch hook, so incoming requests would go
  // untraced: requiring them once here patches the shared modules for every user.
  const require = createRequire(import.meta.url);
  require('node:http');
  require('node:https');
  return { shutdown: () => shutdownAzureMonitor() };
}
