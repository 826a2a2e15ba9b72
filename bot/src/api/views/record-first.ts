// A board opened at one record: a link to a finding or an incident (?finding=QF-0001,
// ?incident=SR-202611-0001, or the deep link's subEntityId the page turns into those) shows that
// record's card first, above the board. The record is read in the caller's workspace only (the
// tab API authorized it already), so a link into another team or tenant shows a notice, never
// that other workspace's record.
import { renderIncidentCard } from '../../cards/incident-card';
import { formatFindingId, parseFindingId } from '../../domain/findings/finding';
import type { FindingService } from '../../domain/findings/finding-service';
import { parseSrNumber, type TimelineEntry } from '../../domain/incidents/incident';
import type { IncidentService } from '../../domain/incidents/incident-service';
import type { Workspace } from '../../domain/workspace';
import { createLogger } from '../../platform/logger';
import { FindingPresenter } from '../../teams/findings/finding-presenter';
import { refreshUserIds } from '../../teams/incidents/incident-views';
import type { AdaptiveCard, TabViewContext } from '../tab-views';

/** What the link named and what became of it: the card to show first, or none when no record was named. */
export type RecordFirst = { card: AdaptiveCard } | undefined;

const where = (ws: Workspace) => (ws.scope === 'team' ? 'this team' : 'this chat');

export function noticeCard(text: string): AdaptiveCard {
  return {
    type: 'AdaptiveCard', version: '1.5',
    body: [{ type: 'TextBlock', text, wrap: true, weight: 'Bolder', color: 'Attention', id: 'record-notice' }],
  };
}

/** The named finding's card, or a notice when the id is not a finding number or not in this workspace. */
export async function findingFirst(ctx: TabViewContext, service: FindingService): Promise<RecordFirst> {
  const raw = ctx.params.finding;
  if (raw === undefined) return undefined;
  const parsed = parseFindingId(raw);
  if (!parsed) return { card: noticeCard(`"${raw.slice(0, 40)}" is not a finding number (QF-0001). The board below shows ${where(ctx.workspace)}'s findings.`) };
  const id = formatFindingId(parsed.prefix, parsed.number);
  const finding = await service.get(ctx.workspace, id);
  if (!finding) return { card: noticeCard(`${id} is not in ${where(ctx.workspace)}. The board below shows ${where(ctx.workspace)}'s findings.`) };
  return { card: await new FindingPresenter(service, ctx.clock, createLogger('warn')).card(finding) };
}

/** The named incident's card, or a notice when the id is not an SR number or not in this workspace. */
export async function incidentFirst(ctx: TabViewContext, service: IncidentService): Promise<RecordFirst> {
  const raw = ctx.params.incident;
  if (raw === undefined) return undefined;
  const id = raw.trim().toUpperCase();
  if (!parseSrNumber(id)) return { card: noticeCard(`"${raw.slice(0, 40)}" is not an incident number (SR-202611-0001). The board below shows ${where(ctx.workspace)}'s incidents.`) };
  const stored = await service.get(ctx.workspace, id);
  if (!stored) return { card: noticeCard(`${id} is not in ${where(ctx.workspace)}. The board below shows ${where(ctx.workspace)}'s incidents.`) };
  const [{ policy, timeZone }, timeline] = await Promise.all([service.settings(ctx.workspace), recentTimeline(service, ctx.workspace, id)]);
  const card = renderIncidentCard({ incident: stored.incident, etag: stored.etag, policy, timeZone, now: ctx.clock(), timeline, userIds: refreshUserIds(stored.incident) });
  return { card };
}

/** The last six timeline entries, as the chat's incident card shows them (teams/incidents/incident-views.ts). */
async function recentTimeline(service: IncidentService, ws: Workspace, id: string): Promise<TimelineEntry[]> {
  let entries: TimelineEntry[] = [];
  let continuation: string | undefined;
  do {
    const page = await service.timeline(ws, id, { limit: 50, continuation });
    entries = [...entries, ...page.items].slice(-6);
    continuation = page.continuation;
  } while (continuation);
  return entries;
}
