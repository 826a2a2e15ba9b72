// Text that is no command: run or offer what it most likely meant (domain/intents.ts decides),
// or say briefly that it is not understood. The offer's buttons (command.run) run the command
// through the bot's own command path, exactly as if it had been typed, in the invoke's turn.
import type { TurnContext } from 'botbuilder';
import { type CommandSuggestion, renderCommandSuggestionCard } from '../cards/command-suggestion-card';
import { COMMAND_VERBS } from '../cards/command-verbs';
import { str } from '../domain/card-data';
import { parseCommand, type ParsedCommand } from '../domain/commands';
import { intentAnswer, typoIntent } from '../domain/intents';
import type { Logger } from '../platform/logger';
import { cardMessage, plainMessage, preview } from './replies';
import type { VerbRouter } from './verb-router';

export type RunCommand = (context: TurnContext, text: string) => Promise<void>;

/** Longer command text on a button is not one the bot offered. */
const MAX_COMMAND_CHARS = 1_000;

/** The unknown branch of the chat: a read-only intent runs, anything else fitting is offered. */
export async function answerUnknown(context: TurnContext, parsed: Extract<ParsedCommand, { kind: 'unknown' }>, run: RunCommand): Promise<void> {
  const answer = intentAnswer(parsed.text);
  if (answer.kind === 'run') return run(context, answer.intent.command);
  const suggestions: CommandSuggestion[] = answer.kind === 'offer' ? answer.intents : parsed.suggestion ? [typoIntent(parsed.suggestion, parsed.args)] : [];
  if (!suggestions.length) {
    await context.sendActivity(plainMessage(`I don't know "${preview(parsed.text, 40)}". Type help to see what I can do.`));
    return;
  }
  const reason = answer.kind === 'offer' ? 'intent' : 'typo';
  const card = renderCommandSuggestionCard({ typed: parsed.text, reason, suggestions });
  await context.sendActivity(cardMessage(card, `Did you mean ${suggestions.map((s) => `"${preview(s.command, 40)}"`).join(' or ')}?`));
}

/** The suggestion buttons' verb: registered once, by the bot, which owns the command path. */
export function registerCommandSuggestions(verbs: VerbRouter, run: RunCommand, log: Logger): void {
  verbs.register(COMMAND_VERBS.run, async (r) => {
    const command = str(r.data.command, MAX_COMMAND_CHARS)?.trim();
    // Only a known command: what a button runs is what the person could have typed.
    if (!command || parseCommand(command).kind !== 'command') return { message: 'This button is out of date. Type help to see what I can do.' };
    try {
      await run(r.context, command);
    } catch (e) {
      log.warn('suggested command failed', { error: String(e) });
      return { message: 'That command did not work just now. Type it again in a minute.' };
    }
    const typed = str(r.data.typed, MAX_COMMAND_CHARS) ?? command;
    return { card: renderCommandSuggestionCard({ typed, reason: 'intent', suggestions: [], ran: { command, by: r.actor.name } }), updateForEveryone: true };
  });
}
