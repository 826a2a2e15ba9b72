// "File a finding" from the message extension: the dialog's form as one page. The fields are
// pre-filled from the message the command was started on (the one-line shortcut's reading of
// it), and a submitted form is checked by the same step rules as the chat dialog, field by
// field, then confirmDraft: every problem is named at once and nothing is filed until all pass.
import { DEFAULT_ROLE_NAMES, defaultOwningRole } from '../findings/catalog';
import { answer, type ConfirmedDraft, confirmDraft, type FindingDraft, newDraft, type StepContext, type StepId } from '../findings/draft';
import { parseFindingShortcut } from '../findings/shortcut';
import { LIMITS } from '../findings/text';

export const FINDING_FIELDS = ['category', 'building', 'subnet', 'networkType', 'metric', 'value', 'description', 'evidence', 'owningRole'] as const;
export type FindingField = (typeof FINDING_FIELDS)[number];
export type FindingFields = Record<FindingField, string>;

export interface FieldError {
  field: FindingField;
  message: string;
}

/** Fields a finding can be filed without; left empty, their step is skipped. */
const OPTIONAL: ReadonlySet<FindingField> = new Set(['building', 'subnet', 'networkType', 'metric', 'value', 'evidence', 'owningRole']);

const clipTo = (text: string, max: number) => ([...text].length > max ? `${[...text].slice(0, max - 1).join('')}…` : text);

/** The form's starting values, read from a message's text (and its link, as the evidence). */
export function findingPrefill(text: string, now: Date, opts: StepContext & { link?: string } = {}): FindingFields {
  const shortcut = parseFindingShortcut(text, now, opts);
  const d = shortcut.draft;
  const category = d.category ?? '';
  return {
    category,
    building: d.building ?? '',
    subnet: d.subnet ?? '',
    networkType: d.networkType ?? '',
    metric: d.metric && d.metric !== 'named' ? d.metric : '',
    value: d.value !== undefined && d.metric !== 'named' ? String(d.value) : '',
    // The whole message: what the person saw, in their words (the card shows it literally).
    description: clipTo(text.trim(), LIMITS.description),
    evidence: opts.link && opts.link.length <= LIMITS.evidence ? opts.link : '',
    owningRole: category ? defaultOwningRole(d.category!, opts.roles?.length ? opts.roles : DEFAULT_ROLE_NAMES) : '',
  };
}

/** Reads untrusted form values (anything not a string reads as empty). */
export function findingFields(data: Readonly<Record<string, unknown>>): FindingFields {
  const out = {} as FindingFields;
  for (const f of FINDING_FIELDS) {
    const v = Object.prototype.hasOwnProperty.call(data, f) ? data[f] : undefined;
    out[f] = typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
  }
  return out;
}

/** The form as a confirmed draft, or every field that is wrong. */
export function checkFindingFields(fields: FindingFields, now: Date, ctx: StepContext = {}): { ok: true; draft: ConfirmedDraft } | { ok: false; errors: FieldError[] } {
  let draft: FindingDraft = newDraft(now);
  const errors: FieldError[] = [];
  for (const field of FINDING_FIELDS) {
    const input = field === 'description' ? fields[field] : fields[field].trim();
    if (input === '' && OPTIONAL.has(field)) continue;
    // A value without a metric is a mistake to name, not a step to skip silently.
    if (field === 'value' && !draft.metric) {
      errors.push({ field, message: 'A value needs a metric: choose which metric it is.' });
      continue;
    }
    if (field === 'subnet' && input === '') continue;
    const r = answer(draft, field as StepId, input, now, ctx);
    if (r.ok) draft = r.draft;
    else errors.push({ field, message: r.error });
  }
  if (errors.length) return { ok: false, errors };
  const checked = confirmDraft(draft, ctx);
  if (!checked.ok) return { ok: false, errors: [{ field: fieldOf(checked.error), message: checked.error }] };
  return { ok: true, draft: checked.value };
}

/** The field a final check's message is about, so the form shows it in the right place. */
function fieldOf(error: string): FindingField {
  if (/category/i.test(error)) return 'category';
  if (/building|subnet/i.test(error)) return 'building';
  if (/description/i.test(error)) return 'description';
  if (/role map|team/i.test(error)) return 'owningRole';
  return 'description';
}
