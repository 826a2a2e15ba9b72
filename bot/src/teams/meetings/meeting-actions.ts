// The meeting side panel's card verbs (cards/meeting-verbs.ts), declared once for the chat and
// the tab: refresh, record a decision or an action, undo one, close the meeting. Fields go to
// the meeting service as sent: it validates whatever it stores.
import { MEETING_VERBS as V } from '../../cards/meeting-verbs';
import { clip } from '../../cards/ops-card-parts';
import { type CardData, oneOf, str } from '../../domain/card-data';
import type { Outcome } from '../../domain/ops/common';
import { type ActionContext, type ActionResult, ActionRegistry, type CardAction, defineAction, nothing } from '../card-actions';
import { actorOf } from '../ops/ops-action-support';
import type { MeetingViews, PanelNote } from './meeting-views';
import type { MinutesPoster, PostResult } from './minutes-poster';

export interface MeetingActionDeps {
  views: MeetingViews;
  poster: MinutesPoster;
}

type MeetingAction = (deps: MeetingActionDeps) => CardAction;

/** The Teams meeting the panel is open in, when the tab names it (its content URL's `meeting`). */
const teamsMeetingOf = (ctx: ActionContext) => (ctx.surface.kind === 'view' ? ctx.surface.params.meeting : undefined) || undefined;

/** A change shown on the panel, with a notice; or the panel with why nothing changed. */
function onPanel<T>(deps: MeetingActionDeps, ctx: ActionContext, outcome: Outcome<T>, notice: (value: T) => string): ActionResult {
  const card = (note: PanelNote) => deps.views.panelCard(ctx.workspace, note);
  if (!outcome.ok) return { view: () => card({ problem: outcome.message }), problem: outcome.message };
  return { view: () => card({ notice: notice(outcome.value) }), forEveryone: true };
}

function recordInput(d: CardData) {
  const kind = oneOf(d.kind, ['decision', 'action'] as const) ?? 'decision';
  return kind === 'decision'
    ? { kind, text: d.decisionText }
    : { kind, text: d.actionText, owner: d.actionOwner, ownerPerson: str(d.actionOwnerPerson) ?? '', dueOn: d.actionDue };
}

const refresh: MeetingAction = (deps) => defineAction({
  verb: V.refresh,
  parse: nothing,
  run: async (_, ctx) => ({ view: () => deps.views.panelCard(ctx.workspace) }),
});

const record: MeetingAction = (deps) => defineAction({
  verb: V.record,
  parse: recordInput,
  run: async (input, ctx) => onPanel(deps, ctx,
    await deps.views.meetings.record(ctx.workspace, input, actorOf(ctx), ctx.opId, teamsMeetingOf(ctx)),
    (n) => `${ctx.actor.name} recorded ${n.kind === 'decision' ? 'a decision' : 'an action'}: ${clip(n.text, 80)}`),
});

const undo: MeetingAction = (deps) => defineAction({
  verb: V.undo,
  parse: (d) => ({ noteId: str(d.noteId) ?? '' }),
  run: async ({ noteId }, ctx) => onPanel(deps, ctx,
    await deps.views.meetings.undo(ctx.workspace, noteId, actorOf(ctx)),
    (n) => `${ctx.actor.name} undid ${n.kind === 'decision' ? 'a decision' : 'an action'}: ${clip(n.text, 80)}`),
});

/** What the person who closed the meeting is told. */
function closedNotice(r: PostResult): Outcome<string> {
  if (r.kind === 'nothing-open') return { ok: false, error: 'invalid', message: 'Nothing has been recorded in this meeting, so there are no minutes to post.' };
  if (r.kind !== 'post') return { ok: true, value: 'This meeting was closed already; its minutes are posted.' };
  const counts = `${r.minutes!.decisions.length} decision(s), ${r.minutes!.actions.length} action(s)`;
  if (!r.posted) return { ok: true, value: `The meeting is closed (${counts}) and its actions are on the next agenda, but the minutes could not be posted: ${r.failure}.` };
  return { ok: true, value: `Meeting closed: the minutes (${counts}) are posted to the channel, and the actions are on the next agenda.` };
}

const close: MeetingAction = (deps) => defineAction({
  verb: V.close,
  parse: nothing,
  run: async (_, ctx) => {
    const teamsMeetingId = teamsMeetingOf(ctx);
    const by = actorOf(ctx);
    const conversationId = ctx.surface.kind === 'conversation' ? ctx.surface.conversationId : undefined;
    const result = await deps.poster.closeAndPost(ctx.workspace, { by, ...(teamsMeetingId ? { teamsMeetingId } : {}) }, conversationId);
    const told = closedNotice(result);
    // Shown as a card of its own, so the tab too tells the person where the minutes went.
    return told.ok ? { card: await deps.views.panelCard(ctx.workspace, { notice: told.value }), forEveryone: true } : onPanel(deps, ctx, told, () => '');
  },
});

export function createMeetingActions(deps: MeetingActionDeps): ActionRegistry {
  return new ActionRegistry([refresh, record, undo, close].map((make) => make(deps)));
}
