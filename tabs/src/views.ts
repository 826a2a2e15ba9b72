// The views a tab can show, defined once for the config page and the content page. The tab API
// has the same ids (bot/src/api/placeholder-views.ts); titles here let a page show its heading
// before the API answers. Choices such as "which checklist" come from the API's catalog.
export type ViewId = 'roles' | 'agenda' | 'checklist' | 'findings' | 'incidents' | 'reminders' | 'problems' | 'changes' | 'charter' | 'reviews' | 'runbooks' | 'pack';

export interface ViewInfo {
  id: ViewId;
  title: string;
  description: string;
}

export const VIEWS: readonly ViewInfo[] = [
  { id: 'roles', title: 'Operational role map', description: 'Who owns each operational role, their team and contact, and which teams have signed off.' },
  { id: 'agenda', title: 'Steering-committee agenda', description: "The next meeting's agenda, generated from open incidents, findings, risks and overdue tasks." },
  { id: 'checklist', title: 'Review checklist', description: 'A review checklist (Quality Experience Review, management reviews, hand-over) with progress.' },
  { id: 'findings', title: 'Findings board', description: 'Open quality findings and the quality trend against target.' },
  { id: 'incidents', title: 'Incidents board', description: 'Open incidents by severity, with the status updates that are due.' },
  { id: 'problems', title: 'Problems', description: 'Problems behind recurring incidents and findings, with their root cause, known error and workaround.' },
  { id: 'changes', title: 'Requests for change', description: 'Requests for change with their priority, approval, window and outcome; emergency changes awaiting review.' },
  { id: 'charter', title: 'Steering committee charter', description: 'The committee charter and members, the project timeline and phase, deliverables for approval, and the business case with its KSIs.' },
  { id: 'reviews', title: 'Management reviews', description: 'The MOF management reviews: gates at each phase change and periodic reviews, run from live data, with their decisions and outputs.' },
  { id: 'runbooks', title: 'Runbooks', description: 'The operations work done as needed, as runbooks with their steps and owning team; a finished run counts in the team\'s OLA.' },
  { id: 'reminders', title: 'Recurring operations reminders', description: 'The recurring operations tasks with their time, cadence and on/off switch, and on-time completion per team and task.' },
  { id: 'pack', title: 'Monthly service review pack', description: 'The monthly service review one-pager: vendor commitments, escalations, availability, call quality, tasks on time, problems and changes; download it as PNG or PDF.' },
];

export function viewInfo(id: string | null | undefined): ViewInfo | undefined {
  return VIEWS.find((v) => v.id === id);
}

/** Not chosen on the config page: the agenda tab becomes this view in a meeting's side panel or stage. */
export const MEETING_VIEW = { id: 'meeting', title: 'Steering committee meeting', description: 'Record decisions and actions during the meeting; the minutes are posted when it ends.' } as const;
