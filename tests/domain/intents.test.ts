// The intent table: everyday phrasings → the command they ask for, whether the bot runs it or
// offers it, and text (prose, answers, refusals) that must map to nothing.
import { describe, expect, it } from 'vitest';
import { COMMANDS, parseCommand } from '../../bot/src/domain/commands';
import { intentAnswer, matchIntents, MAX_WORDS, normalizeText, typoIntent } from '../../bot/src/domain/intents';

/** [phrasing, the command, run (true) or offered (false)] */
const PHRASINGS: [string, string, boolean][] = [
  // the charter and the business case
  ['show me the committee charter', 'charter', true],
  ['what is the current phase', 'charter', true],
  ['show the business case', 'charter business', true],
  // management reviews, OLAs, runbooks, the review pack
  ['which management reviews are open', 'reviews', true],
  ['show the gate reviews', 'reviews', true],
  ['show me the OLAs', 'ola', true],
  ['what is our ola adherence', 'ola', true],
  ['show the runbooks', 'runbook', true],
  ['where are the troubleshooting steps', 'runbook', true],
  // problems and changes
  ['show the known errors', 'problems', true],
  ['list the problems', 'problems', true],
  ['show me the change requests', 'changes', true],
  ['any emergency changes?', 'changes', true],
  // help
  ['What can you do?', 'help', true],
  ['how does this work', 'help', true],
  ['I need help', 'help', true],
  ['what are your commands', 'help', true],
  // finding: a dialog, so offered
  ['I want to report a problem', 'finding', false],
  ['report a problem with call quality in Building 6', 'finding', false],
  ['I found an issue with the Wi-Fi', 'finding', false],
  ['log a new finding', 'finding', false],
  // escalate: reads like an outage or an incident
  ['I want to report an outage', 'escalate', false],
  ['Exchange is down', 'escalate', false],
  ['report a problem: nobody can sign in', 'escalate', false],
  ['we have a sev 1 incident', 'escalate', false],
  ["It's not working for everyone", 'escalate', false],
  ['open an incident', 'escalate', false],
  // findings
  ['show me the findings', 'findings', true],
  ['open findings', 'findings', true],
  ['any overdue findings?', 'findings overdue', true],
  ['list all findings', 'findings all', true],
  // incidents, with the filter the command takes
  ['show me open incidents', 'incidents open', true],
  ['are there any outages?', 'incidents open', true],
  ['which incident updates are overdue', 'incidents overdue', true],
  ['show all incidents', 'incidents all', true],
  ['show sev A incidents', 'incidents A', true],
  ['incident figures', 'incidents figures', true],
  ['how many incidents this month?', 'incidents figures', true],
  ['send outage notifications to this channel', 'incidents audience', false],
  // roles
  ['who is on the role map', 'roles', true],
  ['Who does what?', 'roles', true],
  ['who do I contact for the network', 'roles', true],
  ['who are the stakeholders', 'roles stakeholders', true],
  // agenda
  ["what's on the agenda", 'agenda', true],
  ['when is the next steering committee', 'agenda', true],
  ['show the risk register', 'agenda risks', true],
  ['show our OKRs', 'agenda okrs', true],
  ['add Budget for a Wi-Fi survey to the agenda', 'agenda add Budget for a Wi-Fi survey', false],
  // checklists
  ['show the review checklists', 'checklists', true],
  ['where is the quality experience review', 'checklists', true],
  // reminders
  ["what's due today", 'reminders', true],
  ['what is due this week?', 'reminders', true],
  ['show the operations tasks', 'reminders', true],
  ['reminder settings', 'reminders', true],
  ['how are we doing on on-time completion', 'reminders rates', true],
  ['reminder completion rates', 'reminders rates', true],
  // my work
  ['show my tasks', 'my work', true],
  ["what's on my plate?", 'my work', true],
  ['what is assigned to me', 'my work', true],
  // review pack
  ['show me the monthly service review', 'review pack', true],
  ['where is the service review pack?', 'review pack', true],
];

/** Text that must map to nothing: answers to the dialogs' questions, prose, chit-chat, refusals. */
const NEGATIVES = [
  'yes', 'no', 'thanks', 'ok', 'Building 6', '4.1%', '10.0.0.0/24', 'PSR', 'vpn', 'skip', 'Teams meetings',
  'Meetings fail to start with error 500', 'No customer meetings can be held', 'all users', '20 minutes ago',
  'journey-walked poor audio in Building 6', 'Review the *backup* report ${x}', 'The VPN drops calls in Building 6 every morning',
  'what is the weather', 'I had lunch with the network team', "I don't want to report a problem", 'never show me incidents',
  'Please do not escalate this', 'lorem ipsum dolor sit amet',
  'Users in Building 6 have reported choppy audio on VPN calls since the router was replaced last week and nobody knows why',
];

describe('intents', () => {
  it.each(PHRASINGS)('"%s" → %s', (text, command, run) => {
    const answer = intentAnswer(text);
    if (run) {
      expect(answer).toMatchObject({ kind: 'run', intent: { command } });
    } else {
      expect(answer.kind).toBe('offer');
      expect(answer.kind === 'offer' && answer.intents.map((i) => i.command)).toEqual([command]);
    }
  });

  it.each(NEGATIVES)('"%s" maps to nothing', (text) => {
    expect(matchIntents(text)).toEqual([]);
    expect(intentAnswer(text)).toEqual({ kind: 'none' });
  });

  it('covers every command with a few phrasings', () => {
    const covered = new Map<string, number>();
    for (const [, command] of PHRASINGS) {
      const parsed = parseCommand(command);
      if (parsed.kind === 'command') covered.set(parsed.name, (covered.get(parsed.name) ?? 0) + 1);
    }
    for (const c of COMMANDS) expect(covered.get(c.name) ?? 0, c.name).toBeGreaterThanOrEqual(2);
  });

  it('maps only to commands the bot knows, so running one never comes back here', () => {
    for (const [text] of PHRASINGS) for (const intent of matchIntents(text)) expect(parseCommand(intent.command)).toMatchObject({ kind: 'command', name: intent.name });
  });

  it('runs only a command that just shows something; dialogs and changes are offered', () => {
    for (const [text] of PHRASINGS) {
      const answer = intentAnswer(text);
      if (answer.kind === 'run') expect(answer.intent.effect).toBe('shows');
      if (answer.kind === 'offer' && answer.intents.length === 1) expect(answer.intents[0]!.effect).not.toBe('shows');
    }
  });

  it('offers every command that fits when the text asks for more than one', () => {
    const answer = intentAnswer('show findings and incidents');
    expect(answer.kind).toBe('offer');
    expect(answer.kind === 'offer' && answer.intents.map((i) => i.command).sort()).toEqual(['findings', 'incidents open']);
  });

  it('reads long text as prose, whatever words it has', () => {
    const long = `show me open incidents ${'please '.repeat(MAX_WORDS)}`;
    expect(matchIntents(long)).toEqual([]);
    expect(matchIntents(`show incidents ${'x'.repeat(200)}`)).toEqual([]);
  });

  it('keeps the item of "add … to the agenda" as typed, and ignores words of Object.prototype', () => {
    expect(matchIntents('Please add *Budget* ${x} for Q3 to the agenda')).toMatchObject([{ command: 'agenda add *Budget* ${x} for Q3', effect: 'changes' }]);
    for (const word of ['constructor', '__proto__', 'toString']) expect(matchIntents(word)).toEqual([]);
  });

  it('normalizes contractions and punctuation', () => {
    expect(normalizeText("What’s due? Who's on-call!")).toBe('what is due who is on call');
    expect(normalizeText("I don't")).toBe('i do not');
  });

  it('keeps what followed a typo in the suggested command', () => {
    expect(typoIntent('findings', 'wifi overdue')).toMatchObject({ command: 'findings wifi overdue', effect: 'shows' });
    expect(typoIntent('finding', '')).toMatchObject({ command: 'finding', effect: 'starts' });
    expect(typoIntent('agenda', 'add Budget')).toMatchObject({ command: 'agenda add Budget', effect: 'changes' });
  });
});
