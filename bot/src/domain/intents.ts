// Everyday phrasings of the chat commands ("show me open incidents" → `incidents open`), read with
// keyword and phrase rules only: no model, nothing leaves the process, and the table in
// tests/domain/intents.test.ts pins what maps and what must not.
//
// Only text that is no command at all gets here (the bot's unknown branch), so a dialog's answers
// never do: the form runner takes typed text first while a question waits.
//
// Rules, in the order they are tried:
// - Prose is left alone. Long text (more than MAX_WORDS words), refusals ("I don't want…") and
//   text with no request in it ("The VPN drops calls in Building 6") map to nothing.
// - Reporting something is a finding, unless it reads like an outage or an incident: then it is
//   an escalation. Outage words are "outage", "down", "incident", "sev 1", "emergency", "nobody
//   can…", "not working for everyone". An outage needs a response in minutes; a finding is a
//   quality observation for the next review, so a doubtful case is offered as the escalation.
// - Asking to see something (show, list, what, which, who, any…, or just the thing's name:
//   "open incidents", "role map") maps to the list command, with the filter the words name when
//   the command has one (incidents: open, all, overdue, a severity, figures).
//
// What the bot does with a match (intentAnswer):
// - It runs the command at once when exactly one command fits and that command only shows
//   something: reading the wrong list costs nothing, and the card says what it is.
// - It offers buttons when the command starts a dialog or changes data (finding, escalate,
//   agenda add, incidents audience), or when several commands fit: acting on a guess there
//   would surprise the person, so one press confirms it.
import { type CommandName, parseCommand } from './commands';

/** What running the command does: shows a card; starts a dialog; changes stored data. */
export type IntentEffect = 'shows' | 'starts' | 'changes';

export interface Intent {
  /** The command text exactly as it would be typed, e.g. "incidents open". */
  command: string;
  name: CommandName;
  effect: IntentEffect;
  /** What the button says ("Show open incidents"). */
  label: string;
}

/** Longer text is prose (a description, an answer), not a request. */
export const MAX_WORDS = 14;
/** Nor is text this long, however few its words. */
export const MAX_CHARS = 160;
/** At most this many commands are offered for one text. */
export const MAX_OFFERED = 3;

interface Rule {
  intent: Omit<Intent, 'name'>;
  /** Tried on the normalized text (lower case, contractions expanded, punctuation gone). */
  when: RegExp;
  /** Builds the command from the original text (for commands that carry the person's words). */
  build?: (original: string) => string | undefined;
}

// A request: a verb or question word first ("show…", "who…", "can you…", "I want…").
const ASK = String.raw`^(?:(?:please|hey|hi|ok|okay|so|and)\s+)*(?:show|list|see|view|display|get|give|find|check|bring up|pull up|open|what|which|who|whom|where|when|how|any|are there|is there|is anything|can you|could you|would you|can i|could i|can we|i want|i would like|i need|i wanna|i would love|tell me|let me|let us|do we|do i|have we|have i)\b`;
const ASK_START = new RegExp(ASK);
// Words that can surround a thing's bare name ("the open incidents", "all findings please").
const FILLER = String.raw`(?:the|a|an|all|any|our|my|me|current|latest|today|now|please|of|open|new|this|month|monthly|list|view|team|for|us|here)`;

const asked = (topic: string) => new RegExp(`${ASK}.*\\b(?:${topic})\\b`);
const named = (topic: string) => new RegExp(`^(?:${FILLER}\\s+)*(?:${topic})(?:\\s+${FILLER})*$`);
const askedOrNamed = (topic: string): RegExp => new RegExp(`(?:${asked(topic).source})|(?:${named(topic).source})`);

const OUTAGE = /\b(?:outages?|incidents?|major incident|(?:is|are|went|has gone|have gone|goes|seems|seem) (?:down|offline)|down for|sev(?:erity)? ?(?:1|a)|p1|emergency|nobody can|no one can|users can not|everyone can not|not working for (?:everyone|anyone|all|the whole)|service is down)\b/;
const REPORT = /\b(?:report|raise|log|file|submit|record|flag|note|create|open|start|declare|escalate|there is|there are|we have|i have|i found|i noticed|i see|i spotted)\b/;
// Said of a service without asking anything: "Exchange is down", "nobody can sign in".
const OUTAGE_STATEMENT = /\b(?:is|are|went|has gone|have gone|seems|seem) (?:down|offline)\b|\b(?:nobody|no one|everyone) can not\b|\bnot working for (?:everyone|anyone|all)\b|\bmajor incident\b/;
const PROBLEM = /\b(?:problem|problems|issue|issues|finding|observation|defect|fault|bug|poor|bad|choppy|dropping|drops|quality|something wrong|something is wrong|not right)\b/;

const RULES: readonly Rule[] = [
  // Changes: offered, never run on a guess.
  { intent: { command: 'incidents audience', effect: 'changes', label: 'Send outage notifications here' }, when: /\b(?:send|post|announce|notify|make)\b.*\b(?:outage|incident)\b.*\b(?:here|this channel|this chat|audience)\b|\boutage audience\b/ },
  {
    intent: { command: 'agenda add', effect: 'changes', label: 'Add it to the agenda' },
    when: /^(?:please\s+)?(?:add|put)\s+.+\s+(?:to|on)\s+(?:the\s+)?(?:next\s+)?(?:steering(?: committee)?\s+)?agenda$/,
    build: (original) => {
      const item = /^(?:please\s+)?(?:add|put)\s+(.+?)\s+(?:to|on)\s+(?:the\s+)?(?:next\s+)?(?:steering(?: committee)?\s+)?agenda[.!]?$/i.exec(original.trim())?.[1]?.trim();
      return item ? `agenda add ${item}` : undefined;
    },
  },
  // Dialogs: offered.
  { intent: { command: 'escalate', effect: 'starts', label: 'Escalate an incident' }, when: /^(?:escalation|new incident|major incident|outage)$|\b(?:escalate|declare)\b/ },
  { intent: { command: 'finding', effect: 'starts', label: 'File a finding' }, when: /^(?:new finding|quality finding|a finding)$|\b(?:report|raise|log|file|submit|record|flag|create|open|add|start)\s+(?:a\s+|an\s+|the\s+|new\s+|this\s+|my\s+)*(?:quality\s+)?finding\b/ },
  // Lists with a filter, before the plain lists.
  { intent: { command: 'incidents figures', effect: 'shows', label: 'Show this month\'s incident figures' }, when: /\b(?:incident|incidents|service review|monthly|sla|response time)\b.*\b(?:figures|stats|statistics|numbers|metrics|kpis?|report)\b|\b(?:figures|stats|statistics|numbers|metrics|kpis?)\b.*\b(?:incidents?|service review)\b|\bhow many incidents\b|\bmean time to (?:resolve|resolution)\b|\bmttr\b/ },
  { intent: { command: 'incidents overdue', effect: 'shows', label: 'Show overdue incident updates' }, when: /\b(?:overdue|late|missed)\b.*\b(?:incidents?|updates?|status updates?)\b|\b(?:incidents?|status updates?)\b.*\b(?:overdue|late)\b/ },
  { intent: { command: 'incidents all', effect: 'shows', label: 'Show all incidents' }, when: askedOrNamed('(?:all|every|closed|resolved|past) incidents?|incident history') },
  ...(['1', 'a', 'b', 'c', 'd'] as const).map((level): Rule => ({
    intent: { command: `incidents ${level.toUpperCase()}`, effect: 'shows', label: `Show open severity ${level.toUpperCase()} incidents` },
    when: new RegExp(`${ASK}.*\\bsev(?:erity)?\\s*${level}\\b.*\\b(?:incidents|outages)\\b|^sev(?:erity)?\\s*${level}\\s+incidents$`),
  })),
  { intent: { command: 'incidents open', effect: 'shows', label: 'Show open incidents' }, when: askedOrNamed('incidents|outages|open incident|current incident|incident board|incident list') },
  { intent: { command: 'findings overdue', effect: 'shows', label: 'Show overdue findings' }, when: /\b(?:overdue|late)\b.*\bfindings?\b|\bfindings?\b.*\b(?:overdue|late)\b/ },
  { intent: { command: 'findings all', effect: 'shows', label: 'Show all findings' }, when: askedOrNamed('(?:all|every|closed|past) (?:quality )?findings|finding history') },
  { intent: { command: 'findings', effect: 'shows', label: 'Show open findings' }, when: askedOrNamed('findings|quality findings|quality issues|findings board|open finding') },
  { intent: { command: 'roles stakeholders', effect: 'shows', label: 'Show the stakeholder matrix' }, when: askedOrNamed('stakeholders?|stakeholder matrix') },
  { intent: { command: 'roles', effect: 'shows', label: 'Show the role map' }, when: /\bwho does what\b|\brole map\b|\broles and responsibilities\b|\bwho (?:is|are) (?:responsible|in charge|on call|the owner|the owners)\b|\bwho (?:owns|handles|runs|looks after)\b|\bwho (?:do|should) (?:i|we) (?:contact|call|ask|talk to)\b|\bwhich team (?:owns|handles|runs)\b|\bowning teams?\b|\bcontacts?\b.*\bteams?\b/ },
  { intent: { command: 'ola', effect: 'shows', label: 'Show the OLAs and their adherence' }, when: askedOrNamed('olas?|operational[- ]level agreements?|ola adherence|adherence') },
  { intent: { command: 'runbook', effect: 'shows', label: 'Show the runbooks' }, when: askedOrNamed('runbooks?|run books?|playbooks?|troubleshooting steps') },
  { intent: { command: 'roles', effect: 'shows', label: 'Show the role map' }, when: askedOrNamed('roles|operational roles|sign ?offs?') },
  { intent: { command: 'agenda risks', effect: 'shows', label: 'Show the risk register' }, when: askedOrNamed('risks|risk register|risk list') },
  { intent: { command: 'agenda okrs', effect: 'shows', label: 'Show the OKRs and KSIs' }, when: askedOrNamed('okrs?|ksis?|objectives|key results') },
  { intent: { command: 'charter business', effect: 'shows', label: 'Show the business case' }, when: askedOrNamed('business case|business use cases?|use cases?|business outcomes?|organi[sz]ational scope') },
  { intent: { command: 'charter', effect: 'shows', label: 'Show the committee charter' }, when: askedOrNamed('charter|committee charter|project timeline|project phases?|current phase|committee members|interim deliverables?') },
  { intent: { command: 'agenda', effect: 'shows', label: 'Show the next agenda' }, when: askedOrNamed('agenda|steering committee|steerco|steering meeting|next meeting|steering') },
  { intent: { command: 'problems', effect: 'shows', label: 'Show the open problems' }, when: askedOrNamed('problems|problem records|known errors?|root causes?|top ten problems') },
  { intent: { command: 'changes', effect: 'shows', label: 'Show the requests for change' }, when: askedOrNamed('changes|change requests?|requests? for change|rfcs?|emergency changes') },
  { intent: { command: 'review pack', effect: 'shows', label: 'Show the monthly review pack' }, when: askedOrNamed('review pack|service review pack|monthly (?:service )?review|service review one-?pager|one-?pager|monthly pack') },
  { intent: { command: 'reviews', effect: 'shows', label: 'Show the management reviews' }, when: askedOrNamed('management reviews?|gate reviews?|gates|go ?/? ?no[- ]go|release readiness|operational health|service alignment|portfolio review|project plan approved|policy and control') },
  { intent: { command: 'checklists', effect: 'shows', label: 'Show the review checklists' }, when: askedOrNamed('checklists?|review checklists?|quality experience review|qer|hand ?over|handover') },
  { intent: { command: 'my work', effect: 'shows', label: 'Show my work' }, when: /\b(?:on my plate|assigned to me|my (?:work|tasks|to do|todos?|open items|assignments|findings|incidents))\b|\bwhat (?:do|should) i (?:do|work on|have to do)\b|\bwhat am i (?:working on|on)\b|\bwhat do i have (?:to do|open)\b/ },
  { intent: { command: 'reminders rates', effect: 'shows', label: 'Show on-time completion rates' }, when: /\b(?:completion|on time|on-time|reminder|reminders|task|tasks)\b.*\b(?:rates?|completion|percentages?|stats|statistics)\b|\bhow (?:are|is) (?:we|the team|our team) doing\b/ },
  { intent: { command: 'reminders', effect: 'shows', label: 'Show the reminders' }, when: /\b(?:what|anything|something)\b.*\b(?:is|are)?\s*due\b|\bdue (?:today|this week|now|tomorrow)\b|\b(?:our|operations|ops|recurring|daily|weekly|monthly|team) (?:tasks|to dos?|todos?|chores)\b|\bwhat (?:do|should) we (?:do|work on)\b|\bto do list\b/ },
  { intent: { command: 'reminders', effect: 'shows', label: 'Show the reminders' }, when: askedOrNamed('reminders?|reminder settings|(?<!my )tasks|task list|schedule') },
  { intent: { command: 'help', effect: 'shows', label: 'Show what I can do' }, when: /\bwhat (?:can|do|does|else can) (?:you|this bot|this app|service ops) (?:do|help with|offer)\b|\bwhat (?:are|is) (?:your|the) (?:commands|options|features)\b|\bhow (?:does|do) (?:this|it|you|service ops) work\b|\bhow do i (?:use|start|begin|get started)\b|\b(?:help me|i need help|need help|can you help|get started|getting started|who are you|what are you|what is this|commands)\b|^(?:help|options|menu|commands)(?: please)?$/ },
];

const NEGATION = /\b(?:do|does|did|would|will|should|shall) not\b|\bnever\b|\bno thanks\b|\bnot now\b/;

/** Lower case, curly quotes straightened, contractions spelled out, punctuation gone. */
export function normalizeText(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019`]/g, "'")
    .replace(/\b(what|who|where|how|that|it|there|here)'s\b/g, '$1 is')
    .replace(/\bwhats\b/g, 'what is')
    .replace(/\bcan't\b/g, 'can not')
    .replace(/\bwon't\b/g, 'will not')
    .replace(/n't\b/g, ' not')
    .replace(/\bi'd\b/g, 'i would')
    .replace(/\b(?:let's|lets)\b/g, 'let us')
    .replace(/\bwanna\b/g, 'want to')
    .replace(/\bto-?do\b/g, 'to do')
    .replace(/[^a-z0-9\s]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The commands an everyday phrasing asks for, best first (none for prose and refusals). */
export function matchIntents(text: string): Intent[] {
  const t = normalizeText(text);
  const words = t ? t.split(' ') : [];
  if (!words.length || words.length > MAX_WORDS || t.length > MAX_CHARS || NEGATION.test(t)) return [];
  const found: Intent[] = [];
  const add = (intent: Omit<Intent, 'name'>) => {
    const parsed = parseCommand(intent.command);
    // Every rule's command must be a real one: a rule can never send the bot round in a circle.
    if (parsed.kind !== 'command' || found.some((f) => f.command === intent.command)) return;
    found.push({ ...intent, name: parsed.name });
  };
  // Reporting: an outage is escalated, anything else is a finding. Plural nouns ask for a list
  // ("open incidents", "report findings"), so they are not reports.
  const listing = /\b(?:incidents|outages|findings)\b/.test(t);
  const reporting = !listing && REPORT.test(t);
  const outageStatement = !listing && words.length <= 8 && !ASK_START.test(t) && OUTAGE_STATEMENT.test(t);
  if ((reporting && OUTAGE.test(t)) || outageStatement) add({ command: 'escalate', effect: 'starts', label: 'Escalate an incident' });
  else if (reporting && PROBLEM.test(t)) add({ command: 'finding', effect: 'starts', label: 'File a finding' });
  for (const rule of RULES) {
    if (!rule.when.test(t)) continue;
    const command = rule.build ? rule.build(text) : rule.intent.command;
    if (command) add({ ...rule.intent, command });
  }
  return collapse(found).slice(0, MAX_OFFERED);
}

/** A filtered list and the same list unfiltered are one answer: the filtered one, the first found. */
function collapse(found: Intent[]): Intent[] {
  const out: Intent[] = [];
  for (const f of found) if (!out.some((o) => o.name === f.name && o.effect === f.effect)) out.push(f);
  return out;
}

export type IntentAnswer =
  | { kind: 'run'; intent: Intent }
  | { kind: 'offer'; intents: Intent[] }
  | { kind: 'none' };

/** Run or offer (see the rules at the top): run only one command that just shows something. */
export function intentAnswer(text: string): IntentAnswer {
  const intents = matchIntents(text);
  if (!intents.length) return { kind: 'none' };
  if (intents.length === 1 && intents[0]!.effect === 'shows') return { kind: 'run', intent: intents[0]! };
  return { kind: 'offer', intents };
}

/** The command a typo most likely meant, with what followed it ("finidngs wifi" → `findings wifi`). */
export function typoIntent(name: CommandName, args: string): Intent {
  const command = args ? `${name} ${args}` : name;
  const effect: IntentEffect = name === 'finding' || name === 'escalate' ? 'starts' : args && /^(?:add|decision|remove|audience)\b/i.test(args) ? 'changes' : 'shows';
  return { command, name, effect, label: `Run ${name}` };
}
