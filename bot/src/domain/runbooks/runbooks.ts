// Runbooks: the catalog's "as needed" tasks (reference operations-guide-tasks.md: not scheduled,
// offered as one-click checklists), each with its steps. The steps are ours, written from what each
// task asks; the help desk's troubleshooting runbook follows the guide's endpoint troubleshooting
// order (the catalog's list, never a copy), whose last step, contacting vendor support, is
// escalating the incident.
import { asNeededChecklist, type CatalogTask, ENDPOINT_TROUBLESHOOTING_ORDER } from '../reminders/catalog';

export interface RunbookStep {
  id: string;
  text: string;
  /** A step the product can do for you: `escalate` starts the escalation dialog. */
  command?: 'escalate';
}

export interface Runbook {
  /** The catalog task's key. */
  key: string;
  title: string;
  category: string;
  /** The owning role, as the catalog names it (the role map says which team and contact). */
  role: string;
  steps: RunbookStep[];
}

/** The help desk's endpoint troubleshooting (the guide's Endpoints task, as needed). */
export const HELP_DESK_RUNBOOK_KEY = 'endpoint-troubleshoot';

export const ESCALATE_STEP: RunbookStep = {
  id: 'escalate',
  text: 'Still not resolved: contact vendor support by escalating the incident (severity, business impact, who is affected); the vendor case asks the desk to confirm its troubleshooting first.',
  command: 'escalate',
};

const steps = (...texts: string[]): RunbookStep[] => texts.map((text, i) => ({ id: `s${i + 1}`, text }));

/** Steps of every as-needed task but the help desk's, by catalog key. */
const STEPS: Readonly<Record<string, RunbookStep[]>> = {
  'health-notify': steps(
    'Confirm the event in the service health dashboard and note which services and users it touches.',
    'Write a short notice: what happens, who is affected, the workaround, when the next update comes.',
    'Send it to the users, the help desk and the incident managers through the agreed channels.',
    'Post a follow-up when the event ends, and record what was sent.'),
  'feature-plan': steps(
    'Read the announcement of the new feature and decide whether and when to turn it on.',
    'Name who is affected and what they need: communications, awareness, training.',
    'Plan the communications and training with dates and owners.',
    'Agree the plan with the service owner and the help desk.'),
  'users-ready': steps(
    'Tell the affected users what changes, when, and why.',
    'Share the training or quick guide they need before the change.',
    'Say where to get help, and watch the feedback channel after the change.'),
  'support-ready': steps(
    'Brief the help desk, tier 2/3 and partners on the change and its date.',
    'Update the known issues, the how-to articles and the escalation paths.',
    'Check that everyone who takes calls knows the change before users see it.'),
  'adoption-plan': steps(
    'Compare the measured usage with the targets (the KSIs).',
    'Find the sites or groups that fall behind and why.',
    'Change the adoption plan: actions, owners, dates; share it with the steering committee.'),
  'sentiment-capture': steps(
    'Pick the method: a survey (with the net promoter score), interviews or the feedback channel.',
    'Run it with a representative group of users.',
    'Summarize what users like and what hurts, with numbers where there are any.'),
  'sentiment-act': steps(
    'Go through the latest feedback summary.',
    'Decide what to change: communications, training or support.',
    'Make the changes and tell users what changed because of their feedback.'),
  'network-update': steps(
    'Read which published IP ranges and URLs changed.',
    'Update firewalls, proxies and VPN split tunnels for them.',
    'Update the client firewall rules, or ask the endpoints team to.',
    'Test from a client that calls and meetings still connect.'),
  'subnet-data': steps(
    'Export the current buildings and subnets from the network inventory.',
    'Mark what changed since the last export (new, moved, removed subnets).',
    'Give the file to the quality champion for the call-quality dashboard.'),
  'network-change': steps(
    'Raise a request for change with the risk and the planned window.',
    'Implement it (firewalls, VPN, wired and Wi-Fi, internet links, DNS) in the window.',
    'Check calls and meetings from the affected sites after the change.',
    'Record the outcome on the change.'),
  'capacity-plan': steps(
    'Gather the utilization and capacity trends of the links and Wi-Fi.',
    'Estimate the growth from the adoption plan with the service owner.',
    'Agree upgrades and their dates; raise the requests for change.'),
  'network-troubleshoot': steps(
    'Take the affected sites, subnets and times from the help desk.',
    'Check the links, Wi-Fi and VPN of those places for loss, jitter and congestion.',
    'Fix what is found, or raise a change, and tell the help desk.',
    'Confirm with the call-quality data that the place is back within target.'),
  'champion-nominate': steps(
    'Choose the quality champion: the person or group accountable for the user experience.',
    'Train them on the call-quality dashboard and the Quality Experience Review.',
    'Give them the sponsorship to work with the other teams, and announce the role.'),
  'remediation-drive': steps(
    'Go through the open findings of the last review with their owning teams.',
    'Agree the next action and its date for each.',
    'Chase what is overdue and report progress to the steering committee.'),
  'building-data': steps(
    'Get the current building and subnet data from network operations.',
    'Upload it to the call-quality dashboard.',
    'Check that no calls fall into unknown buildings any more.'),
  'client-firewall': steps(
    'Read which published ranges changed.',
    'Update the client firewall exclusions in the endpoint policy.',
    'Roll the policy out and check a client connects.'),
  'wifi-drivers': steps(
    'Test the new Wi-Fi driver on a pilot group.',
    'Compare the pilot group\'s call quality before and after in the call-quality data.',
    'Roll it out, or roll it back, and note which version is supported.'),
  'tenant-settings': steps(
    'Write down the setting to change, why, and who asked.',
    'Check the impact on users and on the other services.',
    'Change the setting (a request for change if it is not standard) and record it.',
    'Tell the help desk what changed.'),
  'user-licensing': steps(
    'Check the user\'s licenses and settings against the request.',
    'Assign or change the license or setting.',
    'Confirm with the user or the requester that it works.'),
  'team-requests': steps(
    'Read the team-creation request: purpose, owners, members.',
    'Check it against the naming and governance policy.',
    'Create the team, or say why not, and tell the requester.'),
};

/** The help desk's steps: the guide's troubleshooting order, its last step (vendor support) as escalate. */
export function helpDeskSteps(): RunbookStep[] {
  return [...ENDPOINT_TROUBLESHOOTING_ORDER.filter((s) => s.id !== 'vendor-support').map((s) => ({ id: s.id, text: s.title })), ESCALATE_STEP];
}

function runbookOf(t: CatalogTask): Runbook {
  const own = t.key === HELP_DESK_RUNBOOK_KEY ? helpDeskSteps() : STEPS[t.key];
  return { key: t.key, title: t.title, category: t.category, role: t.role, steps: own ?? steps('Do the task as your team agreed.', 'Record what was done.') };
}

/** Every as-needed task of the catalog as a runbook, in catalog order. */
export const RUNBOOKS: readonly Runbook[] = asNeededChecklist().map(runbookOf);

export function runbookByKey(key: string): Runbook | undefined {
  return RUNBOOKS.find((r) => r.key === key);
}

/** The runbooks `runbook <words>` names: its key, or every runbook whose title or role has all the words. */
export function findRunbooks(query: string): Runbook[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const byKey = runbookByKey(q);
  if (byKey) return [byKey];
  const words = q.split(/\s+/).filter(Boolean);
  return RUNBOOKS.filter((r) => words.every((w) => `${r.title} ${r.role} ${r.category}`.toLowerCase().includes(w)));
}
