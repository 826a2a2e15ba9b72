// What a person types in the message extension's search box, read into a query over the
// workspace's findings and incidents: a record number (QF-0001, qf 1, SR-202611-0007), a status
// ("status:accepted", or a status named on its own: "won't fix", "open", "resolved"), and/or
// words that must all appear in the record's text. Pure: the search service runs it.
import { category as categoryInfo } from '../findings/catalog';
import { type Finding, type FindingStatus, formatFindingId, OPEN_STATUSES as OPEN_FINDINGS, parseFindingId } from '../findings/finding';
import { type Incident, type IncidentState, OPEN_STATES as OPEN_INCIDENTS, parseSrNumber } from '../incidents/incident';

export type RecordQuery =
  | { kind: 'recent' }
  | { kind: 'finding-id'; id: string }
  | { kind: 'incident-id'; id: string }
  | { kind: 'filter'; findingStatuses?: readonly FindingStatus[]; incidentStates?: readonly IncidentState[]; words: readonly string[] };

interface StatusWord {
  findings: readonly FindingStatus[];
  incidents: readonly IncidentState[];
}

const CLOSED_FINDINGS: readonly FindingStatus[] = ['verified', 'wont-fix'];
const CLOSED_INCIDENTS: readonly IncidentState[] = ['resolved', 'closed', 'archived'];

/** Status words people use, each with what it means for findings and for incidents. */
const STATUS_WORDS: Readonly<Record<string, StatusWord>> = {
  open: { findings: OPEN_FINDINGS, incidents: OPEN_INCIDENTS },
  closed: { findings: CLOSED_FINDINGS, incidents: ['closed'] },
  acknowledged: { findings: [], incidents: ['classified'] },
  done: { findings: CLOSED_FINDINGS, incidents: CLOSED_INCIDENTS },
  new: { findings: ['new'], incidents: ['recorded'] },
  accepted: { findings: ['accepted'], incidents: [] },
  'in remediation': { findings: ['in-remediation'], incidents: [] },
  'in-remediation': { findings: ['in-remediation'], incidents: [] },
  remediation: { findings: ['in-remediation'], incidents: [] },
  remediated: { findings: ['remediated'], incidents: [] },
  verified: { findings: ['verified'], incidents: [] },
  "won't fix": { findings: ['wont-fix'], incidents: [] },
  'wont fix': { findings: ['wont-fix'], incidents: [] },
  'wont-fix': { findings: ['wont-fix'], incidents: [] },
  wontfix: { findings: ['wont-fix'], incidents: [] },
  recorded: { findings: [], incidents: ['recorded'] },
  classified: { findings: [], incidents: ['classified'] },
  investigating: { findings: [], incidents: ['investigating'] },
  resolved: { findings: [], incidents: ['resolved'] },
  archived: { findings: [], incidents: ['archived'] },
};

/** The longest words kept: a search box, not a document. */
const MAX_WORDS = 8;
const MAX_QUERY_CHARS = 200;

const normalise = (text: string) => text.toLowerCase().replace(/[\u2018\u2019]/g, "'").replace(/\s+/g, ' ').trim();

/** `text` as typed; an empty box (or Teams' initial run) lists the newest open records. */
export function parseRecordQuery(text: string): RecordQuery {
  const t = normalise(text.slice(0, MAX_QUERY_CHARS));
  if (!t) return { kind: 'recent' };
  const sr = parseSrNumber(t);
  if (sr) return { kind: 'incident-id', id: t.toUpperCase() };
  // "qf 12" as people type it, besides QF-0012 and qf12.
  const qf = parseFindingId(t.replace(/^qf\s+(?=\d)/, 'qf-'));
  if (qf && qf.prefix === 'QF') return { kind: 'finding-id', id: formatFindingId('QF', qf.number) };
  let rest = t;
  let status: StatusWord | undefined;
  const prefixed = /(?:^|\s)status:\s*("[^"]*"|'[^']*'|\S+(?:\s+fix)?)/.exec(rest);
  if (prefixed) {
    status = STATUS_WORDS[prefixed[1]!.replace(/^["']|["']$/g, '')];
    rest = (rest.slice(0, prefixed.index) + ' ' + rest.slice(prefixed.index + prefixed[0].length)).trim();
  } else if (STATUS_WORDS[rest]) {
    status = STATUS_WORDS[rest];
    rest = '';
  }
  const words = rest.split(' ').filter(Boolean).slice(0, MAX_WORDS);
  return {
    kind: 'filter',
    ...(status ? { findingStatuses: status.findings, incidentStates: status.incidents } : {}),
    words,
  };
}

/** The text a word may match in a finding: its number, what was seen, where, who owns it. */
export function findingText(f: Finding): string {
  return [f.id, categoryInfo(f.category).label, categoryInfo(f.category).short, f.description, f.building, f.subnet, f.owningRole, f.metricName, f.evidence]
    .filter(Boolean).join('\n').toLowerCase();
}

export function incidentText(i: Incident): string {
  return [i.id, i.service, i.problem, i.impact, i.affected, i.resolverGroup, i.lastUpdateText].filter(Boolean).join('\n').toLowerCase();
}

export const containsAll = (haystack: string, words: readonly string[]) => words.every((w) => haystack.includes(w));

export function findingMatches(f: Finding, q: Extract<RecordQuery, { kind: 'filter' }>): boolean {
  if (q.findingStatuses && !q.findingStatuses.includes(f.status)) return false;
  return containsAll(findingText(f), q.words);
}

export function incidentMatches(i: Incident, q: Extract<RecordQuery, { kind: 'filter' }>): boolean {
  if (q.incidentStates && !q.incidentStates.includes(i.state)) return false;
  return containsAll(incidentText(i), q.words);
}
