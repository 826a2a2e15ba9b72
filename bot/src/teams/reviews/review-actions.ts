// Every review card verb (cards/review-verbs.ts), declared once for the chat and the reviews tab.
// Changes go through ReviewService.act with the ETag the card showed:
// - done: the refreshed card, for everyone;
// - refused (a due date in the past, closing before any decision, closing when not the decider)
//   or conflicting: the latest card with the reason, for the person who acted; nothing changed.
import { REVIEW_INPUTS as IN, REVIEW_VERBS as V } from '../../cards/review-verbs';
import { type CardData, str } from '../../domain/card-data';
import type { ReviewActResult } from '../../domain/reviews/review-service';
import type { ReviewAction } from '../../domain/reviews/review-rules';
import { reviewTemplate, reviewTitle } from '../../domain/reviews/review-templates';
import { type ActionContext, type ActionResult, ActionRegistry, badRequest, type CardAction, defineAction, nothing } from '../card-actions';
import { actorOf } from '../ops/ops-action-support';
import type { ReviewViews } from './review-views';

type Make = (views: ReviewViews) => CardAction;
const NO_RUN = 'The card did not say which review this is.';

async function answer(views: ReviewViews, ctx: ActionContext, r: ReviewActResult): Promise<ActionResult> {
  switch (r.kind) {
    case 'updated':
      return { card: await views.card(ctx.workspace, r.run, { message: `${ctx.actor.name}: ${r.summary}.` }), forEveryone: true };
    case 'refused':
      return { card: await views.card(ctx.workspace, r.current, { message: r.reason, warning: true }) };
    case 'conflict':
      return { card: await views.card(ctx.workspace, r.current, { message: r.message, warning: true }) };
    case 'not-found':
      return { message: r.message };
  }
}

/** The answers typed on the card: only the inputs of the run's questions. */
function typedAnswers(d: CardData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(d)) {
    if (k.startsWith(IN.answerPrefix) && k.length <= 60) out[k.slice(IN.answerPrefix.length)] = str(v, 5000) ?? '';
  }
  return out;
}

const change = (verb: string, build: (d: CardData, ctx: ActionContext) => ReviewAction): Make => (views) => defineAction({
  verb,
  parse(d) {
    const runId = str(d.runId, 40) ?? '';
    if (!runId) return badRequest(NO_RUN);
    return { runId, etag: str(d.etag, 200), data: d };
  },
  async run(p, ctx) {
    const r = await views.service.act(ctx.workspace, p.runId, build(p.data, ctx), actorOf(ctx), p.etag);
    return answer(views, ctx, r);
  },
});

const answerQuestions = change(V.answer, (d) => ({ type: 'answer', answers: typedAnswers(d) }));
const decide = change(V.decide, (d) => ({ type: 'decide', text: str(d[IN.decisionText], 5000) ?? '', owner: str(d[IN.decisionOwner], 500) ?? '', due: str(d[IN.decisionDue], 40) ?? '' }));
const output = change(V.output, (d) => ({ type: 'output', kind: str(d[IN.outputKind], 40) ?? '', text: str(d[IN.outputText], 5000) ?? '' }));
const settle = change(V.settle, (d) => ({ type: 'settle', decisionId: str(d[IN.decisionId], 60) ?? '' }));
const close = change(V.close, (d, ctx) => ({ type: 'close', summary: str(d[IN.summary], 5000) ?? '', actorIds: [ctx.actor.id, ...(ctx.actor.aadObjectId ? [ctx.actor.aadObjectId] : [])] }));

const start: Make = (views) => defineAction({
  verb: V.start,
  parse(d) {
    const templateId = str(d.templateId, 60) ?? '';
    return reviewTemplate(templateId) ? { templateId } : badRequest('The card did not name a review this version knows.');
  },
  async run({ templateId }, ctx) {
    const r = await views.service.start(ctx.workspace, templateId, actorOf(ctx), { kind: ctx.surface.kind === 'view' ? 'tab' : 'chat' });
    if (!r) return { message: 'There is no such review.' };
    const note = r.kind === 'started' ? `${ctx.actor.name} started ${r.run.id} with the data as it is now.` : `${r.run.id} is already open: here it is.`;
    const card = await views.card(ctx.workspace, r.run, { message: note }, r.roleNames);
    return { card, post: { summary: `${r.run.id}: ${reviewTitle(r.template)}`, reply: `${r.run.id} (${reviewTitle(r.template)}) is posted below.` } };
  },
});

const show = (verb: typeof V.open | typeof V.refresh): Make => (views) => defineAction({
  verb,
  parse: (d) => ({ runId: str(d.runId, 40) ?? '' }),
  async run({ runId }, ctx) {
    const run = runId ? await views.service.get(ctx.workspace, runId) : undefined;
    if (!run) return { message: runId ? `There is no review ${runId} in this team.` : NO_RUN };
    const card = await views.card(ctx.workspace, run);
    return verb === V.open ? { card, post: { summary: `${run.id}: ${run.templateId}`, reply: `${run.id} is posted below.` } } : { card };
  },
});

const list: Make = (views) => defineAction({
  verb: V.list,
  parse: nothing,
  async run(_p, ctx) {
    return { card: await views.listCard(ctx.workspace) };
  },
});

export function createReviewActions(views: ReviewViews): ActionRegistry {
  return new ActionRegistry([start, show(V.open), show(V.refresh), list, answerQuestions, decide, output, settle, close].map((make) => make(views)));
}
