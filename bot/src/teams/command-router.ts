// Routes a chat command to the handler registered for it. Feature folders register their own
// commands; anything unregistered falls through to the honest "coming soon" reply.
import type { TurnContext } from 'botbuilder';
import { type CommandName, parseCommand } from '../domain/commands';

export type CommandHandler = (context: TurnContext, args: string) => Promise<void>;

export interface CommandOptions {
  /**
   * Whether text after the command word is this command's own arguments ("findings wifi
   * overdue") rather than prose that happens to start with the word. Without it only the bare
   * command word reads as the command when a dialog is waiting for an answer.
   */
  takes?(args: string): boolean;
}

/** A registered command the text starts with; `whole` when all of the text reads as that command. */
export interface Invocation {
  name: CommandName;
  args: string;
  whole: boolean;
}

export class CommandRouter {
  private readonly handlers = new Map<CommandName, CommandHandler>();
  private readonly options = new Map<CommandName, CommandOptions>();

  register(name: CommandName, handler: CommandHandler, options: CommandOptions = {}): this {
    if (this.handlers.has(name)) throw new Error(`command ${name} registered twice`);
    this.handlers.set(name, handler);
    this.options.set(name, options);
    return this;
  }

  get(name: CommandName): CommandHandler | undefined {
    return this.handlers.get(name);
  }

  /** The registered command `text` starts with (command word first), if any. */
  invocation(text: string): Invocation | undefined {
    const parsed = parseCommand(text);
    if (parsed.kind !== 'command' || !this.handlers.has(parsed.name)) return undefined;
    const takes = this.options.get(parsed.name)?.takes;
    return { name: parsed.name, args: parsed.args, whole: parsed.args === '' || (takes?.(parsed.args) ?? false) };
  }
}
