// Requests for change of a workspace: numbered from its counters, the priority computed from
// urgency and impact, every step checked (change-rules.ts) and written with the ETag of the
// version the person saw. A change raised from a problem is noted on the problem.
import type { CounterRepository } from '../counter';
import type { Actor, Outcome } from '../ops/common';
import type { Workspace } from '../workspace';
import { type ChangeRequest, type ChangeSource, type ChangeStatus, formatChangeId, parseChangeId } from './change';
import type { ControlPage, ControlRepository, StatusFilter } from './control-repository';
import type { ControlSummary } from './control-summary';
import { type ChangeAction, applyChangeAction, newChange, type NewChangeInput } from './change-rules';

export type ChangeRepository = ControlRepository<ChangeRequest, ChangeStatus>;

export type ChangeActResult =
  | { kind: 'updated'; change: ChangeRequest }
  | { kind: 'refused'; current: ChangeRequest; reason: string }
  | { kind: 'conflict'; current: ChangeRequest; message: string }
  | { kind: 'not-found'; message: string };

export interface ChangeServiceDeps {
  repo: ChangeRepository;
  numbers: CounterRepository;
  clock: () => Date;
  /** Called after a change is stored (e.g. to note it on the problem it was raised from). */
  onRaised?(workspace: Workspace, change: ChangeRequest, actor: Actor): Promise<void>;
}

const COUNTER = 'change';
const CONFLICT = 'Someone else changed this request for change since you opened it. Here is the latest version: check it and try again.';

export class ChangeService {
  constructor(private readonly deps: ChangeServiceDeps) {}

  async create(ws: Workspace, input: NewChangeInput, source: ChangeSource, actor: Actor): Promise<Outcome<ChangeRequest>> {
    const dry = newChange(input, { workspace: ws, id: 'RFC-0', number: 0, source, actor, now: this.deps.clock() });
    if (!dry.ok) return dry;
    for (;;) {
      const number = await this.deps.numbers.next(ws, COUNTER);
      const made = newChange(input, { workspace: ws, id: formatChangeId(number), number, source, actor, now: this.deps.clock() });
      if (!made.ok) return made;
      const stored = await this.deps.repo.create(made.value);
      if (stored === 'taken') continue;
      await this.deps.onRaised?.(ws, stored, actor);
      return { ok: true, value: stored };
    }
  }

  async get(ws: Workspace, id: string): Promise<ChangeRequest | undefined> {
    const n = parseChangeId(id);
    return n === undefined ? undefined : this.deps.repo.get(ws, n);
  }

  list(ws: Workspace, filter: StatusFilter<ChangeStatus>, page: { limit: number; continuation?: string }): Promise<ControlPage<ChangeRequest>> {
    return this.deps.repo.list(ws, filter, page);
  }

  summary(ws: Workspace): Promise<ControlSummary> {
    return this.deps.repo.summary(ws);
  }

  async act(ws: Workspace, id: string, action: ChangeAction, actor: Actor, expectedEtag?: string): Promise<ChangeActResult> {
    const current = await this.get(ws, id);
    if (!current) return { kind: 'not-found', message: `There is no request for change ${id} in this team.` };
    if (expectedEtag !== undefined && expectedEtag !== current.etag) return { kind: 'conflict', current, message: CONFLICT };
    const applied = applyChangeAction(current, action, actor, this.deps.clock());
    if (!applied.ok) return { kind: 'refused', current, reason: applied.message };
    const saved = await this.deps.repo.update(current, applied.value.change, current.etag ?? '');
    if (saved === 'conflict') {
      const latest = await this.get(ws, id);
      return latest ? { kind: 'conflict', current: latest, message: CONFLICT } : { kind: 'not-found', message: `There is no request for change ${id} in this team.` };
    }
    return { kind: 'updated', change: saved };
  }
}
