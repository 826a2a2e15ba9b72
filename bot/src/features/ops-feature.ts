// The operations content feature: role map and stakeholders, risks and OKRs/KSIs, the
// steering-committee agenda, and review checklists. Chat commands `roles`, `agenda`,
// `checklists` and the ops card verbs. Findings, incidents and reminders contribute to the
// agenda through AgendaSources once they land (createOpsFeature({ sources })).
import { randomBytes } from 'node:crypto';
import { type AgendaSources, EMPTY_AGENDA_SOURCES } from '../domain/ops/agenda';
import type { Clock } from '../domain/ops/common';
import { createOpsServices, type OpsServices } from '../domain/ops/ops-services';
import { createOpsRepositories, OPS_TABLES } from '../storage/ops/table-ops-repositories';
import type { TableStore } from '../storage/table-store';
import { OpsHandlers } from '../teams/ops/ops-handlers';
import type { Logger } from '../teams/service-ops-bot';
import type { Feature } from './feature';

const newId = () => randomBytes(5).toString('hex');

/** The ops services over a table store: the bot feature and the tab API share this wiring. */
export function opsServicesFor(store: TableStore, clock: Clock, options: { sources?: AgendaSources; log?: Logger } = {}): OpsServices {
  return createOpsServices(createOpsRepositories((table) => store.client(table)), {
    clock,
    newId,
    sources: options.sources ?? EMPTY_AGENDA_SOURCES,
    ...(options.log ? { onSourceError: (section, error) => options.log!.warn('an agenda source failed', { section, error: String(error) }) } : {}),
  });
}

export function createOpsFeature(options: { sources?: AgendaSources } = {}): Feature {
  return {
    name: 'ops',
    tables: OPS_TABLES,
    register(ctx) {
      const services = opsServicesFor(ctx.store, ctx.clock, { ...(options.sources ? { sources: options.sources } : {}), log: ctx.log });
      new OpsHandlers(services, ctx.clock).register(ctx.commands, ctx.verbs);
    },
  };
}

export const opsFeature: Feature = createOpsFeature();
