// The agenda's charter sections: where they sit and what they say when empty.
import { describe, expect, it } from 'vitest';
import { agendaGovernance } from '../../../bot/src/domain/governance/agenda-part';
import { defaultGovernance } from '../../../bot/src/domain/governance/governance';
import { buildAgenda, type AgendaInputs } from '../../../bot/src/domain/ops/agenda';

const now = new Date('2026-12-02T09:00:00Z');
const inputs = (): AgendaInputs => ({ now, meetingAt: new Date('2026-12-08T10:00:00Z'), timeZone: 'UTC', incidents: [], findings: [], risks: [], objectives: [], ksis: [], overdueTasks: [], items: [], actions: [] });
const ws = { tenantId: 't1', scope: 'team' as const, scopeId: '19:a@thread.tacv2' };

describe('the agenda sections the charter names', () => {
  it('seed 001: business outcomes and interim deliverables follow the OKRs; escalations, conflicts and feedback follow the decisions requested', () => {
    const agenda = buildAgenda({ ...inputs(), governance: agendaGovernance(defaultGovernance(ws)) });
    expect(agenda.sections.map((s) => s.id)).toEqual(['lastActions', 'carried', 'incidents', 'findings', 'quality', 'problems', 'changes', 'risks', 'okrs', 'outcomes', 'deliverables', 'tasks', 'decisions', 'escalations', 'conflicts', 'feedback', 'items']);
    const outcomes = agenda.sections.find((s) => s.id === 'outcomes')!;
    expect(outcomes.lines[0]).toMatchObject({ text: 'Example: retire the desk phones and the legacy PBX: Reduction of monthly telephony spend', detail: 'Not measured yet; target at least 20 %' });
    for (const id of ['deliverables', 'escalations', 'conflicts', 'feedback']) expect(agenda.sections.find((s) => s.id === id)!.empty).toMatch(/^(No|Nothing) /);
  });

  it('seed 001: without a governance source the agenda keeps its sections as before', () => {
    expect(buildAgenda(inputs()).sections.map((s) => s.id)).not.toContain('outcomes');
  });
});
