// Action.Execute verbs of problem records, declared once. Each verb's `data` is documented here;
// the card's inputs arrive merged into the same object.
export const PROBLEM_VERBS = {
  /** {} + inputs problemTitle, problemOwner — records a new problem. */
  create: 'problem.create',
  /**
   * Links an incident or a finding. From a problem card: { problemId, etag } + input linkRef (SR- or QF- number).
   * From an incident or finding card: { kind, ref } + input problemChoice (a problem's id, or "new" to raise one from it) or problemRef (a typed number).
   * From the open-problems picker: { problemId, kind, ref, pick: true }.
   * The undo of an unlink: { problemId, etag, kind, ref }.
   */
  link: 'problem.link',
  /** { problemId, etag } + input unlinkRef — the card then offers to undo it. */
  unlink: 'problem.unlink',
  /** { problemId, etag } + input rootCause. */
  rca: 'problem.rca',
  /** { problemId, etag } + inputs knownError, workaround. */
  knownError: 'problem.knownError',
  /** { problemId, etag } + input problemStatus. */
  status: 'problem.status',
  /** { problemId, etag } + input problemOwner (a role of the role map). */
  owner: 'problem.owner',
  /** { problemId } — posts the problem's card. */
  open: 'problem.open',
  /** { problemId } — the card again, as stored now. */
  refresh: 'problem.refresh',
  /** { filter: "open" | "all" | <status>, continuation?, link?: { kind, ref } } — a page of the list; with `link`, a picker of the problem to link it to. */
  list: 'problem.list',
} as const;

export const PROBLEM_INPUTS = {
  title: 'problemTitle', owner: 'problemOwner', choice: 'problemChoice', problemRef: 'problemRef', linkRef: 'linkRef', unlinkRef: 'unlinkRef',
  rootCause: 'rootCause', knownError: 'knownError', workaround: 'workaround', status: 'problemStatus',
} as const;

/** The problemChoice value that raises a new problem from the incident or finding. */
export const NEW_PROBLEM_CHOICE = 'new';
