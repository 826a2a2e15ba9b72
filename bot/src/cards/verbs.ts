// Every Action.Execute verb in the product, defined once. Cards reference them by name and
// teams/ registers one route per verb.
export const VERBS = {
  // Issue-specific verbs (finding.*, incident.*, reminder.*, role.*) are added as features land.
} as const;

export type Verb = (typeof VERBS)[keyof typeof VERBS];

/** Message-back buttons that simply type a command for the user. */
export function imBack(title: string, command: string): Record<string, unknown> {
  return { type: 'Action.Submit', title, data: { msteams: { type: 'imBack', value: command } } };
}
