// Sample renderings of the message extension's dialogs: pre-filled from a message, refused with
// a problem under every field, and worst case (hostile, maximum-length text): checked by
// tests/cards/cards.test.ts.
import { renderEscalationTaskCard } from '../../../bot/src/cards/escalation-task-card';
import { renderFindingTaskCard } from '../../../bot/src/cards/finding-task-card';
import { ESCALATION_FIELDS, escalationPrefill } from '../../../bot/src/domain/message-extension/escalation-submission';
import { FINDING_FIELDS, findingPrefill } from '../../../bot/src/domain/message-extension/finding-submission';
import { DEFAULT_SEVERITY_POLICY } from '../../../bot/src/domain/incidents/severity';
import type { CardSample } from '../card-samples';
import { HOSTILE_BITS } from './findings';

const now = new Date('2026-11-20T09:00:00Z');
const HOSTILE = HOSTILE_BITS.join('\n');
const submit = { formId: '0123456789abcdef01234567', source: 'Pre-filled from a message by Ana Champion. Check every field before filing.' };
const longText = (n: number) => 'Poor audio on VPN in Building 6 '.repeat(Math.ceil(n / 32)).slice(0, n);

const findingValues = findingPrefill('VPN: poor audio in Building 6, PSR 4.1%', now, { link: 'https://teams.microsoft.com/l/message/19:abc/1700000000000' });
const worstFinding = { ...findingValues, description: `${HOSTILE}\n${longText(3500)}`.slice(0, 4000), building: HOSTILE_BITS[0]!, evidence: `https://example.com/${'x'.repeat(1900)}` };
const escalationCtx = { now, timeZone: 'Europe/Paris', policy: DEFAULT_SEVERITY_POLICY };
const escalationValues = escalationPrefill('sev B Teams meetings: calls drop every few minutes for the Lyon office', escalationCtx);

export const samples: CardSample[] = [
  { template: 'finding-task.json', name: 'file a finding, pre-filled from a message', render: () => renderFindingTaskCard({ values: findingValues, source: submit.source, submit }) },
  { template: 'finding-task.json', name: 'file a finding, empty (compose box)', render: () => renderFindingTaskCard({ values: findingPrefill('', now), submit: { ...submit, source: '' } }) },
  {
    template: 'finding-task.json',
    name: 'file a finding, refused with a problem under every field, hostile text',
    render: () => renderFindingTaskCard({ values: worstFinding, source: HOSTILE, submit, errors: FINDING_FIELDS.map((field) => ({ field, message: `${field}: ${HOSTILE_BITS[1]}` })) }),
    literal: [HOSTILE_BITS[0]!, HOSTILE_BITS[2]!, HOSTILE_BITS[1]!],
  },
  { template: 'escalation-task.json', name: 'escalate, pre-filled from a message', render: () => renderEscalationTaskCard({ values: escalationValues, source: submit.source, submit }) },
  {
    template: 'escalation-task.json',
    name: 'escalate, refused with a problem under every field, hostile text',
    render: () => renderEscalationTaskCard({
      values: { service: HOSTILE_BITS[0]!, problem: `${HOSTILE}\n${longText(1800)}`.slice(0, 2000), impact: longText(2000), affected: longText(500), started: HOSTILE_BITS[3]!.slice(0, 40), severity: 'A' },
      source: HOSTILE, submit, errors: ESCALATION_FIELDS.map((field) => ({ field, message: `${field}: ${HOSTILE_BITS[2]}` })),
    }),
    literal: [HOSTILE_BITS[0]!, HOSTILE_BITS[2]!],
  },
];
