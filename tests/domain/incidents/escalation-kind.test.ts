// Technical and non-technical escalations: what they are, how the dialog records the kind, and
// how the monthly service-review figures count them.
import { describe, expect, it } from 'vitest';
import { answerStep, confirmDraft, type EscalationDraft, nextStep, promptFor, type StepContext, validateEscalation } from '../../../bot/src/domain/incidents/escalation-draft';
import { countEscalationKinds, defaultEscalationKind, parseEscalationKind } from '../../../bot/src/domain/incidents/escalation-kind';
import { monthlyFigures } from '../../../bot/src/domain/incidents/figures';
import { internalDecision } from '../../../bot/src/domain/incidents/scope-check';
import { DEFAULT_SEVERITY_POLICY } from '../../../bot/src/domain/incidents/severity';
import { escalation, incident } from './fixtures';

const ctx: StepContext = { now: new Date('2024-06-03T10:00:00Z'), timeZone: 'Europe/London', policy: DEFAULT_SEVERITY_POLICY };
const vendor = { route: 'vendor' as const, reason: 'confirmed', matched: [] };
const answered: EscalationDraft = {
  service: 'Teams meetings', problem: 'Meetings fail to start for everyone', impact: 'Nobody can hold customer calls', affected: 'all users',
  startedAt: '2024-06-03T09:00:00.000Z', severity: 'A',
};

describe('technical and non-technical escalations', () => {
  it('seed 003: "the Office 365 support team accepts escalations for service-related support issues" (its Technical Support Team): an escalation to the vendor is technical', () => {
    expect(defaultEscalationKind(vendor)).toBe('technical');
  });

  it('seed 003: of what the vendor will not accept, only "your operational procedures" is about how the service is run: non-technical; a fault in our network, hardware or configuration is technical', () => {
    expect(defaultEscalationKind(internalDecision('operating-procedures'))).toBe('non-technical');
    for (const c of ['network', 'hardware', 'on-premises-software', 'third-party-software', 'architecture', 'process-configuration-human-error'] as const) {
      expect(defaultEscalationKind(internalDecision(c))).toBe('technical');
    }
    expect(defaultEscalationKind(undefined)).toBeUndefined();
  });

  it('the routing suggests the kind, so the dialog asks nothing more; the person can still choose the other kind', () => {
    const scoped = answerStep(answered, 'scope', 'vendor', ctx);
    if (!scoped.ok) throw new Error(scoped.message);
    expect(scoped.next).toBe('confirm');
    const c = confirmDraft(scoped.draft);
    expect(c.ok && c.escalation.escalationKind).toBe('technical');
    const p = promptFor('kind', scoped.draft, ctx);
    expect(p.choices?.map((x) => x.value)).toEqual(['technical', 'non-technical']);
    expect(p.suggestion?.value).toBe('technical');
    const changed = answerStep(scoped.draft, 'kind', 'non-technical', ctx);
    if (!changed.ok) throw new Error(changed.message);
    const c2 = confirmDraft(changed.draft);
    expect(c2.ok && c2.escalation.escalationKind).toBe('non-technical');
    // A chosen kind stays when the routing is changed afterwards.
    const rerouted = answerStep(changed.draft, 'scope', 'network', ctx);
    expect(rerouted.ok && confirmDraft(rerouted.draft).ok && (confirmDraft(rerouted.draft) as { escalation: { escalationKind: string } }).escalation.escalationKind).toBe('non-technical');
  });

  it('a wrong answer is refused and changes nothing', () => {
    const draft = { ...answered, scope: vendor };
    const r = answerStep(draft, 'kind', 'sort of', ctx);
    expect(r).toEqual({ ok: false, message: 'Please answer "technical" or "non-technical".' });
    expect(nextStep(draft)).toBe('confirm');
    expect(parseEscalationKind('Non technical')).toBe('non-technical');
    expect(parseEscalationKind('TECH')).toBe('technical');
  });

  it('an escalation from outside (the message extension, a resumed card) may name its kind; otherwise the routing decides', () => {
    const given = validateEscalation({ ...escalation, escalationKind: 'non-technical' }, ctx);
    expect(given.ok && given.escalation.escalationKind).toBe('non-technical');
    const derived = validateEscalation({ ...escalation }, ctx);
    expect(derived.ok && derived.escalation.escalationKind).toBe('technical');
    expect(validateEscalation({ ...escalation, escalationKind: 'political' }, ctx)).toEqual({ ok: false, errors: ['The escalation must be technical or non-technical.'] });
  });
});

describe('in the monthly figures', () => {
  it('seed 003: the monthly service review covers "technical and nontechnical escalations related to operation incidents"; incidents stored before the kind was recorded count as not recorded, never guessed', () => {
    const june = (n: number, kind?: 'technical' | 'non-technical') =>
      incident({ id: `SR-202406-000${n}`, number: n, recordedAt: `2024-06-0${n}T08:00:00.000Z`, ...(kind ? { escalationKind: kind } : {}) });
    const may = incident({ id: 'SR-202405-0009', number: 9, recordedAt: '2024-05-20T08:00:00.000Z', escalationKind: 'technical' });
    const f = monthlyFigures([june(1, 'technical'), june(2, 'technical'), june(3, 'non-technical'), june(4), may], 2024, 6, 'UTC', new Date('2024-07-01T00:00:00Z'));
    expect(f.escalations).toEqual({ technical: 2, nonTechnical: 1, notRecorded: 1 });
    expect(countEscalationKinds([])).toEqual({ technical: 0, nonTechnical: 0, notRecorded: 0 });
  });
});
