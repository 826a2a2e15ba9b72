// Every request-for-change verb (cards/change-verbs.ts), declared once for the chat and the
// changes tab: the request form from its source, raising the change, its lifecycle steps
// (with the ETag the card showed), open, refresh and the list pages.
import { CHANGE_INPUTS as IN, CHANGE_VERBS as V } from '../../cards/change-verbs';
import { parseChangeFilter } from '../../cards/change-list-card';
import { type CardData, cardData, oneOf, str } from '../../domain/card-data';
import type { ChangeSource } from '../../domain/changes/change';
import { parseChangeStatus } from '../../domain/changes/change-rules';
import { ActionRegistry, badRequest, type CardAction, defineAction, listPage, refuse } from '../card-actions';
import { actorOf } from '../ops/ops-action-support';
import type { ChangeViews } from './change-views';

type Make = (views: ChangeViews) => CardAction;

/** The source a card names: a finding or problem by id, a reminder task by id and title, or none. */
export function parseSource(value: unknown): ChangeSource | undefined {
  const s = cardData(value);
  const kind = oneOf(s.kind, ['finding', 'problem', 'task', 'manual'] as const);
  const id = str(s.id, 80)?.trim().toUpperCase() ?? '';
  if (kind === 'manual') return { kind };
  if (kind === 'task') {
    const title = str(s.title, 200)?.trim();
    return id && title ? { kind, id: str(s.id, 80)!.trim(), title } : undefined;
  }
  return kind && id ? { kind, id } : undefined;
}

/** A window end from its Input.Date and Input.Time; blank when the date is. */
const at = (date: unknown, time: unknown) => {
  const d = str(date, 20)?.trim() ?? '';
  return d ? `${d}T${str(time, 10)?.trim() || '00:00'}` : '';
};

const windowOf = (d: CardData) => ({ windowStart: at(d[IN.startDate], d[IN.startTime]), windowEnd: at(d[IN.endDate], d[IN.endTime]) });

const draft: Make = (views) => defineAction({
  verb: V.draft,
  parse: (d) => parseSource(d.source) ?? badRequest('The card did not say what the change is raised from.'),
  async run(source, ctx) {
    const card = await views.formCard(ctx.workspace, source);
    return card ? { card } : { message: `There is no ${source.kind} ${source.kind === 'manual' ? '' : source.id} in this team.` };
  },
});

const raise: Make = (views) => defineAction({
  verb: V.raise,
  parse(d) {
    const source = parseSource(d.source);
    if (!source) return badRequest('The card did not say what the change is raised from.');
    const field = (k: string, max = 5000) => str(d[k], max) ?? '';
    return { source, input: { title: field(IN.title), reason: field(IN.reason), risk: field(IN.risk), urgency: field(IN.urgency), impact: field(IN.impact), category: field(IN.category), approver: field(IN.approver), ...windowOf(d) } };
  },
  async run({ source, input }, ctx) {
    const made = await views.service.create(ctx.workspace, input, source, actorOf(ctx));
    if (!made.ok) {
      // The form again, with what was typed and why it was refused.
      const values = { title: input.title, reason: input.reason, risk: input.risk, urgency: input.urgency, impact: input.impact, category: input.category, approver: input.approver };
      const card = await views.formCard(ctx.workspace, source, made.message, values);
      return card ? { card } : { message: made.message };
    }
    const c = made.value;
    const card = views.card(c, { message: `${ctx.actor.name} raised ${c.id}${c.category === 'emergency' ? '; as an emergency change it is on the next steering agenda for review' : ''}.` });
    return { card, post: { summary: `${c.id}: ${c.title}`, reply: `${c.id} is raised; its card is posted below.` } };
  },
});

const status: Make = (views) => defineAction({
  verb: V.status,
  parse(d) {
    const changeId = str(d.changeId, 40) ?? '';
    const to = parseChangeStatus(d.to);
    if (!changeId || !to) return badRequest('The card did not say which change or which step this is.');
    return { changeId, etag: str(d.etag, 200), action: { type: 'status' as const, status: to, approver: str(d[IN.approver], 1000) ?? '', outcome: str(d[IN.outcome], 5000) ?? '', ...windowOf(d) } };
  },
  async run(p, ctx) {
    const r = await views.service.act(ctx.workspace, p.changeId, p.action, actorOf(ctx), p.etag);
    switch (r.kind) {
      case 'updated': return { card: views.card(r.change, { message: `${ctx.actor.name}: status ${r.change.status}.` }), forEveryone: true };
      case 'refused': return { card: views.card(r.current, { message: r.reason, warning: true }) };
      case 'conflict': return { card: views.card(r.current, { message: r.message, warning: true }) };
      case 'not-found': return { message: r.message };
    }
  },
});

const show = (verb: typeof V.open | typeof V.refresh): Make => (views) => defineAction({
  verb,
  parse: (d) => ({ changeId: str(d.changeId, 40) ?? '' }),
  async run({ changeId }, ctx) {
    const c = changeId ? await views.service.get(ctx.workspace, changeId) : undefined;
    if (!c) return changeId ? { message: `There is no request for change ${changeId} in this team.` } : refuse('The card did not say which change this is.').answer;
    const card = views.card(c);
    return verb === V.open ? { card, post: { summary: `${c.id}: ${c.title}`, reply: `${c.id} is posted below.` } } : { card };
  },
});

const list: Make = (views) => defineAction({
  verb: V.list,
  parse: (d) => ({ filter: parseChangeFilter(d.filter) ?? 'open', continuation: str(d.continuation, 2000) }),
  async run({ filter, continuation }, ctx) {
    return listPage((next) => views.listCard(ctx.workspace, filter, next), continuation);
  },
});

export function createChangeActions(views: ChangeViews): ActionRegistry {
  return new ActionRegistry([draft, raise, status, show(V.open), show(V.refresh), list].map((make) => make(views)));
}
