// The app's own links to one record on a tab view: the findings board opened at a finding
// (…/tabs/index.html?view=findings&finding=QF-0001) or the incidents board at an incident
// (…?view=incidents&incident=SR-202611-0001). Pasted into a compose box, Teams sends them to the
// message extension (link unfurling), which answers with the record's card.
import { formatFindingId, parseFindingId } from '../findings/finding';
import { parseSrNumber } from '../incidents/incident';

export type RecordLink = { kind: 'finding'; id: string } | { kind: 'incident'; id: string };

const TAB_PAGE = /\/tabs\/(?:index\.html)?$/;

/** The record a link points to, or undefined for any other URL (another page, a malformed id). */
export function parseRecordLink(url: string): RecordLink | undefined {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    return undefined;
  }
  if ((u.protocol !== 'https:' && u.protocol !== 'http:') || !TAB_PAGE.test(u.pathname)) return undefined;
  const view = u.searchParams.get('view');
  if (view === 'findings') {
    const f = parseFindingId(u.searchParams.get('finding') ?? '');
    return f && f.prefix === 'QF' ? { kind: 'finding', id: formatFindingId('QF', f.number) } : undefined;
  }
  if (view === 'incidents') {
    const id = (u.searchParams.get('incident') ?? '').trim().toUpperCase();
    return parseSrNumber(id) ? { kind: 'incident', id } : undefined;
  }
  return undefined;
}

/** The link to a record's tab view under the app's tab endpoint (e.g. https://ops.contoso.com). */
export function recordLink(tabEndpoint: string, link: RecordLink): string {
  const u = new URL('tabs/index.html', tabEndpoint.endsWith('/') ? tabEndpoint : `${tabEndpoint}/`);
  u.searchParams.set('view', link.kind === 'finding' ? 'findings' : 'incidents');
  u.searchParams.set(link.kind, link.id);
  return u.toString();
}
