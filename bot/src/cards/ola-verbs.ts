// Action.Execute verbs of the operational-level agreements, declared once. Each verb's `data`
// payload is documented here.
export const OLA_VERBS = {
  /** { roleId } — the role's OLA: what its team commits to, the sign-off and the adherence. */
  show: 'ola.show',
  /** {} — every team's OLA in one overview (sign-off and 30-day adherence). */
  list: 'ola.list',
  /** { roleId, version } — the team signs the OLA version the card showed (who/when recorded). */
  signOff: 'ola.signoff',
} as const;

/** Verbs that only show something: a replay shows it again. */
export const OLA_VIEW_VERBS: readonly string[] = [OLA_VERBS.show, OLA_VERBS.list];
