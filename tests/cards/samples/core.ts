import { renderQuestionCard } from '../../../bot/src/cards/question-card';
import type { CardSample } from '../card-samples';

const hostile = '[click](https://evil.example) ${x} **b** {"a":1} \u202Eevil\u202C 😀 / \\ # ?';

export const samples: CardSample[] = [
  {
    template: 'question.json',
    name: 'question with choices',
    render: () => renderQuestionCard({ dialog: 'finding', progress: 'New finding · 6 questions to go', question: 'Which problem category fits best?', choices: [{ title: 'VPN', value: 'vpn' }, { title: 'Wi-Fi', value: 'wifi' }] }),
  },
  {
    template: 'question.json',
    name: 'question re-asked with a hostile answer echoed back',
    render: () => renderQuestionCard({ dialog: 'finding', progress: 'New finding · last question', question: 'What did you see?', hint: 'Free text', problem: `"${hostile}" is not a subnet`, allowSkip: true }),
    literal: [`"${hostile}" is not a subnet`],
  },
];
