// The ops cards as the chat shows them, the same after a command and after a card action: the
// role map, the agenda, the risk register, the OKRs and the checklist list.
import { renderAgendaCard } from '../../cards/agenda-card';
import { renderChecklistListCard } from '../../cards/checklist-card';
import { renderOkrsCard, renderRisksCard } from '../../cards/risk-okr-cards';
import { renderRoleMapCard } from '../../cards/role-map-card';
import type { OpsServices } from '../../domain/ops/ops-services';
import { localAt } from '../../domain/ops/zoned-date';
import type { Workspace } from '../../domain/workspace';
import type { Card } from '../card-actions';

/** A line for everyone (what changed) or for the person who acted (why nothing did), and the page. */
export interface CardNote {
  notice?: string;
  problem?: string;
  offset?: number;
}

export class OpsViews {
  constructor(readonly ops: OpsServices, private readonly clock: () => Date) {}

  async roleMapCard(ws: Workspace, extra: CardNote = {}): Promise<Card> {
    return renderRoleMapCard({ roles: await this.ops.roles.list(ws), ...extra });
  }

  async agendaCard(ws: Workspace, extra: Omit<CardNote, 'offset'> = {}): Promise<Card> {
    const { agenda, settings } = await this.ops.steering.agendaView(ws);
    return renderAgendaCard({ agenda, cadence: settings.cadence, ...(settings.etag ? { settingsEtag: settings.etag } : {}), ...extra });
  }

  async risksCard(ws: Workspace, extra: CardNote = {}): Promise<Card> {
    return renderRisksCard({ items: await this.ops.risks.list(ws), ...extra });
  }

  async okrsCard(ws: Workspace, extra: CardNote = {}): Promise<Card> {
    const [objectives, ksis] = await Promise.all([this.ops.okrs.objectives(ws), this.ops.okrs.ksis(ws)]);
    return renderOkrsCard({ objectives, ksis, ...extra });
  }

  async checklistListCard(ws: Workspace, extra: Omit<CardNote, 'offset'> = {}): Promise<Card> {
    const [runs, settings] = await Promise.all([this.ops.checklists.runs(ws), this.ops.steering.settings(ws)]);
    const today = localAt(this.clock(), settings.cadence.timeZone);
    return renderChecklistListCard({ templates: this.ops.checklists.templates(), runs, defaultPeriod: `${today.year}-${String(today.month).padStart(2, '0')}`, ...extra });
  }
}
