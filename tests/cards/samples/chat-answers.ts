// Sample renderings of the chat's own answers: the "did you mean" / intent suggestion card and
// the compact reminders summary (with typical, worst-case and hostile user text).
import { renderCommandSuggestionCard } from '../../../bot/src/cards/command-suggestion-card';
import { renderReminderSettingsSummaryCard } from '../../../bot/src/cards/reminder-settings-summary-card';
import { type ReminderSchedule, seedSchedules } from '../../../bot/src/domain/reminders/schedule';
import { tabViewUrl } from '../../../bot/src/domain/tab-link';
import type { CardSample } from '../card-samples';

const hostile = '[click](https://evil.example) ${x} **b** {"a":1} \u202Eevil\u202C 😀 / \\ # ?';
const ws = { tenantId: '00000000-0000-0000-0000-000000000001', scope: 'team' as const, scopeId: '19:team@thread.tacv2' };
const now = new Date('2024-06-03T10:00:00Z');
const url = tabViewUrl('https://ops.contoso.example', 'reminders', ws);

function catalog(): ReminderSchedule[] {
  return seedSchedules(ws, {
    routeForRole: (role) => ({ team: `${role} team`, conversationId: `19:${role.length}@thread.tacv2` }),
    fallbackConversationId: '19:setup@thread.tacv2', timeZone: 'Europe/Berlin', now: new Date('2024-06-03T00:00:00Z'), ctx: { deploymentMode: false },
  });
}

export const samples: CardSample[] = [
  {
    template: 'command-suggestion.json',
    name: 'did you mean, for a typo',
    render: () => renderCommandSuggestionCard({ typed: 'finidngs', reason: 'typo', suggestions: [{ command: 'findings', name: 'findings', label: 'Run findings' }] }),
  },
  {
    template: 'command-suggestion.json',
    name: 'intent with several commands and hostile typed text',
    render: () => renderCommandSuggestionCard({
      typed: `show findings and incidents ${hostile}`,
      reason: 'intent',
      suggestions: [{ command: 'incidents open', name: 'incidents', label: 'Show open incidents' }, { command: `agenda add ${hostile}`, name: 'agenda', label: 'Add it to the agenda' }, { command: 'help', name: 'help', label: 'Show what I can do' }],
    }),
    literal: [`agenda add ${hostile}`],
  },
  {
    template: 'command-suggestion.json',
    name: 'after the press: who ran what, no buttons',
    render: () => renderCommandSuggestionCard({ typed: 'x'.repeat(5_000), reason: 'intent', suggestions: [], ran: { command: `agenda add ${hostile}`, by: 'Alex Rivera' } }),
    literal: [`agenda add ${hostile}`],
  },
  {
    template: 'reminder-settings-summary.json',
    name: 'reminders summary just after seeding',
    render: () => renderReminderSettingsSummaryCard({ schedules: catalog(), deploymentMode: false, timeZone: 'Europe/Berlin', now, settingsUrl: url, message: 'Set up 13 reminders from the operations guide.' }),
  },
  {
    template: 'reminder-settings-summary.json',
    name: 'reminders summary with due tasks, long hostile titles, everything else off',
    render: () => {
      const all = catalog().map((s, i) => ({ ...s, title: `${hostile} ${'long '.repeat(60)}`, enabled: i < 7, open: i < 3 ? { firstDueAt: '2024-06-03T07:00:00.000Z', lastOccurrenceId: `${s.id}@2024-06-03T07:00:00.000Z`, missed: 0 } : undefined }));
      return renderReminderSettingsSummaryCard({ schedules: all as ReminderSchedule[], deploymentMode: true, timeZone: 'Europe/Berlin', now, settingsUrl: url });
    },
    literal: [hostile],
  },
  {
    template: 'reminder-settings-summary.json',
    name: 'reminders summary with every reminder off',
    render: () => renderReminderSettingsSummaryCard({ schedules: catalog().map((s) => ({ ...s, enabled: false, nextDueAt: undefined })), deploymentMode: false, timeZone: 'UTC', now, settingsUrl: url }),
  },
];
