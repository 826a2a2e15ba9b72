// The message extension's search: findings and incidents of one workspace (the caller's tenant
// and team or chat) that match a RecordQuery, newest first. Reads go through the two features'
// services, whose every read is partitioned by workspace, so another workspace's records are
// never even read. A text search reads a bounded number of records: a search box answers in
// the five seconds Teams waits, and the boards are where a full history is browsed.
import type { Finding, FindingStatus } from '../findings/finding';
import type { FindingPage, PageRequest as FindingPageRequest } from '../findings/finding-repository';
import type { IncidentFilter, Page, PageRequest, StoredIncident } from '../incidents/incident-repository';
import type { Workspace } from '../workspace';
import { findingMatches, incidentMatches, type RecordQuery } from './record-query';

/** What the search needs of the findings feature (FindingService has it). */
export interface FindingSource {
  get(ws: Workspace, id: string): Promise<Finding | undefined>;
  list(ws: Workspace, filter: { statuses?: readonly FindingStatus[] }, page: FindingPageRequest): Promise<FindingPage>;
}

/** What the search needs of the incidents feature (IncidentService has it). */
export interface IncidentSource {
  get(ws: Workspace, id: string): Promise<StoredIncident | undefined>;
  list(ws: Workspace, filter: IncidentFilter, page: PageRequest): Promise<Page<StoredIncident>>;
}

export type RecordHit = { kind: 'finding'; finding: Finding; at: string } | { kind: 'incident'; stored: StoredIncident; at: string };

/** Records read per kind for a text search, at most. */
export const SCAN_LIMIT = 300;
const PAGE = 50;
/** Teams asks for 25; cards are rendered for each, so fewer come back. */
export const MAX_RESULTS = 10;

const ALL_FINDING_STATUSES: readonly FindingStatus[] = ['new', 'accepted', 'in-remediation', 'remediated', 'verified', 'wont-fix'];

export class RecordSearch {
  constructor(private readonly findings: FindingSource, private readonly incidents: IncidentSource) {}

  async search(ws: Workspace, query: RecordQuery, options: { skip?: number; count?: number } = {}): Promise<RecordHit[]> {
    const count = Math.max(1, Math.min(MAX_RESULTS, options.count ?? MAX_RESULTS));
    const skip = Math.max(0, options.skip ?? 0);
    if (query.kind === 'finding-id') {
      const f = await this.findings.get(ws, query.id);
      return f && skip === 0 ? [{ kind: 'finding', finding: f, at: f.createdAt }] : [];
    }
    if (query.kind === 'incident-id') {
      const s = await this.incidents.get(ws, query.id);
      return s && skip === 0 ? [{ kind: 'incident', stored: s, at: s.incident.recordedAt }] : [];
    }
    const filter = query.kind === 'recent' ? { kind: 'filter' as const, findingStatuses: undefined, incidentStates: undefined, words: [] } : query;
    const openOnly = query.kind === 'recent';
    const [found, incidents] = await Promise.all([
      filter.findingStatuses?.length === 0 ? [] : this.scanFindings(ws, openOnly ? undefined : filter.findingStatuses ?? ALL_FINDING_STATUSES, (f) => findingMatches(f, filter)),
      filter.incidentStates?.length === 0 ? [] : this.scanIncidents(ws, openOnly ? 'open' : 'all', (i) => incidentMatches(i.incident, filter)),
    ]);
    const hits: RecordHit[] = [
      ...found.map((f) => ({ kind: 'finding' as const, finding: f, at: f.createdAt })),
      ...incidents.map((s) => ({ kind: 'incident' as const, stored: s, at: s.incident.recordedAt })),
    ];
    hits.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
    return hits.slice(skip, skip + count);
  }

  /** `statuses` undefined: the open findings (the service's default). */
  private async scanFindings(ws: Workspace, statuses: readonly FindingStatus[] | undefined, keep: (f: Finding) => boolean): Promise<Finding[]> {
    const out: Finding[] = [];
    let read = 0;
    let token: string | undefined;
    do {
      const page = await this.findings.list(ws, statuses ? { statuses } : {}, { pageSize: PAGE, continuationToken: token });
      read += page.items.length;
      out.push(...page.items.filter(keep));
      token = page.continuationToken;
    } while (token && read < SCAN_LIMIT);
    return out;
  }

  private async scanIncidents(ws: Workspace, state: 'open' | 'all', keep: (s: StoredIncident) => boolean): Promise<StoredIncident[]> {
    const out: StoredIncident[] = [];
    let read = 0;
    let continuation: string | undefined;
    do {
      const page = await this.incidents.list(ws, { state }, { limit: PAGE, continuation });
      read += page.items.length;
      out.push(...page.items.filter(keep));
      continuation = page.continuation;
    } while (continuation && read < SCAN_LIMIT);
    return out;
  }
}
