// The rules of the incidents' communication rhythm, kept apart from the job that reads and sends:
// how far back a tick reads the due index, which rows it drops, what a send outcome does to a
// claimed reminder, and what the reminder and the outage notification say.
import type { SendOutcome } from '../sender';
import type { ReminderDecision } from './cadence';
import type { Incident, Person } from './incident';
import type { OutageEvent } from './outage-notice';
import { type IncidentDueEntry, isCurrentRow } from './reminder-index';

/** What the rhythm remembers between ticks about where it read. */
export interface RhythmPosition {
  /** Where the next tick starts reading (epoch ms); undefined: from the beginning. */
  watermark?: number;
  /** Epoch ms of the last tick. */
  lastTick: number;
  /** Ticks that read from the watermark so far (every `sweepEvery`-th reads back `sweepMs`). */
  ticks: number;
}

export interface ReadBack {
  /** Clock skew tolerated between instances: each tick reads back this far behind its last one. */
  skewMs: number;
  sweepEvery: number;
  sweepMs: number;
}

/**
 * Where a tick reads from (undefined: the beginning) and the tick count after it. The first tick
 * reads everything due (rows left while no instance ran); then each reads back from the last one
 * less the clock skew, and now and then from further back. A clock that went back past the last
 * tick starts over from the beginning, as a first tick does.
 */
export function rhythmReadFrom(position: RhythmPosition, now: Date, readBack: ReadBack): { from: Date | undefined; ticks: number } {
  const { watermark, lastTick } = position;
  if (watermark === undefined || now.getTime() < lastTick) return { from: undefined, ticks: position.ticks };
  const ticks = position.ticks + 1;
  const back = ticks % readBack.sweepEvery === 0 ? readBack.sweepMs : readBack.skewMs;
  return { from: new Date(Math.min(watermark, now.getTime() - back)), ticks };
}

/** The next tick starts no later than the rows that failed (they stay where they are), nor than now less the skew. */
export function rhythmWatermark(nowMs: number, skewMs: number, leftOver: readonly number[]): number {
  return Math.min(nowMs - skewMs, ...leftOver);
}

/**
 * The rows read for an incident that can go once it is filed again. A row the incident pointed
 * at when read is removed by whoever moves the pointer (or is still current). Any other row is
 * left over from an interrupted write, unless it is newer than the pointer and recent: then its
 * write may still be on the way.
 */
export function rowsToDrop(rows: readonly IncidentDueEntry[], pointers: { read: Incident['reminderIndex']; filed: Incident['reminderIndex'] }, now: Date, skewMs: number): IncidentDueEntry[] {
  const { read, filed } = pointers;
  return rows.filter((r) => !isCurrentRow(r, read) && !isCurrentRow(r, filed)
    && !(r.seq > (filed?.seq ?? 0) && Date.parse(r.dueAt) >= now.getTime() - skewMs));
}

/**
 * What becomes of a claimed reminder after the attempt to send it:
 * - confirm: sent, or nowhere to post it (the bot left every conversation), so it is not retried;
 * - keep-claimed: the target was removed or blocked, which retrying will not change;
 * - release: anything else (rate limit, passing failure, a send that threw) may work later.
 */
export type ReminderSettlement = 'confirm' | 'keep-claimed' | 'release';

export function settleReminder(outcome: SendOutcome | 'no-target' | 'threw'): ReminderSettlement {
  if (outcome === 'sent' || outcome === 'no-target') return 'confirm';
  if (outcome !== 'threw' && 'deactivate' in outcome) return 'keep-claimed';
  return 'release';
}

/** Who a reminder mentions: the owner, else whoever filed the incident. */
export function personToRemind(incident: Incident): Person {
  return incident.owner ?? incident.recordedBy;
}

/** The line the mention leads into, saying what is owed (and why the filer is asked when nobody owns it). */
export function reminderLead(incident: Incident, kind: ReminderDecision['kind']): string {
  const id = incident.id;
  const sr = incident.vendorCase?.srNumber;
  const leads: Record<ReminderDecision['kind'], string> = {
    'response-overdue': `${id} has had no first response yet. Please acknowledge it.`,
    'update-overdue': `the status update for ${id} is overdue. Please post one now.`,
    'update-due': `the next status update for ${id} is due soon.`,
    'vendor-response-overdue': `the vendor has not responded to ${id} within its initial response goal. Please chase the vendor.`,
    'vendor-update-overdue': `the vendor's status update on ${sr ?? id} (${id}) is overdue: the vendor breached its update commitment. Please chase the vendor.`,
  };
  return incident.owner ? leads[kind] : `${leads[kind]} (nobody owns it yet; you filed it)`;
}

/** The reminder's notification text. */
export function reminderSummary(incidentId: string, kind: ReminderDecision['kind']): string {
  const what: Record<ReminderDecision['kind'], string> = {
    'update-due': 'status update due',
    'update-overdue': 'status update overdue',
    'response-overdue': 'no first response yet',
    'vendor-response-overdue': 'vendor response overdue (breach)',
    'vendor-update-overdue': 'vendor update overdue (breach)',
  };
  return `${incidentId}: ${what[kind]}`;
}

/** The outage notification's notification text. */
export function outageSummary(incidentId: string, event: OutageEvent): string {
  return `${incidentId}: ${event === 'resolved' ? 'outage resolved' : event === 'update' ? 'outage update' : 'outage notification'}`;
}

/** The note on an outage notification posted in the incident's conversation instead of the audience channel. */
export function audienceFallbackNote(audienceSet: boolean): string {
  return audienceSet
    ? 'The outage audience channel set for this team can no longer be reached, so this notification is posted here. Type "incidents audience" in the channel that should receive outage notifications.'
    : 'No audience channel is set for outage notifications, so this one is posted here. Type "incidents audience" in the channel that should receive them.';
}

/** Where an incident's reminders go, in order: the filing conversation, then the chat itself or the team's General channel. */
export function incidentConversations(origin: string | undefined, scopeId: string): string[] {
  return [...new Set([origin, scopeId].filter((c): c is string => Boolean(c)))];
}
