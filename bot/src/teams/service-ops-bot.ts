// The activity handler: install/uninstall bookkeeping, the welcome card, command routing.
// Thin on purpose: parse here, decide in domain/, persist in storage/, render in cards/.
import { ActivityHandler, type InvokeResponse, type TurnContext } from 'botbuilder';
import { commandInfo, parseCommand } from '../domain/commands';
import type { Logger } from '../platform/logger';
import { commandText } from './activity-context';
import { answerUnknown, registerCommandSuggestions } from './command-suggestions';
import type { CommandRouter } from './command-router';
import { sendWelcome } from './commands/help-command';
import type { ConversationTargets } from './conversation-targets';
import type { FormRunner } from './dialogs/form-runner';
import type { VerbRouter } from './verb-router';
import type { EventRouter } from './event-router';
import type { MessageExtensionRoutes } from './message-extension';
import { plainMessage } from './replies';
import { deferTarget, takeDeferredTarget, type TurnSnapshots } from './turn-snapshot';
import type { ConversationSnapshot } from '../domain/conversation-target';

export type { Logger };

export class ServiceOpsBot extends ActivityHandler {
  constructor(
    private readonly targets: ConversationTargets,
    private readonly snapshots: TurnSnapshots,
    private readonly router: CommandRouter,
    private readonly verbs: VerbRouter,
    private readonly forms: FormRunner,
    private readonly log: Logger,
    private readonly routes: { compose: MessageExtensionRoutes; events: EventRouter },
  ) {
    super();
    // The form runner tells a command typed mid-dialog from an answer, and runs it if the user leaves the dialog for it.
    forms.useCommands({ recognise: (text) => router.invocation(text), run: (context, text) => this.runCommand(context, text) }, verbs);
    // The "did you mean" buttons run their command through the same path as typed text.
    registerCommandSuggestions(verbs, (context, text) => this.runCommand(context, text), log);

    this.onMessage(async (context, next) => {
      // One read tells whether the stored reference is current and whether a dialog is open; a
      // reference that needs writing is written alongside the reply, so a storage hiccup never
      // blocks the answer.
      const snapshot = await this.snapshots.load(context);
      // A conversation's first message has no row yet: a dialog it starts creates the row with the
      // reference and the listing in one write; otherwise the reference is saved after the reply.
      // Later messages refresh it, if at all, alongside the reply.
      if (snapshot && !snapshot.known) deferTarget(context, this.targets.targetOf(context.activity));
      const remembered = snapshot?.known ? this.remember(context, false, snapshot) : Promise.resolve();
      try {
        await this.handleMessage(context);
      } finally {
        await remembered;
        await this.saveDeferred(context);
      }
      await next();
    });
    this.registerLifecycle();
    // Teams meeting events (meeting end, participants joining) go to the meetings feature.
    this.onEvent(async (context, next) => {
      await this.routes.events.handle(context);
      await next();
    });
  }

  /** Install and uninstall, the bot added to or removed from a conversation. */
  private registerLifecycle(): void {
    this.onMembersAdded(async (context, next) => {
      const botAdded = (context.activity.membersAdded ?? []).some((m) => m.id === context.activity.recipient.id);
      if (botAdded) {
        await Promise.all([this.remember(context, true), sendWelcome(context)]);
      }
      await next();
    });

    this.onMembersRemoved(async (context, next) => {
      const botRemoved = (context.activity.membersRemoved ?? []).some((m) => m.id === context.activity.recipient.id);
      if (botRemoved) await this.forget(context, 'bot removed');
      await next();
    });

    this.onInstallationUpdateAdd(async (context, next) => {
      await this.remember(context, true);
      await next();
    });

    this.onInstallationUpdateRemove(async (context, next) => {
      await this.forget(context, 'app uninstalled');
      await next();
    });
  }

  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name === 'adaptiveCard/action') {
      const snapshot = await this.snapshots.load(context);
      if (snapshot) await this.remember(context, false, snapshot);
      return this.verbs.handle(context);
    }
    const composed = await this.routes.compose.handle(context);
    if (composed) return composed;
    return super.onInvokeActivity(context);
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    // A dialog in progress gets the message first (answers, cancel, resume, confirm).
    if (await this.forms.continue(context)) return;
    const value = context.activity.value as Record<string, unknown> | undefined;
    const text = commandText(context.activity);
    if (!text && value) {
      await context.sendActivity(plainMessage('That button belongs to a card I can no longer act on. Type help to see what I can do.'));
      return;
    }
    await this.runCommand(context, text);
  }

  /** Chat text as a command: also run from the "leave the dialog and run it" button, in an invoke turn. */
  private async runCommand(context: TurnContext, text: string): Promise<void> {
    const parsed = parseCommand(text);
    if (parsed.kind === 'empty') {
      await sendWelcome(context);
      return;
    }
    if (parsed.kind === 'unknown') {
      await answerUnknown(context, parsed, (c, command) => this.runCommand(c, command));
      return;
    }
    const handler = this.router.get(parsed.name);
    if (handler) {
      await handler(context, parsed.args);
      return;
    }
    const info = commandInfo(parsed.name);
    await context.sendActivity(
      plainMessage(`"${info.name}" is coming soon: ${info.summary.charAt(0).toLowerCase()}${info.summary.slice(1)} It is not built yet, so nothing was recorded. Type help to see what works today.`),
    );
  }

  private async remember(context: TurnContext, installed: boolean, known?: ConversationSnapshot): Promise<void> {
    try {
      await this.targets.remember(context.activity, { installed, ...(known ? { known } : {}) });
    } catch (e) {
      this.log.warn('could not save the conversation reference', { error: String(e), conversation: context.activity.conversation?.id });
    }
  }

  private async saveDeferred(context: TurnContext): Promise<void> {
    const target = takeDeferredTarget(context);
    if (!target) return;
    try {
      await this.targets.save(target);
    } catch (e) {
      this.log.warn('could not save the conversation reference', { error: String(e), conversation: context.activity.conversation?.id });
    }
  }

  private async forget(context: TurnContext, reason: string): Promise<void> {
    try {
      await this.targets.forget(context.activity, reason);
    } catch (e) {
      this.log.warn('could not mark the conversation inactive', { error: String(e) });
    }
  }
}
