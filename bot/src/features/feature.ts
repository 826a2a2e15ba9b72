// A feature plugs into the composition root: it names its tables, builds its services as a plain
// object graph, then registers its chat commands, card actions, dialogs, tab views and jobs, and
// returns what it built (for the features wired to it, and for tests). Each feature's wiring lives
// in one file here; its handlers live in teams/<feature>/, its rules in domain/, its tables in storage/.
import type { CqdImportRegistry } from '../api/cqd-import-routes';
import type { TabViewRegistry } from '../api/tab-views';
import type { AppConfig } from '../config';
import type { CounterRepository } from '../domain/counter';
import type { ConversationTargetRepository } from '../domain/conversation-target';
import type { Sender } from '../domain/sender';
import type { TableStore } from '../storage/table-store';
import type { CommandRouter } from '../teams/command-router';
import type { FormRunner } from '../teams/dialogs/form-runner';
import type { EventRouter } from '../teams/event-router';
import type { MessageExtensionRoutes } from '../teams/message-extension';
import type { Logger } from '../teams/service-ops-bot';
import type { VerbRouter } from '../teams/verb-router';

export interface FeatureContext {
  config: AppConfig;
  store: TableStore;
  log: Logger;
  clock: () => Date;
  commands: CommandRouter;
  verbs: VerbRouter;
  forms: FormRunner;
  counters: CounterRepository;
  targets: ConversationTargetRepository;
  /** The message extension's invokes (search, action commands, link unfurling): one feature fills them in. */
  messageExtension: MessageExtensionRoutes;
  /** Event activities by name (Teams meeting events): a feature registers the ones it handles. */
  events: EventRouter;
  /** Tab views: a feature registers the provider for its view (replacing the placeholder). */
  tabViews: TabViewRegistry;
  /** The tab API's call-quality CSV import: the findings feature provides the service behind it. */
  cqdImport: CqdImportRegistry;
  /** The one proactive sending path: saved references, shared rate limits, retries, allow-list. */
  sender: Sender;
  /** Background jobs (schedulers) the app starts after it listens and stops on close. */
  jobs: JobHost;
}

export interface Job {
  name: string;
  start(): void;
  stop(): Promise<void>;
}

export interface JobHost {
  add(job: Job): void;
}

/** `S` is what the feature built (its services, jobs and card actions). */
export interface Feature<S = unknown> {
  name: string;
  tables: readonly string[];
  register(context: FeatureContext): S;
}
