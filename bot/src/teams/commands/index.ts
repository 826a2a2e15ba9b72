// Registers the chat commands of every feature folder. Commands not listed here are answered
// with "coming soon" by the bot, so the help card never promises a fake result.
import type { CommandRouter } from '../command-router';
import { helpCommand } from './help-command';

export function registerCommands(router: CommandRouter): CommandRouter {
  return router.register('help', helpCommand);
}
