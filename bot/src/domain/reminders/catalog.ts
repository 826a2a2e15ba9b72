// The default catalog of recurring operations tasks (shared/reference/operations-guide-tasks.md,
// condensed from the public "Operate my service" guide). Every workspace starts from it and
// edits it. Mapping of the catalog's cadence words:
// - "real-time (check at least daily)" → daily: a reminder cannot be real-time; the floor the
//   guide itself sets is "at least daily".
// - "daily, weekly, monthly" (network availability/utilization/capacity reporting) → daily:
//   the most frequent of the three, so the daily check happens; the weekly and monthly reports
//   can be added as own tasks.
// - "monthly (weekly during deployments)" → the workspace switch cadence.
// - "as needed" → not scheduled; offered as one-click checklist items.
import type { Cadence } from './cadence';

export interface CatalogTask {
  /** Stable key; schedules seeded from the catalog get the id `cat-<key>`. */
  key: string;
  category: string;
  title: string;
  /** The cadence as the catalog words it. */
  cadenceWords: string;
  /** undefined = as needed (a checklist item, not a schedule). */
  cadence?: Cadence;
  role: string;
}

const DAILY: Cadence = { kind: 'daily' };
const WEEKLY_MON: Cadence = { kind: 'weekly', weekday: 1 };
const MONTHLY: Cadence = { kind: 'monthly-first-weekday' };
/** 2024-01-01 is a Monday: biweekly tasks fall on alternate Mondays from it. */
export const DEFAULT_BIWEEKLY_ANCHOR = '2024-01-01';

export const DEFAULT_CATALOG: readonly CatalogTask[] = [
  { key: 'health-watch', category: 'Monitor service health', title: 'Watch the health of the service and of the services it depends on (directory/identity, mail, file storage)', cadenceWords: 'real-time (check at least daily)', cadence: DAILY, role: 'Service Owner' },
  { key: 'health-notify', category: 'Monitor service health', title: 'Tell users, help desks and incident managers about events that affect the service', cadenceWords: 'as needed', role: 'Service Owner' },
  { key: 'roadmap-watch', category: 'Organizational change', title: 'Watch the product roadmap / message center for upcoming changes', cadenceWords: 'daily', cadence: DAILY, role: 'Adoption/Change Management' },
  { key: 'feature-plan', category: 'Organizational change', title: 'Evaluate and plan new features: communications, awareness, training', cadenceWords: 'as needed', role: 'Adoption/Change Management' },
  { key: 'users-ready', category: 'Organizational change', title: 'Ready users for an upcoming change', cadenceWords: 'as needed', role: 'Adoption/Change Management' },
  { key: 'support-ready', category: 'Organizational change', title: 'Ready support teams (help desk, tier 2/3, partners) for a change', cadenceWords: 'as needed', role: 'Help Desk' },
  { key: 'usage-onboarding', category: 'Usage', title: 'Measure and assess usage while sites are being onboarded', cadenceWords: 'weekly', cadence: WEEKLY_MON, role: 'Service Owner' },
  { key: 'usage-value', category: 'Usage', title: 'Measure and assess usage after deployment (drive-value phase)', cadenceWords: 'biweekly', cadence: { kind: 'biweekly', anchor: DEFAULT_BIWEEKLY_ANCHOR }, role: 'Service Owner' },
  { key: 'adoption-plan', category: 'Usage', title: 'Update the adoption plan from measured usage vs. targets (KSIs)', cadenceWords: 'as needed', role: 'Adoption/Change Management' },
  { key: 'sentiment-capture', category: 'User sentiment', title: 'Capture user sentiment (surveys, interviews, feedback channel; NPS)', cadenceWords: 'as needed', role: 'Adoption/Change Management' },
  { key: 'sentiment-act', category: 'User sentiment', title: 'Change communications / training / support based on feedback', cadenceWords: 'as needed', role: 'Adoption/Change Management' },
  { key: 'endpoints-watch', category: 'Network quality', title: "Watch for changes to the cloud service's published IP ranges and URLs; raise a change request", cadenceWords: 'daily', cadence: DAILY, role: 'Network Operations' },
  { key: 'network-update', category: 'Network quality', title: 'Update firewalls, proxies, VPNs, client firewalls for those changes', cadenceWords: 'as needed', role: 'Network Operations' },
  { key: 'subnet-data', category: 'Network quality', title: 'Give the quality champion current subnet/building data', cadenceWords: 'as needed', role: 'Network Operations' },
  { key: 'network-change', category: 'Network quality', title: 'Implement network changes (firewalls, VPN, wired and Wi-Fi, internet links, DNS)', cadenceWords: 'as needed', role: 'Network Operations' },
  { key: 'network-report', category: 'Network quality', title: 'Monitor and report network availability, utilization, capacity trends', cadenceWords: 'daily, weekly, monthly', cadence: DAILY, role: 'Network Operations' },
  { key: 'capacity-plan', category: 'Network quality', title: 'Capacity planning with the service owner', cadenceWords: 'as needed', role: 'Network Operations' },
  { key: 'network-troubleshoot', category: 'Network quality', title: 'Troubleshoot and remediate connectivity/quality issues with help desk', cadenceWords: 'as needed', role: 'Network Operations' },
  { key: 'network-ha-test', category: 'Network quality', title: 'Test high availability and disaster recovery of the network against SLOs/SLAs', cadenceWords: 'monthly', cadence: MONTHLY, role: 'Network Operations' },
  { key: 'champion-nominate', category: 'Quality', title: 'Nominate and train quality champion(s)', cadenceWords: 'as needed', role: 'Service Owner' },
  { key: 'qer', category: 'Quality', title: 'Run a Quality Experience Review (trends vs. targets, report to stakeholders)', cadenceWords: 'monthly (weekly during deployments)', cadence: { kind: 'monthly-weekly-during-deployments', monthly: MONTHLY, weekday: 1 }, role: 'Quality Champion' },
  { key: 'remediation-drive', category: 'Quality', title: 'Drive remediation of review findings across teams', cadenceWords: 'as needed', role: 'Quality Champion' },
  { key: 'building-data', category: 'Quality', title: 'Keep building/subnet definitions in the call-quality dashboard current', cadenceWords: 'as needed', role: 'Quality Champion' },
  { key: 'quality-own', category: 'Quality', title: 'Own quality end to end: reviews happen, status reported, building data current, remediation coordinated', cadenceWords: 'daily', cadence: DAILY, role: 'Quality Champion' },
  { key: 'client-requirements', category: 'Endpoints', title: "Check endpoints still meet the client's software requirements", cadenceWords: 'monthly', cadence: MONTHLY, role: 'Client & Endpoints Team' },
  { key: 'client-firewall', category: 'Endpoints', title: 'Maintain client firewall exclusions for the published ranges', cadenceWords: 'as needed', role: 'Client & Endpoints Team' },
  { key: 'wifi-drivers', category: 'Endpoints', title: 'Test and roll out Wi-Fi drivers; validate with the call-quality data', cadenceWords: 'as needed', role: 'Client & Endpoints Team' },
  { key: 'device-catalog', category: 'Endpoints', title: 'Maintain the catalog of supported devices/headsets; contracts, warranty, repair', cadenceWords: 'monthly', cadence: MONTHLY, role: 'Client & Endpoints Team' },
  { key: 'endpoint-troubleshoot', category: 'Endpoints', title: 'Endpoint troubleshooting: connectivity, known issues, logs, escalation', cadenceWords: 'as needed', role: 'Help Desk' },
  { key: 'tenant-settings', category: 'Administration', title: 'Tenant-wide settings administration', cadenceWords: 'as needed', role: 'Tenant Admin' },
  { key: 'user-licensing', category: 'Administration', title: 'User settings and licensing administration', cadenceWords: 'as needed', role: 'Tenant Admin' },
  { key: 'license-planning', category: 'Administration', title: 'License planning (calling plans, communication credits) from usage reports', cadenceWords: 'weekly', cadence: WEEKLY_MON, role: 'Tenant Admin' },
  { key: 'number-inventory', category: 'Administration', title: 'Telephone number inventory management', cadenceWords: 'weekly', cadence: WEEKLY_MON, role: 'Telephony Operations' },
  { key: 'team-requests', category: 'Administration', title: 'Review and process team-creation requests', cadenceWords: 'as needed', role: 'Tenant Admin' },
];

export function scheduledCatalogTasks(): CatalogTask[] {
  return DEFAULT_CATALOG.filter((t) => t.cadence);
}

/** "As needed" tasks: one-click checklist items, never reminded. */
export function asNeededChecklist(): CatalogTask[] {
  return DEFAULT_CATALOG.filter((t) => !t.cadence);
}

/** The endpoint-troubleshooting order the guide gives (the help desk's runbook follows it). */
export const ENDPOINT_TROUBLESHOOTING_ORDER = [
  { id: 'service-health', title: 'Validate service health: is the service itself degraded (the service health dashboard, the known incidents)?' },
  { id: 'client-connectivity', title: 'Validate client connectivity: can the user\'s device reach the service (network, proxy, VPN, sign-in)?' },
  { id: 'known-issues', title: 'Check the known-issues list for the symptom and its workaround.' },
  { id: 'community', title: 'Search the community for the symptom and its fix.' },
  { id: 'vendor-support', title: 'Contact vendor support' },
] as const;
