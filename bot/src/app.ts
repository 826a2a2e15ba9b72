// Wires the parts together. Used by the production entry (index.ts), npm start and the tests.
import type { AddressInfo } from 'node:net';
import { CqdImportRegistry, createTabViewRegistry, registerApi } from './api';
import type { TabAuthOptions } from './api/tab-auth';
import type { AppConfig, StorageConfig } from './config';
import { clockStartingAt } from './platform/clock';
import { createLogger, type LogLevel } from './platform/logger';
import { createServer } from './server';
import { CORE_TABLES, createTableStore, isStoreUnavailable, type StoreCall, type TableStore } from './storage/table-store';
import type { Feature, FeatureContext, Job } from './features/feature';
import { createProductFeature } from './features/wiring';
import { TableConversationTargetRepository } from './storage/table-conversation-target-repository';
import { TableCounterRepository } from './storage/table-counter-repository';
import { TableDialogSessionRepository } from './storage/table-dialog-session-repository';
import { TableConversationState } from './storage/table-conversation-state';
import { RateLimiter } from './platform/rate-limiter';
import { createAdapter } from './teams/adapter';
import { ProactiveSender } from './teams/proactive-sender';
import { CommandRouter } from './teams/command-router';
import { registerCommands } from './teams/commands';
import { ConversationTargets } from './teams/conversation-targets';
import { TurnSnapshots } from './teams/turn-snapshot';
import { FormRunner } from './teams/dialogs/form-runner';
import { EventRouter } from './teams/event-router';
import { MessageExtensionRoutes } from './teams/message-extension';
import { VerbRouter } from './teams/verb-router';
import { TableIdempotencyLedger } from './storage/table-idempotency-ledger';
import { VIEW_VERBS } from './cards/verbs';
import { createMessagesHandler } from './teams/messages-endpoint';
import { type Logger, ServiceOpsBot } from './teams/service-ops-bot';

/** One line naming the fix for a failed start, for the launchers. */
export { describeStartupFailure } from './startup-failure';

export interface StartOptions {
  /** Resolved storage: embedded mode is resolved by the launcher into a connection string. */
  storage: Exclude<StorageConfig, { kind: 'embedded' }>;
  tabsDir?: string;
  logLevel?: LogLevel;
  logger?: Logger;
  clock?: () => Date;
  /** Test seam for tab SSO validation (signing keys); production uses Entra's published keys. */
  tabAuth?: TabAuthOptions;
  /** Start the features' background jobs (default true; tests drive ticks themselves). */
  startJobs?: boolean;
  /** Sees every store call (table, method, rows returned): how tests pin each command's query budget. */
  observeStore?: (call: StoreCall) => void;
  /** Features to register; defaults to every feature of the product. */
  features?: readonly Feature[];
}

/** The product's features, wired to each other (features/wiring.ts). */
export function defaultFeatures(): Feature[] {
  return [createProductFeature()];
}

export interface RunningApp {
  url: string;
  port: number;
  store: TableStore;
  /** Names of the background jobs the features registered. */
  jobs: string[];
  /** Action.Execute verbs with a route. */
  verbs: string[];
  /** What one of this app's features built (its services and jobs), e.g. for a test to tick a job. */
  servicesOf<S>(feature: Feature<S>): S;
  close(): Promise<void>;
}

/** Listens on the configured host and port (0: any free port); the port it got. */
function listen(server: ReturnType<typeof createServer>, config: AppConfig): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.removeListener('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export async function startApp(config: AppConfig, options: StartOptions): Promise<RunningApp> {
  const log = options.logger ?? createLogger(options.logLevel ?? 'info');
  const store = createTableStore(options.storage, config.tablePrefix, options.observeStore);
  await store.ensureTables([...CORE_TABLES]);

  const clock = options.clock ?? (config.clockStart ? clockStartingAt(config.clockStart) : () => new Date());
  const targetRepo = new TableConversationTargetRepository(store.client('Conversations'));
  const targets = new ConversationTargets(targetRepo, clock);
  const commands = registerCommands(new CommandRouter());
  const ledger = new TableIdempotencyLedger(store, Date.now, (e) => log.warn('could not drop old idempotency tables', { error: String(e) }));
  await ledger.prepare();
  const verbs = new VerbRouter({ ledger, viewVerbs: VIEW_VERBS });
  const forms = new FormRunner(new TableDialogSessionRepository(store.client('Conversations')), log, clock);
  const tabViews = createTabViewRegistry();
  const cqdImport = new CqdImportRegistry();
  const features = options.features ?? defaultFeatures();
  await store.ensureTables(features.flatMap((f) => f.tables));
  const counters = new TableCounterRepository(store.client('Counters'));
  const snapshots = new TurnSnapshots(new TableConversationState(store.client('Conversations')));
  const adapter = createAdapter(config, log, { storeUnavailable: isStoreUnavailable }, (activity) => snapshots.prefetch(activity));
  // One sending path for every proactive message; rate limits are about real time, so the
  // limiter keeps the wall clock even when the business clock is simulated.
  const sender = new ProactiveSender(adapter, config.bot.appId ?? '', config.serviceUrlAllowList, new RateLimiter(), () => new Date(), { targets: targetRepo });
  const jobs: Job[] = [];
  const messageExtension = new MessageExtensionRoutes(log);
  const events = new EventRouter();
  const context: FeatureContext = { config, store, log, clock, commands, verbs, forms, counters, targets: targetRepo, tabViews, cqdImport, sender, messageExtension, events, jobs: { add: (job) => jobs.push(job) } };
  const built = new Map<Feature, unknown>(features.map((feature) => [feature, feature.register(context)]));
  const bot = new ServiceOpsBot(targets, snapshots, commands, verbs, forms, log, { compose: messageExtension, events });
  const messages = createMessagesHandler(config, adapter, bot, log);
  const server = createServer({ config, messages, store, log, tabsDir: options.tabsDir });
  registerApi(server, { config, targets: targetRepo, views: tabViews, cqdImport, log, clock, tabAuth: options.tabAuth });

  const port = await listen(server, config);
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const running = options.startJobs ?? true ? jobs : [];
  for (const job of running) job.start();
  return {
    url: `http://${host}:${port}`,
    port,
    store,
    jobs: jobs.map((j) => j.name),
    verbs: verbs.list(),
    servicesOf<S>(feature: Feature<S>): S {
      if (!built.has(feature)) throw new Error(`the feature ${feature.name} is not one of this app's features`);
      return built.get(feature) as S;
    },
    async close() {
      await Promise.all(running.map((j) => j.stop()));
      await new Promise<void>((resolve) => {
        server.server.closeAllConnections?.();
        server.close(() => resolve());
      });
    },
  };
}
