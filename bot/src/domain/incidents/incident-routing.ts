// Where an incident's messages go, and who delivers its outage notices: ports the chat and tab
// handlers use, implemented by the incident rhythm job (jobs/incident-rhythm.ts).
import type { Incident } from './incident';
import type { StoredIncident } from './incident-repository';
import type { OutageNotice } from './outage-notice';
import type { RequesterAsk } from './closure-steps';
import type { Workspace } from '../workspace';

/**
 * The conversation an incident was filed in and the workspace's audience channel, kept with the
 * incident data (see RepositoryIncidentRouting).
 */
export interface IncidentRouting {
  /** The conversation the incident was filed in, if recorded. */
  conversationOf(incident: Incident): string | undefined;
  /** Records the filing conversation; returns the stored incident with its new ETag. */
  recordOrigin(ws: Workspace, incidentId: string, conversationId: string): Promise<StoredIncident | undefined>;
  audienceOf(ws: Workspace): Promise<string | undefined>;
  setAudience(ws: Workspace, conversationId: string | undefined): Promise<void>;
}

export interface OutageNotifier {
  /** Delivers the notices without holding up the turn that produced them. */
  notifyInBackground(ws: Workspace, stored: StoredIncident, notices: readonly OutageNotice[]): void;
}

export interface RequesterNotifier {
  /** Posts the requester's card (confirm the fix, or rate the support), mentioning them, without holding up the turn. */
  askRequesterInBackground(ws: Workspace, stored: StoredIncident, asks: readonly RequesterAsk[]): void;
}
