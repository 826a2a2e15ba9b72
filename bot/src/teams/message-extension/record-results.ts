// The record cards the message extension shares: the same finding and incident cards the bot
// posts (with their buttons and refresh), each with the thumbnail preview of the result list.
import { findingPreview, incidentPreview } from '../../cards/record-preview';
import type { Finding } from '../../domain/findings/finding';
import type { StoredIncident } from '../../domain/incidents/incident-repository';
import type { RecordHit } from '../../domain/message-extension/record-search';
import type { Workspace } from '../../domain/workspace';
import type { FindingPresenter } from '../findings/finding-presenter';
import type { IncidentViews } from '../incidents/incident-views';
import type { ResultItem } from './responses';

export class RecordResults {
  constructor(private readonly findings: FindingPresenter, private readonly incidents: Pick<IncidentViews, 'card'>) {}

  async finding(f: Finding, actorId: string): Promise<ResultItem> {
    return { card: await this.findings.card(f, { actorId }), preview: findingPreview(f) };
  }

  async incident(ws: Workspace, stored: StoredIncident, actorId: string): Promise<ResultItem> {
    return { card: await this.incidents.card(ws, stored, { actorId }), preview: incidentPreview(stored.incident) };
  }

  hits(ws: Workspace, hits: readonly RecordHit[], actorId: string): Promise<ResultItem[]> {
    return Promise.all(hits.map((h) => (h.kind === 'finding' ? this.finding(h.finding, actorId) : this.incident(ws, h.stored, actorId))));
  }
}
