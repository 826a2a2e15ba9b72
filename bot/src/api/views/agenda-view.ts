// The steering-committee tab: the generated agenda for the next meeting, then the risk register
// and the OKRs/KSIs the committee keeps. Every button is an ops card action
// (teams/ops/ops-actions.ts), the same as in chat.
import { renderAgendaCard } from '../../cards/agenda-card';
import { OPS_VERBS } from '../../cards/ops-verbs';
import { renderOkrsCard, renderRisksCard } from '../../cards/risk-okr-cards';
import type { OpsServices } from '../../domain/ops/ops-services';
import type { ActionRegistry } from '../../teams/card-actions';
import type { TabViewProvider } from '../tab-views';

/** The tab shows every section in full (within the 25 KB card limit); the chat's card stops at 5 lines. */
export const TAB_AGENDA_LINES_PER_SECTION = 50;

/** The verbs of the agenda's, the risk register's and the OKRs' cards. */
const AGENDA_VERBS = [
  OPS_VERBS.agendaRefresh, OPS_VERBS.agendaAdd, OPS_VERBS.agendaRemove, OPS_VERBS.agendaRecord, OPS_VERBS.agendaCadence, OPS_VERBS.actionDone,
  OPS_VERBS.risksShow, OPS_VERBS.riskSave, OPS_VERBS.riskAdd, OPS_VERBS.okrsShow, OPS_VERBS.ksiSave, OPS_VERBS.objectiveSave,
];

export function agendaView(ops: OpsServices, actions: ActionRegistry): TabViewProvider {
  return {
    id: 'agenda',
    title: 'Steering-committee agenda',
    description: "The next meeting's agenda, generated from open incidents, findings, risks and overdue tasks.",
    async render(ctx) {
      const ws = ctx.workspace;
      // The registers' cards show what the agenda read; only a read that failed there is tried again.
      const view = await ops.steering.agendaView(ws);
      const { agenda, settings } = view;
      const [risks, objectives, ksis] = await Promise.all([view.risks ?? ops.risks.list(ws), view.objectives ?? ops.okrs.objectives(ws), view.ksis ?? ops.okrs.ksis(ws)]);
      return {
        cards: [
          renderAgendaCard({ agenda, cadence: settings.cadence, maxLinesPerSection: TAB_AGENDA_LINES_PER_SECTION, ...(settings.etag ? { settingsEtag: settings.etag } : {}) }),
          renderRisksCard({ items: risks }),
          renderOkrsCard({ objectives, ksis }),
        ],
      };
    },
    actions: { registry: actions, verbs: AGENDA_VERBS, refuse: () => 'This button does not belong to the agenda. Reload the tab and try again.' },
  };
}
