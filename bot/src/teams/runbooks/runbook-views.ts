// How the runbooks render for chat and the tabs: the list, one runbook, and a run's checklist.
import { renderRunbookCard, renderRunbookListCard, renderRunbookRunCard } from '../../cards/runbook-card';
import type { OpsRole } from '../../domain/ops/roles';
import { owningRole, type RunbookRun, type RunbookService } from '../../domain/runbooks/runbook-service';
import { type Runbook, RUNBOOKS } from '../../domain/runbooks/runbooks';
import type { Workspace } from '../../domain/workspace';
import type { Card } from '../card-actions';

export class RunbookViews {
  constructor(readonly service: RunbookService, private readonly roles: (ws: Workspace) => Promise<OpsRole[]>) {}

  async listCard(ws: Workspace, notice?: string, runbooks: readonly Runbook[] = RUNBOOKS): Promise<Card> {
    return renderRunbookListCard({ runbooks, roles: await this.roles(ws), ...(notice ? { notice } : {}) });
  }

  async card(ws: Workspace, runbook: Runbook): Promise<Card> {
    const role = owningRole(runbook, await this.roles(ws));
    return renderRunbookCard({ runbook, ...(role ? { role } : {}) });
  }

  runCard(run: RunbookRun, note: { notice?: string; problem?: string } = {}): Card {
    return renderRunbookRunCard({ run, ...note });
  }
}
