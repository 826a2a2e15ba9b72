// Every Action.Execute verb in the product, defined once. Each feature declares its verbs in
// its own cards/<feature>-verbs.ts and they are gathered here; teams/ registers one route per verb.
export const VERBS = {
  // ...FINDING_VERBS, ...INCIDENT_VERBS, ... (added as features land)
} as const;

/** Message-back buttons that simply type a command for the user. */
export function imBack(title: string, command: string): Record<string, unknown> {
  return { type: 'Action.Submit', title, data: { msteams: { type: 'imBack', value: command } } };
}
