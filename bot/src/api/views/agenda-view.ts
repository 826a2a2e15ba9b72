// The steering-committee tab: the generated agenda for the next meeting, then the risk register
// and the OKRs/KSIs the committee keeps. Every button goes to the same services as in chat,
// through the shared ops actions.
import { renderAgendaCard } from '../../cards/agenda-card';
import { OPS_VERBS } from '../../cards/ops-verbs';
import { renderOkrsCard, renderRisksCard } from '../../cards/risk-okr-cards';
import type { Outcome } from '../../domain/ops/common';
import type { OpsServices } from '../../domain/ops/ops-services';
import * as actions from '../../features/ops-actions';
import type { TabActionResult, TabViewContext, TabViewProvider } from '../tab-views';
import { tabActor, tabOpId } from './view-support';

/** The tab shows every section in full (within the 25 KB card limit); the chat's card stops at 5 lines. */
export const TAB_AGENDA_LINES_PER_SECTION = 50;

const done = (outcome: Outcome<unknown>): TabActionResult => (outcome.ok ? undefined : { error: outcome.message });

export function agendaView(ops: OpsServices): TabViewProvider {
  async function act(ctx: TabViewContext, verb: string, data: Record<string, unknown>): Promise<TabActionResult> {
    const ws = ctx.workspace;
    const r: actions.OpsActionRequest = { workspace: ws, data, actor: tabActor(ctx), opId: tabOpId() };
    switch (verb) {
      case OPS_VERBS.agendaRefresh: return;
      case OPS_VERBS.agendaAdd: return done(await actions.addAgendaItem(ops, r));
      case OPS_VERBS.agendaRemove: return done(await actions.removeAgendaItem(ops, r));
      case OPS_VERBS.agendaRecord: return done(await actions.recordMeeting(ops, r));
      case OPS_VERBS.agendaCadence: return done(await actions.saveCadence(ops, r));
      case OPS_VERBS.actionDone: return done(await actions.completeAction(ops, r));
      case OPS_VERBS.riskSave: return done(await actions.saveRisk(ops, r));
      case OPS_VERBS.riskAdd: return done(await actions.addRisk(ops, r));
      case OPS_VERBS.ksiSave: return done(await actions.saveTrack(ops, r, 'ksi'));
      case OPS_VERBS.objectiveSave: return done(await actions.saveTrack(ops, r, 'objective'));
      // Further pages of the registers (the first page is part of the view).
      case OPS_VERBS.risksShow: {
        const offset = actions.int(data.offset);
        return offset ? { cards: [renderRisksCard({ items: await ops.risks.list(ws), offset })] } : undefined;
      }
      case OPS_VERBS.okrsShow: {
        const offset = actions.int(data.offset);
        if (!offset) return;
        const [objectives, ksis] = await Promise.all([ops.okrs.objectives(ws), ops.okrs.ksis(ws)]);
        return { cards: [renderOkrsCard({ objectives, ksis, offset })] };
      }
      default:
        return { error: 'This button does not belong to the agenda. Reload the tab and try again.' };
    }
  }

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
    act,
  };
}
