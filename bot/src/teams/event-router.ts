// Event activities (type "event") by name, e.g. Teams' meeting start and end: a feature
// registers a handler for the names it understands; the bot hands every event activity here.
import type { TurnContext } from 'botbuilder';

export type EventHandler = (context: TurnContext) => Promise<void>;

export class EventRouter {
  private readonly handlers = new Map<string, EventHandler>();

  register(name: string, handler: EventHandler): this {
    if (this.handlers.has(name)) throw new Error(`the event ${name} has two handlers`);
    this.handlers.set(name, handler);
    return this;
  }

  /** Runs the handler for the activity's name; false when no feature handles that event. */
  async handle(context: TurnContext): Promise<boolean> {
    const handler = this.handlers.get(context.activity.name ?? '');
    if (!handler) return false;
    await handler(context);
    return true;
  }
}
