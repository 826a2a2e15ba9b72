// The chat commands Service Ops understands, defined once for the help card, the router and
// the manifest test. A command that is not built yet says so honestly.

export type CommandName =
  | 'ola' | 'runbook'
  | 'help' | 'finding' | 'escalate' | 'findings' | 'incidents'
  | 'roles' | 'agenda' | 'checklists' | 'reminders' | 'my' | 'problems' | 'changes' | 'pack'
  | 'reviews' | 'charter';

export interface CommandInfo {
  name: CommandName;
  summary: string;
  example: string;
  available: boolean;
}

export const COMMANDS: readonly CommandInfo[] = [
  { name: 'help', summary: 'Show what Service Ops does and the commands it knows.', example: 'help', available: true },
  { name: 'finding', summary: 'File a quality-champion finding, one question at a time.', example: 'finding', available: true },
  { name: 'escalate', summary: 'Escalate an incident with severity, impact and a service request number.', example: 'escalate', available: true },
  { name: 'findings', summary: 'List open findings by category, team or status.', example: 'findings', available: true },
  { name: 'incidents', summary: 'List open incidents and updates that are due.', example: 'incidents', available: true },
  { name: 'roles', summary: 'Show the operational role map and who has signed off.', example: 'roles', available: true },
  { name: 'agenda', summary: 'Show the next steering-committee agenda.', example: 'agenda', available: true },
  { name: 'checklists', summary: 'List review checklists and their progress.', example: 'checklists', available: true },
  { name: 'reminders', summary: 'See and change the recurring operations reminders; reminders rates shows on-time completion.', example: 'reminders', available: true },
  { name: 'my', summary: 'my work: your open findings and incidents, and the due tasks of your roles.', example: 'my work', available: true },
  { name: 'problems', summary: 'Problems behind recurring incidents and findings: root cause, known error, workaround; problems PRB-0001 shows one.', example: 'problems', available: true },
  { name: 'changes', summary: 'Requests for change: priority from urgency and impact, approval, window, outcome; changes RFC-0001 shows one.', example: 'changes', available: true },
  { name: 'charter', summary: 'The steering committee charter, timeline and phase, deliverables for approval; charter business shows the business case and its KSIs.', example: 'charter', available: true },
  { name: 'reviews', summary: 'The management reviews: gates and periodic reviews, run from live data, closed on decisions and outputs; review portfolio starts one.', example: 'reviews', available: true },
  { name: 'pack', summary: 'review pack: the monthly service review one-pager (commitments, escalations, availability, quality, tasks) as a picture; review pack 2026-11 for a month.', example: 'review pack', available: true },
  { name: 'ola', summary: 'Operational-level agreements: what each team commits to, who signed, and its on-time completion over 30 and 90 days; ola Help Desk shows one team.', example: 'ola', available: true },
  { name: 'runbook', summary: 'Runbooks for the work done as needed, with their steps and owner; runbook <task> opens one to start it.', example: 'runbook', available: true },
];

export type ParsedCommand =
  | { kind: 'command'; name: CommandName; args: string }
  | { kind: 'empty' }
  /** args: the text after the first word, so a suggestion can keep what followed the typo. */
  | { kind: 'unknown'; text: string; suggestion?: CommandName; args: string };

const BY_NAME = new Map(COMMANDS.map((c) => [c.name, c]));
// Maps, not object literals: typed words such as "constructor" must not find Object.prototype.
const ALIASES = new Map<string, CommandName>([['?', 'help'], ['hi', 'help'], ['hello', 'help'], ['start', 'help'], ['menu', 'help'], ['review', 'reviews']]);

export function commandInfo(name: CommandName): CommandInfo {
  return BY_NAME.get(name)!;
}

/** Parses already-de-mentioned chat text: first word is the command, the rest its arguments. */
export function parseCommand(text: string): ParsedCommand {
  const trimmed = text.trim();
  if (!trimmed) return { kind: 'empty' };
  // "review pack" is the review pack's own two words ("review" alone is the management reviews).
  const pack = /^\/?review\s+pack\b[:\s]*(.*)$/is.exec(trimmed);
  if (pack) return { kind: 'command', name: 'pack', args: (pack[1] ?? '').trim() };
  const match = /^\/?([^\s:]+)[:\s]*(.*)$/s.exec(trimmed);
  const word = (match?.[1] ?? '').toLowerCase();
  const args = (match?.[2] ?? '').trim();
  const name = BY_NAME.has(word as CommandName) ? (word as CommandName) : ALIASES.get(word);
  if (name) return { kind: 'command', name, args };
  return { kind: 'unknown', text: trimmed, suggestion: closestCommand(word), args };
}

/** Suggests a command for a likely typo (edit distance ≤ 2), e.g. "finidngs" → findings. */
export function closestCommand(word: string): CommandName | undefined {
  if (word.length < 3 || word.length > 20) return undefined;
  let best: { name: CommandName; d: number } | undefined;
  for (const c of COMMANDS) {
    // The distance is at least the difference in length: names too long or short are never near.
    if (Math.abs(word.length - c.name.length) > 2) continue;
    const d = editDistance(word, c.name);
    // A two-letter name is two edits from any short word ("why", "may"): never guessed from a typo.
    if (c.name.length > 2 && d <= 2 && (!best || d < best.d)) best = { name: c.name, d };
  }
  return best?.name;
}

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}
