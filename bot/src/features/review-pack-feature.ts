// The monthly service review pack: one page of figures for the review between the service owner
// and the vendor (seed 003), read from the incidents, findings, reminders and problems features
// through the domain's PackSources, drawn as SVG, PNG and PDF (render/), answered in chat
// (`review pack`), shown in the pack tab, served behind signed links, and posted once a month.
import { packView } from '../api/views/pack-view';
import type { ReviewPackCardLinks } from '../cards/review-pack-card';
import type { ChangeService } from '../domain/changes/change-service';
import type { FindingService } from '../domain/findings/finding-service';
import { clockStart, highestSeverityOf, type Incident } from '../domain/incidents/incident';
import type { IncidentService } from '../domain/incidents/incident-service';
import type { OutageSpan } from '../domain/review-pack/availability';
import { monthKey, type PackMonth } from '../domain/review-pack/pack-month';
import type { PackIncidents, PackSources } from '../domain/review-pack/pack-sources';
import { ReviewPackService } from '../domain/review-pack/review-pack-service';
import { workspaceKey, type Workspace } from '../domain/workspace';
import { signedPackPath } from '../platform/pack-render-links';
import { ReviewPackJob } from '../jobs/review-pack-job';
import { renderReviewPackCard } from '../cards/review-pack-card';
import { packPdf, packPng } from '../render/pack-render';
import { PACK_POSTS_TABLE, TablePackPostLedger } from '../storage/table-pack-posts';
import { reminderStorageFrom } from '../storage/table-reminder-tables';
import { registerReviewPackCommands } from '../teams/review-pack/review-pack-commands';
import type { FeatureContext } from './feature';

export interface ReviewPackDeps {
  incidents: IncidentService;
  findings: FindingService;
  changes: Pick<ChangeService, 'summary'>;
}

export { PACK_TABLES as REVIEW_PACK_TABLES } from '../storage/table-pack-posts';

export interface BuiltReviewPack {
  service: ReviewPackService;
  ledger: TablePackPostLedger;
  /** The monthly post (tests tick it with a fake clock). */
  job: ReviewPackJob;
  links(ws: Workspace, month: PackMonth): ReviewPackCardLinks;
}

/** An incident as the availability sees it (its highest severity as stored, and when it was open). */
function outageSpan(i: Incident): OutageSpan {
  return { id: i.id, severity: highestSeverityOf(i), startedAt: clockStart(i).toISOString(), ...(i.resolvedAt ? { resolvedAt: i.resolvedAt } : {}) };
}

/**
 * The figures and the outage spans from one listing of the incidents: the figures list every
 * incident recorded before a day past the month's end, the spans keep those recorded before the
 * month's end (compared as the store compares `recordedAt`).
 */
async function packIncidents(incidents: IncidentService, ws: Workspace, month: { year: number; month: number }, end: Date, timeZone: string): Promise<PackIncidents> {
  const { figures, incidents: listed } = await incidents.figuresWithIncidents(ws, month.year, month.month, { timeZone });
  const until = end.toISOString();
  return { figures, outages: listed.filter((i) => i.recordedAt < until).map(outageSpan) };
}

export function packSources(ctx: FeatureContext, deps: ReviewPackDeps): PackSources {
  const completions = reminderStorageFrom(ctx.store).completions;
  return {
    settings: async (ws) => deps.incidents.settings(ws),
    incidents: (ws, month, range, settings) => packIncidents(deps.incidents, ws, month, range.end, settings.timeZone),
    quality: (ws) => deps.findings.qualityReport(ws),
    async completions(ws, start, end) {
      return (await completions.list(ws, start.toISOString())).filter((r) => r.dueAt >= start.toISOString() && r.dueAt < end.toISOString());
    },
    control: (ws) => deps.changes.summary(ws),
  };
}

/** Where the bot serves its links: itself on loopback in local mode, the tab endpoint (HTTPS) otherwise. */
export function packBaseUrl(ctx: FeatureContext): string {
  const { config } = ctx;
  if (config.mode === 'local' && config.port) return `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
  return config.tabEndpoint.replace(/\/+$/, '');
}

export function buildReviewPackFeature(ctx: FeatureContext, deps: ReviewPackDeps): BuiltReviewPack {
  const sources = packSources(ctx, deps);
  const service = new ReviewPackService(sources, ctx.clock);
  const key = ctx.config.packSigningKey.key;
  const base = packBaseUrl(ctx);
  const links = (ws: Workspace, month: PackMonth): ReviewPackCardLinks => {
    const ref = { workspace: workspaceKey(ws), month: monthKey(month) };
    const png = `${base}${signedPackPath(key, ref, 'png', ctx.clock())}`;
    return { image: png, png, pdf: `${base}${signedPackPath(key, ref, 'pdf', ctx.clock())}` };
  };
  const ledger = new TablePackPostLedger(ctx.store.client(PACK_POSTS_TABLE));
  const job = new ReviewPackJob({
    ledger, service, targets: ctx.targets, sender: ctx.sender, clock: ctx.clock, log: ctx.log,
    settingsOf: (ws) => sources.settings(ws),
    card: (ws, month, pack) => renderReviewPackCard(pack, pack.empty ? {} : links(ws, month)),
  });
  return { service, links, ledger, job };
}

export function registerReviewPack(ctx: FeatureContext, built: BuiltReviewPack): void {
  registerReviewPackCommands(ctx.commands, { service: built.service, links: built.links, ledger: built.ledger, clock: ctx.clock });
  ctx.jobs.add(built.job);
  ctx.tabViews.register(packView({
    service: built.service,
    links: built.links,
    signingKey: ctx.config.packSigningKey.key,
    files: { render: async (pack, format) => (format === 'png' ? packPng(pack) : packPdf(pack)) },
  }));
  if (ctx.config.packSigningKey.ephemeral) ctx.log.info('review pack links are signed with a per-process key (PACK_SIGNING_KEY unset): they stop working after a restart');
}

export function createReviewPack(ctx: FeatureContext, deps: ReviewPackDeps): BuiltReviewPack {
  const built = buildReviewPackFeature(ctx, deps);
  registerReviewPack(ctx, built);
  return built;
}
