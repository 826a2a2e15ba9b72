// The input a dialog question is answered with on its card, and how its value comes back. Teams
// sends an Action.Execute as an adaptiveCard/action invoke whose `value.action.data` is the
// button's data with every input of the card (and of the parent cards of a ShowCard) merged in
// under its id, each value as a string; an input left empty may be absent.

export type DialogInputKind = 'text' | 'multiline' | 'choice' | 'date' | 'number';

export interface DialogInputSpec {
  kind: DialogInputKind;
  placeholder?: string;
  maxLength?: number;
  /** For 'date': a time of day is asked for too (the answer is "YYYY-MM-DD HH:MM"). */
  withTime?: boolean;
  /** What the input holds when shown: the current answer, or the suggested one. */
  value?: string;
}

export interface DialogChoice { title: string; value: string }

/** Choice lists up to this long are shown as radio buttons; longer ones as a dropdown. */
const EXPANDED_CHOICES = 7;
/** The id of the time input that goes with a date input. */
export const timeInputId = (id: string) => `${id}Time`;

/** The card elements that take the answer (a date with a time is two inputs). */
export function renderDialogInput(id: string, spec: DialogInputSpec, choices: readonly DialogChoice[] = [], options: { label?: string; required?: boolean; compact?: boolean } = {}): Record<string, unknown>[] {
  const value = spec.value ?? '';
  const common = {
    id,
    ...(options.label ? { label: options.label } : {}),
    ...(options.required ? { isRequired: true, errorMessage: 'An answer is needed here (or select Skip).' } : {}),
  };
  switch (spec.kind) {
    case 'choice':
      return [{
        type: 'Input.ChoiceSet', ...common,
        style: choices.length <= EXPANDED_CHOICES && !options.compact ? 'expanded' : 'compact',
        wrap: true,
        ...(spec.placeholder ? { placeholder: spec.placeholder } : {}),
        ...(choices.some((c) => c.value === value) ? { value } : {}),
        choices: choices.map((c) => ({ title: c.title, value: c.value })),
      }];
    case 'number': {
      const n = Number(value);
      return [{ type: 'Input.Number', ...common, ...(spec.placeholder ? { placeholder: spec.placeholder } : {}), ...(value !== '' && Number.isFinite(n) ? { value: n } : {}) }];
    }
    case 'date': {
      const [date = '', time = ''] = value.split(' ');
      const dateInput = { type: 'Input.Date', ...common, ...(/^\d{4}-\d{2}-\d{2}$/.test(date) ? { value: date } : {}) };
      if (!spec.withTime) return [dateInput];
      return [dateInput, { type: 'Input.Time', id: timeInputId(id), ...(options.label ? { label: `${options.label}: time` } : {}), ...(/^\d{2}:\d{2}$/.test(time) ? { value: time } : {}) }];
    }
    default:
      return [{
        type: 'Input.Text', ...common,
        ...(spec.kind === 'multiline' ? { isMultiline: true } : {}),
        ...(spec.placeholder ? { placeholder: spec.placeholder } : {}),
        ...(spec.maxLength ? { maxLength: spec.maxLength } : {}),
        ...(value ? { value } : {}),
      }];
  }
}

/** The answer an input sent, as the step's typed answer would be; undefined when the data has none. */
export function readDialogInput(data: Record<string, unknown>, id: string, spec: DialogInputSpec): string | undefined {
  const text = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : undefined);
  const value = text(data[id]);
  if (spec.kind !== 'date' || !spec.withTime || value === undefined) return value;
  const time = text(data[timeInputId(id)]);
  return time && /^\d{4}-\d{2}-\d{2}$/.test(value.trim()) ? `${value.trim()} ${time.trim().slice(0, 5)}` : value;
}
