// How the OLAs render for chat and the tabs: one role's OLA card, and the overview of every team.
import { renderOlaCard, renderOlaListCard } from '../../cards/ola-card';
import type { OlaService } from '../../domain/ops/ola-service';
import type { OpsRole } from '../../domain/ops/roles';
import type { Workspace } from '../../domain/workspace';
import type { Card } from '../card-actions';

export interface OlaNote {
  notice?: string;
  problem?: string;
}

export class OlaViews {
  constructor(readonly service: OlaService) {}

  /** The role's OLA card; undefined when the role is gone. */
  async card(ws: Workspace, roleId: string, note: OlaNote = {}): Promise<Card | undefined> {
    const view = await this.service.view(ws, roleId);
    return view ? renderOlaCard({ view, ...note }) : undefined;
  }

  /** Every team's OLA; `known`: the role map when the caller already read it. */
  async listCard(ws: Workspace, notice?: string, known?: readonly OpsRole[]): Promise<Card> {
    const roles = known ?? (await this.service.find(ws, '')).roles;
    return renderOlaListCard({ views: await this.service.views(ws, roles), ...(notice ? { notice } : {}) });
  }
}
