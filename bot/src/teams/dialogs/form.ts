// A form dialog: a draft filled one answer at a time, confirmed on a card, then submitted.
// Feature folders define forms from their domain's step validators; the runner does the rest.
import type { DialogInputSpec } from '../../cards/dialog-inputs';
import type { CommandName } from '../../domain/commands';
import type { Workspace } from '../../domain/workspace';

export interface Question {
  text: string;
  hint?: string;
  choices?: { title: string; value: string }[];
  /** Offer a Skip button; the step then receives the input 'skip'. */
  allowSkip?: boolean;
  /**
   * How the card takes the answer, prefilled with `value` (the current answer, or the suggested
   * one). Default: a choice list when there are choices, else one line of text.
   */
  input?: DialogInputSpec;
}

export type StepOutcome<D> = { ok: true; draft: D } | { ok: false; message: string };

export interface FormStep<D> {
  key: string;
  ask(draft: D): Question;
  answer(input: string, draft: D): StepOutcome<D>;
  /** Steps whose answer is already known (e.g. from a one-line shortcut) are skipped. */
  skip?(draft: D): boolean;
  /** Whether the confirmation card offers to change this answer (default: always). */
  changeable?(draft: D): boolean;
  /** What the answer is called on "Change an answer" (default: from the key, "networkType" → "Network type"). */
  label?: string;
}

export interface FormContext {
  workspace: Workspace;
  conversationId: string;
  actor: { id: string; aadObjectId?: string; name: string };
  now: Date;
}

export type SubmitOutcome =
  | { ok: true; card?: Record<string, unknown>; text?: string }
  | { ok: false; retryable: boolean; message: string };

export interface FormDefinition<D> {
  /** Dialog id; its confirm/discard/edit verbs are `<id>.confirm`, `<id>.discard` and `<id>.edit`. */
  id: string;
  /** What the user is filing, for messages ("finding", "escalation"). */
  noun: string;
  /** Starts a draft; text after the command may prefill it (one-line shortcut). */
  begin(args: string, context: FormContext): Promise<{ draft: D } | { error: string }> | { draft: D } | { error: string };
  /**
   * The command that starts this form and the text after it that it reads as a one-line
   * shortcut: such text typed while another dialog waits is a command, not an answer. Without
   * it only the bare command word counts as one.
   */
  startedBy?: { command: CommandName; takes(args: string): boolean };
  steps: FormStep<D>[];
  /**
   * The confirmation card. The runner puts `draftId` in the data of this form's confirm and
   * discard buttons (so a card of an earlier draft files nothing); a form may show it too.
   */
  confirmCard(draft: D, context: FormContext & { draftId: string }): Record<string, unknown>;
  /** Files the draft. Must be idempotent on `idempotencyKey`: retries file once. */
  submit(draft: D, context: FormContext & { idempotencyKey: string }): Promise<SubmitOutcome>;
}

/** Form definitions are stored heterogeneously; the runner only passes drafts through. */
export type AnyForm = FormDefinition<any>;
