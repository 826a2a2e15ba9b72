// What the reminders feature shows in chat: the settings summary and the settings card (the tab's form), the digest card rebuilt after a
// card action (so the message can be updated for everyone), the teams a task can be handed to,
// and first-use seeding from the catalog through the role map.
import { renderReminderDigestCard } from '../../cards/reminder-digest-card';
import { MAX_SETTINGS_ROWS, renderReminderSettingsCard } from '../../cards/reminder-settings-card';
import { renderReminderSettingsSummaryCard } from '../../cards/reminder-settings-summary-card';
import type { AgendaTask } from '../../domain/ops/agenda';
import { contactPerson, isNamed, type OpsRole, sortRoles } from '../../domain/ops/roles';
import type { CompletionRecord } from '../../domain/reminders/actions';
import { buildDigests, type DigestItem } from '../../domain/reminders/digest';
import type { ReminderService } from '../../domain/reminders/reminder-service';
import { type DigestLine, localText, missedNote, occurrenceId, parseOccurrenceId, type ReminderSchedule, type TeamRoute } from '../../domain/reminders/schedule';
import type { Workspace } from '../../domain/workspace';

type Card = Record<string, unknown>;
export type ReassignChoice = { title: string; value: string; route: TeamRoute & { role?: string } };

export interface ReminderViewDeps {
  service: ReminderService;
  /** The workspace's role map (the ops feature's roles; defaults when nobody edited it). */
  roles(ws: Workspace): Promise<OpsRole[]>;
  /** Completions resolved at or after `sinceIso` (who did or skipped what, for the card). */
  completions(ws: Workspace, sinceIso: string): Promise<CompletionRecord[]>;
  clock: () => Date;
  timeZone: string;
}

const DAY_MS = 86_400_000;

/** A task title cut for a line of text. */
export function clipTitle(title: string, max = 60): string {
  return title.length > max ? title.slice(0, max - 1) + '…' : title;
}

/** Where a catalog role's tasks go: the role's channel, else the setup conversation; with its team. */
export function routeFromRoles(roles: readonly OpsRole[], fallbackConversationId: string): (role: string) => TeamRoute | undefined {
  const byName = new Map(roles.map((r) => [r.name.trim().toLowerCase(), r]));
  return (roleName) => {
    const role = byName.get(roleName.trim().toLowerCase());
    if (!role) return undefined;
    const team = isNamed(role.team) ? role.team : undefined;
    const contact = contactPerson(role);
    const known = { ...(team ? { team } : {}), ...(contact ? { contact } : {}) };
    if (role.channel?.id) return { ...known, conversationId: role.channel.id };
    return team || contact ? { ...known, conversationId: fallbackConversationId } : undefined;
  };
}

/** Tasks still open (reminded, not done or skipped) whose due time has passed: for the agenda. */
export function overdueFrom(schedules: readonly ReminderSchedule[], now: Date): AgendaTask[] {
  return schedules
    .filter((s) => s.enabled && s.open && Date.parse(s.open.firstDueAt) <= now.getTime())
    .map((s) => ({ title: s.title, team: s.team ?? s.role, dueAt: s.open!.firstDueAt }))
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.title.localeCompare(b.title));
}

/** Sort order of the settings card (category, then title): used to find a task's page. */
export function settingsOffsetOf(schedules: readonly ReminderSchedule[], id: string): number {
  const sorted = [...schedules].sort((a, b) => a.category.localeCompare(b.category) || a.title.localeCompare(b.title));
  const index = sorted.findIndex((s) => s.id === id);
  return index < 0 ? 0 : Math.floor(index / MAX_SETTINGS_ROWS) * MAX_SETTINGS_ROWS;
}

export interface ActedLine {
  scheduleId: string;
  occurrenceId: string;
  /** Status to show when the schedule's state does not say it by itself (e.g. a reassignment). */
  status?: string;
  /** Who acted now (shown with a snooze, which the history does not keep). */
  by?: string;
}

export class ReminderViews {
  constructor(private readonly deps: ReminderViewDeps) {}

  /** The workspace's schedules, seeded from the catalog (through the role map) on first use. */
  async ensureSeeded(ws: Workspace, setupConversationId: string): Promise<{ schedules: ReminderSchedule[]; seeded: boolean }> {
    const roles = await this.deps.roles(ws);
    return this.deps.service.ensureSeeded(ws, { routeForRole: routeFromRoles(roles, setupConversationId), fallbackConversationId: setupConversationId, timeZone: this.deps.timeZone }, setupConversationId);
  }

  async settingsCard(ws: Workspace, opts: { schedules?: ReminderSchedule[]; message?: { text: string; ok: boolean }; offset?: number } = {}): Promise<Card> {
    const [schedules, settings] = await Promise.all([opts.schedules ? Promise.resolve(opts.schedules) : this.deps.service.list(ws), this.deps.service.settings(ws)]);
    const offset = opts.offset !== undefined && opts.offset < schedules.length ? opts.offset : 0;
    return renderReminderSettingsCard({ schedules, deploymentMode: settings.deploymentMode, timeZone: this.deps.timeZone, offset, ...(opts.message ? { message: opts.message } : {}) });
  }

  /** The chat's compact answer to `reminders`: what is on and due, and a link to the full settings in the tab. */
  async summaryCard(ws: Workspace, opts: { schedules: ReminderSchedule[]; settingsUrl: string; message?: string }): Promise<Card> {
    const settings = await this.deps.service.settings(ws);
    return renderReminderSettingsSummaryCard({ schedules: opts.schedules, deploymentMode: settings.deploymentMode, timeZone: this.deps.timeZone, now: this.deps.clock(), settingsUrl: opts.settingsUrl, ...(opts.message ? { message: opts.message } : {}) });
  }

  /**
   * Teams a task can be handed to: every role with a channel (in role-map order), and the setup
   * conversation. Read from storage on every use, so every instance, before and after a restart,
   * offers the same choices and accepts a choice from any digest card.
   */
  async reassignChoices(ws: Workspace): Promise<ReassignChoice[]> {
    const [roles, settings] = await Promise.all([this.deps.roles(ws), this.deps.service.settings(ws)]);
    const out: ReassignChoice[] = [];
    for (const role of sortRoles(roles)) {
      if (!role.channel?.id || out.some((c) => c.value === role.channel!.id)) continue;
      const team = isNamed(role.team) ? role.team : undefined;
      const contact = contactPerson(role);
      out.push({ title: `${team ?? role.name} · ${role.channel.name}`, value: role.channel.id, route: { ...(team ? { team } : {}), ...(contact ? { contact } : {}), role: role.name, conversationId: role.channel.id } });
    }
    const setup = settings.serviceOwnerConversationId;
    if (setup && !out.some((c) => c.value === setup)) out.push({ title: 'The conversation where reminders were set up', value: setup, route: { conversationId: setup } });
    return out;
  }

  /**
   * The digest of one conversation as it stands now: open tasks with their buttons, tasks
   * resolved since the acted occurrence fell due with who resolved them, and the acted task.
   */
  async digestCard(ws: Workspace, conversationId: string, acted?: ActedLine): Promise<{ card: Card; lines: number }> {
    const now = this.deps.clock();
    const [schedules, choices] = await Promise.all([this.deps.service.list(ws), this.reassignChoices(ws)]);
    const here = schedules.filter((s) => s.targetConversationId === conversationId || s.id === acted?.scheduleId);
    const actedDue = acted ? parseOccurrenceId(acted.occurrenceId)?.dueAt : undefined;
    const latestRun = here.flatMap((s) => (s.open ? [parseOccurrenceId(s.open.lastOccurrenceId)?.dueAt ?? s.open.firstDueAt] : [])).sort().at(-1);
    const sinceMs = Math.max(now.getTime() - DAY_MS, Math.min(Date.parse(actedDue ?? latestRun ?? new Date(now.getTime() - DAY_MS).toISOString()), now.getTime()));
    const resolved = new Map<string, CompletionRecord>();
    for (const c of await this.deps.completions(ws, new Date(sinceMs).toISOString())) {
      const prev = resolved.get(c.scheduleId);
      if (!prev || prev.resolvedAt < c.resolvedAt) resolved.set(c.scheduleId, c);
    }
    const items: DigestItem[] = [];
    const statuses: Record<string, string> = {};
    for (const s of here) {
      const isActed = s.id === acted?.scheduleId;
      let line: DigestLine | undefined;
      if (s.open && s.enabled) {
        line = openLine(s, now);
        if (s.snoozedUntil && Date.parse(s.snoozedUntil) > now.getTime()) {
          statuses[s.id] = `Snoozed until ${localText(s.snoozedUntil, s.timeZone)}${isActed && acted?.by ? ` by ${acted.by}` : ''}`;
        }
      } else {
        const c = resolved.get(s.id);
        if (c) {
          line = resolvedLine(s, c);
          statuses[s.id] = `${c.outcome === 'done' ? 'Done' : 'Skipped'} by ${c.by || 'someone'} at ${localText(c.resolvedAt, s.timeZone)}`;
        } else if (isActed) {
          line = resolvedLine(s, { dueAt: actedDue ?? now.toISOString() });
          statuses[s.id] = 'Not open any more; nothing to do.';
        }
      }
      if (!line) continue;
      if (isActed && acted?.status) statuses[s.id] = acted.status;
      else if (s.targetConversationId !== conversationId) statuses[s.id] = `Handed to ${s.team ?? s.role}`;
      items.push({ workspace: ws, targetConversationId: conversationId, line });
    }
    const [digest] = buildDigests(items);
    const { card } = renderReminderDigestCard(digest ?? { workspace: ws, targetConversationId: conversationId, due: [], carried: [] }, now, {
      statuses,
      reassignChoices: choices.map(({ title, value }) => ({ title, value })),
    });
    return { card, lines: items.length };
  }
}

function openLine(s: ReminderSchedule, now: Date): DigestLine {
  const open = s.open!;
  return {
    scheduleId: s.id,
    occurrenceId: open.lastOccurrenceId,
    title: s.title,
    category: s.category,
    role: s.role,
    ...(s.team ? { team: s.team } : {}),
    cadence: s.cadence,
    kind: open.missed > 0 ? 'overdue' : s.snoozedUntil ? 'snoozed' : 'due',
    dueAt: open.firstDueAt,
    note: open.missed > 0 ? missedNote(open.missed, open.firstDueAt, s.timeZone, now) : '',
    dueLocal: localText(open.firstDueAt, s.timeZone),
  };
}

function resolvedLine(s: ReminderSchedule, c: Pick<CompletionRecord, 'dueAt'>): DigestLine {
  return {
    scheduleId: s.id,
    occurrenceId: occurrenceId(s.id, c.dueAt),
    title: s.title,
    category: s.category,
    role: s.role,
    ...(s.team ? { team: s.team } : {}),
    cadence: s.cadence,
    kind: 'due',
    dueAt: c.dueAt,
    note: '',
    dueLocal: localText(c.dueAt, s.timeZone),
  };
}
