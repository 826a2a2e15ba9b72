// The OLA card (what a team commits to, its sign-off and its adherence) and the overview of every
// team's OLA. Role, team, contact and task titles are user text: they go into TextRuns only.
import listTemplate from './templates/ola-list.json';
import olaTemplate from './templates/ola.json';
import { adherenceText, type OlaSignOffState, type OlaTask, percent, type WindowAdherence } from '../domain/ops/ola';
import type { OlaView } from '../domain/ops/ola-service';
import { isNamed } from '../domain/ops/roles';
import { clip, execute, fitCard } from './ops-card-parts';
import { OLA_VERBS } from './ola-verbs';
import { OPS_VERBS } from './ops-verbs';
import { expandTemplate } from './template';
import { plural } from '../domain/text/plural';

const day = (iso: string) => iso.slice(0, 10);

/** The sign-off line and its colour. */
export function signOffLine(s: OlaSignOffState): { text: string; color: string } {
  switch (s.state) {
    case 'no-team':
      return { text: 'No team named yet: name the team on the role map, then it signs this OLA.', color: 'Warning' };
    case 'unsigned':
      return { text: 'Not signed yet: the team has not committed to this OLA.', color: 'Warning' };
    case 'signed':
      return { text: `Signed by ${clip(s.signOff.by.name, 80)} on ${day(s.signOff.at)}.`, color: 'Good' };
    case 'earlier-version':
      return { text: `${clip(s.signOff.by.name, 80)} signed an earlier version on ${day(s.signOff.at)}: the tasks or targets changed since, so the team signs again.`, color: 'Warning' };
  }
}

function commitment(t: OlaTask): string {
  return t.onTimeTarget === undefined ? `${t.cadenceText}; a run counts as done` : `${t.cadenceText}; on time at least ${percent(t.onTimeTarget)}`;
}

const windowColor = (w: WindowAdherence) => (w.rate === undefined ? 'Default' : w.met ? 'Good' : 'Attention');

function windowLines(windows: readonly WindowAdherence[]) {
  return windows.map((w) => ({
    text: w.runbooksDone ? `${adherenceText(w)} Runbooks run: ${w.runbooksDone}.` : adherenceText(w),
    color: windowColor(w),
  }));
}

/** Per task of the longest window, the ones that fell due: "title: 3 of 4 on time (75%, target 90%)". */
function taskLines(windows: readonly WindowAdherence[], max: number) {
  const longest = windows[windows.length - 1];
  if (!longest) return [];
  return longest.tasks.filter((t) => t.due > 0).slice(0, max).map((t) => ({
    text: `${clip(t.title, 90)}: ${t.onTime} of ${t.due} on time over ${longest.days} days (${percent(t.rate!)}, target ${percent(t.target!)})`,
  }));
}

export interface OlaCardInput {
  view: OlaView;
  notice?: string;
  problem?: string;
}

export function renderOlaCard(input: OlaCardInput): Record<string, unknown> {
  const { role, ola, signOff, windows } = input.view;
  const line = signOffLine(signOff);
  const canSign = signOff.state === 'unsigned' || signOff.state === 'earlier-version';
  const actions = [
    ...(canSign ? [execute('Sign this OLA for our team', OLA_VERBS.signOff, { roleId: role.id, version: ola.version }, { style: 'positive' })] : []),
    execute('All OLAs', OLA_VERBS.list, {}),
    execute('Role map', OPS_VERBS.rolesShow, {}),
  ];
  return fitCard((max) => expandTemplate(olaTemplate, {
    roleName: clip(role.name, 80),
    team: isNamed(role.team) ? clip(role.team, 100) : 'TBA',
    contact: clip(role.contact, 200),
    signOff: line.text,
    signOffColor: line.color,
    notice: input.notice ?? '',
    problem: input.problem ?? '',
    commitsHeading: isNamed(role.team) ? `What ${clip(role.team, 100)} commits to` : 'What the team commits to',
    noTasks: ola.tasks.length === 0,
    tasks: ola.tasks.slice(0, max).map((t) => ({ title: clip(t.title, 200), commitment: commitment(t) })),
    moreTasks: ola.tasks.length > max ? `…and ${ola.tasks.length - max} more tasks.` : '',
    responseTargets: ola.responseTargets.map((text) => ({ text })),
    windows: windowLines(windows),
    taskLines: taskLines(windows, max),
    version: ola.version,
    actions,
  }), [40, 20, 10, 5]);
}

export interface OlaListCardInput {
  views: readonly OlaView[];
  notice?: string;
}

export function renderOlaListCard(input: OlaListCardInput): Record<string, unknown> {
  const signed = input.views.filter((v) => v.signOff.state === 'signed').length;
  return fitCard((max) => expandTemplate(listTemplate, {
    summary: input.views.length
      ? `${signed} of ${input.views.length} teams signed their current OLA. Adherence is on-time completion of the OLA's tasks over the last 30 days.`
      : 'The role map is empty: add the operational roles first, then each team signs its OLA.',
    notice: input.notice ?? '',
    rows: input.views.slice(0, max).map((v) => {
      const line = signOffLine(v.signOff);
      const w = v.windows[0]!;
      return {
        team: isNamed(v.role.team) ? clip(v.role.team, 100) : 'No team named yet',
        roleName: clip(v.role.name, 80),
        taskCount: plural(v.ola.tasks.length, 'task'),
        signOff: line.text,
        signOffColor: line.color,
        adherence: adherenceText(w),
        adherenceColor: windowColor(w),
        buttons: [execute('Open the OLA', OLA_VERBS.show, { roleId: v.role.id })],
      };
    }),
    more: input.views.length > max ? `${input.views.length - max} more: type ola <team> to see one.` : '',
    actions: [execute('Role map', OPS_VERBS.rolesShow, {})],
  }), [20, 10, 5]);
}
