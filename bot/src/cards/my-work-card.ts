// The "My work" card: my open findings and incidents and the due tasks of my roles in one
// workspace, each with a link to the record in the personal My work tab. Shared by the chat
// command and the tab view; user text (titles, names, roles) goes only into TextRuns.
import { STATUS_LABELS } from '../domain/findings/finding';
import type { FindingReason, IncidentReason, MyWork } from '../domain/people/my-work';
import { myWorkLink, recordRef, type RecordKind, type TabLinkOptions } from '../domain/people/tab-link';
import { localText } from '../domain/reminders/schedule';
import template from './templates/my-work.json';
import { expandTemplate } from './template';

export interface MyWorkCardInput {
  work: MyWork;
  /** My display name, shown literally. */
  name: string;
  links: TabLinkOptions;
  /** "kind:id" of a record to show highlighted (the one a deep link opened). */
  highlight?: string;
}

/** Items shown per section; the rest are counted (keeps the card well under 25 KB). */
export const MAX_ITEMS = 6;
const TITLE_CHARS = 120;
const META_CHARS = 200;

const FINDING_WHY: Record<FindingReason, string> = { filed: 'you filed it', owned: 'your team owns it' };
const INCIDENT_WHY: Record<IncidentReason, string> = { owner: 'you own it', raised: 'you raised it' };

function clip(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** `label` is what the card shows for the record (its id, or a task's category). */
interface Item { kind: RecordKind; id: string; label: string; title: string; meta: string }

function section(heading: string, emptyText: string, items: Item[], input: MyWorkCardInput) {
  const shown = items.slice(0, MAX_ITEMS);
  return {
    heading: `${heading} (${items.length})`,
    empty: items.length === 0,
    emptyText,
    items: shown.map((it) => ({
      id: it.label,
      title: clip(it.title, TITLE_CHARS),
      meta: clip(it.meta, META_CHARS),
      style: input.highlight === recordRef(it.kind, it.id) ? 'emphasis' : 'default',
      openTitle: it.kind === 'task' ? 'Open task' : `Open ${it.id}`,
      url: myWorkLink(input.links, input.work.workspace, it.kind, it.id, it.label),
    })),
    more: items.length > shown.length ? `…and ${items.length - shown.length} more.` : '',
  };
}

export function renderMyWorkCard(input: MyWorkCardInput): Record<string, unknown> {
  const { work } = input;
  const findings: Item[] = work.findings.map(({ finding: f, reasons }) => ({
    kind: 'finding', id: f.id, label: f.id, title: f.description,
    meta: `${STATUS_LABELS[f.status]} · ${f.owningRole} · ${reasons.map((r) => FINDING_WHY[r]).join(', ')}${f.dueAt ? ` · due ${f.dueAt.slice(0, 10)}` : ''}`,
  }));
  const incidents: Item[] = work.incidents.map(({ incident: i, reasons }) => ({
    kind: 'incident', id: i.id, label: i.id, title: `${i.service}: ${i.problem}`,
    meta: `Severity ${i.severity} · ${i.state} · ${reasons.map((r) => INCIDENT_WHY[r]).join(', ')}${i.nextUpdateDueAt ? ` · next update ${i.nextUpdateDueAt.slice(0, 16).replace('T', ' ')} UTC` : ''}`,
  }));
  const tasks: Item[] = work.tasks.map((s) => ({
    kind: 'task', id: s.id, label: s.category, title: s.title,
    meta: `${s.role}${s.team ? ` · ${s.team}` : ''} · due since ${localText(s.open!.firstDueAt, s.timeZone)}${s.open!.missed ? ` · missed ${s.open!.missed}×` : ''}`,
  }));
  return expandTemplate(template, {
    who: clip(input.name, 200) || 'you',
    where: work.workspace.scope === 'team' ? ' in this team' : ' in this chat',
    hasRoles: work.roles.length > 0,
    roles: clip(work.roles.join(', '), 600),
    nothing: findings.length + incidents.length + tasks.length === 0,
    sections: [
      section('My findings', 'No open findings you filed or your team owns.', findings, input),
      section('My incidents', 'No open incidents you own or raised.', incidents, input),
      section('My due tasks', work.roles.length ? 'No tasks of your roles are due.' : 'No due tasks: the role map names you as the contact of no role.', tasks, input),
    ],
  });
}
