// How problems render for chat and the tab: the card with the role map's names for the owner
// choice, and the list pages. One place, so the commands, the card actions and the tab agree.
import { type ProblemListFilter, PROBLEM_LIST_PAGE_SIZE, renderProblemListCard } from '../../cards/problem-list-card';
import { renderProblemCard, type ProblemCardInput } from '../../cards/problem-card';
import type { LinkKind, Problem } from '../../domain/problems/problem';
import type { ProblemService } from '../../domain/problems/problem-service';
import type { Workspace } from '../../domain/workspace';

/** What the problems feature knows of the records it links: their title, when they exist in the workspace. */
export interface LinkTargets {
  title(workspace: Workspace, kind: LinkKind, ref: string): Promise<string | undefined>;
}

export type Card = Record<string, unknown>;

export class ProblemViews {
  constructor(readonly service: ProblemService, readonly targets: LinkTargets) {}

  async card(ws: Workspace, problem: Problem, note: Omit<ProblemCardInput, 'problem' | 'roles'> = {}): Promise<Card> {
    const roles = await this.service.roleNames(ws).catch(() => []);
    return renderProblemCard({ problem, roles, ...note });
  }

  async listCard(ws: Workspace, filter: ProblemListFilter, continuation?: string, note: { message?: string; warning?: boolean; link?: { kind: LinkKind; ref: string } } = {}): Promise<Card> {
    const [page, roles] = await Promise.all([
      this.service.list(ws, filter, { limit: PROBLEM_LIST_PAGE_SIZE, ...(continuation ? { continuation } : {}) }),
      this.service.roleNames(ws).catch(() => []),
    ]);
    return renderProblemListCard({ items: page.items, filter, roles, ...(page.continuation ? { continuation: page.continuation } : {}), ...note });
  }
}
