// Sample renderings of dialog questions answered on the card (a line of text, long text, a
// choice list, a number, a date with its time) and of the confirmation cards with their answers
// editable on the card, rendered through the real finding and escalation forms, with hostile
// and maximum-length answers (in characters that take 3 and 4 bytes) and a refused save.
import { renderQuestionCard } from '../../../bot/src/cards/question-card';
import { LIMITS } from '../../../bot/src/domain/findings/text';
import { TEXT_LIMITS } from '../../../bot/src/domain/incidents/incident';
import { DEFAULT_SEVERITY_POLICY } from '../../../bot/src/domain/incidents/severity';
import type { AnyForm, FormContext } from '../../../bot/src/teams/dialogs/form';
import { renderConfirmation } from '../../../bot/src/teams/dialogs/form-runner';
import { findingForm, type FindingFormDraft } from '../../../bot/src/teams/findings/finding-form';
import { escalationForm, type EscalationFormDraft } from '../../../bot/src/teams/incidents/escalation-form';
import type { CardSample } from '../card-samples';

const now = new Date('2026-11-22T10:00:00Z');
const clock = () => now;
export const SAMPLE_FINDING_FORM = findingForm({ service: {} as never, presenter: {} as never, poster: {} as never, clock });
export const SAMPLE_ESCALATION_FORM = escalationForm({ service: {} as never, clock, file: () => Promise.reject(new Error('not in samples')) });
const context: FormContext & { draftId: string } = {
  workspace: { tenantId: 't', scope: 'team', scopeId: '19:x@thread.tacv2' }, conversationId: '19:x@thread.tacv2;messageid=1', actor: { id: '29:alice', name: 'Alice' }, now, draftId: 'finding:1700000000000',
};

export const HOSTILE = '[click](https://evil.example) ${x} **b** _i_ # h {"a":1} \u202Eevil\u202C 😀 <at>x</at>';
/** `n` characters that each take 3 bytes in UTF-8: the longest an answer can be, in bytes. */
const wide = (n: number) => '界'.repeat(n);

const ALL_FINDING_STEPS = ['category', 'area', 'building', 'subnet', 'networkType', 'metric', 'value', 'description', 'evidence', 'owningRole'] as const;
export const SAMPLE_FINDING: FindingFormDraft = {
  category: 'vpn', area: 'call-quality', building: 'Building 6', subnet: '10.20.30.0/24', networkType: 'vpn', metric: 'poor-stream-rate', value: 4.1, unit: '%',
  description: 'Poor audio in Building 6 since the VPN concentrator upgrade.', evidence: 'https://contoso.sharepoint.com/sites/ops/cqd-feb.png', owningRole: 'Network Operations',
  done: [...ALL_FINDING_STEPS], startedAt: now.toISOString(), updatedAt: now.toISOString(),
};
export const SAMPLE_ESCALATION: EscalationFormDraft = {
  timeZone: 'Europe/London', policy: DEFAULT_SEVERITY_POLICY,
  e: { service: 'Teams meetings', problem: 'Meetings fail to start for everyone with error 500', impact: 'Sales cannot hold customer calls', affected: 'all users', affectedEveryone: true, startedAt: '2026-11-22T09:20:00.000Z', severity: 'A', scope: { route: 'vendor', reason: 'The agent confirmed the problem is in the vendor service.', matched: [] } },
};

/** The question card of `step` as the form runner renders it, optionally after a refused answer. */
export function questionSample(form: AnyForm, draft: unknown, stepKey: string, refused?: { problem: string; value: string }): Record<string, unknown> {
  const q = form.steps.find((s) => s.key === stepKey)!.ask(draft);
  return renderQuestionCard({
    dialog: form.id, draftId: `${form.id}:1700000000000`, step: stepKey, userId: '29:alice', progress: `New ${form.noun} · 3 questions to go · type cancel to stop`,
    question: q.text, hint: q.hint, choices: q.choices, allowSkip: q.allowSkip, problem: refused?.problem,
    input: { ...(q.input ?? { kind: 'text' }), ...(refused ? { value: refused.value } : {}) },
  });
}

const fresh: FindingFormDraft = { done: [], startedAt: now.toISOString(), updatedAt: now.toISOString() };
const longDescription = wide(LIMITS.description);
const maxedFinding: FindingFormDraft = { ...SAMPLE_FINDING, building: wide(LIMITS.shortText), description: longDescription, evidence: `https://x.example/${'界'.repeat(LIMITS.evidence - 18)}` };
const maxedEscalation: EscalationFormDraft = {
  ...SAMPLE_ESCALATION,
  e: { ...SAMPLE_ESCALATION.e, service: wide(TEXT_LIMITS.service), problem: wide(TEXT_LIMITS.problem), impact: '😀'.repeat(TEXT_LIMITS.impact / 2), affected: wide(TEXT_LIMITS.affected) },
};
const hostileFinding: FindingFormDraft = { ...SAMPLE_FINDING, building: HOSTILE, description: HOSTILE };
const hostileEscalation: EscalationFormDraft = { ...SAMPLE_ESCALATION, e: { ...SAMPLE_ESCALATION.e, service: HOSTILE, problem: HOSTILE, impact: HOSTILE, affected: HOSTILE } };

export const samples: CardSample[] = [
  { template: 'question.json', name: 'question with a choice list (dropdown)', render: () => questionSample(SAMPLE_FINDING_FORM, fresh, 'category') },
  { template: 'question.json', name: 'question with a short choice list (radio buttons)', render: () => questionSample(SAMPLE_FINDING_FORM, { ...fresh, category: 'vpn', done: ['category', 'area', 'building', 'subnet'] }, 'networkType') },
  { template: 'question.json', name: 'question with a line of text and Skip', render: () => questionSample(SAMPLE_FINDING_FORM, { ...fresh, category: 'vpn', done: ['category', 'area'] }, 'building') },
  { template: 'question.json', name: 'question with a number', render: () => questionSample(SAMPLE_FINDING_FORM, { ...fresh, category: 'vpn', metric: 'poor-stream-rate' }, 'value') },
  { template: 'question.json', name: 'question with a date and a time', render: () => questionSample(SAMPLE_ESCALATION_FORM, { ...SAMPLE_ESCALATION, e: { service: 'Teams' } }, 'started') },
  {
    template: 'question.json', name: 'long-text question refused, the longest answer kept, hostile reason', literal: [HOSTILE, longDescription],
    render: () => questionSample(SAMPLE_FINDING_FORM, { ...fresh, category: 'vpn' }, 'description', { problem: `Not accepted: ${HOSTILE}`, value: longDescription }),
  },
  { template: 'question.json', name: 'question with hostile text in the question and the kept answer', literal: [HOSTILE], render: () => questionSample(SAMPLE_ESCALATION_FORM, hostileEscalation, 'problem', { problem: 'Too short.', value: HOSTILE }) },
  { template: 'finding-draft.json', name: 'finding confirmation with Edit answers', render: () => renderConfirmation(SAMPLE_FINDING_FORM, SAMPLE_FINDING, context) },
  { template: 'finding-draft.json', name: 'finding confirmation with Edit answers, hostile text', literal: [HOSTILE], render: () => renderConfirmation(SAMPLE_FINDING_FORM, hostileFinding, context) },
  { template: 'finding-draft.json', name: 'finding confirmation with Edit answers, longest answers', render: () => renderConfirmation(SAMPLE_FINDING_FORM, maxedFinding, context) },
  {
    template: 'finding-draft.json', name: 'finding confirmation after a refused save: every reason, the values as sent', literal: [HOSTILE],
    render: () => renderConfirmation(SAMPLE_FINDING_FORM, maxedFinding, context, {
      errors: { subnet: `"${HOSTILE}" is not a subnet.`, evidence: 'That is not a link I can open.' },
      values: { subnet: HOSTILE, evidence: 'not a link', description: longDescription },
    }),
  },
  { template: 'escalation-draft.json', name: 'escalation confirmation with Edit answers', render: () => renderConfirmation(SAMPLE_ESCALATION_FORM, SAMPLE_ESCALATION, { ...context, draftId: 'escalation:1' }) },
  { template: 'escalation-draft.json', name: 'escalation confirmation with Edit answers, hostile text', literal: [HOSTILE], render: () => renderConfirmation(SAMPLE_ESCALATION_FORM, hostileEscalation, { ...context, draftId: 'escalation:1' }) },
  { template: 'escalation-draft.json', name: 'escalation confirmation with Edit answers, longest answers', render: () => renderConfirmation(SAMPLE_ESCALATION_FORM, maxedEscalation, { ...context, draftId: 'escalation:1' }) },
  {
    template: 'escalation-draft.json', name: 'escalation confirmation after a refused save, longest answers',
    render: () => renderConfirmation(SAMPLE_ESCALATION_FORM, maxedEscalation, { ...context, draftId: 'escalation:1' }, { errors: { service: 'Please tell me the affected service.', started: 'That time is in the future.' }, values: { service: '', started: '2027-01-01 10:00' } }),
  },
];
