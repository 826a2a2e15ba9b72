import { describe, expect, it } from 'vitest';
import { renderFindingCard } from '../../bot/src/cards/finding-card';
import { selectedProposalKeys } from '../../bot/src/cards/finding-import-card';
import { parseListFilter, toServiceFilter } from '../../bot/src/cards/finding-list-card';
import { FINDING_VERBS, VERB_ACTION } from '../../bot/src/cards/finding-verbs';
import { newFinding } from '../../bot/src/domain/findings/finding';

const f = {
  ...newFinding({ workspace: { tenantId: 't', scope: 'team', scopeId: 's' }, id: 'QF-0042', number: 42, now: new Date('2025-03-01T00:00:00Z'), source: 'chat', actor: { id: 'a', name: 'A' },
    draft: { category: 'vpn', area: 'call-quality', building: 'B6', networkType: 'vpn', metric: 'poor-stream-rate', value: 4.1, description: 'd', owningRole: 'Network Operations' } }).finding,
  etag: 'etag-1',
};
const verbs = (card: Record<string, unknown>): string[] => {
  const out: string[] = [];
  const walk = (x: unknown) => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (x && typeof x === 'object') {
      const o = x as Record<string, unknown>;
      if (o.type === 'Action.Execute' && o.verb !== FINDING_VERBS.refresh) out.push(String(o.verb));
      Object.values(o).forEach(walk);
    }
  };
  walk(card.actions);
  return out;
};

describe('finding card', () => {
  it('offers the actions of the status, each carrying the finding id and its ETag', () => {
    const card = renderFindingCard({ finding: f, now: new Date('2025-03-02T00:00:00Z') });
    expect(verbs(card)).toEqual(['finding.accept', 'finding.start', 'finding.wontfix', 'finding.reassign', 'finding.note']);
    expect(JSON.stringify(card.actions)).toContain('"data":{"findingId":"QF-0042","etag":"etag-1"}');
    expect(verbs(renderFindingCard({ finding: { ...f, status: 'remediated' }, now: new Date() }))).toEqual(['finding.verify', 'finding.reopen', 'finding.reassign', 'finding.note']);
    expect(verbs(renderFindingCard({ finding: { ...f, status: 'verified' }, now: new Date() }))).toEqual(['finding.note']);
    expect(Object.keys(VERB_ACTION).every((v) => Object.values(FINDING_VERBS).includes(v as never))).toBe(true);
  });

  it('refreshes for everyone in the conversation: refresh action with at most 60 user ids, none without ids', () => {
    const card = renderFindingCard({ finding: f, now: new Date(), refreshUserIds: Array.from({ length: 80 }, (_, i) => `29:u${i % 70}`) });
    expect(card.refresh).toEqual({ action: { type: 'Action.Execute', verb: 'finding.refresh', data: { findingId: 'QF-0042' } }, userIds: Array.from({ length: 60 }, (_, i) => `29:u${i}`) });
    expect(renderFindingCard({ finding: f, now: new Date() }).refresh).toBeUndefined();
  });

  it('shows the target check and the overdue mark', () => {
    const json = JSON.stringify(renderFindingCard({ finding: f, now: new Date('2025-03-09T00:00:00Z') }));
    expect(json).toContain('4.1 % poor stream rate is above the 2.0 % target');
    expect(json).toContain('"text":"Overdue"');
  });
});

describe('card data helpers', () => {
  it('reads the chosen proposals and the list filter back from Action.Execute data', () => {
    expect(selectedProposalKeys({ importId: 'i', keys: ['a', 'b', 'c'], p0: 'true', p1: 'false' })).toEqual(['a', 'c']);
    const parsed = parseListFilter({ category: 'wifi', status: 'all', owningRole: 'any', overdue: 'true', continuationToken: 'tok' });
    expect(parsed).toEqual({ filter: { category: 'wifi', status: 'all', overdue: true }, continuationToken: 'tok' });
    expect(toServiceFilter(parsed.filter).statuses).toHaveLength(6);
    expect(parseListFilter({ category: 'nonsense', status: 'evil' })).toEqual({ filter: {} });
  });
});
