// "Edit answers" on a dialog's confirmation card: every answer that can change as an input
// prefilled with the draft's value, saved together with one Action.Execute of the form's edit
// verb. The form runner checks them with the steps' own rules and changes nothing unless all are
// valid; then the card comes back with every reason under its field and the values as typed.
// The runner adds it to every form's confirmation card, so each form gets it the same way.
import { type DialogChoice, type DialogInputSpec, renderDialogInput } from './dialog-inputs';

export interface EditField {
  /** The step key. */
  key: string;
  label: string;
  spec: DialogInputSpec;
  choices?: DialogChoice[];
}

export interface EditFieldsInput {
  /** The form's edit verb (`<form>.edit`). */
  verb: string;
  draftId: string;
  /** The answers that can be changed, in the dialog's order. */
  fields: EditField[];
  /** After a save with invalid answers: the reason for each field that was refused. */
  errors?: Record<string, string>;
  /** The values as submitted, shown again instead of the draft's. */
  values?: Record<string, string>;
}

/** The input id a field's new value arrives in. */
export const fieldInputId = (key: string) => `field.${key}`;
/** Data of the save button: the keys of the fields that have an input on the card, comma-separated. */
export const EDIT_FIELDS = 'editFields';
/** The input id the chosen step arrives in (cards that asked a chosen question again). */
export const CHANGE_STEP_INPUT = 'editStep';
/** The card stays under Teams' 25 KB with room for the envelope. */
const MAX_CARD_BYTES = 24 * 1024;

const bytes = (x: unknown) => Buffer.byteLength(JSON.stringify(x), 'utf8');

/** The card with "Edit answers" added after its own actions, or the fields inline with their errors. */
export function withEditFields(card: Record<string, unknown>, input: EditFieldsInput): Record<string, unknown> {
  if (!input.fields.length) return card;
  const fields = input.fields.map((f) => (input.values && f.key in input.values ? { ...f, spec: { ...f.spec, value: input.values[f.key] } } : f));
  // Fields too long to fit twice (shown and in the input) are asked again instead.
  const askAgain = new Set<string>();
  const build = () => assemble(card, input, fields, askAgain);
  let out = build();
  if (bytes(out) <= MAX_CARD_BYTES) return out;
  const size = new Map(fields.map((f) => [f.key, bytes(f.spec.value ?? '')]));
  const bySize = fields.filter((f) => f.spec.kind === 'text' || f.spec.kind === 'multiline').sort((a, b) => size.get(b.key)! - size.get(a.key)!);
  for (const f of bySize) {
    askAgain.add(f.key);
    out = build();
    if (bytes(out) <= MAX_CARD_BYTES) break;
  }
  return out;
}

function assemble(card: Record<string, unknown>, input: EditFieldsInput, fields: EditField[], askAgain: ReadonlySet<string>): Record<string, unknown> {
  const editable = fields.filter((f) => !askAgain.has(f.key));
  const items: Record<string, unknown>[] = editable.flatMap((f) => {
    const error = input.errors?.[f.key];
    return [
      // Dropdowns keep a card of many answers short.
      ...renderDialogInput(fieldInputId(f.key), f.spec, f.choices, { label: f.label, compact: true }),
      ...(error ? [{ type: 'RichTextBlock', spacing: 'None', inlines: [{ type: 'TextRun', text: error, color: 'Attention', size: 'Small' }] }] : []),
    ];
  });
  const again = fields.filter((f) => askAgain.has(f.key));
  if (again.length) {
    items.push({ type: 'TextBlock', text: 'Too long to edit here, so asked again as a question:', isSubtle: true, wrap: true, size: 'Small' });
    items.push({ type: 'ActionSet', actions: again.map((f) => ({ type: 'Action.Execute', title: `Ask again: ${f.label}`, verb: input.verb, associatedInputs: 'none', data: { draftId: input.draftId, [CHANGE_STEP_INPUT]: f.key } })) });
  }
  const save = { type: 'Action.Execute', title: 'Save changes', verb: input.verb, data: { draftId: input.draftId, [EDIT_FIELDS]: editable.map((f) => f.key).join(',') } };
  const actions = Array.isArray(card.actions) ? card.actions : [];
  const body = Array.isArray(card.body) ? card.body : [];
  if (input.errors && Object.keys(input.errors).length) {
    const heading = { type: 'TextBlock', text: 'Nothing was changed: correct the answers marked below and save again.', color: 'Attention', weight: 'Bolder', wrap: true };
    return { ...card, body: [...body, { type: 'Container', style: 'emphasis', spacing: 'Medium', items: [heading, ...items] }], actions: [save, ...actions] };
  }
  const edit = { type: 'Action.ShowCard', title: 'Edit answers', card: { type: 'AdaptiveCard', body: items, actions: [save] } };
  return { ...card, actions: [...actions, edit] };
}
