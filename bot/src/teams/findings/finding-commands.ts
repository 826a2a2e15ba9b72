// Chat commands: `finding` starts (or, with text after it, prefills) the dialog; `findings`
// lists findings, with optional filters typed after it ("findings wifi overdue").
import type { TurnContext } from 'botbuilder';
import { renderFindingListCard, type FindingListCardFilter, toServiceFilter } from '../../cards/finding-list-card';
import { CATEGORIES, DEFAULT_ROLE_NAMES, findCategory } from '../../domain/findings/catalog';
import { STATUS_LABELS } from '../../domain/findings/finding';
import type { FindingService } from '../../domain/findings/finding-service';
import { workspaceOf } from '../activity-context';
import type { CommandHandler } from '../command-router';
import type { FormRunner } from '../dialogs/form-runner';
import { cardMessage, plainMessage, preview } from '../replies';
import type { Logger } from '../service-ops-bot';
import { FINDING_FORM_ID } from './finding-form';
import { LIST_PAGE_SIZE } from './finding-actions';

export function findingCommand(forms: FormRunner): CommandHandler {
  return (context, args) => forms.start(context, FINDING_FORM_ID, args);
}

const STATUS_WORDS: Record<string, FindingListCardFilter['status']> = {
  open: 'open', all: 'all', new: 'new', accepted: 'accepted', 'in remediation': 'in-remediation', remediation: 'in-remediation', 'in-remediation': 'in-remediation',
  remediated: 'remediated', verified: 'verified', "won't fix": 'wont-fix', 'wont fix': 'wont-fix', wontfix: 'wont-fix', 'wont-fix': 'wont-fix', closed: 'all',
};

const FILTER_HELP = `Filter with a status (open, all, ${Object.values(STATUS_LABELS).map((s) => s.toLowerCase()).join(', ')}), "overdue", a category (${CATEGORIES.map((c) => c.short).join(', ')}) or "team <owning team>".`;

/** "wifi overdue", "all team Help Desk", "in remediation vpn" → the list filter, or what was not understood. */
export function parseFindingsArgs(args: string): { ok: true; filter: FindingListCardFilter } | { ok: false; error: string } {
  const filter: FindingListCardFilter = {};
  let rest = ` ${args.toLowerCase().replace(/[\s,;]+/g, ' ').trim()} `;
  const team = /\s(?:team|owned by|owner)\s+(.+?)\s*$/.exec(rest);
  if (team) {
    const role = DEFAULT_ROLE_NAMES.find((r) => r.toLowerCase() === team[1]!.trim());
    if (!role) return { ok: false, error: `"${preview(team[1]!, 60)}" is not a team in the role map. Teams: ${DEFAULT_ROLE_NAMES.join(', ')}.` };
    filter.owningRole = role;
    rest = rest.slice(0, team.index) + ' ';
  }
  for (const [word, status] of Object.entries(STATUS_WORDS).sort((a, b) => b[0].length - a[0].length)) {
    if (rest.includes(` ${word} `)) {
      filter.status = status;
      rest = rest.replace(` ${word} `, ' ');
    }
  }
  if (rest.includes(' overdue ')) {
    filter.overdue = true;
    rest = rest.replace(' overdue ', ' ');
  }
  const leftover = rest.trim();
  if (leftover) {
    const category = findCategory(leftover);
    if (!category) return { ok: false, error: `I can't filter findings by "${preview(leftover, 60)}". ${FILTER_HELP}` };
    filter.category = category.id;
  }
  return { ok: true, filter };
}

export function findingsCommand(service: FindingService, clock: () => Date, log: Logger): CommandHandler {
  return async (context: TurnContext, args: string) => {
    const parsed = parseFindingsArgs(args);
    if (!parsed.ok) {
      await context.sendActivity(plainMessage(parsed.error));
      return;
    }
    let page;
    try {
      page = await service.list(workspaceOf(context.activity), toServiceFilter(parsed.filter), { pageSize: LIST_PAGE_SIZE });
    } catch (e) {
      log.warn('could not list findings', { error: String(e) });
      await context.sendActivity(plainMessage('I can\'t reach storage right now, so I can\'t list the findings. Try again in a minute.'));
      return;
    }
    const card = renderFindingListCard({ items: page.items, filter: parsed.filter, now: clock(), ...(page.continuationToken ? { continuationToken: page.continuationToken } : {}) });
    await context.sendActivity(cardMessage(card, `Findings: ${page.items.length}${page.continuationToken ? '+' : ''}`));
  };
}

