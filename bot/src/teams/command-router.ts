// Routes a chat command to the handler registered for it. Feature folders register their own
// commands; anything unregistered falls through to the honest "coming soon" reply.
import type { TurnContext } from 'botbuilder';
import type { CommandName } from '../domain/commands';

export type CommandHandler = (context: TurnContext, args: string) => Promise<void>;

export class CommandRouter {
  private readonly handlers = new Map<CommandName, CommandHandler>();

  register(name: CommandName, handler: CommandHandler): this {
    if (this.handlers.has(name)) throw new Error(`command ${name} registered twice`);
    this.handlers.set(name, handler);
    return this;
  }

  get(name: CommandName): CommandHandler | undefined {
    return this.handlers.get(name);
  }
}
