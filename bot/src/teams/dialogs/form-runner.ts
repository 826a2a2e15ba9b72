// Runs form dialogs: one question at a time, re-asking with a reason on invalid answers,
// `cancel` at every step, resume/discard after a pause, a confirmation card, and an
// idempotent submit. If storage fails mid-dialog, answers are held in memory and saved
// later, so nothing the user typed is lost.
import type { TurnContext } from 'botbuilder';
import { renderQuestionCard } from '../../cards/question-card';
import { parseCommand } from '../../domain/commands';
import { type DialogSession, type DialogSessionRepository, isIdle } from '../../domain/dialog-session';
import { commandText, targetConversationId, userOf, workspaceOf } from '../activity-context';
import { cardMessage, plainMessage } from '../replies';
import type { Logger } from '../service-ops-bot';
import type { VerbRequest, VerbResponse, VerbRouter } from '../verb-router';
import type { AnyForm, FormContext, SubmitOutcome } from './form';

const CONFIRM = 'confirm';
const GLOBAL_WORDS = new Set(['cancel', 'discard', 'resume', 'retry', 'confirm']);

export class FormRunner {
  private readonly forms = new Map<string, AnyForm>();
  /** Sessions that could not be saved (storage down), by session key; saved on the next turn. */
  private readonly held = new Map<string, DialogSession>();
  /** Last known state of recent sessions: the fallback when storage cannot be read. */
  private readonly recent = new Map<string, DialogSession>();
  private static readonly RECENT_LIMIT = 5000;

  constructor(private readonly sessions: DialogSessionRepository, private readonly log: Logger, private readonly clock: () => Date = () => new Date()) {}

  register(form: AnyForm, verbs: VerbRouter): this {
    this.forms.set(form.id, form);
    verbs.register(`${form.id}.confirm`, (r) => this.onConfirmVerb(form, r));
    verbs.register(`${form.id}.discard`, (r) => this.onDiscardVerb(form, r));
    return this;
  }

  /** Starts (or offers to resume) a dialog for the command that names it. */
  async start(context: TurnContext, formId: string, args: string): Promise<void> {
    const form = this.forms.get(formId)!;
    const fc = this.formContext(context);
    const existing = await this.load(fc);
    if (existing) {
      const other = this.forms.get(existing.dialog);
      await context.sendActivity(this.resumeOrDiscard(other?.noun ?? 'dialog', existing, 'You already have'));
      return;
    }
    const begun = await form.begin(args, fc);
    if ('error' in begun) {
      await context.sendActivity(plainMessage(begun.error));
      return;
    }
    const now = this.clock().toISOString();
    let session: DialogSession = {
      workspace: fc.workspace, conversationId: fc.conversationId, userId: fc.actor.id, dialog: form.id,
      step: '', draft: begun.draft, startedAt: now, updatedAt: now, lastActivityId: context.activity.id,
    };
    session = this.advance(form, session, -1, context.activity.id ?? now);
    await this.persistAndAsk(context, form, session, fc);
  }

  /** Feeds a message to the user's dialog in progress; false when there is none. */
  async continue(context: TurnContext): Promise<boolean> {
    const fc = this.formContext(context);
    const value = context.activity.value as { dialog?: unknown; dialogAnswer?: unknown } | undefined;
    const input = typeof value?.dialogAnswer === 'string' ? value.dialogAnswer : commandText(context.activity);
    const word = input.trim().toLowerCase();
    // A bare command word is a command, not an answer (help, findings, or the dialog's own
    // command, which then offers to resume or discard this one).
    const parsed = parseCommand(input);
    if (!value?.dialogAnswer && parsed.kind === 'command' && parsed.args === '' && !GLOBAL_WORDS.has(word)) return false;

    let session: DialogSession | undefined;
    try {
      session = await this.load(fc);
    } catch (e) {
      this.log.warn('could not read dialog state', { error: String(e) });
      await context.sendActivity(plainMessage('I can\'t reach storage right now, so I can\'t see a conversation in progress. Please send that again in a minute.'));
      return true;
    }
    if (!session) return false;
    const form = this.forms.get(session.dialog);
    if (!form) return false;
    if (session.lastActivityId && session.lastActivityId === context.activity.id) return true; // redelivered

    if (value && typeof value.dialog === 'string' && value.dialog !== session.dialog) {
      await context.sendActivity(plainMessage('That button belongs to an earlier conversation. Answer the latest question, or type cancel.'));
      return true;
    }

    if (word === 'cancel' || word === 'discard') {
      await this.remove(fc);
      await context.sendActivity(plainMessage(`${word === 'cancel' ? 'Cancelled' : 'Discarded'}: the ${form.noun} was not saved.`));
      return true;
    }
    if (isIdle(session, fc.now) && word !== 'resume' && word !== 'retry' && word !== 'confirm') {
      await context.sendActivity(this.resumeOrDiscard(form.noun, session, 'You have'));
      return true;
    }
    session = { ...session, lastActivityId: context.activity.id, updatedAt: fc.now.toISOString() };
    if (word === 'resume') {
      await this.persistAndAsk(context, form, session, fc);
      return true;
    }
    if (session.step === CONFIRM) {
      if (word === 'confirm' || word === 'retry' || word === 'yes') {
        const outcome = await this.submit(form, session, fc);
        await context.sendActivity(outcome.ok ? this.filedMessage(outcome) : plainMessage(outcome.message));
      } else {
        await context.sendActivity(plainMessage(`Your ${form.noun} is ready to file. Select Confirm on the card above (or type confirm), or type cancel to drop it.`));
      }
      return true;
    }
    const index = form.steps.findIndex((s) => s.key === session!.step);
    const step = form.steps[index];
    if (!step) {
      await this.remove(fc);
      return false;
    }
    if (GLOBAL_WORDS.has(word) && word !== 'cancel') {
      await this.persistAndAsk(context, form, session, fc);
      return true;
    }
    const outcome = step.answer(input, session.draft);
    if (!outcome.ok) {
      await this.persistAndAsk(context, form, session, fc, outcome.message);
      return true;
    }
    session = this.advance(form, { ...session, draft: outcome.draft }, index, context.activity.id ?? fc.now.toISOString());
    await this.persistAndAsk(context, form, session, fc);
    return true;
  }

  /** Moves to the next step that still needs an answer, or to confirmation. */
  private advance(form: AnyForm, session: DialogSession, fromIndex: number, submitSeed: string): DialogSession {
    for (let i = fromIndex + 1; i < form.steps.length; i++) {
      const step = form.steps[i]!;
      if (!step.skip?.(session.draft)) return { ...session, step: step.key };
    }
    return { ...session, step: CONFIRM, submitKey: session.submitKey ?? `${session.dialog}:${submitSeed}` };
  }

  private async persistAndAsk(context: TurnContext, form: AnyForm, session: DialogSession, fc: FormContext, problem?: string): Promise<void> {
    const { held } = await this.persist(session);
    const note = held ? 'I can\'t reach storage right now, so I\'m holding your answers here and will save them as soon as it is back.' : undefined;
    if (note) await context.sendActivity(plainMessage(note));
    if (session.step === CONFIRM) {
      await context.sendActivity(cardMessage(form.confirmCard(session.draft, fc), `Confirm your ${form.noun}`));
      return;
    }
    const index = form.steps.findIndex((s) => s.key === session.step);
    const question = form.steps[index]!.ask(session.draft);
    const remaining = form.steps.slice(index).filter((s) => !s.skip?.(session.draft)).length;
    await context.sendActivity(cardMessage(renderQuestionCard({
      dialog: form.id,
      progress: `New ${form.noun} · ${remaining === 1 ? 'last question' : `${remaining} questions to go`} · type cancel to stop`,
      question: question.text,
      hint: question.hint,
      problem,
      choices: question.choices,
      allowSkip: question.allowSkip,
    }), question.text));
  }

  private async submit(form: AnyForm, session: DialogSession, fc: FormContext): Promise<SubmitOutcome> {
    let outcome: SubmitOutcome;
    try {
      outcome = await form.submit(session.draft, { ...fc, idempotencyKey: session.submitKey! });
    } catch (e) {
      this.log.warn('submit failed', { dialog: form.id, error: String(e) });
      outcome = { ok: false, retryable: true, message: `I couldn't file your ${form.noun}: storage is not answering.` };
    }
    if (outcome.ok) {
      try {
        await this.remove(fc);
      } catch (e) {
        // Filed already; a leftover session only offers a resubmit, which is idempotent.
        this.log.warn('could not clear a finished dialog', { error: String(e) });
      }
      return outcome;
    }
    await this.persist(session);
    return outcome.retryable
      ? { ...outcome, message: `${outcome.message} Your draft is kept: select Confirm again or type retry in a moment.` }
      : outcome;
  }

  private filedMessage(outcome: Extract<SubmitOutcome, { ok: true }>) {
    return outcome.card ? cardMessage(outcome.card, outcome.text) : plainMessage(outcome.text ?? 'Done.');
  }

  private async onConfirmVerb(form: AnyForm, request: VerbRequest): Promise<VerbResponse> {
    const fc = this.formContext(request.context);
    const session = await this.load(fc);
    if (!session || session.dialog !== form.id) return { message: `This ${form.noun} was already filed or discarded.` };
    if (session.step !== CONFIRM) return { message: `This ${form.noun} is not complete yet: answer the open question first.` };
    const outcome = await this.submit(form, session, fc);
    if (!outcome.ok) return { message: outcome.message };
    return outcome.card ? { card: outcome.card, updateForEveryone: true } : { message: outcome.text ?? 'Done.' };
  }

  private async onDiscardVerb(form: AnyForm, request: VerbRequest): Promise<VerbResponse> {
    const fc = this.formContext(request.context);
    await this.remove(fc);
    return { message: `Discarded: the ${form.noun} was not saved.` };
  }

  private resumeOrDiscard(noun: string, session: DialogSession, lead: string) {
    const since = new Date(session.updatedAt).toUTCString().replace(':00 GMT', ' UTC');
    return cardMessage(renderQuestionCard({
      dialog: session.dialog,
      progress: `Unfinished ${noun}`,
      question: `${lead} an unfinished ${noun} (last answer ${since}). Resume it, or discard it?`,
      choices: [{ title: 'Resume', value: 'resume' }, { title: 'Discard', value: 'discard' }],
    }));
  }

  private formContext(context: TurnContext): FormContext {
    return { workspace: workspaceOf(context.activity), conversationId: targetConversationId(context.activity), actor: userOf(context.activity), now: this.clock() };
  }

  private key(fc: FormContext): string {
    return `${fc.workspace.tenantId}|${fc.conversationId}|${fc.actor.id}`;
  }

  private async load(fc: FormContext): Promise<DialogSession | undefined> {
    const key = this.key(fc);
    const held = this.held.get(key);
    if (held) return held;
    try {
      const session = await this.sessions.get(fc.workspace, fc.conversationId, fc.actor.id);
      this.remember(key, session);
      return session;
    } catch (e) {
      // Storage is down: continue from what this instance saw last, if anything.
      if (this.recent.has(key)) return this.recent.get(key);
      throw e;
    }
  }

  private remember(key: string, session: DialogSession | undefined): void {
    this.recent.delete(key);
    if (!session) return;
    this.recent.set(key, session);
    if (this.recent.size > FormRunner.RECENT_LIMIT) this.recent.delete(this.recent.keys().next().value!);
  }

  private async persist(session: DialogSession): Promise<{ held: boolean }> {
    const key = `${session.workspace.tenantId}|${session.conversationId}|${session.userId}`;
    this.remember(key, session);
    try {
      await this.sessions.save({ ...session, etag: undefined });
      this.held.delete(key);
      return { held: false };
    } catch (e) {
      this.log.warn('could not save dialog state; holding it in memory', { error: String(e) });
      this.held.set(key, session);
      return { held: true };
    }
  }

  private async remove(fc: FormContext): Promise<void> {
    this.held.delete(this.key(fc));
    this.recent.delete(this.key(fc));
    await this.sessions.delete(fc.workspace, fc.conversationId, fc.actor.id);
  }
}
