// The governance service: reads the workspace's record (the defaults until someone changes it),
// applies one action at a time against the version the person saw, and tells the phase listeners
// after a phase change is saved. It is also the PhaseReader other features ask.
import type { Workspace } from '../workspace';
import type { Actor, Clock } from '../ops/common';
import type { KsiChoice } from './business-case';
import type { StakeholderChoice } from './charter';
import { applyAction, defaultGovernance, type Governance, type GovernanceAction, type GovernanceRepository } from './governance';
import type { PhaseChange, PhaseListener, PhaseReader, ProjectPhase } from './phase';

export type GovernanceResult =
  | { kind: 'updated'; record: Governance; summary: string }
  | { kind: 'refused'; record: Governance; reason: string }
  | { kind: 'conflict'; record: Governance; reason: string };

export interface GovernanceDeps {
  repo: GovernanceRepository;
  clock: Clock;
  newId: () => string;
  /** The workspace's stakeholder matrix: committee members are chosen from it. */
  stakeholders(workspace: Workspace): Promise<StakeholderChoice[]>;
  /** The workspace's KSIs: a use case's outcome may be aligned with one. */
  ksis(workspace: Workspace): Promise<KsiChoice[]>;
  listeners?: readonly PhaseListener[];
  /** Told when a phase listener fails; the phase change stays saved. */
  onListenerError?: (error: unknown, change: PhaseChange) => void;
}

export class GovernanceService implements PhaseReader {
  constructor(private readonly deps: GovernanceDeps) {}

  async get(ws: Workspace): Promise<Governance> {
    return (await this.deps.repo.get(ws)) ?? defaultGovernance(ws);
  }

  async phaseOf(ws: Workspace): Promise<ProjectPhase | undefined> {
    return (await this.deps.repo.get(ws))?.timeline.current;
  }

  stakeholders(ws: Workspace): Promise<StakeholderChoice[]> {
    return this.deps.stakeholders(ws);
  }

  ksis(ws: Workspace): Promise<KsiChoice[]> {
    return this.deps.ksis(ws);
  }

  /**
   * Applies one action. With `etag` (the version the card showed) a change made meanwhile is a
   * conflict; without it, the latest version is changed.
   */
  async act(ws: Workspace, action: GovernanceAction, actor: Actor, etag?: string): Promise<GovernanceResult> {
    const stored = await this.deps.repo.get(ws);
    const current = stored ?? defaultGovernance(ws);
    if (etag && stored?.etag !== etag) return { kind: 'conflict', record: current, reason: 'Someone changed this since you opened it; here is the latest. Nothing was changed.' };
    const now = this.deps.clock();
    const [stakeholders, ksis] = await Promise.all([
      action.type === 'member-add' ? this.deps.stakeholders(ws) : [],
      action.type === 'use-case' ? this.deps.ksis(ws) : [],
    ]);
    const r = applyAction(current, action, { actor, at: now.toISOString(), today: now.toISOString().slice(0, 10), newId: this.deps.newId, stakeholders, ksis });
    if (!r.ok) return { kind: 'refused', record: current, reason: r.message };
    const saved = await this.deps.repo.save({ ...r.value.next, workspace: ws }, stored?.etag);
    if (saved === 'conflict') return { kind: 'conflict', record: await this.get(ws), reason: 'Someone changed this at the same moment; here is the latest. Nothing was changed.' };
    if (action.type === 'phase-next') await this.tellListeners({ workspace: ws, from: current.timeline.current, to: saved.timeline.current!, at: now.toISOString(), actor });
    return { kind: 'updated', record: saved, summary: r.value.summary };
  }

  /** Each listener on its own: one failing is reported and neither stops the others nor undoes the change. */
  private async tellListeners(change: PhaseChange): Promise<void> {
    await Promise.all((this.deps.listeners ?? []).map(async (listen) => {
      try {
        await listen(change);
      } catch (e) {
        this.deps.onListenerError?.(e, change);
      }
    }));
  }
}
