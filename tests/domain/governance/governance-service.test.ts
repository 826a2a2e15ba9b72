// The governance service over an in-memory repository: defaults until changed, one action at a
// time against the version seen, undo of a removed use case, and the phase listeners told after a
// phase change is saved (a failing one reported, the change kept).
import { describe, expect, it } from 'vitest';
import type { Governance, GovernanceRepository } from '../../../bot/src/domain/governance/governance';
import { GovernanceService } from '../../../bot/src/domain/governance/governance-service';
import type { PhaseChange } from '../../../bot/src/domain/governance/phase';
import { agendaGovernance, governanceLines } from '../../../bot/src/domain/governance/agenda-part';
import { DEFAULT_STAKEHOLDERS } from '../../../bot/src/domain/ops/stakeholders';
import { type Workspace, workspaceKey } from '../../../bot/src/domain/workspace';

const ws: Workspace = { tenantId: 't1', scope: 'team', scopeId: '19:a@thread.tacv2' };
const vera = { id: 'u1', name: 'Vera' };

function memoryRepo(): GovernanceRepository & { saves: number } {
  const rows = new Map<string, Governance>();
  let n = 0;
  return {
    saves: 0,
    async get(w) { return rows.get(workspaceKey(w)); },
    async save(record, etag) {
      const cur = rows.get(workspaceKey(record.workspace));
      if ((cur?.etag ?? undefined) !== etag) return 'conflict';
      const saved = { ...record, etag: `W/"${++n}"` };
      rows.set(workspaceKey(record.workspace), saved);
      this.saves++;
      return saved;
    },
  };
}

function service(listeners: ((c: PhaseChange) => Promise<void>)[] = [], errors: unknown[] = []) {
  const repo = memoryRepo();
  let id = 0;
  const s = new GovernanceService({
    repo, clock: () => new Date('2026-12-02T10:00:00Z'), newId: () => String(++id),
    stakeholders: async () => DEFAULT_STAKEHOLDERS.map((x) => ({ id: x.id, role: x.role, person: x.person })),
    ksis: async () => [{ id: 'example-ksi-4', question: 'Poor calls and conferences are rare', successCriteria: 'Under 5%' }],
    listeners, onListenerError: (e) => errors.push(e),
  });
  return { s, repo };
}

describe('the governance service', () => {
  it('seed 001: shows the default charter and the example use case until someone changes them; nothing is stored by reading', async () => {
    const { s, repo } = service();
    const g = await s.get(ws);
    expect(g.charter.cadence).toBe('monthly');
    expect(g.businessCase.useCases).toHaveLength(1);
    expect(await s.phaseOf(ws)).toBeUndefined();
    expect(repo.saves).toBe(0);
  });

  it('seed 001: moving from envision to onboard is saved, then each listener is told; a failing one is reported and the phase stays', async () => {
    const heard: PhaseChange[] = [];
    const errors: unknown[] = [];
    const { s } = service([async (c) => void heard.push(c), async () => { throw new Error('gate review down'); }], errors);
    const started = await s.act(ws, { type: 'phase-next', from: undefined }, vera);
    expect(started.kind).toBe('updated');
    const moved = await s.act(ws, { type: 'phase-next', from: 'envision' }, vera, started.record.etag);
    expect(moved).toMatchObject({ kind: 'updated', summary: 'moved the project to Onboard' });
    expect(await s.phaseOf(ws)).toBe('onboard');
    expect(heard.map((c) => [c.from, c.to])).toEqual([[undefined, 'envision'], ['envision', 'onboard']]);
    expect(heard[1]).toMatchObject({ workspace: ws, actor: vera, at: '2026-12-02T10:00:00.000Z' });
    expect(errors).toHaveLength(2);
  });

  it('seed 001: a change based on an older version is a conflict and changes nothing', async () => {
    const { s } = service();
    const first = await s.act(ws, { type: 'scope', text: 'London office' }, vera);
    await s.act(ws, { type: 'scope', text: 'Paris office' }, vera, first.record.etag);
    const stale = await s.act(ws, { type: 'scope', text: 'Berlin office' }, vera, first.record.etag);
    expect(stale.kind).toBe('conflict');
    expect((await s.get(ws)).businessCase.scope).toBe('Paris office');
  });

  it('seed 001: a removed use case comes back with Undo, its KSI and measured value intact', async () => {
    const { s } = service();
    const measured = await s.act(ws, { type: 'measure', useCaseId: 'example-retire-pbx', value: '22', on: '2026-11-30' }, vera);
    expect(measured.kind).toBe('updated');
    const removed = await s.act(ws, { type: 'use-case-remove', useCaseId: 'example-retire-pbx' }, vera);
    expect(removed.record.businessCase.useCases).toEqual([]);
    const back = await s.act(ws, { type: 'use-case-undo', useCaseId: 'example-retire-pbx' }, vera);
    expect(back.record.businessCase.useCases[0]?.ksi.measured).toMatchObject({ value: 22, on: '2026-11-30', by: vera });
    expect((await s.act(ws, { type: 'use-case-undo', useCaseId: 'example-retire-pbx' }, vera)).kind).toBe('refused');
  });

  it('seed 001: a refused action says why and stores nothing', async () => {
    const { s, repo } = service();
    const r = await s.act(ws, { type: 'member-add', stakeholderId: 'nobody', committeeRole: 'member' }, vera);
    expect(r).toMatchObject({ kind: 'refused', reason: expect.stringMatching(/stakeholder matrix/) });
    expect(repo.saves).toBe(0);
  });

  it('seed 001: the agenda shows each use case\'s outcome measured against its target, and the deliverables awaiting approval', async () => {
    const { s } = service();
    await s.act(ws, { type: 'measure', useCaseId: 'example-retire-pbx', value: '12', on: '2026-11-30' }, vera);
    await s.act(ws, { type: 'deliverable-add', input: { title: 'Pilot report', owner: 'Project Lead', dueOn: '2026-12-01' } }, vera);
    await s.act(ws, { type: 'note-add', input: { kind: 'conflict', text: 'Sales and Finance both want wave one' } }, vera);
    const lines = governanceLines(agendaGovernance(await s.get(ws)), '2026-12-02');
    expect(lines.outcomes[0]).toMatchObject({ tone: 'attention', detail: 'Measured 12 % on 2026-11-30 against a target of at least 20 %: not met' });
    expect(lines.deliverables[0]).toMatchObject({ text: 'Pilot report', tone: 'attention' });
    expect(lines.deliverables[0]!.detail).toMatch(/overdue since 2026-12-01/);
    expect(lines.conflicts.map((l) => l.text)).toEqual(['Sales and Finance both want wave one']);
    expect(lines.escalations).toEqual([]);
  });
});
