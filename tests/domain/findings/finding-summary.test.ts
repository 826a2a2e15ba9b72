// The findings summary kept instead of reading every finding: maintained change by change it
// must equal the summary built from the findings themselves, and what the agenda reads from it
// must be what it would read from the findings.
import { describe, expect, it } from 'vitest';
import type { ConfirmedDraft } from '../../../bot/src/domain/findings/draft';
import { applyAction, type Finding, type FindingAction, formatFindingId, isOpen, isOverdue, newFinding } from '../../../bot/src/domain/findings/finding';
import {
  agendaFindings, dueOrderKey, dueRefillNeeded, emptySummary, type FindingSummary, openFindings, reportedAverages, SUMMARY_LIST_SIZE, summaryAfterChange,
  summaryAfterCreate, summaryBuilder, summaryEntry, totalFindings,
} from '../../../bot/src/domain/findings/finding-summary';
import type { Workspace } from '../../../bot/src/domain/workspace';

const ws: Workspace = { tenantId: 't', scope: 'team', scopeId: '19:x' };
const actor = { id: 'a', name: 'A' };
const draft: ConfirmedDraft = { category: 'vpn', area: 'call-quality', building: 'Building 6', networkType: 'vpn', metric: 'poor-stream-rate', value: 4.1, unit: '%', description: 'poor audio in Building 6\nmore detail', owningRole: 'Network Operations' };
const at = (iso: string) => new Date(iso);
const day = 86_400_000;

/** A little in-memory store of findings that keeps a summary the way storage does. */
class Workspace0 {
  findings = new Map<number, Finding>();
  summary: FindingSummary = emptySummary();
  private next = 1;

  file(now: Date, over: Partial<ConfirmedDraft> = {}): Finding {
    const n = this.next++;
    const { finding } = newFinding({ workspace: ws, id: formatFindingId('QF', n), number: n, draft: { ...draft, ...over }, actor, now, source: 'chat' });
    this.findings.set(n, finding);
    this.summary = summaryAfterCreate(this.summary, finding, now);
    return finding;
  }

  act(n: number, action: FindingAction, now: Date): boolean {
    const before = this.findings.get(n)!;
    const t = applyAction(before, action, actor, now);
    if (!t.ok) return false;
    // The due index: every open finding but `before` in due order after the key asked for (as the store's query returns it).
    const need = dueRefillNeeded(this.summary, before);
    const refill = need
      ? [...this.findings.values()].filter((f) => isOpen(f.status)).map(summaryEntry).filter((e) => dueOrderKey(e) > need.afterKey).sort((a, b) => dueOrderKey(a).localeCompare(dueOrderKey(b))).slice(0, 2)
      : [];
    this.summary = summaryAfterChange(this.summary, before, t.finding, now, refill);
    this.findings.set(n, t.finding);
    return true;
  }

  rebuilt(): FindingSummary {
    const b = summaryBuilder();
    for (const f of this.findings.values()) b.add(f);
    return b.result();
  }
}

/** The parts of a summary that do not depend on when hours were folded (the steps here span less than the 400 filing days kept one by one). */
function essence(s: FindingSummary) {
  const dueHours = { ...s.dueHours };
  return { counts: s.counts, due: s.due, recent: s.recent, entries: Object.fromEntries([...s.due, ...s.recent].map((n) => [n, s.entries[n]])), createdDays: s.createdDays, reported: s.reported, dueOpen: s.duePast + Object.values(dueHours).reduce((a, n) => a + n, 0) };
}

/** What the agenda shows, computed from the findings themselves (the old way). */
function fromFindings(w: Workspace0, now: Date, since?: string) {
  const open = [...w.findings.values()].filter((f) => isOpen(f.status));
  return open.filter((f) => isOverdue(f, now) || since === undefined || f.createdAt > since);
}

describe('the findings summary', () => {
  it('kept change by change equals the summary built from the findings, through files, moves, closes and reopens', () => {
    const w = new Workspace0();
    let now = at('2026-01-05T08:00:00Z');
    let seed = 7;
    const rnd = (n: number) => (seed = (seed * 48271) % 2147483647) % n;
    const actions: FindingAction[] = [{ type: 'accept' }, { type: 'start' }, { type: 'remediated' }, { type: 'verify' }, { type: 'reopen' }, { type: 'wontfix', reason: 'no budget' }, { type: 'reassign', owningRole: 'Help Desk' }, { type: 'note', text: 'n' }];
    for (let step = 0; step < 600; step++) {
      now = new Date(now.getTime() + rnd(20) * 3_600_000);
      if (step < 130 || rnd(3) === 0) w.file(now, { value: rnd(90) / 10, ...(rnd(4) === 0 ? { metric: 'drop-failure-rate' as const } : {}) });
      else w.act(1 + rnd(w.findings.size), actions[rnd(actions.length)]!, now);
    }
    expect(w.findings.size).toBeGreaterThan(2 * SUMMARY_LIST_SIZE);
    expect(essence(w.summary)).toEqual(essence(w.rebuilt()));
    expect(totalFindings(w.summary)).toBe(w.findings.size);
    expect(openFindings(w.summary)).toBe([...w.findings.values()].filter((f) => isOpen(f.status)).length);
    // The due list is the open findings due soonest, in due order.
    const dueOrder = [...w.findings.values()].filter((f) => isOpen(f.status)).map(summaryEntry).sort((a, b) => dueOrderKey(a).localeCompare(dueOrderKey(b))).slice(0, SUMMARY_LIST_SIZE).map((e) => e.number);
    expect(w.summary.due).toEqual(dueOrder);
  });

  it('gives the agenda the findings it would pick from every finding, and their number', () => {
    const w = new Workspace0();
    const jan = at('2026-01-10T09:00:00Z');
    for (let i = 0; i < 5; i++) w.file(new Date(jan.getTime() + i * day)); // due 7 days later: overdue by March
    w.act(2, { type: 'accept' }, at('2026-01-20T09:00:00Z'));
    w.act(3, { type: 'wontfix', reason: 'x' }, at('2026-01-20T09:00:00Z'));
    const march = at('2026-03-01T09:00:00Z');
    w.file(march);
    w.file(new Date(march.getTime() + 3_600_000));
    const now = at('2026-03-02T09:00:00Z');
    for (const since of [undefined, '2026-02-15T00:00:00Z', '2026-03-01T09:30:00Z', '2027-01-01T00:00:00Z']) {
      const d = agendaFindings(w.summary, now, since);
      const expected = fromFindings(w, now, since);
      expect(d.findings.filter((f) => f.overdue || since === undefined || f.createdAt > since).map((f) => f.id).sort()).toEqual(expected.map((f) => f.id).sort());
      expect(d.total).toBe(expected.length);
      for (const f of d.findings) expect(f.overdue).toBe(isOverdue(w.findings.get(f.number)!, now));
    }
    expect(agendaFindings(w.summary, now).findings.find((f) => f.number === 1)).toMatchObject({ title: 'poor audio in Building 6', statusLabel: 'New', overdue: true });
  });

  it('counts findings beyond the lists from its histograms: 300 overdue, 120 filed since the last meeting', () => {
    const w = new Workspace0();
    const start = at('2026-01-01T00:00:00Z');
    for (let i = 0; i < 300; i++) w.file(new Date(start.getTime() + i * 3_600_000)); // overdue by March
    const meeting = '2026-02-20T10:30:00Z';
    for (let i = 0; i < 120; i++) w.file(new Date(Date.parse('2026-02-21T00:00:00Z') + i * 60_000));
    for (let n = 1; n <= 40; n++) w.act(n, { type: 'wontfix', reason: 'x' }, at('2026-02-21T06:00:00Z'));
    const now = at('2026-02-25T12:00:00Z');
    const d = agendaFindings(w.summary, now, meeting);
    expect(d.total).toBe(fromFindings(w, now, meeting).length);
    expect(d.total).toBe(260 + 120);
    // The lines: the 50 most overdue, then the 50 filed last (the tab shows 50 of them, then "and N more").
    expect(d.findings.filter((f) => f.overdue)).toHaveLength(SUMMARY_LIST_SIZE);
    expect(d.findings.filter((f) => !f.overdue)).toHaveLength(SUMMARY_LIST_SIZE);
    expect(agendaFindings(w.summary, now).total).toBe(380);
  });

  it('stays small over years: past due hours and filing days over a year old are folded, and still counted', () => {
    const w = new Workspace0();
    const start = Date.parse('2023-01-01T00:00:00Z');
    for (let i = 0; i < 1500; i++) w.file(new Date(start + i * 12 * 3_600_000));
    for (let n = 1; n <= 1500; n += 3) w.act(n, { type: 'wontfix', reason: 'x' }, at('2025-01-20T00:00:00Z'));
    const s = w.summary;
    const open = [...w.findings.values()].filter((f) => isOpen(f.status)).length;
    expect(Object.keys(s.createdDays).length).toBeLessThanOrEqual(401);
    expect(Object.keys(s.dueHours).length).toBeLessThanOrEqual(8 * 24);
    expect(s.createdOld + Object.values(s.createdDays).reduce((a, n) => a + n, 0)).toBe(open);
    expect(s.duePast + Object.values(s.dueHours).reduce((a, n) => a + n, 0)).toBe(open);
    expect(JSON.stringify(s).length).toBeLessThan(40_000);
  });

  it('averages the values findings reported per month, over every status', () => {
    const w = new Workspace0();
    w.file(at('2026-01-03T00:00:00Z'), { value: 3 });
    w.file(at('2026-01-09T00:00:00Z'), { value: 4 });
    w.file(at('2026-02-09T00:00:00Z'), { value: 5.5 });
    w.file(at('2026-02-10T00:00:00Z'), { metric: 'named', value: 99, metricName: 'MOS' });
    w.act(1, { type: 'wontfix', reason: 'x' }, at('2026-02-11T00:00:00Z'));
    expect(reportedAverages(w.summary)).toEqual([{ metric: 'poor-stream-rate', total: 3, points: [{ month: '2026-01', rate: 3.5 }, { month: '2026-02', rate: 5.5 }] }]);
  });
});
