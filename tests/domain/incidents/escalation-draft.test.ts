import { describe, expect, it } from 'vitest';
import { answerStep, confirmDraft, nextStep, parseStartedAt, promptFor, suggestSeverity, type EscalationDraft, type StepContext } from '../../../bot/src/domain/incidents/escalation-draft';
import { classifyScope, parseScopeAnswer } from '../../../bot/src/domain/incidents/scope-check';
import { DEFAULT_SEVERITY_POLICY, describeCommitment, resolveSeverityPolicy, validateSeverityOverrides } from '../../../bot/src/domain/incidents/severity';
import { monthlyFigures } from '../../../bot/src/domain/incidents/figures';
import { formatSrNumber, parseSrNumber } from '../../../bot/src/domain/incidents/incident';
import { incident } from './fixtures';

const ctx: StepContext = { now: new Date('2024-03-31T10:00:00Z'), timeZone: 'Europe/London', policy: DEFAULT_SEVERITY_POLICY };

function fill(answers: [Parameters<typeof answerStep>[1], string][]): EscalationDraft {
  let d: EscalationDraft = {};
  for (const [step, a] of answers) {
    expect(nextStep(d)).toBe(step);
    const r = answerStep(d, step, a, ctx);
    if (!r.ok) throw new Error(r.message);
    d = r.draft;
  }
  return d;
}

describe('escalation conversation', () => {
  it('goes step by step to a confirmable draft', () => {
    const d = fill([
      ['service', 'Exchange Online'],
      ['problem', 'Mail is not delivered to anyone since this morning'],
      ['impact', 'No customer orders arrive by mail; sales cannot work'],
      ['affected', 'all users, 3 sites'],
      ['started', '08:15'],
    ]);
    const p = promptFor('severity', d, ctx);
    expect(p.suggestion?.value).toBe('A');
    expect(p.choices?.find((c) => c.value === 'A')?.detail).toMatch(/First response within 1 hour.*every 2 hours in both directions/);
    const withSev = answerStep(d, 'severity', 'yes', ctx);
    expect(withSev.ok && withSev.draft.severity).toBe('A');
    if (!withSev.ok) return;
    expect(withSev.next).toBe('scope');
    const scoped = answerStep(withSev.draft, 'scope', 'vendor', ctx);
    expect(scoped.ok && scoped.next).toBe('confirm');
    if (!scoped.ok) return;
    const c = confirmDraft(scoped.draft);
    expect(c.ok && c.escalation).toMatchObject({ severity: 'A', startedAt: '2024-03-31T07:15:00.000Z', scope: { route: 'vendor' } });
    expect(confirmDraft({ service: 'x' })).toMatchObject({ ok: false, step: 'problem' });
  });

  it('explains bad answers and keeps the draft unchanged', () => {
    expect(answerStep({}, 'problem', 'broken', ctx)).toMatchObject({ ok: false, message: expect.stringMatching(/at least 10/) });
    expect(answerStep({}, 'service', 'x'.repeat(500), ctx)).toMatchObject({ ok: false, message: expect.stringMatching(/is 500 characters; the most I can keep is 120/) });
    expect(answerStep({}, 'severity', '1', ctx)).toMatchObject({ ok: false, message: expect.stringMatching(/Only the vendor can declare severity 1/) });
    expect(answerStep({}, 'severity', 'urgent-ish', ctx)).toMatchObject({ ok: false });
    expect(answerStep({}, 'started', 'tomorrow', ctx)).toMatchObject({ ok: false });
    expect(answerStep({}, 'started', '23:00', ctx)).toMatchObject({ ok: false, message: expect.stringMatching(/future/) });
    expect(answerStep({}, 'scope', 'maybe', ctx)).toMatchObject({ ok: false });
  });

  it('reads start times in the workspace zone, across the DST change', () => {
    // 2024-03-31: London moved to BST at 01:00 UTC.
    expect(parseStartedAt('00:30', ctx.now, 'Europe/London')).toEqual({ at: new Date('2024-03-31T00:30:00Z') });
    expect(parseStartedAt('03:30', ctx.now, 'Europe/London')).toEqual({ at: new Date('2024-03-31T02:30:00Z') });
    expect(parseStartedAt('yesterday 23:00', ctx.now, 'Europe/London')).toEqual({ at: new Date('2024-03-30T23:00:00Z') });
    expect(parseStartedAt('40 minutes ago', ctx.now, 'Europe/London')).toEqual({ at: new Date('2024-03-31T09:20:00Z') });
    expect(parseStartedAt('2024-03-01 09:00', ctx.now, 'Asia/Kolkata')).toEqual({ at: new Date('2024-03-01T03:30:00Z') });
    expect(parseStartedAt('now', ctx.now, 'UTC')).toEqual({ at: ctx.now });
  });

  it('suggests severities from the answers, never 1', () => {
    expect(suggestSeverity({ problem: 'Calls drop sometimes', affected: '40 users' }).level).toBe('B');
    expect(suggestSeverity({ problem: 'Outlook is down', affected: 'one user', affectedUsers: 1 }).level).toBe('C');
    expect(suggestSeverity({ problem: 'Teams is down in the test tenant', impact: 'pilot testers wait' }).level).toBe('D');
    expect(suggestSeverity({ problem: 'Nobody can sign in', affectedEveryone: true }).level).toBe('A');
  });
});

describe('vendor scope check', () => {
  it('routes what the vendor will not accept to the internal owning team', () => {
    expect(classifyScope(['Calls drop over the VPN and the office Wi-Fi'])).toMatchObject({ route: 'internal', category: 'network', owningRole: 'Network Operations' });
    expect(classifyScope(['The headsets in room 4 crackle'])).toMatchObject({ route: 'internal', category: 'hardware', owningRole: 'Client & Endpoints Team' });
    expect(classifyScope(['Sign-in fails since ADFS certificate expired'])).toMatchObject({ route: 'internal', category: 'on-premises-software', owningRole: 'Identity Operations' });
    expect(classifyScope(['The SBC rejects inbound calls'])).toMatchObject({ owningRole: 'Telephony Operations' });
    expect(classifyScope(['Our antivirus blocks the Teams client'])).toMatchObject({ category: 'third-party-software' });
    expect(classifyScope(['Someone deleted the policy by mistake'])).toMatchObject({ category: 'process-configuration-human-error', owningRole: 'Tenant Admin' });
    const v = classifyScope(['Exchange Online rejects mail with 5.7.1 for every mailbox', 'we plan to want answers']);
    expect(v.route).toBe('vendor'); // "plan"/"want" do not match lan/wan
  });

  it('lets the agent accept or overrule the suggestion', () => {
    const s = classifyScope(['the firewall drops packets']);
    expect(parseScopeAnswer('yes', s)).toBe(s);
    expect(parseScopeAnswer('vendor', s)).toMatchObject({ route: 'vendor' });
    expect(parseScopeAnswer('architecture', s)).toMatchObject({ route: 'internal', category: 'architecture', owningRole: 'Service Owner' });
    expect(s.route === 'internal' && s.reason).toMatch(/does not accept/);
  });
});

describe('severity policy', () => {
  it('states what each default level commits to', () => {
    expect(describeCommitment(DEFAULT_SEVERITY_POLICY, '1')).toMatch(/Only the vendor can declare it.*every 1 hour in both directions/);
    expect(describeCommitment(DEFAULT_SEVERITY_POLICY, 'B')).toMatch(/First response within 1 hour\. The vendor updates us every 24 hours/);
    expect(describeCommitment(DEFAULT_SEVERITY_POLICY, 'C')).toMatch(/every 72 hours/);
    expect(describeCommitment(DEFAULT_SEVERITY_POLICY, 'D')).toMatch(/non-production.*No initial response goal.*as agreed/s);
  });

  it('validates and applies per-workspace overrides', () => {
    const ok = validateSeverityOverrides({ levels: { A: { initialResponseMinutes: 30, updateEveryMinutes: 60 } }, reminderLeadMinutes: 10 });
    expect(ok.ok).toBe(true);
    if (!ok.ok) return;
    const p = resolveSeverityPolicy(ok.overrides);
    expect(describeCommitment(p, 'A')).toMatch(/First response within 30 minutes.*every 1 hour/);
    expect(p.rules.B).toEqual(DEFAULT_SEVERITY_POLICY.rules.B);
    const bad = validateSeverityOverrides({ levels: { E: {}, A: { updateEveryMinutes: 1.5, declaredBy: 'customer' }, '1': { initialResponseMinutes: 30 } }, colour: 'red' });
    expect(bad.ok).toBe(false);
    const errors = bad.ok ? '' : bad.errors.join('\n');
    for (const m of [/"colour"/, /"E" is not a severity/, /"declaredBy" cannot be changed/, /A update cadence must be a whole number/, /Severity 1 is declared by the vendor/]) expect(errors).toMatch(m);
    expect(validateSeverityOverrides('x').ok).toBe(false);
  });
});

describe('SR numbers and monthly figures', () => {
  it('formats and parses SR numbers', () => {
    expect(formatSrNumber(42, 2024, 3)).toBe('SR-202403-0042');
    expect(formatSrNumber(123456, 2024, 12)).toBe('SR-202412-123456');
    expect(parseSrNumber('sr-202403-0042')).toEqual({ year: 2024, month: 3, n: 42 });
    expect(parseSrNumber('SR-2024-42')).toBeUndefined();
  });

  it('counts by severity, first responses within goal, updates on time, mean time to resolve', () => {
    const march = (d: string) => `2024-03-${d}Z`;
    const f = monthlyFigures(
      [
        incident({ severity: 'A', recordedAt: march('01T00:30:00'), responseDueAt: march('01T01:30:00'), acknowledgedAt: march('01T01:00:00'), updatesTotal: 4, updatesOnTime: 3, resolvedAt: march('01T04:30:00') }),
        incident({ severity: 'B', recordedAt: march('10T00:00:00'), responseDueAt: march('10T01:00:00'), acknowledgedAt: march('10T02:00:00'), resolvedAt: march('10T02:30:00') }),
        incident({ severity: 'D', recordedAt: march('31T23:30:00'), responseDueAt: undefined }), // 1 Apr 00:30 BST: April in London
        incident({ severity: 'C', recordedAt: '2024-02-29T23:30:00Z', responseDueAt: '2024-03-01T00:30:00Z' }), // Feb in London
      ],
      2024,
      3,
      'Europe/London',
      new Date('2024-04-15T00:00:00Z'),
    );
    expect(f.countBySeverity).toEqual({ '1': 0, A: 1, B: 1, C: 0, D: 0 });
    expect(f.firstResponse).toEqual({ withinGoal: 1, decided: 2, share: 0.5 });
    expect(f.updates).toEqual({ onTime: 3, total: 4, share: 0.75 });
    expect(f.meanTimeToResolveMinutes).toBe((240 + 150) / 2);
  });
});
