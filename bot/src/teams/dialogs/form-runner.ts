// Runs form dialogs: one question at a time, re-asking with a reason on invalid answers,
// `cancel` at every step, resume/discard after a pause, a confirmation card, and an
// idempotent submit. If storage fails mid-dialog, answers are held in memory and saved
// later, so nothing the user typed is lost.
// Two things keep a dialog from acting on the wrong input:
// - a command typed while a question waits is not taken as the answer: the user is asked
//   whether to leave the dialog (set aside with its answers, to resume later) and run it;
// - every draft has an id (its submit key, fixed when the dialog starts) that its cards carry,
//   so a button on a card of an earlier draft files, discards or answers nothing.
import type { TurnContext } from 'botbuilder';
import { CHANGE_STEP_INPUT, EDIT_FIELDS, type EditField, fieldInputId, withEditFields } from '../../cards/change-answer-action';
import { type DialogInputSpec, readDialogInput } from '../../cards/dialog-inputs';
import { renderLeaveDialogCard } from '../../cards/leave-dialog-card';
import { ANSWER_INPUT, renderDialogNoticeCard, renderQuestionCard } from '../../cards/question-card';
import { DIALOG_VERBS } from '../../cards/verbs';
import { type DialogSession, type DialogSessionRepository, isIdle } from '../../domain/dialog-session';
import { commandText, targetConversationId, userOf, workspaceOf } from '../activity-context';
import type { Invocation } from '../command-router';
import { cardMessage, plainMessage } from '../replies';
import type { Logger } from '../service-ops-bot';
import { knownListing, knownSession, updateKnownSession } from '../turn-snapshot';
import type { VerbHandler, VerbRequest, VerbResponse, VerbRouter } from '../verb-router';
import type { AnyForm, FormContext, FormStep, Question, SubmitOutcome } from './form';

const CONFIRM = 'confirm';
/**
 * A dialog the user left for a command keeps its step behind this prefix: a later message is
 * offered resume or discard (as after a pause) instead of being taken as an answer.
 */
const ASIDE = 'aside:';
/** A step asked again from the confirmation card ("Change an answer"): answered, the dialog goes back to confirming. */
const EDIT = 'edit:';
const GLOBAL_WORDS = new Set(['cancel', 'discard', 'resume', 'retry', 'confirm']);
/** Longer text is never offered as a command: the buttons carry it whole and a card stays under 25 KB. */
const MAX_COMMAND_BYTES = 6000;
const HOLDING = 'I can\'t reach storage right now, so I\'m holding your answers here and will save them as soon as it is back.';
const STORAGE_DOWN = 'I can\'t reach storage right now, so nothing changed. Try again in a minute.';

/** How the runner tells commands from answers and runs the one a user leaves a dialog for. */
export interface CommandLine {
  /** The registered command the text starts with (see CommandRouter.invocation). */
  recognise(text: string): Invocation | undefined;
  /** Runs text as the command it is, as if typed outside any dialog. */
  run(context: TurnContext, text: string): Promise<void>;
}

type CardValue = { dialog?: unknown; dialogAnswer?: unknown; draftId?: unknown; dialogStep?: unknown; startForm?: unknown; startArgs?: unknown };

/** A message as the dialog sees it: typed or pressed, its first word, and the command it may be. */
interface DialogMessage {
  value: CardValue | undefined;
  pressed: boolean;
  input: string;
  word: string;
  command: Invocation | undefined;
  claimedDraft: string | undefined;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const fitsOnCard = (text: string) => Buffer.byteLength(JSON.stringify(text), 'utf8') <= MAX_COMMAND_BYTES;
const isAside = (session: DialogSession) => session.step.startsWith(ASIDE);
/** The session with its step as it was before the user set it aside. */
const active = (session: DialogSession): DialogSession => (isAside(session) ? { ...session, step: session.step.slice(ASIDE.length) } : session);
/** The form step a session waits on (an edited one too). */
const stepKey = (session: DialogSession) => (session.step.startsWith(EDIT) ? session.step.slice(EDIT.length) : session.step);
/** How a question is answered on its card: its own input, else a choice list or a line of text. */
const inputOf = (q: Question): DialogInputSpec => q.input ?? (q.choices?.length ? { kind: 'choice' } : { kind: 'text' });
const labelOf = (key: string) => { const words = key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase(); return words.charAt(0).toUpperCase() + words.slice(1); };

/**
 * Puts the draft's id in the data of the form's own confirm and discard buttons, wherever they
 * are on the card. Cards a form renders outside the runner can use it too.
 */
export function withDraftId(card: Record<string, unknown>, formId: string, draftId: string): Record<string, unknown> {
  const verbs = new Set([`${formId}.confirm`, `${formId}.discard`, `${formId}.edit`]);
  // Copy on write: only the nodes on the way to a changed button are copied, the rest is shared.
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) {
      let out: unknown[] | undefined;
      node.forEach((item, i) => {
        const next = walk(item);
        if (next !== item) (out ??= node.slice())[i] = next;
      });
      return out ?? node;
    }
    if (!node || typeof node !== 'object') return node;
    const obj = node as Record<string, unknown>;
    let out: Record<string, unknown> | undefined;
    for (const k in obj) {
      const v = obj[k];
      if (!v || typeof v !== 'object') continue;
      const next = walk(v);
      if (next !== v) (out ??= { ...obj })[k] = next;
    }
    if (obj.type === 'Action.Execute' && typeof obj.verb === 'string' && verbs.has(obj.verb)) {
      out ??= { ...obj };
      out.data = { ...(obj.data && typeof obj.data === 'object' ? (obj.data as Record<string, unknown>) : {}), draftId };
    }
    return out ?? obj;
  };
  return walk(card) as Record<string, unknown>;
}

/** The answers a confirmation card can change, each with the input its question uses, holding the current answer. */
export function editFieldsOf(form: AnyForm, draft: unknown): { step: FormStep<unknown>; field: EditField; allowSkip: boolean }[] {
  return form.steps.filter((s) => s.changeable?.(draft) ?? true).map((step) => {
    const q = step.ask(draft);
    return { step, allowSkip: q.allowSkip === true, field: { key: step.key, label: step.label ?? labelOf(step.key), spec: inputOf(q), ...(q.choices ? { choices: q.choices } : {}) } };
  });
}

/** A save from the confirmation card that was refused: each refused field's reason, and every value as sent. */
export interface RefusedEdits { errors: Record<string, string>; values: Record<string, string> }

/** The form's confirmation card with every changeable answer editable on it, and the draft's id on its buttons. */
export function renderConfirmation(form: AnyForm, draft: unknown, context: FormContext & { draftId: string }, refused?: RefusedEdits): Record<string, unknown> {
  const fields = editFieldsOf(form, draft).map((f) => f.field);
  const card = withEditFields(form.confirmCard(draft, context), { verb: `${form.id}.edit`, draftId: context.draftId, fields, ...refused });
  return withDraftId(card, form.id, context.draftId);
}

export class FormRunner {
  private readonly forms = new Map<string, AnyForm>();
  /** Sessions that could not be saved (storage down), by session key; saved on the next turn. */
  private readonly held = new Map<string, DialogSession>();
  /** Last known state of recent sessions: the fallback when storage cannot be read. */
  private readonly recent = new Map<string, DialogSession>();
  private static readonly RECENT_LIMIT = 5000;
  private commands: CommandLine | undefined;

  constructor(private readonly sessions: DialogSessionRepository, private readonly log: Logger, private readonly clock: () => Date = () => new Date()) {}

  register(form: AnyForm, verbs: VerbRouter): this {
    this.forms.set(form.id, form);
    verbs.register(`${form.id}.confirm`, (r) => this.onConfirmVerb(form, r));
    verbs.register(`${form.id}.discard`, (r) => this.onDiscardVerb(form, r));
    verbs.register(`${form.id}.edit`, (r) => this.onEditVerb(form, r));
    return this;
  }

  /** Connects the chat commands (the bot does, once) and registers the leave-dialog card's verbs. */
  useCommands(commands: CommandLine, verbs: VerbRouter): this {
    this.commands = commands;
    const guarded = (handler: VerbHandler): VerbHandler => async (r) => {
      try {
        return await handler(r);
      } catch (e) {
        this.log.warn('dialog card action failed', { verb: r.verb, error: String(e) });
        return { message: STORAGE_DOWN };
      }
    };
    verbs.register(DIALOG_VERBS.leave, guarded((r) => this.onLeaveVerb(r)));
    verbs.register(DIALOG_VERBS.stay, guarded((r) => this.onStayVerb(r)));
    verbs.register(DIALOG_VERBS.answer, guarded((r) => this.onAnswerVerb(r)));
    return this;
  }

  /** Starts (or offers to resume) a dialog for the command that names it. */
  async start(context: TurnContext, formId: string, args: string): Promise<void> {
    const form = this.forms.get(formId)!;
    const fc = this.formContext(context);
    const existing = await this.load(fc, context);
    if (existing) {
      const other = this.forms.get(existing.dialog);
      await context.sendActivity(this.resumeOrDiscard(other?.noun ?? 'dialog', existing, 'You already have', { form, args }));
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
      submitKey: `${form.id}:${context.activity.id ?? now}`,
    };
    session = this.advance(form, session, -1, context.activity.id ?? now);
    await this.persistAndAsk(context, form, session, fc);
  }

  /** Feeds a message to the user's dialog in progress; false when there is none (or it is a command to run). */
  async continue(context: TurnContext): Promise<boolean> {
    const fc = this.formContext(context);
    const msg = this.readMessage(context);
    const found = await this.openFor(context, fc, msg);
    if (typeof found === 'boolean') return found;
    const settled = await this.settleControls(context, fc, msg, found.form, found.session);
    if (typeof settled === 'boolean') return settled;
    return this.takeAnswer(context, fc, msg, found.form, settled);
  }

  private readMessage(context: TurnContext): DialogMessage {
    const value = context.activity.value as CardValue | undefined;
    const pressed = typeof value?.dialogAnswer === 'string';
    const input = pressed ? (value!.dialogAnswer as string) : commandText(context.activity);
    // Typed text that reads as a command as a whole; a button's answer never does. Worked out on
    // first use: a message with no dialog open never needs it (the command path parses it itself).
    let command: { found: Invocation | undefined } | undefined;
    const commandOf = () => (command ??= { found: pressed ? undefined : this.commandIn(input) }).found;
    return {
      value, pressed, input, word: input.trim().toLowerCase(), claimedDraft: str(value?.draftId),
      get command() {
        return commandOf();
      },
    };
  }

  /** The open session and its form; or whether the message was dealt with (true) or is not a dialog's (false). */
  private async openFor(context: TurnContext, fc: FormContext, msg: DialogMessage): Promise<{ session: DialogSession; form: AnyForm } | boolean> {
    let session: DialogSession | undefined;
    try {
      session = await this.load(fc, context);
    } catch (e) {
      this.log.warn('could not read dialog state', { error: String(e) });
      // A command needs no dialog state; an answer can't be placed without it.
      if (msg.command) return false;
      await context.sendActivity(plainMessage('I can\'t reach storage right now, so I can\'t see a conversation in progress. Please send that again in a minute.'));
      return true;
    }
    const form = session ? this.forms.get(session.dialog) : undefined;
    if (!session || !form) return false;
    if (session.lastActivityId && session.lastActivityId === context.activity.id) return true; // redelivered
    const { value, claimedDraft } = msg;
    if (value && typeof value.dialog === 'string' && (value.dialog !== session.dialog || (claimedDraft !== undefined && claimedDraft !== session.submitKey))) {
      await context.sendActivity(plainMessage('That button belongs to an earlier conversation. Answer the latest question, or type cancel.'));
      return true;
    }
    return { session, form };
  }

  /** Cancel and discard, and a paused or idle dialog: the session to go on with, or whether the message was dealt with. */
  private async settleControls(context: TurnContext, fc: FormContext, msg: DialogMessage, form: AnyForm, session: DialogSession): Promise<DialogSession | boolean> {
    const { word, value } = msg;
    if (word === 'cancel' || word === 'discard') {
      await this.remove(fc, context);
      await context.sendActivity(plainMessage(`${word === 'cancel' ? 'Cancelled' : 'Discarded'}: the ${form.noun} was not saved.`));
      // "Discard it and start …" on the resume card names the dialog to start instead.
      const next = word === 'discard' ? str(value?.startForm) : undefined;
      if (next && this.forms.has(next)) await this.start(context, next, str(value?.startArgs) ?? '');
      return true;
    }
    const paused = isAside(session);
    const current = active(session);
    // A button of the question now waiting is an answer even to a paused dialog.
    const answersCurrent = msg.pressed && msg.claimedDraft !== undefined && str(value?.dialogStep) === current.step;
    if ((paused || isIdle(current, fc.now)) && !answersCurrent) {
      // A command runs as typed; anything else is asked about rather than taken as an answer.
      if (msg.command) return false;
      if (word !== 'resume' && word !== 'retry' && word !== 'confirm') {
        await context.sendActivity(this.resumeOrDiscard(form.noun, current, 'You have'));
        return true;
      }
    }
    return { ...current, lastActivityId: context.activity.id, updatedAt: fc.now.toISOString() };
  }

  /** The message as the waiting step's answer (or resume, confirm, a command to leave for). */
  private async takeAnswer(context: TurnContext, fc: FormContext, msg: DialogMessage, form: AnyForm, session: DialogSession): Promise<boolean> {
    const { word, input, command } = msg;
    if (word === 'resume') {
      await this.persistAndAsk(context, form, session, fc);
      return true;
    }
    const atConfirm = session.step === CONFIRM;
    const index = atConfirm ? -1 : form.steps.findIndex((s) => s.key === stepKey(session));
    const step = form.steps[index];
    if (!atConfirm && !step) {
      await this.remove(fc, context);
      return false;
    }
    if (command) {
      await this.offerToLeave(context, form, session, fc, input, command);
      return true;
    }
    if (atConfirm) {
      await this.confirmTyped(context, fc, form, session, word);
      return true;
    }
    const stepPressed = str(msg.value?.dialogStep);
    if (GLOBAL_WORDS.has(word) && word !== 'cancel') await this.persistAndAsk(context, form, session, fc);
    else if (msg.pressed && stepPressed !== undefined && stepPressed !== session.step) {
      await this.persistAndAsk(context, form, session, fc, 'That button answers an earlier question, so I did not use it. Here is the current one.');
    } else {
      const outcome = step!.answer(input, session.draft);
      if (!outcome.ok) await this.persistAndAsk(context, form, session, fc, outcome.message);
      else await this.persistAndAsk(context, form, this.next(form, { ...session, draft: outcome.draft }, index, context.activity.id ?? fc.now.toISOString()), fc);
    }
    return true;
  }

  private async confirmTyped(context: TurnContext, fc: FormContext, form: AnyForm, session: DialogSession, word: string): Promise<void> {
    if (word === 'confirm' || word === 'retry' || word === 'yes') {
      const outcome = await this.submit(context, form, session, fc);
      await context.sendActivity(outcome.ok ? this.filedMessage(outcome) : plainMessage(outcome.message));
      return;
    }
    await context.sendActivity(plainMessage(`Your ${form.noun} is ready to file. Select Confirm on the card above (or type confirm), or type cancel to drop it.`));
  }

  /**
   * After an answer: the next step, or, for an answer changed from the confirmation card, the
   * first step still unanswered (a change can make another question apply), usually the confirmation.
   */
  private next(form: AnyForm, session: DialogSession, index: number, submitSeed: string): DialogSession {
    return session.step.startsWith(EDIT) ? this.advance(form, session, -1, submitSeed) : this.advance(form, session, index, submitSeed);
  }

  /** The command the whole text invokes: a registered command word with nothing after it, or with its own arguments. */
  private commandIn(text: string): Invocation | undefined {
    if (!this.commands || !fitsOnCard(text)) return undefined;
    const found = this.commands.recognise(text);
    if (!found) return undefined;
    if (found.whole) return found;
    // A form's one-line shortcut ("finding VPN: …") is its command's own syntax.
    const starts = [...this.forms.values()].find((f) => f.startedBy?.command === found.name)?.startedBy;
    return starts?.takes(found.args) ? { ...found, whole: true } : undefined;
  }

  /** Asks whether to leave the dialog for the command; offers the text as the answer when the question accepts it. */
  private async offerToLeave(context: TurnContext, form: AnyForm, session: DialogSession, fc: FormContext, text: string, command: Invocation): Promise<void> {
    const step = form.steps.find((s) => s.key === stepKey(session));
    let fits = false;
    if (step) {
      try {
        fits = step.answer(text, session.draft).ok;
      } catch {
        fits = false;
      }
    }
    const saved = await this.save(context, session);
    const card = renderLeaveDialogCard({
      noun: form.noun,
      question: step?.ask(saved.draft).text,
      command: text,
      dialog: { dialog: saved.dialog, draftId: saved.submitKey!, userId: fc.actor.id },
      ...(step && fits ? { answerStep: session.step } : {}),
    });
    await context.sendActivity(cardMessage(card, `Leave the ${form.noun} and run ${command.name}?`));
  }

  /** Moves to the next step that still needs an answer, or to confirmation. */
  private advance(form: AnyForm, session: DialogSession, fromIndex: number, submitSeed: string): DialogSession {
    for (let i = fromIndex + 1; i < form.steps.length; i++) {
      const step = form.steps[i]!;
      if (!step.skip?.(session.draft)) return { ...session, step: step.key };
    }
    return { ...session, step: CONFIRM, submitKey: session.submitKey ?? `${session.dialog}:${submitSeed}` };
  }

  /** Saves the session (giving a draft from before draft ids one), saying so when it is only held in memory. */
  private async save(context: TurnContext, session: DialogSession): Promise<DialogSession> {
    const withId = this.withDraftId(context, session);
    const { held } = await this.persist(withId, context);
    if (held) await context.sendActivity(plainMessage(HOLDING));
    return withId;
  }

  private withDraftId(context: TurnContext, session: DialogSession): DialogSession {
    return session.submitKey ? session : { ...session, submitKey: `${session.dialog}:${context.activity.id ?? session.updatedAt}` };
  }

  /**
   * Saves and asks at the same time: the question does not wait for the write. A failed write
   * is held in memory (nothing typed is lost) and the user is told right after the question.
   */
  private async persistAndAsk(context: TurnContext, form: AnyForm, session: DialogSession, fc: FormContext, problem?: string): Promise<void> {
    const saved = this.withDraftId(context, session);
    const { card, summary } = this.askCard(form, saved, fc, problem);
    const [{ held }] = await Promise.all([this.persist(saved, context), context.sendActivity(cardMessage(card, summary))]);
    if (held) await context.sendActivity(plainMessage(HOLDING));
  }

  /** The card of the step waiting: its question (its input holding `value` when given), or the confirmation. */
  private askCard(form: AnyForm, session: DialogSession, fc: FormContext, problem?: string, value?: string): { card: Record<string, unknown>; summary: string } {
    if (session.step === CONFIRM) return this.confirmationCard(form, session, fc);
    const index = form.steps.findIndex((s) => s.key === stepKey(session));
    const question = form.steps[index]!.ask(session.draft);
    const remaining = session.step.startsWith(EDIT) ? 1 : form.steps.slice(index).filter((s) => !s.skip?.(session.draft)).length;
    const card = renderQuestionCard({
      dialog: form.id,
      draftId: session.submitKey!,
      step: session.step,
      userId: session.userId,
      progress: session.step.startsWith(EDIT)
        ? `New ${form.noun} · changing an answer, then back to the confirmation · type cancel to stop`
        : `New ${form.noun} · ${remaining === 1 ? 'last question' : `${remaining} questions to go`} · type cancel to stop`,
      question: question.text,
      hint: question.hint,
      problem,
      choices: question.choices,
      allowSkip: question.allowSkip,
      input: { ...inputOf(question), ...(value !== undefined ? { value } : {}) },
    });
    return { card, summary: question.text };
  }

  private confirmationCard(form: AnyForm, session: DialogSession, fc: FormContext, refused?: RefusedEdits): { card: Record<string, unknown>; summary: string } {
    return { card: renderConfirmation(form, session.draft, { ...fc, draftId: session.submitKey! }, refused), summary: `Confirm your ${form.noun}` };
  }

  private async submit(context: TurnContext, form: AnyForm, session: DialogSession, fc: FormContext): Promise<SubmitOutcome> {
    let outcome: SubmitOutcome;
    try {
      outcome = await form.submit(session.draft, { ...fc, idempotencyKey: session.submitKey! });
    } catch (e) {
      this.log.warn('submit failed', { dialog: form.id, error: String(e) });
      outcome = { ok: false, retryable: true, message: `I couldn't file your ${form.noun}: storage is not answering.` };
    }
    if (outcome.ok) {
      try {
        await this.remove(fc, context);
      } catch (e) {
        // Filed already; a leftover session only offers a resubmit, which is idempotent.
        this.log.warn('could not clear a finished dialog', { error: String(e) });
      }
      return outcome;
    }
    await this.persist(session, context);
    return outcome.retryable
      ? { ...outcome, message: `${outcome.message} Your draft is kept: select Confirm again or type retry in a moment.` }
      : outcome;
  }

  private filedMessage(outcome: Extract<SubmitOutcome, { ok: true }>) {
    return outcome.card ? cardMessage(outcome.card, outcome.text) : plainMessage(outcome.text ?? 'Done.');
  }

  /**
   * The draft a confirmation card names. An id in another shape comes from a card made before
   * drafts had ids (finding cards carried the draft's start time): such a card, like one with
   * no id, acts on the open draft as it always did.
   */
  private claimedDraft(form: AnyForm, data: Record<string, unknown>): string | undefined {
    const id = str(data.draftId);
    return id?.startsWith(`${form.id}:`) ? id : undefined;
  }

  /** Answer to a confirmation card whose draft is not the open one: nothing is done, and the card says why. */
  private staleConfirmation(form: AnyForm, session: DialogSession | undefined, action: 'filed' | 'discarded' | 'changed'): VerbResponse {
    // Also what a redelivery of a confirm that filed gets: a message, so the filed card stays.
    if (!session) return { message: `This ${form.noun} was already filed or discarded, so nothing more was ${action}.` };
    const open = this.forms.get(session.dialog)?.noun ?? 'dialog';
    return {
      card: renderDialogNoticeCard({
        progress: `New ${form.noun} · out of date`,
        text: `This card is out of date, so nothing was ${action}.`,
        hint: `It belongs to an earlier ${form.noun} draft. Your open ${open} is kept: type resume to see it.`,
      }),
    };
  }

  /** The open draft a confirmation card's button acts on, or the answer when the card names another. */
  private async cardDraft(form: AnyForm, request: VerbRequest, action: 'filed' | 'changed'): Promise<{ fc: FormContext; open?: DialogSession } | { response: VerbResponse }> {
    const fc = this.formContext(request.context);
    const loaded = await this.load(fc, request.context);
    const claimed = this.claimedDraft(form, request.data);
    const open = loaded && loaded.dialog === form.id ? active(loaded) : undefined;
    if (claimed !== undefined && open?.submitKey !== claimed) return { response: this.staleConfirmation(form, loaded, action) };
    return open ? { fc, open } : { fc };
  }

  private async onConfirmVerb(form: AnyForm, request: VerbRequest): Promise<VerbResponse> {
    const found = await this.cardDraft(form, request, 'filed');
    if ('response' in found) return found.response;
    const { fc, open } = found;
    if (!open) return { message: `This ${form.noun} was already filed or discarded.` };
    if (open.step !== CONFIRM) return { message: `This ${form.noun} is not complete yet: answer the open question first.` };
    const outcome = await this.submit(request.context, form, open, fc);
    if (!outcome.ok) return { message: outcome.message };
    return outcome.card ? { card: outcome.card, updateForEveryone: true } : { message: outcome.text ?? 'Done.' };
  }

  private async onDiscardVerb(form: AnyForm, request: VerbRequest): Promise<VerbResponse> {
    const fc = this.formContext(request.context);
    const loaded = await this.load(fc, request.context);
    const claimed = this.claimedDraft(form, request.data);
    const open = loaded && loaded.dialog === form.id ? loaded : undefined;
    if (loaded && (!open || (claimed !== undefined && open.submitKey !== claimed))) return this.staleConfirmation(form, loaded, 'discarded');
    if (!open) return { message: `Nothing to discard: this ${form.noun} was already filed or discarded.` };
    await this.remove(fc, request.context);
    return { card: renderDialogNoticeCard({ progress: `New ${form.noun}`, text: `Discarded: the ${form.noun} was not saved.` }), updateForEveryone: true };
  }

  /**
   * The confirmation card's buttons that change answers: "Save changes" takes every edited field
   * (see saveEdits); a field too long to edit on the card, or a card from before, names one step
   * to ask again. Nothing is filed.
   */
  private async onEditVerb(form: AnyForm, request: VerbRequest): Promise<VerbResponse> {
    const found = await this.cardDraft(form, request, 'changed');
    if ('response' in found) return found.response;
    const { fc, open } = found;
    if (!open) return { message: `This ${form.noun} was already filed or discarded, so there is nothing to change.` };
    // Redelivered, or already changing an answer: the question now waiting.
    if (open.lastActivityId === request.invokeId || open.step !== CONFIRM) return { card: this.askCard(form, open, fc).card };
    const key = str(request.data[CHANGE_STEP_INPUT]);
    if (key === undefined && typeof request.data[EDIT_FIELDS] === 'string') return this.saveEdits(form, request, open, fc);
    const step = form.steps.find((s) => s.key === key && (s.changeable?.(open.draft) ?? true));
    if (!step) return { message: 'Choose the answer to change from the list on the card.' };
    const saved = await this.save(request.context, { ...open, step: `${EDIT}${step.key}`, lastActivityId: request.invokeId, updatedAt: fc.now.toISOString() });
    return { card: this.askCard(form, saved, fc).card, updateForEveryone: true };
  }

  /**
   * Edited fields of the confirmation card. When any differs from the draft, every field on the
   * card is answered again in the dialog's order, each checked by its step as a typed answer
   * would be, so rules across answers hold too (a building or a subnet). Any refused: nothing
   * changes, and the card shows every reason. Else the draft is saved and the first question
   * still unanswered (a change can make one apply or open one again) or the confirmation comes back.
   */
  private async saveEdits(form: AnyForm, request: VerbRequest, open: DialogSession, fc: FormContext): Promise<VerbResponse> {
    const onCard = new Set(str(request.data[EDIT_FIELDS])!.split(','));
    const fields = editFieldsOf(form, open.draft).filter((f) => onCard.has(f.field.key));
    // An input emptied on the card is left out of the data.
    const values: Record<string, string> = Object.fromEntries(fields.map(({ field }) => [field.key, (readDialogInput(request.data, fieldInputId(field.key), field.spec) ?? '').trim()]));
    const changed = fields.some(({ field }) => values[field.key] !== (field.spec.value ?? '').trim());
    let draft = open.draft;
    const errors: Record<string, string> = {};
    for (const { step, field, allowSkip } of changed ? fields : []) {
      const given = values[field.key]!;
      // An answer left as it was, whose question an earlier change opened again, is asked again instead.
      if (given === (field.spec.value ?? '').trim() && step.skip && !step.skip(draft)) continue;
      const outcome = step.answer(given === '' && allowSkip ? 'skip' : given, draft);
      if (outcome.ok) draft = outcome.draft;
      else errors[field.key] = outcome.message;
    }
    if (Object.keys(errors).length) return { card: this.confirmationCard(form, open, fc, { errors, values }).card };
    if (!changed) return { card: this.confirmationCard(form, open, fc).card };
    const next = this.advance(form, { ...open, draft, lastActivityId: request.invokeId, updatedAt: fc.now.toISOString() }, -1, request.invokeId);
    const saved = await this.save(request.context, next);
    return { card: this.askCard(form, saved, fc).card, updateForEveryone: true };
  }

  /**
   * The open session a leave-dialog button speaks for, or the answer when it speaks for none
   * (someone else's card, or a dialog that has since ended or started again).
   */
  private async claimed(request: VerbRequest): Promise<{ form: AnyForm; session: DialogSession; paused: boolean; fc: FormContext } | { response: VerbResponse }> {
    const userId = str(request.data.userId);
    if (userId && userId !== request.actor.id) return { response: { message: 'This question is for someone else: your own conversations are unchanged.' } };
    const fc = this.formContext(request.context);
    const loaded = await this.load(fc, request.context);
    const form = loaded ? this.forms.get(loaded.dialog) : undefined;
    const draftId = str(request.data.draftId);
    if (!loaded || !form || !draftId || loaded.dialog !== str(request.data.dialog) || loaded.submitKey !== draftId) {
      return { response: { card: renderDialogNoticeCard({ progress: 'Out of date', text: 'This question is out of date: that conversation is no longer open, so nothing was done.', hint: 'Type the command again to run it.' }) } };
    }
    return { form, session: active(loaded), paused: isAside(loaded), fc };
  }

  private leftNotice(form: AnyForm): VerbResponse {
    return {
      card: renderDialogNoticeCard({ progress: `New ${form.noun} · set aside`, text: `You left the ${form.noun} to run the command.`, hint: 'Your answers are kept: type resume to pick it up again, or discard to drop it.' }),
      updateForEveryone: true,
    };
  }

  private async onLeaveVerb(request: VerbRequest): Promise<VerbResponse> {
    const found = await this.claimed(request);
    if ('response' in found) return found.response;
    const { form, fc } = found;
    // Teams redelivers an invoke with the same id: the command ran the first time.
    if (found.session.lastActivityId === request.invokeId) return this.leftNotice(form);
    const command = str(request.data.command)?.trim();
    const session: DialogSession = { ...found.session, step: `${ASIDE}${found.session.step}`, lastActivityId: request.invokeId, updatedAt: fc.now.toISOString() };
    await this.save(request.context, session);
    if (command && this.commands) {
      try {
        await this.commands.run(request.context, command);
      } catch (e) {
        this.log.warn('command after leaving a dialog failed', { error: String(e) });
        await request.context.sendActivity(plainMessage('That command did not work just now. Type it again in a minute.'));
      }
    }
    return this.leftNotice(form);
  }

  private async onStayVerb(request: VerbRequest): Promise<VerbResponse> {
    const found = await this.claimed(request);
    if ('response' in found) return found.response;
    const { form, fc } = found;
    // Keeping on answering also takes back a "leave" pressed earlier.
    const session = await this.save(request.context, { ...found.session, lastActivityId: request.invokeId, updatedAt: fc.now.toISOString() });
    return { card: this.askCard(form, session, fc).card, updateForEveryone: true };
  }

  private async onAnswerVerb(request: VerbRequest): Promise<VerbResponse> {
    const found = await this.claimed(request);
    if ('response' in found) return found.response;
    const { form, fc } = found;
    let session = found.session;
    const index = form.steps.findIndex((s) => s.key === stepKey(session));
    const step = form.steps[index];
    // The question card's input (a date with its time), or the leave-dialog card's text; an input
    // left empty is absent from the data, and the step says what it needs.
    const forStep = step !== undefined && str(request.data.step) === session.step;
    const answer = forStep ? readDialogInput(request.data, ANSWER_INPUT, inputOf(step.ask(session.draft))) ?? '' : undefined;
    // Redelivered: applied the first time; the question now waiting.
    if (session.lastActivityId === request.invokeId) return { card: this.askCard(form, session, fc).card, updateForEveryone: true };
    session = { ...session, lastActivityId: request.invokeId, updatedAt: fc.now.toISOString() };
    // The dialog moved on since the card was made: nothing applied, the question now waiting.
    if (!step || answer === undefined) {
      const saved = await this.save(request.context, session);
      return { card: this.askCard(form, saved, fc, 'That was an answer to an earlier question, so I did not use it. Here is the current one.').card };
    }
    const outcome = step.answer(answer, session.draft);
    if (!outcome.ok) {
      const saved = await this.save(request.context, session);
      return { card: this.askCard(form, saved, fc, outcome.message, answer).card };
    }
    session = this.next(form, { ...session, draft: outcome.draft }, index, request.invokeId);
    const saved = await this.save(request.context, session);
    return { card: this.askCard(form, saved, fc).card, updateForEveryone: true };
  }

  private resumeOrDiscard(noun: string, session: DialogSession, lead: string, then?: { form: AnyForm; args: string }) {
    const since = new Date(session.updatedAt).toUTCString().replace(':00 GMT', ' UTC');
    // Offered when a command would start a dialog: drop the unfinished one and start that instead.
    const startInstead = then && fitsOnCard(then.args)
      ? [{ title: `Discard it, start a new ${then.form.noun}`, value: 'discard', data: { startForm: then.form.id, startArgs: then.args } }]
      : [];
    return cardMessage(renderQuestionCard({
      dialog: session.dialog,
      ...(session.submitKey ? { draftId: session.submitKey } : {}),
      progress: `Unfinished ${noun}`,
      question: `${lead} an unfinished ${noun} (last answer ${since}). Resume it, or discard it?`,
      choices: [{ title: 'Resume', value: 'resume' }, { title: 'Discard', value: 'discard' }, ...startInstead],
    }));
  }

  private formContext(context: TurnContext): FormContext {
    return { workspace: workspaceOf(context.activity), conversationId: targetConversationId(context.activity), actor: userOf(context.activity), now: this.clock() };
  }

  private key(fc: FormContext): string {
    return `${fc.workspace.tenantId}|${fc.conversationId}|${fc.actor.id}`;
  }

  private async load(fc: FormContext, context: TurnContext): Promise<DialogSession | undefined> {
    const key = this.key(fc);
    const held = this.held.get(key);
    if (held) return held;
    // Read with the conversation row at the start of the turn (or saved since): no second read.
    const known = knownSession(context);
    if (known && 'session' in known) {
      this.remember(key, known.session);
      return known.session;
    }
    try {
      if (known) throw known.failed;
      const session = await this.sessions.get(fc.workspace, fc.conversationId, fc.actor.id);
      this.remember(key, session);
      updateKnownSession(context, session);
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

  private async persist(session: DialogSession, context: TurnContext): Promise<{ held: boolean }> {
    const key = `${session.workspace.tenantId}|${session.conversationId}|${session.userId}`;
    this.remember(key, session);
    const hint = knownListing(context);
    try {
      const saved = await this.sessions.save({ ...session, etag: undefined }, hint);
      updateKnownSession(context, session, saved.outcome);
      this.held.delete(key);
      return { held: false };
    } catch (e) {
      this.log.warn('could not save dialog state; holding it in memory', { error: String(e) });
      this.held.set(key, session);
      return { held: true };
    }
  }

  private async remove(fc: FormContext, context: TurnContext): Promise<void> {
    this.held.delete(this.key(fc));
    this.recent.delete(this.key(fc));
    const hint = knownListing(context);
    const outcome = await this.sessions.delete(fc.workspace, fc.conversationId, fc.actor.id, hint);
    updateKnownSession(context, undefined, outcome ?? undefined);
  }
}
