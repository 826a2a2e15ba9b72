import { COMMANDS } from '../domain/commands';
import template from './templates/welcome.json';
import { expandTemplate } from './template';
import { imBack } from './verbs';

export interface WelcomeCardInput {
  /** Channels need an @mention to reach the bot; chats do not. */
  inChannel: boolean;
}

export function renderWelcomeCard(input: WelcomeCardInput): Record<string, unknown> {
  return expandTemplate(template, {
    tagline: 'Run your IT service after go-live, in Teams.',
    intro:
      'I collect quality-champion findings and incident escalations by conversation, keep the operational role map, ' +
      'the steering-committee agenda and the review checklists in channel tabs, and remind teams of their daily, weekly and monthly operations tasks.',
    commands: COMMANDS.map((c) => ({
      name: c.name,
      summary: c.summary,
      status: c.available ? 'ready' : 'coming soon',
      statusColor: c.available ? 'Good' : 'Default',
    })),
    scopeHint: input.inChannel
      ? 'In a channel, mention me first: @Service Ops help.'
      : 'Type a command, for example: help.',
    actions: [imBack('File a finding', 'finding'), imBack('Escalate an incident', 'escalate'), imBack('Show the agenda', 'agenda')],
  });
}
