// The steering-committee agenda tab as a meeting side panel (the content page asks for this
// view when Teams frames the agenda tab as sidePanel or meetingStage): the meeting's decisions
// and actions, the forms that record them, the last meeting's actions, Close meeting. Every
// button is a meeting card action (teams/meetings/meeting-actions.ts), the same as in chat;
// "Mark done" on a carried action is the agenda's own.
import { MEETING_VERBS } from '../../cards/meeting-verbs';
import { OPS_VERBS } from '../../cards/ops-verbs';
import { ActionRegistry } from '../../teams/card-actions';
import type { MeetingViews } from '../../teams/meetings/meeting-views';
import type { TabViewProvider } from '../tab-views';

const PANEL_VERBS = [MEETING_VERBS.refresh, MEETING_VERBS.record, MEETING_VERBS.undo, MEETING_VERBS.close, OPS_VERBS.actionDone];

export function meetingView(views: MeetingViews, meetingActions: ActionRegistry, opsActions: ActionRegistry): TabViewProvider {
  const done = opsActions.get(OPS_VERBS.actionDone);
  const registry = new ActionRegistry([...meetingActions.list(), ...(done ? [done] : [])]);
  return {
    id: 'meeting',
    title: 'Steering committee meeting',
    description: 'Record decisions and actions during the meeting; the minutes are posted when it ends.',
    async render(ctx) {
      return { cards: [await views.panelCard(ctx.workspace)] };
    },
    actions: { registry, verbs: PANEL_VERBS, refuse: () => 'This button does not belong to the meeting panel. Reload the panel and try again.' },
  };
}
