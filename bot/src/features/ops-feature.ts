// The operations content feature: role map and stakeholders, risks and OKRs/KSIs, the
// steering-committee agenda, and review checklists. Chat commands `roles`, `agenda`,
// `checklists` and the ops card verbs. Findings, incidents and reminders contribute to the
// agenda through AgendaSources once they land (createOpsFeature({ sources })).
import { randomBytes } from 'node:crypto';
import { agendaView } from '../api/views/agenda-view';
import { checklistView } from '../api/views/checklist-view';
import { rolesView } from '../api/views/roles-view';
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

export interface OpsFeature extends Feature {
  /** The ops services as wired (the role map for the findings' owning-team channels, tests). */
  services(): OpsServices;
}

export function createOpsFeature(options: { sources?: AgendaSources } = {}): OpsFeature {
  let wired: OpsServices | undefined;
  return {
    name: 'ops',
    tables: OPS_TABLES,
    register(ctx) {
      const services = opsServicesFor(ctx.store, ctx.clock, { ...(options.sources ? { sources: options.sources } : {}), log: ctx.log });
      wired = services;
      new OpsHandlers(services, ctx.clock).register(ctx.commands, ctx.verbs);
      ctx.tabViews.register(rolesView(services)).register(agendaView(services)).register(checklistView(services));
    },
    services() {
      if (!wired) throw new Error('the ops feature is not registered yet');
      return wired;
    },
  };
}

export const opsFeature: OpsFeature = createOpsFeature();
