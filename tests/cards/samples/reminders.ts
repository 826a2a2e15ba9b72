// Sample renderings of the reminder cards: typical, worst case (many long lines), and user text.
import { renderReminderDigestCard, renderReminderNoticeCard } from '../../../bot/src/cards/reminder-digest-card';
import { renderReminderRatesCard } from '../../../bot/src/cards/reminder-rates-card';
import { renderReminderSettingsCard } from '../../../bot/src/cards/reminder-settings-card';
import type { CompletionRate } from '../../../bot/src/domain/reminders/completion';
import type { Digest } from '../../../bot/src/domain/reminders/digest';
import { planOccurrence, type ReminderSchedule, seedSchedules } from '../../../bot/src/domain/reminders/schedule';
import type { CardSample } from '../card-samples';

const ws = { tenantId: '00000000-0000-0000-0000-000000000001', scope: 'team' as const, scopeId: '19:team@thread.tacv2' };
const now = new Date('2024-06-06T08:00:00Z');
const tricky = 'Check *all* [links](http://x) ${title} <b>now</b> \\ # _x_';

function catalog(): ReminderSchedule[] {
  return seedSchedules(ws, {
    routeForRole: (role) => ({ team: `${role} team with a long name for testing`, conversationId: `19:${role.length}@thread.tacv2` }),
    fallbackConversationId: '19:setup@thread.tacv2', timeZone: 'Europe/Berlin', now: new Date('2024-06-03T00:00:00Z'), ctx: { deploymentMode: false },
  });
}

function digest(schedules: ReminderSchedule[], carriedFrom = 0): Digest {
  const lines = schedules.map((s) => {
    const p = planOccurrence(s, s.nextDueAt!, now, { deploymentMode: false });
    if (p.stale) throw new Error('stale');
    return p.line;
  });
  return { workspace: ws, targetConversationId: '19:ops@thread.tacv2', due: lines.slice(0, carriedFrom || lines.length), carried: carriedFrom ? lines.slice(carriedFrom).map((l) => ({ ...l, kind: 'overdue' as const })) : [] };
}

const choices = Array.from({ length: 15 }, (_, i) => ({ title: `Team ${i} with a fairly long display name`, value: `19:team-${i}-${'x'.repeat(40)}@thread.tacv2` }));

export const samples: CardSample[] = [
  { template: 'reminder-digest.json', name: 'digest with one task', render: () => renderReminderDigestCard(digest(catalog().slice(0, 1)), now).card },
  {
    template: 'reminder-digest.json',
    name: 'digest, whole catalog due at once, carried tasks, reassign choices (worst case)',
    render: () => renderReminderDigestCard(digest(catalog().map((s) => ({ ...s, title: s.title + ' ' + 'long '.repeat(40) })), 8), now, { reassignChoices: choices }).card,
  },
  {
    template: 'reminder-digest.json',
    name: 'digest after actions, with user text',
    render: () => {
      const list = catalog().slice(0, 3).map((s, i) => (i === 0 ? { ...s, title: tricky, team: tricky } : s));
      return renderReminderDigestCard(digest(list), now, { statuses: { [list[1]!.id]: `Done by ${tricky}` } }).card;
    },
    literal: [tricky, `Done by ${tricky}`],
  },
  {
    template: 'reminder-settings.json',
    name: 'settings for the default catalog',
    render: () => renderReminderSettingsCard({ schedules: catalog(), deploymentMode: false, timeZone: 'Europe/Berlin' }),
  },
  {
    template: 'reminder-settings.json',
    name: 'settings, long titles, message with user text (worst case)',
    render: () => renderReminderSettingsCard({
      schedules: [...catalog(), ...catalog().map((s) => ({ ...s, id: s.id + '-2' }))].map((s, i) => ({ ...s, title: i === 0 ? tricky : s.title + ' ' + 'long '.repeat(20), enabled: i % 3 !== 0 })),
      deploymentMode: true, timeZone: 'America/New_York', message: { text: `Could not save: ${tricky}`, ok: false },
    }),
    literal: [tricky, `Could not save: ${tricky}`],
  },
  {
    template: 'reminder-notice.json',
    name: 'notice to the service owner',
    render: () => renderReminderNoticeCard({ conversationId: '19:ops@thread.tacv2', kind: 'channel', reason: 'The bot was removed, blocked or disabled in this conversation (403).' }).card,
  },
  {
    template: 'reminder-rates.json',
    name: 'completion rates, nothing done yet',
    render: () => renderReminderRatesCard({ rates: [] }),
  },
  {
    template: 'reminder-rates.json',
    name: 'completion rates, whole catalog over many teams, long names and user text (worst case)',
    render: () => renderReminderRatesCard({
      rates: [...catalog(), ...catalog().map((s) => ({ ...s, id: s.id + '-2' }))].map((s, i): CompletionRate => ({
        scheduleId: s.id, title: i === 0 ? tricky : `${s.title} ${'long '.repeat(30)}`, team: i === 0 ? tricky : `${s.team ?? s.role} ${'x'.repeat(100)}`,
        due: 10 + i, onTime: i, late: 10, skipped: i % 3, rate: i / (10 + i),
      })),
    }),
    literal: [tricky],
  },
];
