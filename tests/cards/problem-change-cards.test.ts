// The problem and change buttons on the cards people already see: "Link to problem" on the
// incident and finding cards, "Raise a change" on a finding, a problem and the IP-range task's
// digest line, and what the problem and change cards offer at each status.
import { describe, expect, it } from 'vitest';
import { renderChangeCard } from '../../bot/src/cards/change-card';
import { renderProblemCard } from '../../bot/src/cards/problem-card';
import { renderReminderDigestCard } from '../../bot/src/cards/reminder-digest-card';
import { buttons } from '../journeys/support/teams';
import { change, problem, ROLES } from '../domain/problems/fixtures';
import { samples as findingSamples } from './samples/findings';
import { samples as incidentSamples } from './samples/incidents';
import { DEFAULT_CATALOG } from '../../bot/src/domain/reminders/catalog';
import type { Digest } from '../../bot/src/domain/reminders/digest';
import type { DigestLine } from '../../bot/src/domain/reminders/schedule';

const verbs = (card: unknown) => buttons(card).map((b) => b.verb);

describe('link to problem and raise a change on the cards people see', () => {
  it('every incident and finding card links to a problem: a new one from it, or a chosen one', () => {
    const incident = incidentSamples.find((s) => s.template === 'incident.json')!.render();
    const link = buttons(incident).find((b) => b.verb === 'problem.link')!;
    expect(link.data).toMatchObject({ kind: 'incident', ref: expect.stringMatching(/^SR-/), problemChoice: 'new' });
    const finding = findingSamples.find((s) => s.template === 'finding.json')!.render();
    expect(buttons(finding).find((b) => b.verb === 'problem.link')!.data).toMatchObject({ kind: 'finding', ref: expect.stringMatching(/^QF-/) });
  });

  it('a finding under remediation raises a change from itself', () => {
    const finding = findingSamples.find((s) => s.template === 'finding.json')!.render();
    expect(buttons(finding).find((b) => b.verb === 'change.draft')!.data).toMatchObject({ source: { kind: 'finding', id: expect.stringMatching(/^QF-/) } });
  });

  it('the digest offers "Raise a change" on the published IP ranges task only', () => {
    const line = (scheduleId: string, title: string): DigestLine => ({
      scheduleId, occurrenceId: `${scheduleId}@2026-11-30T09:00`, title, category: 'Network quality', role: 'Network Operations', cadence: { kind: 'daily' } as DigestLine['cadence'],
      kind: 'due', dueAt: '2026-11-30T09:00:00Z', note: '', dueLocal: 'Monday 09:00 UTC',
    });
    const ipTask = DEFAULT_CATALOG.find((t) => t.key === 'endpoints-watch')!;
    const digest: Digest = {
      workspace: { tenantId: 't', scope: 'team', scopeId: '19:a@thread.tacv2' }, targetConversationId: '19:ops@thread.tacv2',
      due: [line(`cat-${ipTask.key}`, ipTask.title), line('cat-other', 'Review the call-quality dashboard')], carried: [],
    };
    const raise = buttons(renderReminderDigestCard(digest, new Date('2026-11-30T09:00:00Z')).card).filter((b) => b.verb === 'change.draft');
    expect(raise).toHaveLength(1);
    expect(raise[0]!.data).toMatchObject({ source: { kind: 'task', id: 'cat-endpoints-watch', title: expect.stringContaining('IP ranges') } });
  });
});

describe('the problem card', () => {
  it('offers root cause, known error, link, owner, status and a change while open', () => {
    expect(verbs(renderProblemCard({ problem: problem(1, { etag: 'W/"1"' }), roles: ROLES }))).toEqual(
      ['problem.link', 'problem.owner', 'problem.rca', 'problem.knownError', 'problem.status', 'change.draft', 'problem.refresh'],
    );
  });

  it('offers unlink once something is linked, and undo after an unlink', () => {
    const card = renderProblemCard({ problem: problem(1, { incidents: ['SR-202611-0001'], etag: 'W/"2"' }), roles: ROLES, undo: { kind: 'incident', ref: 'SR-202611-0001' } });
    expect(verbs(card)).toContain('problem.unlink');
    expect(buttons(card)[0]).toMatchObject({ verb: 'problem.link', title: 'Undo: link SR-202611-0001 again', data: { problemId: 'PRB-0001', etag: 'W/"2"', kind: 'incident', ref: 'SR-202611-0001' } });
  });

  it('a closed problem offers nothing but a refresh', () => {
    expect(verbs(renderProblemCard({ problem: problem(1, { status: 'closed' }), roles: ROLES }))).toEqual(['problem.refresh']);
  });
});

describe('the change card', () => {
  it('seed 002: a requested change is approved or rejected by someone named, in one form', () => {
    const card = renderChangeCard({ change: change(1, { etag: 'W/"1"' }) });
    const steps = buttons(card).filter((b) => b.verb === 'change.status').map((b) => b.data.to);
    expect(steps).toEqual(['approved', 'rejected']);
    expect(JSON.stringify(card)).toContain('changeApprover');
  });

  it('an emergency change says it is for review at the next steering meeting, until reviewed', () => {
    expect(JSON.stringify(renderChangeCard({ change: change(1, { category: 'emergency' }) }))).toContain('for review at the next steering meeting');
    expect(JSON.stringify(renderChangeCard({ change: change(1, { category: 'emergency', status: 'reviewed' }) }))).not.toContain('for review at the next steering meeting');
  });
});
