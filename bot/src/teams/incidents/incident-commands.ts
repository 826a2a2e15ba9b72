// Chat commands of the incident feature:
//   escalate [one line]           start the escalation dialog; "sev A outage for Exchange"
//                                 answers severity, service and description up front
//   incidents                     open incidents (card, pages with the incident.list verb)
//   incidents all | overdue | A   all incidents / updates overdue / one severity
//   incidents SR-202406-0001      post one incident's card
//   incidents figures [YYYY-MM]   monthly figures for the service review (the tab's figures card)
//   incidents audience [off]      make this channel the outage-notification audience (or stop)
import type { TurnContext } from 'botbuilder';
import { renderIncidentFiguresCard } from '../../cards/incident-figures-card';
import type { IncidentListVerbData } from '../../cards/incident-verbs';
import { parseSrNumber } from '../../domain/incidents/incident';
import type { ServiceReviewSources } from '../../domain/incidents/figures';
import type { IncidentService } from '../../domain/incidents/incident-service';
import { parseSeverity } from '../../domain/incidents/severity';
import { toWallTime } from '../../platform/zoned-time';
import type { Workspace } from '../../domain/workspace';
import type { IncidentRouting } from '../../domain/incidents/incident-routing';
import { conversationKind, targetConversationId, userOf, workspaceOf } from '../activity-context';
import type { CommandRouter } from '../command-router';
import type { FormRunner } from '../dialogs/form-runner';
import { cardMessage, plainMessage, preview } from '../replies';
import { ESCALATION_FORM_ID } from './escalation-form';
import type { IncidentViews } from './incident-views';

export interface IncidentCommandDeps {
  service: IncidentService;
  views: IncidentViews;
  routing: IncidentRouting;
  forms: FormRunner;
  clock: () => Date;
  onTurn?(context: TurnContext): void;
  /** The month's problems and changes for the figures card; without it the card shows incidents only. */
  review?: ServiceReviewSources;
}

const USAGE =
  'Try: incidents (open ones), incidents all, incidents overdue, incidents A (one severity), incidents SR-202406-0001, incidents figures 2024-06, or incidents audience (send outage notifications to this channel).';

export function registerIncidentCommands(commands: CommandRouter, deps: IncidentCommandDeps): void {
  commands.register('escalate', async (context, args) => {
    deps.onTurn?.(context);
    await deps.forms.start(context, ESCALATION_FORM_ID, args);
  });
  commands.register('incidents', async (context, args) => {
    const ws = workspaceOf(context.activity);
    deps.onTurn?.(context);
    await incidents(deps, context, ws, args.trim());
  }, { takes: incidentsTakes });
}

const INCIDENTS_WORDS = new Set(['open', 'all', 'overdue', 'figures', 'report', 'audience', 'settings']);

/** What `incidents` understands after it: typed while a dialog waits, such text is a command. */
export function incidentsTakes(args: string): boolean {
  const first = args.trim().toLowerCase().split(/\s+/)[0] ?? '';
  return INCIDENTS_WORDS.has(first) || Boolean(parseSrNumber(args)) || Boolean(parseSeverity(args));
}

async function incidents(deps: IncidentCommandDeps, context: TurnContext, ws: Workspace, args: string): Promise<void> {
  const words = args.toLowerCase().split(/\s+/).filter(Boolean);
  const first = words[0] ?? '';
  const list = async (filter: IncidentListVerbData['filter']) => context.sendActivity(cardMessage(await deps.views.listCard(ws, filter), 'Incidents'));

  if (!first || first === 'open') return void (await list({ state: 'open' }));
  if (first === 'all') return void (await list({ state: 'all' }));
  if (first === 'overdue') return void (await list({ state: 'open', overdue: true }));
  if (first === 'figures' || first === 'report') return void (await figures(deps, context, ws, words[1]));
  if (first === 'audience' || (first === 'settings' && words[1] === 'audience')) return void (await audience(deps, context, ws, words.at(-1) === 'off'));
  if (parseSrNumber(args)) {
    const stored = await deps.service.get(ws, args.trim().toUpperCase());
    if (!stored) return void (await context.sendActivity(plainMessage(`There is no incident ${preview(args, 30)} in this team.`)));
    return void (await context.sendActivity(cardMessage(await deps.views.card(ws, stored, { actorId: userOf(context.activity).id }), stored.incident.id)));
  }
  const level = parseSeverity(args);
  if (level) return void (await list({ state: 'open', severity: level }));
  await context.sendActivity(plainMessage(`I don't understand "incidents ${preview(args, 40)}". ${USAGE}`));
}

async function figures(deps: IncidentCommandDeps, context: TurnContext, ws: Workspace, month: string | undefined): Promise<void> {
  const { timeZone, policy } = await deps.service.settings(ws);
  let year: number;
  let m: number;
  if (month) {
    const match = /^(\d{4})-(\d{2})$/.exec(month);
    if (!match || Number(match[2]) < 1 || Number(match[2]) > 12) {
      await context.sendActivity(plainMessage(`"${preview(month, 20)}" is not a month: write it as YYYY-MM, for example incidents figures 2024-06.`));
      return;
    }
    year = Number(match[1]);
    m = Number(match[2]);
  } else {
    const wall = toWallTime(deps.clock(), timeZone);
    year = wall.year;
    m = wall.month;
  }
  const [f, control] = await Promise.all([deps.service.figures(ws, year, m, { timeZone }), deps.review?.controlMonth(ws, year, m, timeZone)]);
  await context.sendActivity(cardMessage(renderIncidentFiguresCard([f], policy, control ? [control] : undefined), `Incident figures for ${year}-${String(m).padStart(2, '0')}`));
}

async function audience(deps: IncidentCommandDeps, context: TurnContext, ws: Workspace, off: boolean): Promise<void> {
  if (off) {
    await deps.routing.setAudience(ws, undefined);
    await context.sendActivity(plainMessage('Outage notifications have no audience channel now; they are posted in the conversation where each incident was filed.'));
    return;
  }
  if (conversationKind(context.activity) === 'personal') {
    await context.sendActivity(plainMessage('Outage notifications go to a channel or group chat everyone concerned can see. Type incidents audience there.'));
    return;
  }
  await deps.routing.setAudience(ws, targetConversationId(context.activity));
  await context.sendActivity(plainMessage('This conversation is now the outage audience: severity 1 and A incidents are announced here when declared, at every update and at resolution.'));
}
