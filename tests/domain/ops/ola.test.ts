// The OLA of a team: its tasks from the catalog and role map, its targets, the version a sign-off
// is given for, and its adherence from the completion records.
import { describe, expect, it } from 'vitest';
import {
  adherence, adherenceText, cadenceClassOf, findRole, OLA_ON_TIME_TARGETS, olaFor, type OlaTaskSource, runbookTaskSources, signOffState, supportResponseTargets,
} from '../../../bot/src/domain/ops/ola';
import { DEFAULT_ROLES, type OpsRole } from '../../../bot/src/domain/ops/roles';
import type { CompletionRecord } from '../../../bot/src/domain/reminders/actions';
import { scheduledCatalogTasks } from '../../../bot/src/domain/reminders/catalog';

const now = new Date('2026-11-30T10:00:00Z');
const role = (id: string, team = 'Network Team'): OpsRole => ({ ...(DEFAULT_ROLES.find((r) => r.id === id) as OpsRole), team });
const catalogTasks: OlaTaskSource[] = [
  ...scheduledCatalogTasks().map((t) => ({ id: `cat-${t.key}`, title: t.title, role: t.role, cadence: t.cadence!, enabled: true })),
  ...runbookTaskSources(),
];
const days = (n: number) => new Date(now.getTime() - n * 86_400_000).toISOString();
const record = (scheduleId: string, ago: number, onTime: boolean, extra: Partial<CompletionRecord> = {}): CompletionRecord => ({
  scheduleId, title: scheduleId, team: 'Network Team', dueAt: days(ago), resolvedAt: days(ago), outcome: 'done', onTime, missed: onTime ? 0 : 1, ...extra,
});

describe('the OLA of a team', () => {
  it('reference catalog: Network Operations commits to its daily IP-range watch and report, its monthly HA test, and its five as-needed tasks', () => {
    const ola = olaFor(role('network-operations'), catalogTasks);
    const byClass = (c: string) => ola.tasks.filter((t) => t.cadenceClass === c).map((t) => t.id);
    expect(byClass('daily')).toEqual(expect.arrayContaining(['cat-endpoints-watch', 'cat-network-report']));
    expect(byClass('monthly')).toEqual(['cat-network-ha-test']);
    expect(byClass('as-needed').sort()).toEqual(['rbk-capacity-plan', 'rbk-network-change', 'rbk-network-troubleshoot', 'rbk-network-update', 'rbk-subnet-data']);
    expect(ola.tasks.find((t) => t.id === 'cat-network-ha-test')!.onTimeTarget).toBe(1);
    expect(ola.responseTargets).toEqual([]);
  });

  it('product default (the seeds set no percentage): on time at least 90% daily, 95% weekly or biweekly, 100% monthly', () => {
    expect(OLA_ON_TIME_TARGETS).toEqual({ daily: 0.9, weekly: 0.95, monthly: 1 });
    expect(cadenceClassOf({ kind: 'biweekly', anchor: '2024-01-01' })).toBe('weekly');
    expect(cadenceClassOf({ kind: 'monthly-weekly-during-deployments', monthly: { kind: 'monthly-first-weekday' }, weekday: 1 })).toBe('monthly');
    expect(cadenceClassOf(undefined)).toBe('as-needed');
  });

  it('seed 003: the help desk commits to troubleshooting first and to updating the vendor every hour on severity 1 and every 2 hours on severity A', () => {
    const ola = olaFor(role('help-desk', 'Service Desk'), catalogTasks);
    expect(ola.responseTargets).toEqual([
      expect.stringContaining('troubleshooting checklist'),
      'Severity 1 (Catastrophic): updates the vendor every hour while the case is open.',
      'Severity A (Critical): updates the vendor every 2 hours while the case is open.',
    ]);
    expect(supportResponseTargets()).toHaveLength(3);
    // Its as-needed tasks: readying support teams for a change and endpoint troubleshooting.
    expect(ola.tasks.map((t) => t.id)).toEqual(['rbk-endpoint-troubleshoot', 'rbk-support-ready']);
  });

  it('seed 000: the version changes when the tasks or the team change, so the team signs again ("signed an earlier version")', () => {
    const net = role('network-operations');
    const ola = olaFor(net, catalogTasks);
    expect(olaFor(net, catalogTasks).version).toBe(ola.version);
    const reassigned = catalogTasks.map((t) => (t.id === 'cat-network-ha-test' ? { ...t, role: 'Service Owner' } : t));
    expect(olaFor(net, reassigned).version).not.toBe(ola.version);
    const disabled = catalogTasks.map((t) => (t.id === 'cat-network-report' ? { ...t, enabled: false } : t));
    expect(olaFor(net, disabled).version).not.toBe(ola.version);
    const signed = { ...net, signOff: { by: { id: 'u', name: 'Ana' }, at: now.toISOString() }, olaSignOff: { by: { id: 'u', name: 'Ana' }, at: now.toISOString(), version: ola.version, taskCount: ola.tasks.length } };
    expect(signOffState(signed, ola).state).toBe('signed');
    expect(signOffState(signed, olaFor(net, reassigned)).state).toBe('earlier-version');
    // A one-click sign-off from before the OLAs is an earlier version too; no team, nothing to sign.
    expect(signOffState({ ...net, signOff: signed.signOff }, ola).state).toBe('earlier-version');
    expect(signOffState({ ...net, team: 'TBA' }, ola).state).toBe('no-team');
    expect(signOffState(net, ola).state).toBe('unsigned');
  });

  it('reminders rule: adherence counts a missed occurrence as due and late, leaves skips out, counts a finished runbook as on time, and compares with the weighted target', () => {
    const ola = olaFor(role('network-operations'), catalogTasks);
    const records = [
      ...Array.from({ length: 8 }, (_, i) => record('cat-endpoints-watch', i + 1, true)),
      record('cat-endpoints-watch', 9, false), // done late after one missed: 2 due, 0 on time
      record('cat-endpoints-watch', 10, true, { outcome: 'skipped', onTime: false }),
      record('cat-network-ha-test', 20, true),
      record('cat-network-ha-test', 60, false, { missed: 0 }),
      record('rbk-network-change', 3, true),
      record('cat-health-watch', 2, false), // the service owner's, not in this OLA
    ];
    const d30 = adherence(ola, records, now, 30);
    // Ten daily occurrences (8 on time), one monthly on time, one runbook run (done counts as on time).
    expect({ due: d30.due, onTime: d30.onTime, runbooksDone: d30.runbooksDone }).toEqual({ due: 12, onTime: 10, runbooksDone: 1 });
    expect(d30.rate).toBeCloseTo(10 / 12);
    expect(d30.target).toBeCloseTo((10 * 0.9 + 1 + 1) / 12);
    expect(d30.met).toBe(false);
    expect(adherenceText(d30)).toBe('83% on time over 30 days (10 of 12; target 92%): below target.');
    const d90 = adherence(ola, records, now, 90);
    expect(d90.due).toBe(13);
  });

  it('empty state: nothing of the OLA fell due yet', () => {
    const w = adherence(olaFor(role('network-operations'), catalogTasks), [], now, 30);
    expect(w.rate).toBeUndefined();
    expect(adherenceText(w)).toBe('Nothing of this OLA fell due in the last 30 days yet.');
  });

  it('seed 000 role map: ola <team> finds the role by its team or role name, whole first', () => {
    const roles = [role('network-operations', 'Network Team'), role('help-desk', 'Service Desk')];
    expect(findRole(roles, 'service desk').map((r) => r.id)).toEqual(['help-desk']);
    expect(findRole(roles, 'Help Desk').map((r) => r.id)).toEqual(['help-desk']);
    expect(findRole(roles, 'net').map((r) => r.id)).toEqual(['network-operations']);
    expect(findRole(roles, 'nobody')).toEqual([]);
  });
});
