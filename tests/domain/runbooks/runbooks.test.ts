// The as-needed catalog tasks as runbooks, and a run ticked to completion.
import { describe, expect, it } from 'vitest';
import { ENDPOINT_TROUBLESHOOTING_ORDER } from '../../../bot/src/domain/reminders/catalog';
import { asNeededChecklist } from '../../../bot/src/domain/reminders/catalog';
import { applyTicks, completionOf, owningRole, type RunbookRun } from '../../../bot/src/domain/runbooks/runbook-service';
import { findRunbooks, HELP_DESK_RUNBOOK_KEY, helpDeskSteps, runbookByKey, RUNBOOKS } from '../../../bot/src/domain/runbooks/runbooks';
import { DEFAULT_ROLES, type OpsRole } from '../../../bot/src/domain/ops/roles';
import { intentAnswer } from '../../../bot/src/domain/intents';

const now = new Date('2026-11-30T10:00:00Z');
const alex = { id: 'u1', name: 'Alex' };

describe('runbooks', () => {
  it('reference catalog: every one of the 21 "as needed" tasks is a runbook with steps and its owning role', () => {
    expect(asNeededChecklist()).toHaveLength(21);
    expect(RUNBOOKS.map((r) => r.key)).toEqual(asNeededChecklist().map((t) => t.key));
    for (const r of RUNBOOKS) {
      expect(r.steps.length, r.key).toBeGreaterThanOrEqual(3);
      expect(new Set(r.steps.map((s) => s.id)).size).toBe(r.steps.length);
    }
    expect(runbookByKey('network-change')!.role).toBe('Network Operations');
  });

  it('reference: the help-desk runbook follows the guide\'s endpoint troubleshooting order (service health, client connectivity, known issues, community, vendor support), vendor support being the escalation', () => {
    const steps = runbookByKey(HELP_DESK_RUNBOOK_KEY)!.steps;
    expect(runbookByKey(HELP_DESK_RUNBOOK_KEY)!.role).toBe('Help Desk');
    expect(ENDPOINT_TROUBLESHOOTING_ORDER.map((s) => s.title.split(':')[0])).toEqual(['Validate service health', 'Validate client connectivity', 'Check the known-issues list for the symptom and its workaround.', 'Search the community for the symptom and its fix.', 'Contact vendor support']);
    expect(steps.slice(0, -1).map((s) => s.text)).toEqual(ENDPOINT_TROUBLESHOOTING_ORDER.slice(0, -1).map((c) => c.title));
    expect(steps.map((s) => s.id)).toEqual(['service-health', 'client-connectivity', 'known-issues', 'community', 'escalate']);
    expect(steps.at(-1)!.command).toBe('escalate');
    expect(helpDeskSteps()).toEqual(steps);
  });

  it('runbook <task> finds a runbook by key or by words of its title or role', () => {
    expect(findRunbooks('endpoint-troubleshoot').map((r) => r.key)).toEqual(['endpoint-troubleshoot']);
    expect(findRunbooks('endpoint troubleshooting').map((r) => r.key)).toEqual(['endpoint-troubleshoot']);
    expect(findRunbooks('firewall').length).toBeGreaterThan(1);
    expect(findRunbooks('no such thing')).toEqual([]);
  });

  it('seed 000 role map: the owning role is the role map\'s role of the catalog\'s name', () => {
    const roles = DEFAULT_ROLES.map((r) => ({ ...r, team: r.id === 'help-desk' ? 'Service Desk' : r.team })) as OpsRole[];
    expect(owningRole(runbookByKey(HELP_DESK_RUNBOOK_KEY)!, roles)!.team).toBe('Service Desk');
  });

  it('a run completes when its last step is ticked, and records the task done on time for the team', () => {
    const rb = runbookByKey(HELP_DESK_RUNBOOK_KEY)!;
    const run: RunbookRun = { id: 'run-1', key: rb.key, title: rb.title, role: rb.role, team: 'Service Desk', steps: rb.steps, ticked: [], startedAt: now.toISOString(), startedBy: alex };
    const some = applyTicks(run, ['client-connectivity', 'service-health', 'not-a-step'], alex, now);
    expect(some.ticked).toEqual(['service-health', 'client-connectivity']);
    expect(some.completedAt).toBeUndefined();
    const all = applyTicks(some, rb.steps.map((s) => s.id), alex, new Date(now.getTime() + 60_000));
    expect(all.completedAt).toBe(new Date(now.getTime() + 60_000).toISOString());
    expect(completionOf(all)).toEqual({
      scheduleId: 'rbk-endpoint-troubleshoot', title: rb.title, team: 'Service Desk', dueAt: run.startedAt, resolvedAt: all.completedAt,
      outcome: 'done', onTime: true, missed: 0, by: 'Alex',
    });
  });
});

describe('phrasings of the runbook and ola commands', () => {
  it.each([
    ['show me the runbooks', 'runbook'],
    ['where are the troubleshooting steps', 'runbook'],
    ['show me the OLAs', 'ola'],
    ['how is our OLA adherence', 'ola'],
    ['what are the operational level agreements', 'ola'],
  ])('"%s" runs %s', (text, command) => {
    expect(intentAnswer(text)).toMatchObject({ kind: 'run', intent: { command } });
  });
});
