// The six management reviews of seed 002 as templates: gate or periodic, the phase they belong
// to, who decides, prepares and supplies the data, their questions and their expected outputs,
// and the gates a phase transition opens.
import { describe, expect, it } from 'vitest';
import { findReviewTemplate, gatesFor, REVIEW_TEMPLATES, reviewTemplate } from '../../../bot/src/domain/reviews/review-templates';

const t = (id: string) => reviewTemplate(id)!;
const questionText = (id: string) => t(id).questions.map((q) => q.text).join('\n');

describe('management review templates', () => {
  it('seed 002: six management reviews, three gates (Portfolio, Project Plan Approved, Release Readiness) and three periodic ones', () => {
    expect(REVIEW_TEMPLATES.map((r) => r.name)).toEqual(['Portfolio', 'Project Plan Approved', 'Release Readiness', 'Service Alignment', 'Operational Health', 'Policy and Control']);
    expect(REVIEW_TEMPLATES.filter((r) => r.kind === 'gate').map((r) => r.id)).toEqual(['portfolio', 'project-plan-approved', 'release-readiness']);
    expect(REVIEW_TEMPLATES.filter((r) => r.kind === 'periodic').map((r) => r.id)).toEqual(['service-alignment', 'operational-health', 'policy-control']);
  });

  it('seed 002: Service Alignment and Portfolio belong to the Plan phase, Operational Health to Operate, Policy and Control to the Manage layer', () => {
    expect([t('service-alignment').phase, t('portfolio').phase, t('operational-health').phase, t('policy-control').phase]).toEqual(['plan', 'plan', 'operate', 'manage']);
    expect([t('project-plan-approved').phase, t('release-readiness').phase]).toEqual(['deliver', 'deliver']);
  });

  it('seed 002: every review has a director who decides, a manager who prepares and records, a contributor who supplies the data', () => {
    for (const r of REVIEW_TEMPLATES) {
      expect(Object.keys(r.roles).sort()).toEqual(['decides', 'prepares', 'supplies']);
      expect(new Set(Object.values(r.roles).map((x) => x.name)).size, r.id).toBe(3);
    }
  });

  it('seed 002: the gates are decided by the executive sponsor (final authority), Operational Health by the service owner', () => {
    for (const id of ['portfolio', 'project-plan-approved', 'release-readiness']) expect(t(id).roles.decides).toEqual({ source: 'stakeholder', name: 'Project Executive Sponsor' });
    expect(t('operational-health').roles.decides).toEqual({ source: 'role', name: 'Service Owner' });
    expect(t('operational-health').roles.supplies).toEqual({ source: 'role', name: 'Quality Champion' });
  });

  it('seed 002: the Portfolio review asks whether we work on the right initiatives and approves the preliminary vision and scope', () => {
    expect(questionText('portfolio')).toContain('right initiatives');
    expect(questionText('portfolio')).toContain('preliminary vision and scope');
  });

  it('seed 002: Project Plan Approved checks the specification, master plan and schedule, the decision criteria, and risks with mitigations and contingencies', () => {
    const q = questionText('project-plan-approved');
    for (const words of ['functional specification, master project plan and master schedule', 'decision criteria', 'mitigations and contingencies', 'right people']) expect(q).toContain(words);
  });

  it('seed 002: Release Readiness finds the issues to address before deployment and ends on go or no-go', () => {
    expect(questionText('release-readiness')).toContain('before deployment');
    expect(questionText('release-readiness')).toContain('Go or no-go');
  });

  it('seed 002: gates output approved scope, a risk mitigation plan, funding, documentation and go/no-go; periodic reviews output proposed changes, initiatives and budget changes', () => {
    expect(t('portfolio').outputs.map((o) => o.label)).toEqual(['Approved scope', 'Risk mitigation plan', 'Funding allocated', 'Documentation', 'Go/no-go decision']);
    expect(t('operational-health').outputs.map((o) => o.label)).toEqual(['Proposed changes in services', 'Proposed changes in processes', 'New initiatives', 'Budget changes']);
  });

  it('seed 002 gates on the project phases: envision → onboard opens Portfolio and Project Plan Approved, onboard → drive value opens Release Readiness', () => {
    expect(gatesFor('envision', 'onboard').map((r) => r.id)).toEqual(['portfolio', 'project-plan-approved']);
    expect(gatesFor('onboard', 'drive-value').map((r) => r.id)).toEqual(['release-readiness']);
    // Skipping a phase passes both gates; going back or a first phase of envision opens none.
    expect(gatesFor('envision', 'drive-value').map((r) => r.id)).toEqual(['portfolio', 'project-plan-approved', 'release-readiness']);
    expect(gatesFor('drive-value', 'onboard')).toEqual([]);
    expect(gatesFor(undefined, 'envision')).toEqual([]);
    expect(gatesFor(undefined, 'onboard').map((r) => r.id)).toEqual(['portfolio', 'project-plan-approved']);
  });

  it('seed 002: Operational Health is held monthly and reads incidents, problems and call quality; names are found as typed', () => {
    expect(t('operational-health').cadence).toBe('month');
    expect(t('operational-health').inputs).toEqual(expect.arrayContaining(['incidents', 'problems', 'quality']));
    expect(findReviewTemplate('Operational Health MR')?.id).toBe('operational-health');
    expect(findReviewTemplate('release')?.id).toBe('release-readiness');
    expect(findReviewTemplate('ppa')?.id).toBe('project-plan-approved');
    expect(findReviewTemplate('constructor')).toBeUndefined();
    expect(findReviewTemplate('')).toBeUndefined();
  });
});
