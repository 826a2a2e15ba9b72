// The dialog cards answered on the card: which input each question gets, what its buttons send,
// and the confirmation card's editable answers, within 25 KB at the longest answers and with
// user text shown literally (never as Markdown).
import { describe, expect, it } from 'vitest';
import { EDIT_FIELDS, fieldInputId, withEditFields } from '../../bot/src/cards/change-answer-action';
import { readDialogInput, renderDialogInput } from '../../bot/src/cards/dialog-inputs';
import { renderQuestionCard } from '../../bot/src/cards/question-card';
import { renderConfirmation } from '../../bot/src/teams/dialogs/form-runner';
import { cardInputs, executeButtons, pressData } from '../support/card-inputs';
import { HOSTILE, questionSample, SAMPLE_ESCALATION, SAMPLE_ESCALATION_FORM, SAMPLE_FINDING, SAMPLE_FINDING_FORM } from './samples/dialog-inputs';

const bytes = (card: unknown) => Buffer.byteLength(JSON.stringify(card), 'utf8');
const context = { workspace: { tenantId: 't', scope: 'team' as const, scopeId: 's' }, conversationId: 'c', actor: { id: '29:a', name: 'A' }, now: new Date('2026-11-22T10:00:00Z'), draftId: 'finding:1' };
const fresh = { done: [], startedAt: '2026-11-22T10:00:00Z', updatedAt: '2026-11-22T10:00:00Z' };

describe('a question card with an input', () => {
  it('gives each kind of step its input', () => {
    const input = (card: unknown) => cardInputs(card).get('answer');
    expect(input(questionSample(SAMPLE_FINDING_FORM, fresh, 'category'))).toMatchObject({ type: 'Input.ChoiceSet', style: 'compact', isRequired: true });
    expect(input(questionSample(SAMPLE_FINDING_FORM, { ...fresh, category: 'vpn' }, 'metric'))).toMatchObject({ type: 'Input.ChoiceSet', style: 'expanded' });
    expect(input(questionSample(SAMPLE_FINDING_FORM, { ...fresh, category: 'vpn' }, 'building'))).toMatchObject({ type: 'Input.Text', maxLength: 200, placeholder: expect.any(String) });
    expect(input(questionSample(SAMPLE_FINDING_FORM, { ...fresh, category: 'vpn' }, 'description'))).toMatchObject({ type: 'Input.Text', isMultiline: true, maxLength: 4000 });
    expect(input(questionSample(SAMPLE_FINDING_FORM, { ...fresh, category: 'vpn', metric: 'poor-stream-rate' }, 'value'))).toMatchObject({ type: 'Input.Number' });
    expect(input(questionSample(SAMPLE_FINDING_FORM, { ...fresh, category: 'vpn', metric: 'named', metricName: 'Jitter' }, 'value'))).toMatchObject({ type: 'Input.Text', maxLength: 40 });
    const started = questionSample(SAMPLE_ESCALATION_FORM, { ...SAMPLE_ESCALATION, e: { service: 'Teams' } }, 'started');
    expect(cardInputs(started).get('answer')).toMatchObject({ type: 'Input.Date', value: '2026-11-22' });
    expect(cardInputs(started).get('answerTime')).toMatchObject({ type: 'Input.Time', value: '10:00' });
  });

  it('Next sends the input with the dialog, draft, step and user; Skip and Cancel send no input', () => {
    const card = questionSample(SAMPLE_FINDING_FORM, { ...fresh, category: 'vpn' }, 'building');
    expect(pressData(card, 'Next', { answer: 'Building 6' })).toEqual({
      verb: 'dialog.answer', data: { dialog: 'finding', draftId: 'finding:1700000000000', step: 'building', userId: '29:alice', answer: 'Building 6' },
    });
    expect(pressData(card, 'Skip', { answer: 'half typed' }).data).toMatchObject({ answer: 'skip' });
    const cancel = (card.actions as any[]).find((a) => a.title === 'Cancel');
    expect(cancel).toMatchObject({ type: 'Action.Submit', associatedInputs: 'none', data: { dialogAnswer: 'cancel' } });
    // A step that needs an answer offers no Skip.
    expect(executeButtons(questionSample(SAMPLE_FINDING_FORM, { ...fresh, category: 'vpn' }, 'description')).map((b) => b.title)).toEqual(['Next']);
  });

  it('keeps a refused answer and shows the reason, both literally', () => {
    const card = questionSample(SAMPLE_ESCALATION_FORM, SAMPLE_ESCALATION, 'problem', { problem: `Not that: ${HOSTILE}`, value: HOSTILE });
    expect(cardInputs(card).get('answer')?.value).toBe(HOSTILE);
    const json = JSON.stringify(card);
    expect(json).toContain(JSON.stringify({ type: 'TextRun', text: `Not that: ${HOSTILE}`, color: 'Attention' }));
    expect(json).not.toContain('\\\\['); // nothing escaped for Markdown: inputs and TextRuns are literal
  });

  it('a question without an input keeps its choices as buttons', () => {
    const card = renderQuestionCard({ dialog: 'finding', progress: 'Unfinished finding', question: 'Resume it, or discard it?', choices: [{ title: 'Resume', value: 'resume' }] });
    expect(cardInputs(card).size).toBe(0);
    expect((card.actions as any[]).map((a) => a.data.dialogAnswer)).toEqual(['resume', 'cancel']);
  });
});

describe('reading an input back', () => {
  it('takes strings and numbers, joins a date with its time, and is undefined when absent', () => {
    expect(readDialogInput({ answer: '4.1' }, 'answer', { kind: 'number' })).toBe('4.1');
    expect(readDialogInput({ answer: 4.1 }, 'answer', { kind: 'number' })).toBe('4.1');
    expect(readDialogInput({ answer: '2026-11-22', answerTime: '09:15' }, 'answer', { kind: 'date', withTime: true })).toBe('2026-11-22 09:15');
    expect(readDialogInput({ answer: 'skip' }, 'answer', { kind: 'date', withTime: true })).toBe('skip');
    expect(readDialogInput({}, 'answer', { kind: 'text' })).toBeUndefined();
    expect(readDialogInput({ answer: { x: 1 } }, 'answer', { kind: 'text' })).toBeUndefined();
  });

  it('a choice list selects only a value it offers', () => {
    const [list] = renderDialogInput('answer', { kind: 'choice', value: 'nope' }, [{ title: 'A', value: 'a' }]);
    expect(list).not.toHaveProperty('value');
  });
});

describe('the confirmation card with editable answers', () => {
  it('prefills every answer of the finding and saves them with the edit verb', () => {
    const card = renderConfirmation(SAMPLE_FINDING_FORM, SAMPLE_FINDING, context);
    const inputs = cardInputs(card);
    expect(inputs.get(fieldInputId('building'))).toMatchObject({ type: 'Input.Text', label: 'Building / site', value: 'Building 6' });
    expect(inputs.get(fieldInputId('value'))).toMatchObject({ type: 'Input.Number', value: 4.1 });
    expect(inputs.get(fieldInputId('category'))).toMatchObject({ type: 'Input.ChoiceSet', style: 'compact', value: 'vpn' });
    expect(inputs.has(fieldInputId('metricName'))).toBe(false); // does not apply to this draft
    const save = pressData(card, 'Save changes', { [fieldInputId('building')]: 'Building 7' });
    expect(save.verb).toBe('finding.edit');
    expect(save.data).toMatchObject({ draftId: 'finding:1', [fieldInputId('building')]: 'Building 7' });
    expect(String(save.data[EDIT_FIELDS]).split(',')).toContain('building');
    // Confirm and discard keep their verbs and the draft id.
    expect(pressData(card, 'File it')).toMatchObject({ verb: 'finding.confirm', data: { draftId: 'finding:1' } });
    expect(pressData(card, 'Discard')).toMatchObject({ verb: 'finding.discard', data: { draftId: 'finding:1' } });
  });

  it('at the longest answers stays under 25 KB by asking the longest again instead of prefilling them', () => {
    const long = '界'.repeat(2000);
    const draft = { ...SAMPLE_ESCALATION, e: { ...SAMPLE_ESCALATION.e, problem: long, impact: long, affected: '界'.repeat(500) } };
    const card = renderConfirmation(SAMPLE_ESCALATION_FORM, draft, { ...context, draftId: 'escalation:1' });
    expect(bytes(card)).toBeLessThan(25 * 1024);
    const again = executeButtons(card).filter((b) => b.title.startsWith('Ask again'));
    expect(again.length).toBeGreaterThan(0);
    expect(again[0]!.data).toMatchObject({ draftId: 'escalation:1', editStep: expect.any(String) });
    expect(again[0]!.associatedInputs).toBe('none');
    // The fields asked again are not on the save button's list; the service still is.
    const onCard = String(pressData(card, 'Save changes').data[EDIT_FIELDS]).split(',');
    expect(onCard).toContain('service');
    for (const b of again) expect(onCard).not.toContain(b.data.editStep);
  });

  it('after a refused save shows the fields inline, each reason literally, and the values as sent', () => {
    const card = withEditFields({ type: 'AdaptiveCard', version: '1.5', body: [], actions: [{ type: 'Action.Execute', title: 'File it', verb: 'demo.confirm' }] }, {
      verb: 'demo.edit', draftId: 'demo:1',
      fields: [{ key: 'size', label: 'Size', spec: { kind: 'text', value: '5' } }, { key: 'color', label: 'Colour', spec: { kind: 'choice', value: 'red' }, choices: [{ title: 'Red', value: 'red' }] }],
      errors: { size: `"${HOSTILE}" is not a size.` }, values: { size: HOSTILE },
    });
    expect(cardInputs(card).get('field.size')?.value).toBe(HOSTILE);
    expect(JSON.stringify(card)).toContain(JSON.stringify({ type: 'TextRun', text: `"${HOSTILE}" is not a size.`, color: 'Attention', size: 'Small' }));
    expect((card.actions as any[]).map((a) => a.title)).toEqual(['Save changes', 'File it']);
    expect(JSON.stringify(card)).not.toContain('Action.ShowCard');
  });
});
