// Sample renderings of the form runner's own cards: the question asked when a command is typed
// while a dialog waits (with and without "It's my answer"), and the notice a dialog card
// becomes once answered or out of date.
import { renderLeaveDialogCard } from '../../../bot/src/cards/leave-dialog-card';
import { renderDialogNoticeCard } from '../../../bot/src/cards/question-card';
import type { CardSample } from '../card-samples';

const hostile = '[click](https://evil.example) ${x} **b** {"a":1} \u202Eevil\u202C 😀 / \\ # ? <at>x</at>';
const dialog = { dialog: 'finding', draftId: 'finding:1700000000000', userId: '29:alice' };

export const samples: CardSample[] = [
  {
    template: 'leave-dialog.json',
    name: 'leave a dialog for a command, at a choice question',
    render: () => renderLeaveDialogCard({ noun: 'finding', question: 'Which kind of problem is it?', command: 'findings wifi overdue', dialog }),
    literal: ['findings wifi overdue'],
  },
  {
    template: 'leave-dialog.json',
    name: 'leave a dialog for a command that is also a valid free-text answer, with hostile text',
    render: () => renderLeaveDialogCard({ noun: 'escalation', question: `What is broken? ${hostile}`, command: `finding VPN: ${hostile}`, dialog, answerStep: 'problem' }),
    literal: [`What is broken? ${hostile}`, `finding VPN: ${hostile}`],
  },
  {
    template: 'leave-dialog.json',
    name: 'leave a dialog at its confirmation for a long command',
    render: () => renderLeaveDialogCard({ noun: 'finding', command: `finding wifi: ${'📞 no dial tone '.repeat(300)}`, dialog }),
  },
  {
    template: 'question.json',
    name: 'a dialog card gone out of date',
    render: () => renderDialogNoticeCard({ progress: 'New finding · out of date', text: 'This card is out of date, so nothing was filed.', hint: 'It belongs to an earlier finding draft. Your open finding is kept: type resume to see it.' }),
  },
];
