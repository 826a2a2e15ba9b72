// The ops cards as the chat shows them, the same after a command and after a card action: the
// role map, the agenda, the risk register, the OKRs and the checklist list.
import { renderAgendaCard } from '../../cards/agenda-card';
import { renderChecklistListCard } from '../../cards/checklist-card';
import { renderOkrsCard, renderRisksCard } from '../../cards/risk-okr-cards';
import { renderRoleMapCard } from '../../cards/role-map-card';
import type { OpsServices } from '../../domain/ops/ops-services';
import type { RoleOlaStatus } from '../../domain/ops/ola-service';
import type { OpsRole } from '../../domain/ops/roles';
import { localAt } from '../../domain/ops/zoned-date';
import type { Workspace } from '../../domain/workspace';
import type { Card } from '../card-actions';

/** A line for everyone (what changed) or for the person who acted (why nothing did), and the page. */
export interface CardNote {
  notice?: string;
  problem?: string;
  offset?: number;
}

/** Each role's OLA sign-off and adherence, when the OLAs are installed (two reads for the whole map). */
export type RoleOlaStatuses = (ws: Workspace, roles: readonly OpsRole[]) => Promise<Map<string, RoleOlaStatus>>;

export class OpsViews {
  constructor(
    readonly ops: OpsServices,
    private readonly clock: () => Date,
    private readonly olaStatuses?: RoleOlaStatuses,
    /** The role's OLA card, when the OLAs are installed: a sign-off is given on it. */
    readonly olaCard?: (ws: Workspace, roleId: string) => Promise<Card | undefined>,
  ) {}

  async roleMapCard(ws: Workspace, extra: CardNote = {}): Promise<Card> {
    const roles = await this.ops.roles.list(ws);
    const olas = this.olaStatuses ? await this.olaStatuses(ws, roles) : undefined;
    return renderRoleMapCard({ roles, ...(olas ? { olas } : {}), ...extra });
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
