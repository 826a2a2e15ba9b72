// Management review runs on real Table storage (Azurite), through the review service: a run
// starts with its snapshot and numbered from the summary row, one open run per review (two
// starts at once get one run), every change carries the ETag it was based on, closing updates
// the summary with the decisions to carry, workspaces never see each other's runs, and a row
// that is not the one asked for is refused.
import { randomUUID } from 'node:crypto';
import { TableClient } from '@azure/data-tables';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { ReviewInputs } from '../../bot/src/domain/reviews/review-inputs';
import { ReviewService } from '../../bot/src/domain/reviews/review-service';
import { summaryEntry } from '../../bot/src/domain/reviews/review-summary';
import { type Workspace, workspaceKey } from '../../bot/src/domain/workspace';
import { StorageContractError } from '../../bot/src/storage/checked-query';
import { encodeKey } from '../../bot/src/storage/keys';
import { REVIEW_TABLE, TableReviewRepository } from '../../bot/src/storage/table-review-repository';
import { uniqueTablePrefix } from '../support/service-ops';

let table: TableClient;
const ana = { id: 'ana', name: 'Ana' };
const newWs = (): Workspace => ({ tenantId: randomUUID(), scope: 'team', scopeId: '19:odd/#?\\chars@thread.tacv2' });
const now = () => new Date('2026-11-30T10:00:00Z');
const inputs: ReviewInputs = {
  incidents: async () => ({ month: '2026-11', total: 2, bySeverity: { B: 2 }, firstResponseShare: 1, updatesOnTimeShare: null, meanTimeToResolveMinutes: null, open: 2 }),
  quality: async () => undefined,
  // The changes part could not be read: only the problems come back from the shared row.
  problemsAndChanges: async () => ({ problems: { open: 1, top: [{ id: 'PRB-0001', title: 'Calls drop', incidents: 2, hasRootCause: false }] } }),
  risks: async () => ({ open: 0, high: 0, top: [] }),
  tasks: async () => undefined,
};
const service = () => new ReviewService({
  repo: new TableReviewRepository(table), inputs, clock: now,
  people: { stakeholders: async () => [{ role: 'Project Executive Sponsor', person: 'Dana Director' }], roles: async () => [{ name: 'Service Owner', team: 'IT', contact: 'Sam', contactId: 'sam-id' }] },
});

beforeAll(async () => {
  table = TableClient.fromConnectionString(inject('azuriteConnectionString'), uniqueTablePrefix() + REVIEW_TABLE, { allowInsecureConnection: true });
  await table.createTable();
});

describe('review runs on Table storage', () => {
  it('starts a run with its snapshot and people, numbered per workspace; starting it again opens the same run', async () => {
    const s = service();
    const ws = newWs();
    const first = (await s.start(ws, 'portfolio', ana, { kind: 'chat' }))!;
    expect(first.kind).toBe('started');
    expect(first.run.id).toBe('MR-0001');
    expect(first.run.etag).toMatch(/^W\//);
    expect(first.run.snapshot.incidents?.total).toBe(2);
    expect(first.run.snapshot.problems?.open).toBe(1);
    // A part that failed is named, the review starts anyway.
    expect(first.run.snapshot.missing).toEqual(['changes']);
    expect(first.run.people.decides).toEqual({ role: 'Project Executive Sponsor', who: 'Dana Director' });
    const again = (await s.start(ws, 'portfolio', ana, { kind: 'chat' }))!;
    expect([again.kind, again.run.id]).toEqual(['opened', 'MR-0001']);
    const other = (await s.start(ws, 'operational-health', ana, { kind: 'tab' }))!;
    expect(other.run.id).toBe('MR-0002');
    expect(other.run.people.decides).toEqual({ role: 'Service Owner', who: 'Sam', personId: 'sam-id' });
    // Another workspace counts from 1 and sees nothing of this one.
    const elsewhere = newWs();
    expect(await s.get(elsewhere, 'MR-0001')).toBeUndefined();
    expect((await s.start(elsewhere, 'portfolio', ana, { kind: 'chat' }))!.run.id).toBe('MR-0001');
  });

  it('two people starting the same review at once get one run', async () => {
    const ws = newWs();
    const [a, b] = await Promise.all([service().start(ws, 'release-readiness', ana, { kind: 'chat' }), service().start(ws, 'release-readiness', ana, { kind: 'chat' })]);
    expect(a!.run.id).toBe(b!.run.id);
    expect([a!.kind, b!.kind].sort()).toEqual(['opened', 'started']);
  });

  it('every change carries the ETag it was based on; closing writes the outcome and the decisions to carry to the summary', async () => {
    const s = service();
    const ws = newWs();
    const { run } = (await s.start(ws, 'portfolio', ana, { kind: 'chat' }))!;
    const decided = await s.act(ws, run.id, { type: 'decide', text: 'Fund the refresh', owner: 'Network Lead', due: '2027-01-15' }, ana, run.etag);
    expect(decided.kind).toBe('updated');
    const stale = await s.act(ws, run.id, { type: 'output', kind: 'scope', text: 'Three sites' }, ana, run.etag);
    expect(stale.kind).toBe('conflict');
    const fresh = decided.kind === 'updated' ? decided.run.etag : undefined;
    const closed = await s.act(ws, run.id, { type: 'close', summary: 'Go', actorIds: ['ana'] }, ana, fresh);
    expect(closed.kind).toBe('updated');
    const entry = summaryEntry(await s.summary(ws), 'portfolio');
    expect(entry.open).toBeUndefined();
    expect(entry.last).toEqual(expect.objectContaining({ runId: run.id, decisions: 1, summary: 'Go' }));
    expect(entry.carry.map((d) => d.text)).toEqual(['Fund the refresh']);
    // The next run of the same review lists it to follow up.
    const next = (await s.start(ws, 'portfolio', ana, { kind: 'chat' }))!;
    expect(next.run.id).toBe('MR-0002');
    expect(next.run.carried.map((d) => `${d.runId}/${d.id}`)).toEqual(['MR-0001/D1']);
  });

  it('refuses a row that does not hold the run its key names in this workspace', async () => {
    const ws = newWs();
    const s = service();
    const { run } = (await s.start(ws, 'portfolio', ana, { kind: 'chat' }))!;
    const foreign = { ...run, workspace: newWs() };
    const { etag: _e, ...rest } = foreign;
    await table.upsertEntity({ partitionKey: encodeKey(workspaceKey(ws)), rowKey: 'R|0000000001', json: JSON.stringify(rest) }, 'Replace');
    await expect(new TableReviewRepository(table).get(ws, 1)).rejects.toBeInstanceOf(StorageContractError);
  });
});
