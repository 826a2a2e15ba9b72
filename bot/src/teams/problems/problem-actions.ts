// Every problem card verb (cards/problem-verbs.ts), declared once for the chat and the problems
// tab. Changes go through ProblemService.act with the ETag the card showed:
// - done: the refreshed card, for everyone (an unlink offers its undo);
// - refused (e.g. resolving before the root cause is known) or conflicting: the latest card with
//   the reason, for the person who acted only; nothing was changed.
// The verb router's idempotency ledger makes a redelivered invoke change nothing twice.
import { NEW_PROBLEM_CHOICE, PROBLEM_INPUTS as IN, PROBLEM_VERBS as V } from '../../cards/problem-verbs';
import { parseProblemFilter } from '../../cards/problem-list-card';
import { type CardData, cardData, oneOf, str } from '../../domain/card-data';
import { type LinkKind, parseProblemId } from '../../domain/problems/problem';
import { normaliseRef, parseProblemStatus, type ProblemAction, refKind } from '../../domain/problems/problem-rules';
import type { ActResult } from '../../domain/problems/problem-service';
import { type ActionContext, type ActionResult, ActionRegistry, badRequest, type CardAction, defineAction, listPage, refuse } from '../card-actions';
import { actorOf } from '../ops/ops-action-support';
import type { ProblemViews } from './problem-views';

type Make = (views: ProblemViews) => CardAction;
const NO_PROBLEM = 'The card did not say which problem this is.';

const target = (d: CardData) => ({ problemId: str(d.problemId, 40) ?? '', etag: str(d.etag, 200) });

/** Answers an act: the card for everyone when it changed, else for the person with the reason. */
async function answer(views: ProblemViews, ctx: ActionContext, r: ActResult, undo?: { kind: LinkKind; ref: string }): Promise<ActionResult> {
  const ws = ctx.workspace;
  switch (r.kind) {
    case 'updated':
      return { card: await views.card(ws, r.problem, { message: `${ctx.actor.name}: ${r.summary}.`, ...(undo ? { undo } : {}) }), forEveryone: true };
    case 'refused':
      return { card: await views.card(ws, r.current, { message: r.reason, warning: true }) };
    case 'conflict':
      return { card: await views.card(ws, r.current, { message: r.message, warning: true }) };
    case 'not-found':
      return { message: r.message };
  }
}

/** A verb that applies one action, built from the card's data. */
const change = (verb: string, build: (d: CardData) => ProblemAction | string): Make => (views) => defineAction({
  verb,
  parse(d) {
    const t = target(d);
    if (!t.problemId) return badRequest(NO_PROBLEM);
    const action = build(d);
    return typeof action === 'string' ? refuse(action) : { ...t, action };
  },
  async run(p, ctx) {
    const r = await views.service.act(ctx.workspace, p.problemId, p.action, actorOf(ctx), p.etag);
    return answer(views, ctx, r, p.action.type === 'unlink' ? { kind: p.action.kind, ref: p.action.ref } : undefined);
  },
});

const rca = change(V.rca, (d) => ({ type: 'rca', text: str(d[IN.rootCause], 5000) ?? '' }));
const knownError = change(V.knownError, (d) => ({ type: 'known-error', description: str(d[IN.knownError], 5000) ?? '', workaround: str(d[IN.workaround], 5000) ?? '' }));
const status = change(V.status, (d) => {
  const s = parseProblemStatus(d[IN.status]);
  return s ? { type: 'status', status: s } : 'Choose the new status.';
});
const owner = change(V.owner, (d) => ({ type: 'owner', owner: str(d[IN.owner], 200) ?? '' }));
const unlink = change(V.unlink, (d) => {
  const ref = str(d[IN.unlinkRef], 40) ?? '';
  const kind = refKind(ref);
  return kind ? { type: 'unlink', kind, ref: normaliseRef(kind, ref)! } : 'Choose an incident or a finding to unlink.';
});

/** Link on a problem card (an SR or QF number typed), or from an incident or finding card (a problem chosen or raised). */
const link: Make = (views) => defineAction({
  verb: V.link,
  parse(d) {
    const given = oneOf(d.kind, ['incident', 'finding'] as const);
    const typed = str(given ? d.ref : d[IN.linkRef], 40) ?? '';
    const kind = given ?? refKind(typed);
    const ref = kind ? normaliseRef(kind, typed) : undefined;
    if (!kind || !ref) return refuse('Type an incident number (SR-202611-0003) or a finding number (QF-0012).');
    const problemId = str(d.problemId, 40) || str(d[IN.problemRef], 40)?.trim() || str(d[IN.choice], 40) || NEW_PROBLEM_CHOICE;
    if (problemId !== NEW_PROBLEM_CHOICE && parseProblemId(problemId) === undefined) return refuse(`"${problemId.slice(0, 20)}" is not a problem number like PRB-0001.`);
    // On the problem card (its Link, or the undo of an unlink) the card itself changes; from an
    // incident or finding card, or the picker, that card stays and the problem's card is posted.
    return { kind, ref, problemId, etag: str(d.etag, 200) || undefined, fromProblemCard: Boolean(str(d.problemId)) && d.pick !== true };
  },
  async run(p, ctx) {
    const ws = ctx.workspace;
    const title = await views.targets.title(ws, p.kind, p.ref);
    if (title === undefined) return refuse(`There is no ${p.kind} ${p.ref} in this team.`).answer;
    if (p.problemId === NEW_PROBLEM_CHOICE) {
      const made = await views.service.create(ws, { title: `${p.ref}: ${title}`.slice(0, 200), from: { kind: p.kind, ref: p.ref } }, actorOf(ctx));
      if (!made.ok) return { message: made.message };
      const card = await views.card(ws, made.value, { message: `${ctx.actor.name} raised ${made.value.id} from ${p.ref}.` });
      return { card, post: { summary: `${made.value.id}: ${made.value.title}`, reply: `${made.value.id} is recorded, linked to ${p.ref}; its card is posted below.` } };
    }
    const r = await views.service.act(ws, p.problemId.toUpperCase(), { type: 'link', kind: p.kind, ref: p.ref }, actorOf(ctx), p.fromProblemCard ? p.etag : undefined);
    if (p.fromProblemCard || r.kind !== 'updated') return answer(views, ctx, r);
    // From the incident or finding card: that card stays, the problem's card is posted.
    const card = await views.card(ws, r.problem, { message: `${ctx.actor.name} linked ${p.ref}.` });
    return { card, post: { summary: `${r.problem.id}: ${r.problem.title}`, reply: `${p.ref} is linked to ${r.problem.id}; its card is posted below.` } };
  },
});

const create: Make = (views) => defineAction({
  verb: V.create,
  parse: (d) => ({ title: str(d[IN.title], 1000) ?? '', owner: str(d[IN.owner], 200) }),
  async run(input, ctx) {
    const made = await views.service.create(ctx.workspace, { title: input.title, ...(input.owner ? { owner: input.owner } : {}) }, actorOf(ctx));
    if (!made.ok) return { view: () => views.listCard(ctx.workspace, 'open', undefined, { message: made.message, warning: true }), problem: made.message };
    const card = await views.card(ctx.workspace, made.value, { message: `${ctx.actor.name} recorded ${made.value.id}.` });
    return { card, post: { summary: `${made.value.id}: ${made.value.title}`, reply: `${made.value.id} is recorded; its card is posted below.` } };
  },
});

const show = (verb: typeof V.open | typeof V.refresh): Make => (views) => defineAction({
  verb,
  parse: (d) => ({ problemId: str(d.problemId, 40) ?? '' }),
  async run({ problemId }, ctx) {
    const p = problemId ? await views.service.get(ctx.workspace, problemId) : undefined;
    if (!p) return { message: problemId ? `There is no problem ${problemId} in this team.` : NO_PROBLEM };
    const card = await views.card(ctx.workspace, p);
    return verb === V.open ? { card, post: { summary: `${p.id}: ${p.title}`, reply: `${p.id} is posted below.` } } : { card };
  },
});

const list: Make = (views) => defineAction({
  verb: V.list,
  parse(d) {
    const l = cardData(d.link);
    const kind = oneOf(l.kind, ['incident', 'finding'] as const);
    const ref = kind ? normaliseRef(kind, str(l.ref, 40) ?? '') : undefined;
    return { filter: parseProblemFilter(d.filter) ?? 'open', continuation: str(d.continuation, 2000), ...(kind && ref ? { link: { kind, ref } } : {}) };
  },
  async run({ filter, continuation, link }, ctx) {
    const note = link ? { link } : {};
    return listPage((next) => views.listCard(ctx.workspace, filter, next, note), continuation);
  },
});

export function createProblemActions(views: ProblemViews): ActionRegistry {
  return new ActionRegistry([create, link, unlink, rca, knownError, status, owner, show(V.open), show(V.refresh), list].map((make) => make(views)));
}
