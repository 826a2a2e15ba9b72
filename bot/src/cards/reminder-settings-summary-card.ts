// The `reminders` answer in chat: how many reminders are on, what is due now and what comes
// next, and a link to the reminders tab view, where the full settings form lives (one form of
// every task, too heavy for a chat message). Task titles and teams are user text: TextRuns.
import type { ReminderSchedule } from '../domain/reminders/schedule';
import { localText } from '../domain/reminders/schedule';
import template from './templates/reminder-settings-summary.json';
import { expandTemplate } from './template';

/** Tasks listed under "Due now and next". */
export const MAX_SUMMARY_LINES = 5;

export interface ReminderSettingsSummaryInput {
  schedules: readonly ReminderSchedule[];
  deploymentMode: boolean;
  timeZone: string;
  now: Date;
  /** The reminders tab view (domain/tab-link.ts). */
  settingsUrl: string;
  /** E.g. what first-use seeding set up. */
  message?: string;
}

const clip = (s: string, max: number) => (s.length > max ? s.slice(0, max - 1) + '…' : s);

export function renderReminderSettingsSummaryCard(input: ReminderSettingsSummaryInput): Record<string, unknown> {
  const on = input.schedules.filter((s) => s.enabled);
  const now = input.now.getTime();
  // Open tasks whose time has come first (oldest first), then the next regular occurrences.
  const due = on.filter((s) => s.open && Date.parse(s.open.firstDueAt) <= now).sort((a, b) => a.open!.firstDueAt.localeCompare(b.open!.firstDueAt));
  const upcoming = on.filter((s) => !due.includes(s) && s.nextDueAt).sort((a, b) => a.nextDueAt!.localeCompare(b.nextDueAt!) || a.title.localeCompare(b.title));
  const owner = (s: ReminderSchedule) => clip(s.team ?? s.role, 60);
  const next = [
    ...due.map((s) => ({ title: clip(s.title, 120), when: ` · due since ${localText(s.open!.firstDueAt, s.timeZone)} · ${owner(s)}`, color: 'Attention' })),
    ...upcoming.map((s) => ({ title: clip(s.title, 120), when: ` · ${localText(s.nextDueAt!, s.timeZone)} · ${owner(s)}`, color: 'Default' })),
  ].slice(0, MAX_SUMMARY_LINES);
  const rest = due.length + upcoming.length - next.length;
  return expandTemplate(template, {
    subtitle: `${on.length} of ${input.schedules.length} reminders on · deployment mode ${input.deploymentMode ? 'on' : 'off'} · times in ${input.timeZone} unless shown otherwise.`,
    message: input.message ?? '',
    nextHeading: next.length ? (due.length ? 'Due now, then next' : 'Coming up') : 'Nothing is scheduled: every reminder is off.',
    next,
    footer: `${rest > 0 ? `${rest} more scheduled. ` : ''}Turn reminders on or off, change their time and cadence, and add your own tasks in the reminders tab.`,
    settingsUrl: input.settingsUrl,
  });
}
