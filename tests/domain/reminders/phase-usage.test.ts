// The usage tasks follow the project phase when the reminders are planned.
import { describe, expect, it } from 'vitest';
import { carriedLine, inPhase, isPhaseGoverned, planOccurrence, type ReminderSchedule, seedSchedules, usageCadenceIn } from '../../../bot/src/domain/reminders/schedule';
import { DEFAULT_CATALOG } from '../../../bot/src/domain/reminders/catalog';

const ws = { tenantId: 't1', scope: 'team' as const, scopeId: '19:team' };
const now = new Date('2026-06-01T06:00:00Z'); // a Monday
const schedules = seedSchedules(ws, { routeForRole: () => undefined, fallbackConversationId: 'c', timeZone: 'UTC', now, ctx: { deploymentMode: false } });
const byId = (id: string) => schedules.find((s) => s.id === id)! as ReminderSchedule;

describe('usage tasks by project phase', () => {
  it('reference catalog: usage is measured weekly while sites are onboarded and biweekly in the drive-value phase', () => {
    expect(DEFAULT_CATALOG.find((t) => t.key === 'usage-onboarding')!.cadenceWords).toBe('weekly');
    expect(DEFAULT_CATALOG.find((t) => t.key === 'usage-value')!.cadenceWords).toBe('biweekly');
    expect(usageCadenceIn('onboard')).toEqual({ taskKey: 'usage-onboarding', cadenceWords: 'weekly' });
    expect(usageCadenceIn('drive-value')).toEqual({ taskKey: 'usage-value', cadenceWords: 'biweekly' });
    expect(usageCadenceIn('envision')).toBeUndefined();
  });

  it('seed 001 phases: while onboarding only the weekly usage task reminds; in drive value only the biweekly one; while envisioning neither', () => {
    const weekly = byId('cat-usage-onboarding');
    const biweekly = byId('cat-usage-value');
    expect([inPhase(weekly, 'onboard'), inPhase(biweekly, 'onboard')]).toEqual([true, false]);
    expect([inPhase(weekly, 'drive-value'), inPhase(biweekly, 'drive-value')]).toEqual([false, true]);
    expect([inPhase(weekly, 'envision'), inPhase(biweekly, 'envision')]).toEqual([false, false]);
    // Any other task, and every task without a known phase, reminds as before.
    expect(inPhase(byId('cat-qer'), 'envision')).toBe(true);
    expect([inPhase(weekly, undefined), inPhase(biweekly, undefined)]).toEqual([true, true]);
    expect(isPhaseGoverned('cat-usage-value')).toBe(true);
    expect(isPhaseGoverned('usr-usage-value')).toBe(false);
  });

  it('reference catalog: the weekly usage task out of its phase passes quietly to its next Monday, opening nothing; in phase it is due', () => {
    const weekly = byId('cat-usage-onboarding');
    const dueAt = weekly.nextDueAt!;
    const at = new Date(Date.parse(dueAt) + 1_000);
    const quiet = planOccurrence(weekly, dueAt, at, { deploymentMode: false, phase: 'drive-value' });
    expect(quiet.stale).toBe(true);
    if (!quiet.stale) return;
    expect(quiet.reason).toBe('out-of-phase');
    expect(quiet.after!.open).toBeUndefined();
    expect(Date.parse(quiet.after!.nextDueAt!) - Date.parse(dueAt)).toBe(7 * 86_400_000);
    const owed = planOccurrence(weekly, dueAt, at, { deploymentMode: false, phase: 'onboard' });
    expect(owed.stale).toBe(false);
    const unknown = planOccurrence(weekly, dueAt, at, { deploymentMode: false });
    expect(unknown.stale).toBe(false);
  });

  it('a weekly usage task left open when onboarding ended is closed at its next instant, no longer carried as overdue', () => {
    const weekly = byId('cat-usage-onboarding');
    const dueAt = weekly.nextDueAt!;
    const lastWeek = new Date(Date.parse(dueAt) - 7 * 86_400_000).toISOString();
    const open: ReminderSchedule = { ...weekly, open: { firstDueAt: lastWeek, missed: 0, lastOccurrenceId: `cat-usage-onboarding@${lastWeek}` } };
    const at = new Date(Date.parse(dueAt) + 1_000);
    expect(carriedLine(open, at)?.kind).toBe('overdue');
    const quiet = planOccurrence(open, dueAt, at, { deploymentMode: false, phase: 'drive-value' });
    expect(quiet.stale && quiet.reason).toBe('out-of-phase');
    const after = quiet.stale ? quiet.after! : undefined;
    expect(after?.open).toBeUndefined();
    expect(carriedLine(after!, at)).toBeUndefined();
    // In its phase an open task stays open and is overdue, as before.
    const owed = planOccurrence(open, dueAt, at, { deploymentMode: false, phase: 'onboard' });
    expect(!owed.stale && owed.line.kind).toBe('overdue');
  });

  it('reference catalog: the biweekly usage task out of its phase moves on by two weeks', () => {
    const biweekly = byId('cat-usage-value');
    const dueAt = biweekly.nextDueAt!;
    const quiet = planOccurrence(biweekly, dueAt, new Date(Date.parse(dueAt) + 1_000), { deploymentMode: false, phase: 'onboard' });
    expect(quiet.stale && Date.parse(quiet.after!.nextDueAt!) - Date.parse(dueAt)).toBe(14 * 86_400_000);
  });
});
