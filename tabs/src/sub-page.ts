// A deep link into the personal My work tab carries the workspace and the record in its
// subEntityId (query-string form: w=<tenant>|team|<id>&r=finding:QF-0001); see
// bot/src/domain/people/tab-link.ts. It only says what to show: the tab API still checks the
// signed-in user's tenant against the workspace.
export function parseSubPage(raw: unknown): { workspace: string; record?: string } | undefined {
  if (typeof raw !== 'string' || !raw || raw.length > 1024) return undefined;
  const q = new URLSearchParams(raw);
  const workspace = q.get('w');
  if (!workspace) return undefined;
  const record = q.get('r');
  return record ? { workspace, record } : { workspace };
}

/**
 * The view options a deep link's record becomes: the findings and incidents boards open at the
 * record named by ?finding= / ?incident= (as their own links carry it); My work takes ?record=.
 */
export function recordParams(view: string | null, record: string | undefined): Record<string, string> {
  if (!record) return {};
  const [kind, ...rest] = record.split(':');
  const id = rest.join(':');
  if (view === 'findings' && kind === 'finding' && id) return { finding: id };
  if (view === 'incidents' && kind === 'incident' && id) return { incident: id };
  return view === 'findings' || view === 'incidents' ? {} : { record };
}
