// The charter's rules: seed 001's purpose and objectives as defaults, members from the stakeholder
// matrix with one executive sponsor and one chair, and a cadence from a fixed set.
import { describe, expect, it } from 'vitest';
import { addMember, charterGaps, DEFAULT_CHARTER, orderedMembers, removeMember, validateCharter } from '../../../bot/src/domain/governance/charter';
import { DEFAULT_STAKEHOLDERS } from '../../../bot/src/domain/ops/stakeholders';

const matrix = DEFAULT_STAKEHOLDERS.map((s) => ({ id: s.id, role: s.role, person: s.person }));
const value = <T>(r: { ok: true; value: T } | { ok: false; message: string }): T => {
  if (!r.ok) throw new Error(r.message);
  return r.value;
};
const message = (r: { ok: boolean; message?: string }): string => (r.ok ? '' : r.message ?? '');

describe('the steering committee charter', () => {
  it('seed 001: the default charter steers what the project delivers, not how, and keeps the three key objectives', () => {
    expect(DEFAULT_CHARTER.purpose).toMatch(/what the project delivers/);
    expect(DEFAULT_CHARTER.objectives).toHaveLength(3);
    expect(DEFAULT_CHARTER.objectives.join(' ')).toMatch(/aligned/);
    expect(DEFAULT_CHARTER.objectives.join(' ')).toMatch(/OKRs/);
    expect(DEFAULT_CHARTER.cadence).toBe('monthly');
  });

  it('seed 001: every default member is a role of the stakeholder matrix, the Project Executive Sponsor as executive sponsor', () => {
    for (const m of DEFAULT_CHARTER.members) expect(matrix.map((s) => s.id)).toContain(m.stakeholderId);
    expect(DEFAULT_CHARTER.members.find((m) => m.committeeRole === 'executive-sponsor')?.stakeholderRole).toBe('Project Executive Sponsor');
    expect(charterGaps(DEFAULT_CHARTER)).toEqual([]);
  });

  it('seed 001: a member is chosen from the stakeholder matrix; anyone else is refused', () => {
    const c = value(addMember(DEFAULT_CHARTER, 'network-lead', 'member', matrix));
    expect(c.members.at(-1)).toEqual({ stakeholderId: 'network-lead', stakeholderRole: 'Network Lead', committeeRole: 'member' });
    expect(message(addMember(DEFAULT_CHARTER, 'someone-else', 'member', matrix))).toMatch(/stakeholder matrix/);
    expect(message(addMember(DEFAULT_CHARTER, 'network-lead', 'king', matrix))).toMatch(/Executive sponsor/);
    expect(message(addMember(DEFAULT_CHARTER, 'project-lead', 'member', matrix))).toMatch(/already on the committee/);
  });

  it('seed 001: the committee has one executive sponsor; a second is refused until the first is removed', () => {
    expect(message(addMember(DEFAULT_CHARTER, 'network-lead', 'executive-sponsor', matrix))).toMatch(/one executive sponsor: Project Executive Sponsor/);
    const without = value(removeMember(DEFAULT_CHARTER, 'project-executive-sponsor'));
    expect(charterGaps(without)[0]).toMatch(/no executive sponsor/);
    expect(value(addMember(without, 'network-lead', 'executive-sponsor', matrix)).members.at(-1)?.committeeRole).toBe('executive-sponsor');
    expect(message(removeMember(without, 'project-executive-sponsor'))).toMatch(/no longer on the committee/);
  });

  it('seed 001: purpose, objectives (one per line) and cadence are checked, and the members stay', () => {
    const c = value(validateCharter({ purpose: ' Guide the rollout ', objectives: 'One\n\n Two ', cadence: 'quarterly' }, DEFAULT_CHARTER));
    expect(c).toMatchObject({ purpose: 'Guide the rollout', objectives: ['One', 'Two'], cadence: 'quarterly', members: DEFAULT_CHARTER.members });
    expect(message(validateCharter({ purpose: '', objectives: 'x', cadence: 'monthly' }, DEFAULT_CHARTER))).toMatch(/purpose is required/);
    expect(message(validateCharter({ purpose: 'p', objectives: '\n', cadence: 'monthly' }, DEFAULT_CHARTER))).toMatch(/at least one objective/);
    expect(message(validateCharter({ purpose: 'p', objectives: 'x', cadence: 'daily' }, DEFAULT_CHARTER))).toMatch(/Monthly \(monthly\)/);
    expect(message(validateCharter({ purpose: 'p', objectives: Array(11).fill('o'), cadence: 'monthly' }, DEFAULT_CHARTER))).toMatch(/at most 10/);
  });

  it('seed 001: members are listed sponsor first, then chair, secretary and members', () => {
    const c = value(addMember(value(removeMember(DEFAULT_CHARTER, 'project-executive-sponsor')), 'network-lead', 'executive-sponsor', matrix));
    expect(orderedMembers(c.members).map((m) => m.committeeRole)).toEqual(['executive-sponsor', 'chair', 'secretary', 'member', 'member']);
  });
});
