// The remediation time box per finding category: how many days a finding may stay "in
// remediation" before it is overdue. Neither the Quality Experience Review nor the other sources
// name remediation deadlines, so every category starts at this product's default, the
// workspace's "days to remediate once started" (30: one monthly review cycle, as the review runs
// month by month); a workspace sets its own per category on the quality settings card (a
// firewall rule may be fixed in a week while new Wi-Fi coverage takes a quarter). A category
// left blank uses that default.
import { CATEGORIES, type CategoryId } from './catalog';

/** Days per category; a category without its own value uses the in-remediation default. */
export type RemediationDays = Partial<Record<CategoryId, number>>;

export const REMEDIATION_CATEGORIES: readonly CategoryId[] = CATEGORIES.map((c) => c.id);

/** Card input id of a category's time box. */
export const remediationInputId = (category: CategoryId) => `rem_${category}`;

/** The days a finding of `category` has in remediation under these settings. */
export function remediationDaysOf(dueDays: { 'in-remediation': number; byCategory?: RemediationDays }, category: CategoryId): number {
  return dueDays.byCategory?.[category] ?? dueDays['in-remediation'];
}

/**
 * Reads the card's per-category inputs: a blank one uses the default, anything else must be
 * whole days in range (`read` is the settings' own number rule, which names the field).
 */
export function readRemediationInputs(
  own: (key: string) => unknown,
  read: (value: unknown, what: string) => number | string,
  errors: Record<string, string>,
): RemediationDays {
  const out: RemediationDays = {};
  for (const c of CATEGORIES) {
    const id = remediationInputId(c.id);
    const v = own(id);
    if (v === undefined || (typeof v === 'string' && v.trim() === '')) continue;
    const n = read(v, `Days to remediate, ${c.short}`);
    if (typeof n === 'string') errors[id] = n;
    else out[c.id] = n;
  }
  return out;
}

/** A stored value read back: only whole days in range are kept (anything else falls back to the default). */
export function storedRemediationDays(json: unknown, range: { min: number; max: number }): RemediationDays {
  let v: unknown;
  try {
    v = typeof json === 'string' ? JSON.parse(json) : undefined;
  } catch {
    return {};
  }
  if (!v || typeof v !== 'object') return {};
  const out: RemediationDays = {};
  for (const id of REMEDIATION_CATEGORIES) {
    const n = (v as Record<string, unknown>)[id];
    if (typeof n === 'number' && Number.isInteger(n) && n >= range.min && n <= range.max) out[id] = n;
  }
  return out;
}
