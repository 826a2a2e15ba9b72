// One free-text rule for every dialog and card input: the escalation dialog, incident card
// actions, ops records and reminder titles refuse what the finding dialog refuses.
import { describe, expect, it } from 'vitest';
import { answerStep } from '../../../bot/src/domain/incidents/escalation-draft';
import { applyAction, parseIncidentAction } from '../../../bot/src/domain/incidents/lifecycle';
import { ana, at, incident } from '../incidents/fixtures';
import { DEFAULT_SEVERITY_POLICY } from '../../../bot/src/domain/incidents/severity';
import { textField } from '../../../bot/src/domain/ops/common';
import { editProblems } from '../../../bot/src/domain/reminders/schedule';
import { checkFreeText } from '../../../bot/src/domain/text/free-text';

const BELL = 'bell \u0007 here';
const C1 = 'next line \u0085 here';
const HALF_EMOJI = 'broken \ud83d here';
const KEPT = '[me](https://x) ${x} {"a":1} שלום 🔥 / \\ # ? %';

describe('the free-text rule', () => {
  it('keeps text exactly, trimmed, markdown and template syntax included', () => {
    expect(checkFreeText(`  ${KEPT}  `, { label: 'The note', max: 200 })).toEqual({ ok: true, value: KEPT });
    expect(checkFreeText('one\r\ntwo', { label: 'The note', max: 200, multiline: true })).toEqual({ ok: true, value: 'one\r\ntwo' });
  });

  it.each([
    [BELL, /invisible control character \(U\+0007\) at position 6/],
    [C1, /invisible control character \(U\+0085\)/],
    [HALF_EMOJI, /broken character \(half of an emoji/],
    ['two\nlines', /must fit on one line/],
    ['x'.repeat(201), /is 201 characters; the most I can keep is 200/],
    ['', /The note can't be empty/],
    [42, /The note must be text/],
  ])('refuses %j with a message naming the field', (input, message) => {
    const r = checkFreeText(input, { label: 'The note', max: 200 });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(message);
  });
});

describe('every input follows it', () => {
  const ctx = { now: new Date('2024-06-03T08:00:00Z'), timeZone: 'UTC', policy: DEFAULT_SEVERITY_POLICY };
  it.each([BELL, C1, HALF_EMOJI])('the escalation dialog refuses %j (it used to store it)', (bad) => {
    expect(answerStep({}, 'service', `Teams ${bad}`, ctx)).toMatchObject({ ok: false });
    expect(answerStep({}, 'problem', `Meetings fail to start ${bad}`, ctx)).toMatchObject({ ok: false });
  });

  it('incident card actions refuse it', () => {
    const action = parseIncidentAction({ type: 'update', text: `Bridge restarted ${BELL}` });
    if ('error' in action) throw new Error(action.error);
    const r = applyAction(incident({ state: 'investigating' }), action, ana, at(5), DEFAULT_SEVERITY_POLICY);
    expect(r).toMatchObject({ ok: false, reason: expect.stringMatching(/control character \(U\+0007\)/) });
  });

  it('ops records refuse it', () => {
    expect(() => textField('The agenda item', `Budget ${C1}`, 500)).toThrow(/control character \(U\+0085\)/);
  });

  it('reminder titles refuse it', () => {
    expect(editProblems({ title: `Check the ${HALF_EMOJI}` })).toEqual([expect.stringMatching(/The task title contains a broken character/)]);
  });
});
