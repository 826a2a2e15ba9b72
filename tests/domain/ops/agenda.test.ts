import { describe, expect, it } from 'vitest';
import { AGENDA_SECTIONS, type AgendaInputs, buildAgenda } from '../../../bot/src/domain/ops/agenda';
import { DEFAULT_KSIS, type Ksi } from '../../../bot/src/domain/ops/okrs';
import { DEFAULT_RISKS, type Risk, overallRisk } from '../../../bot/src/domain/ops/risks';

const now = new Date('2025-03-03T09:00:00Z');
const empty = (): AgendaInputs => ({ now, meetingAt: new Date('2025-03-04T10:00:00Z'), timeZone: 'Europe/London', incidents: [], findings: [], risks: [], objectives: [], ksis: [], overdueTasks: [], items: [], actions: [] });
const risk = (id: string, likelihood: Risk['likelihood'], impact: Risk['impact'], status: Risk['status'] = 'open'): Risk => ({ id, title: id, likelihood, impact, overall: overallRisk(likelihood, impact), mitigation: 'm', owner: '', status, createdAt: now.toISOString() });
const ksi = (id: string, status: Ksi['status'], order: number): Ksi => ({ ...DEFAULT_KSIS[0]!, id, question: id, status, order });
const titles = (inputs: AgendaInputs, id: string) => buildAgenda(inputs).sections.find((s) => s.id === id)!.lines.map((l) => l.text);

describe('the steering-committee agenda', () => {
  it('with nothing open, has every section in order, each saying so in a sentence', () => {
    const agenda = buildAgenda(empty());
    expect(agenda.sections.map((s) => s.id)).toEqual(['lastActions', 'carried', 'incidents', 'findings', 'quality', 'problems', 'changes', 'risks', 'okrs', 'tasks', 'decisions', 'items']);
    for (const s of agenda.sections) {
      expect(s.lines).toEqual([]);
      expect(s.empty).toMatch(/^[A-Z].+\S$/);
    }
    expect(new Set(agenda.sections.map((s) => s.empty)).size).toBe(AGENDA_SECTIONS.length);
    expect(agenda.meetingLabel).toBe('Tuesday 4 March 2025, 10:00 (Europe/London)');
  });

  it('lists seeded incidents, findings, risks and KSIs each in its section, in priority order', () => {
    const inputs: AgendaInputs = {
      ...empty(),
      lastMeeting: { heldAt: '2025-02-04T10:00:00Z', decisions: ['Fund the survey'] },
      incidents: [
        { srNumber: 'SR-3', title: 'Sev C with missed update', severity: 'C', responseGoalMissed: false, updateOverdue: true },
        { srNumber: 'SR-1', title: 'Sev A outage', severity: 'A', responseGoalMissed: false, updateOverdue: false },
        { srNumber: 'SR-9', title: 'Sev B all fine', severity: 'B', responseGoalMissed: false, updateOverdue: false },
        { srNumber: 'SR-2', title: 'Sev 1 outage', severity: '1', responseGoalMissed: false, updateOverdue: false },
        { srNumber: 'SR-4', title: 'Sev A missed response', severity: 'A', responseGoalMissed: true, updateOverdue: false },
      ],
      findings: [
        { id: 'QF-1', title: 'Old and fine', status: 'accepted', createdAt: '2025-01-10T00:00:00Z', overdue: false },
        { id: 'QF-2', title: 'New VPN finding', status: 'new', createdAt: '2025-02-20T00:00:00Z', overdue: false },
        { id: 'QF-3', title: 'Overdue Wi-Fi remediation', status: 'in-remediation', createdAt: '2025-01-05T00:00:00Z', overdue: true },
        { id: 'QF-4', title: 'Newer finding', status: 'new', createdAt: '2025-02-25T00:00:00Z', overdue: false },
      ],
      risks: [risk('low-low', 'low', 'low'), risk('high-high', 'high', 'high'), risk('closed-high', 'high', 'high', 'closed'), risk('high-medium', 'high', 'medium'), risk('medium-high', 'medium', 'high')],
      ksis: [ksi('on', 'on-track', 0), ksi('off', 'off-track', 1), ksi('none', 'not-started', 2), ksi('risk', 'at-risk', 3)],
      overdueTasks: [{ title: 'Weekly review', team: 'Network', dueAt: '2025-03-01T00:00:00Z' }, { title: 'Daily check', team: 'Help Desk', dueAt: '2025-02-27T00:00:00Z' }],
    };
    expect(titles(inputs, 'incidents')).toEqual(['Sev 1 outage', 'Sev A missed response', 'Sev A outage', 'Sev C with missed update']);
    expect(titles(inputs, 'findings')).toEqual(['Overdue Wi-Fi remediation', 'New VPN finding', 'Newer finding']);
    expect(titles(inputs, 'risks')).toEqual(['high-high', 'high-medium', 'medium-high', 'low-low']);
    expect(titles(inputs, 'okrs')).toEqual(['off', 'risk', 'none', 'on']);
    expect(titles(inputs, 'tasks')).toEqual(['Daily check', 'Weekly review']);
    expect(titles(inputs, 'carried')).toEqual(['Fund the survey']);
    const agenda = buildAgenda(inputs);
    const incidents = agenda.sections.find((s) => s.id === 'incidents')!;
    expect(incidents.lines[1]!.detail).toBe('SR-4 · severity A · initial response goal missed');
    expect(agenda.sections.find((s) => s.id === 'risks')!.lines[0]!.detail).toContain('Overall High');
    // Sections with content still keep their empty sentence for the renderer, and nothing else leaks across.
    expect(agenda.sections.find((s) => s.id === 'items')!.lines).toEqual([]);
  });

  it('carries open actions (overdue first) and numbers chat items, decision requests first', () => {
    const by = { id: 'u', name: 'Ana' };
    const agenda = buildAgenda({
      ...empty(),
      actions: [
        { id: 'a1', text: 'Later action', owner: 'Bo', dueOn: '2025-04-01', status: 'open', meetingId: 'm', created: { by, at: '2025-02-01T00:00:00Z' } },
        { id: 'a2', text: 'Overdue action', owner: '', dueOn: '2025-02-10', status: 'open', meetingId: 'm', created: { by, at: '2025-02-01T00:00:00Z' } },
        { id: 'a3', text: 'Done action', owner: '', status: 'done', meetingId: 'm', created: { by, at: '2025-02-01T00:00:00Z' } },
      ],
      items: [
        { id: 'i1', text: 'Topic one', kind: 'topic', added: { by, at: '2025-02-10T00:00:00Z' }, status: 'open' },
        { id: 'i2', text: 'Decide budget', kind: 'decision', added: { by, at: '2025-02-11T00:00:00Z' }, status: 'open' },
        { id: 'i3', text: 'Closed topic', kind: 'topic', added: { by, at: '2025-01-11T00:00:00Z' }, status: 'closed' },
      ],
    });
    const section = (id: string) => agenda.sections.find((s) => s.id === id)!;
    expect(section('carried').lines.map((l) => [l.text, l.tone])).toEqual([['Overdue action', 'attention'], ['Later action', 'default']]);
    expect(section('decisions').lines.map((l) => [l.number, l.text])).toEqual([[1, 'Decide budget']]);
    expect(section('items').lines.map((l) => [l.number, l.text])).toEqual([[2, 'Topic one']]);
  });

  it('counts the findings a summary names only the first of', () => {
    const findings = [
      { id: 'QF-7', title: 'Overdue', status: 'New', createdAt: '2025-01-05T00:00:00Z', overdue: true },
      { id: 'QF-9', title: 'Fresh', status: 'New', createdAt: '2025-03-01T00:00:00Z', overdue: false },
    ];
    const section = (inputs: AgendaInputs) => buildAgenda(inputs).sections.find((s) => s.id === 'findings')!;
    expect(section({ ...empty(), findings, findingsTotal: 120 })).toMatchObject({ total: 120, lines: [{ text: 'Overdue' }, { text: 'Fresh' }] });
    // A total no larger than the lines adds nothing.
    expect(section({ ...empty(), findings, findingsTotal: 2 }).total).toBeUndefined();
    expect(section({ ...empty(), findings }).total).toBeUndefined();
  });

  it('marks a section whose source failed', () => {
    const agenda = buildAgenda({ ...empty(), unavailable: { incidents: 'Incidents could not be loaded.' } });
    expect(agenda.sections.find((s) => s.id === 'incidents')!.unavailable).toBe('Incidents could not be loaded.');
  });

  it('the seeded example risks reproduce the guidance ratings', () => {
    expect(DEFAULT_RISKS.map((r) => r.overall)).toEqual(['high', 'high', 'medium']);
  });
});
