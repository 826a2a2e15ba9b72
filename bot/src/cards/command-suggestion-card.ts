// What the bot answers to text that is no command: the command it probably meant (a typo, or an
// everyday phrasing read by domain/intents.ts), each with a button that runs it as if typed.
// After a press the card says who ran what and has no buttons left. The typed text and the
// commands (which can carry typed words, e.g. "agenda add …") go into TextRuns: shown literally.
import { commandInfo, type CommandName } from '../domain/commands';
import { COMMAND_VERBS } from './command-verbs';
import template from './templates/command-suggestion.json';
import { expandTemplate } from './template';

export interface CommandSuggestion {
  /** The command text exactly as it would be typed. */
  command: string;
  name: CommandName;
  /** The button's title. */
  label: string;
}

export interface CommandSuggestionCardInput {
  /** What was typed. */
  typed: string;
  /** typo: one mistyped command word; intent: a phrasing that reads as these commands. */
  reason: 'typo' | 'intent';
  suggestions: readonly CommandSuggestion[];
  /** After a press: who ran which command (the card then offers nothing more). */
  ran?: { command: string; by: string };
}

/** What is shown of typed text; the buttons carry commands whole. */
const SHOWN_CHARS = 120;
const clip = (text: string) => {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length > SHOWN_CHARS ? `${chars.slice(0, SHOWN_CHARS - 1).join('')}…` : chars.join('');
};

export function renderCommandSuggestionCard(input: CommandSuggestionCardInput): Record<string, unknown> {
  const typo = input.reason === 'typo';
  const summary = (name: CommandName) => {
    const s = commandInfo(name).summary;
    return ` · ${s.charAt(0).toLowerCase()}${s.slice(1)}`;
  };
  const lines = input.ran
    ? [{ pre: `${input.ran.by || 'Someone'} ran `, command: clip(input.ran.command), post: '.', what: '' }]
    : input.suggestions.map((s) => (typo
      ? { pre: 'Did you mean "', command: clip(s.command), post: '"?', what: '' }
      : { pre: '', command: clip(s.command), post: '', what: summary(s.name) }));
  const offersHelp = !input.ran && !input.suggestions.some((s) => s.name === 'help');
  const typed = clip(input.typed);
  const execute = (title: string, command: string) => ({ type: 'Action.Execute', title, verb: COMMAND_VERBS.run, data: { command, typed } });
  const actions = input.ran ? [] : [
    ...input.suggestions.map((s) => execute(s.label, s.command)),
    ...(offersHelp ? [execute('Show help', 'help')] : []),
  ];
  return expandTemplate(template, {
    heading: input.ran ? 'Suggested command' : typo ? 'Not a command I know' : input.suggestions.length > 1 ? 'Did you mean one of these?' : 'Did you mean this?',
    before: input.ran ? 'For "' : typo ? 'I don\'t know "' : '"',
    typed,
    after: input.ran ? '":' : typo ? '".' : input.suggestions.length > 1 ? '" could be one of these commands:' : '" reads like this command:',
    lines,
    note: input.ran ? '' : 'Select a button to run it as if you had typed it.',
    actions,
  });
}
