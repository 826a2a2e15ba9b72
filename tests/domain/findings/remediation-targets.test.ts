// The remediation time box per finding category: a workspace setting, validated, and what makes
// a finding in remediation overdue.
import { describe, expect, it } from 'vitest';
import { CATEGORIES } from '../../../bot/src/domain/findings/catalog';
import { applyAction, type Finding, isOverdue, newFinding } from '../../../bot/src/domain/findings/finding';
import { completeSettings, DEFAULT_DUE_DAYS, defaultQualitySettings, parseSettingsInputs } from '../../../bot/src/domain/findings/quality-settings';
import { remediationDaysOf, remediationInputId, storedRemediationDays } from '../../../bot/src/domain/findings/remediation-targets';
import { QER_TARGETS } from '../../../bot/src/domain/findings/targets';

const t0 = new Date('2025-03-03T09:00:00Z');
const day = (n: number) => new Date(t0.getTime() + n * 86_400_000);
const ws = { tenantId: 't', scope: 'team' as const, scopeId: 'x' };
const actor = { id: 'a', name: 'Alice' };
const finding = (category: Finding['category']) =>
  newFinding({ workspace: ws, id: 'QF-0001', number: 1, draft: { category, area: 'call-quality', building: 'B6', description: 'd', owningRole: 'Network Operations' }, actor, now: t0, source: 'chat' }).finding;

function inRemediation(category: Finding['category'], dueDays: Parameters<typeof applyAction>[5]): Finding {
  let f = finding(category);
  for (const type of ['accept', 'start'] as const) {
    const r = applyAction(f, { type }, actor, t0, undefined, dueDays);
    if (!r.ok) throw new Error(r.error);
    f = r.finding;
  }
  return f;
}

/** Every input of the settings card as the defaults fill it. */
function cardInputs(): Record<string, string> {
  const inputs: Record<string, string> = { due_new: '7', due_accepted: '14', 'due_in-remediation': '30', due_remediated: '14' };
  QER_TARGETS.forEach((r, i) => {
    inputs[`t${i}_psr`] = String(r.targets['poor-stream-rate']);
    inputs[`t${i}_setup`] = String(r.targets['setup-failure-rate']);
    inputs[`t${i}_drop`] = String(r.targets['drop-failure-rate']);
  });
  return inputs;
}

describe('remediation targets per category', () => {
  it('our default: the review guide names no deadlines, so every category gets one monthly review cycle (30 days) in remediation', () => {
    const d = defaultQualitySettings().dueDays;
    expect(DEFAULT_DUE_DAYS['in-remediation']).toBe(30);
    for (const c of CATEGORIES) expect(remediationDaysOf(d, c.id)).toBe(30);
  });

  it('a category with its own time box is overdue by it; the others keep the default', () => {
    const dueDays = { ...DEFAULT_DUE_DAYS, byCategory: { 'firewall-proxy': 5, wifi: 90 } };
    const firewall = inRemediation('firewall-proxy', dueDays);
    const wifi = inRemediation('wifi', dueDays);
    const vpn = inRemediation('vpn', dueDays);
    expect(firewall.dueAt).toBe(day(5).toISOString());
    expect([isOverdue(firewall, day(6)), isOverdue(wifi, day(6)), isOverdue(vpn, day(6))]).toEqual([true, false, false]);
    expect([isOverdue(wifi, day(31)), isOverdue(vpn, day(31))]).toEqual([false, true]);
    // Only remediation has a box per category: accepting is still due by the status's own.
    expect(applyAction(finding('firewall-proxy'), { type: 'accept' }, actor, t0, undefined, dueDays)).toMatchObject({ ok: true, finding: { dueAt: day(14).toISOString() } });
  });

  it('a finding stored without a due time is held to its category\'s setting from when it entered the status', () => {
    const { dueAt: _gone, ...stored } = inRemediation('vpn', DEFAULT_DUE_DAYS);
    expect(isOverdue(stored, day(8))).toBe(false); // no settings given: nothing to hold it to
    expect(isOverdue(stored, day(8), { ...DEFAULT_DUE_DAYS, byCategory: { vpn: 7 } })).toBe(true);
    expect(isOverdue(stored, day(8), DEFAULT_DUE_DAYS)).toBe(false);
  });

  it('the settings card reads them: whole days from 1 to 365, a blank one uses the default, each wrong one named', () => {
    const ok = parseSettingsInputs({ ...cardInputs(), [remediationInputId('vpn')]: '10', [remediationInputId('wifi')]: ' ', [remediationInputId('bandwidth')]: '60' });
    expect(ok.ok && ok.value.dueDays.byCategory).toEqual({ vpn: 10, bandwidth: 60 });
    expect(parseSettingsInputs(cardInputs())).toEqual({ ok: true, value: defaultQualitySettings() });
    const bad = parseSettingsInputs({ ...cardInputs(), [remediationInputId('vpn')]: '0', [remediationInputId('wifi')]: '400', [remediationInputId('other')]: '2.5', [remediationInputId('subnets')]: 'soon' });
    expect(bad).toMatchObject({
      ok: false,
      message: '4 values need fixing; nothing was saved.',
      errors: {
        rem_vpn: 'Days to remediate, VPN: 0 is out of range; use 1 to 365 days.',
        rem_wifi: 'Days to remediate, Wi-Fi: 400 is out of range; use 1 to 365 days.',
        rem_other: 'Days to remediate, Other: use whole days.',
        rem_subnets: 'Days to remediate, Subnets / network devices: "soon" is not a number of days.',
      },
    });
  });

  it('a stored row keeps only valid values, and settings saved before categories had their own keep every category on their single value', () => {
    expect(storedRemediationDays(JSON.stringify({ vpn: 12, wifi: 0, bandwidth: 2.5, nonsense: 3 }), { min: 1, max: 365 })).toEqual({ vpn: 12 });
    expect(storedRemediationDays('{not json', { min: 1, max: 365 })).toEqual({});
    const old = completeSettings({ dueDays: { 'in-remediation': 21 } });
    expect(old.dueDays.byCategory).toBeUndefined();
    for (const c of CATEGORIES) expect(remediationDaysOf(old.dueDays, c.id)).toBe(21);
  });
});
