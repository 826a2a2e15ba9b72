// Every Action.Execute verb in the product, defined once per feature (cards/<feature>-verbs.ts)
// and gathered here; teams/ registers one route per verb, and a test checks that every verb a
// card can send has a route.
import { FINDING_VERBS } from './finding-verbs';
import { INCIDENT_VERBS } from './incident-verbs';
import { OPS_VERBS } from './ops-verbs';
import { REMINDER_VERBS } from './reminder-verbs';

export const FEATURE_VERBS = { finding: FINDING_VERBS, incident: INCIDENT_VERBS, ops: OPS_VERBS, reminder: REMINDER_VERBS } as const;

/** All verbs, flat. */
export const ALL_VERBS: readonly string[] = Object.values(FEATURE_VERBS).flatMap((group) => Object.values(group) as string[]);

/** Message-back buttons that simply type a command for the user. */
export function imBack(title: string, command: string): Record<string, unknown> {
  return { type: 'Action.Submit', title, data: { msteams: { type: 'imBack', value: command } } };
}
