// Severity levels and what each commits to, as data. The defaults follow the support service
// description (seed 003); a workspace may override the response and update targets, and the
// bot always shows the resulting commitment before anyone chooses a severity.

export type SeverityLevel = '1' | 'A' | 'B' | 'C' | 'D';
export const SEVERITY_LEVELS: readonly SeverityLevel[] = ['1', 'A', 'B', 'C', 'D'];

export interface SeverityRule {
  level: SeverityLevel;
  name: string;
  /** What business impact this level stands for. */
  definition: string;
  /** Severity 1 is declared by the vendor only; we record it when the vendor raises it. */
  declaredBy: 'vendor' | 'customer';
  /** Severity D is for non-production requests. */
  production: boolean;
  /** Initial response goal in minutes; null = no goal (vendor-declared or non-production). */
  initialResponseMinutes: number | null;
  /** Status update cadence in minutes, measured in absolute time; null = "as agreed" (no reminders). */
  updateEveryMinutes: number | null;
  /** Both sides owe each other updates at the cadence (1 and A), not only the vendor. */
  updatesBothWays: boolean;
  /** An outage notification goes to the designated audience at declaration, every update and resolution. */
  outageNotification: boolean;
}

export interface SeverityPolicy {
  rules: Record<SeverityLevel, SeverityRule>;
  /** A "next update due" reminder goes this many minutes before the update is due. */
  reminderLeadMinutes: number;
}

const HOUR = 60;

export const DEFAULT_SEVERITY_POLICY: SeverityPolicy = {
  reminderLeadMinutes: 15,
  rules: {
    '1': {
      level: '1',
      name: 'Catastrophic',
      definition: 'A service, system, network, server or critical application is down and production or profitability is hit across several customers.',
      declaredBy: 'vendor',
      production: true,
      initialResponseMinutes: null,
      updateEveryMinutes: 1 * HOUR,
      updatesBothWays: true,
      outageNotification: true,
    },
    A: {
      level: 'A',
      name: 'Critical',
      definition: 'Production, operations or deadlines are severely hit, or will be; core services are degraded.',
      declaredBy: 'customer',
      production: true,
      initialResponseMinutes: 1 * HOUR,
      updateEveryMinutes: 2 * HOUR,
      updatesBothWays: true,
      outageNotification: true,
    },
    B: {
      level: 'B',
      name: 'Urgent',
      definition: 'Moderate business impact: people can still use the service, but it is significantly impaired.',
      declaredBy: 'customer',
      production: true,
      initialResponseMinutes: 1 * HOUR,
      updateEveryMinutes: 24 * HOUR,
      updatesBothWays: false,
      outageNotification: false,
    },
    C: {
      level: 'C',
      name: 'Important',
      definition: 'Little current impact on the service or productivity, for example one user partly affected.',
      declaredBy: 'customer',
      production: true,
      initialResponseMinutes: 1 * HOUR,
      updateEveryMinutes: 72 * HOUR,
      updatesBothWays: false,
      outageNotification: false,
    },
    D: {
      level: 'D',
      name: 'Advisory',
      definition: 'A non-production request.',
      declaredBy: 'customer',
      production: false,
      initialResponseMinutes: null,
      updateEveryMinutes: null,
      updatesBothWays: false,
      outageNotification: false,
    },
  },
};

/** What a workspace may change: the targets, not the nature of a level. */
export interface SeverityOverrides {
  reminderLeadMinutes?: number;
  levels?: Partial<Record<SeverityLevel, { initialResponseMinutes?: number | null; updateEveryMinutes?: number | null }>>;
}

export const MIN_TARGET_MINUTES = 5;
export const MAX_TARGET_MINUTES = 30 * 24 * HOUR;

export function isSeverityLevel(v: unknown): v is SeverityLevel {
  return typeof v === 'string' && (SEVERITY_LEVELS as readonly string[]).includes(v);
}

/** Checks overrides (e.g. from the tab API, so of unknown shape); every problem is listed. */
export function validateSeverityOverrides(input: unknown): { ok: true; overrides: SeverityOverrides } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return { ok: false, errors: ['The severity settings must be an object.'] };
  const o = input as Record<string, unknown>;
  const out: SeverityOverrides = {};
  for (const key of Object.keys(o)) if (key !== 'reminderLeadMinutes' && key !== 'levels') errors.push(`"${key}" is not a severity setting.`);
  const minutes = (v: unknown, what: string, nullable: boolean): number | null | undefined => {
    if (v === undefined) return undefined;
    if (v === null && nullable) return null;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < MIN_TARGET_MINUTES || v > MAX_TARGET_MINUTES) {
      errors.push(`${what} must be a whole number of minutes from ${MIN_TARGET_MINUTES} to ${MAX_TARGET_MINUTES}${nullable ? ', or none' : ''}.`);
      return undefined;
    }
    return v;
  };
  const lead = minutes(o.reminderLeadMinutes, 'The reminder lead time', false);
  if (typeof lead === 'number') out.reminderLeadMinutes = lead;
  if (o.levels !== undefined) {
    if (o.levels === null || typeof o.levels !== 'object' || Array.isArray(o.levels)) errors.push('"levels" must be an object keyed by severity (1, A, B, C, D).');
    else {
      out.levels = {};
      for (const [level, value] of Object.entries(o.levels as Record<string, unknown>)) {
        if (!isSeverityLevel(level)) {
          errors.push(`"${level}" is not a severity; use 1, A, B, C or D.`);
          continue;
        }
        if (value === null || typeof value !== 'object' || Array.isArray(value)) {
          errors.push(`Severity ${level}: the targets must be an object.`);
          continue;
        }
        const v = value as Record<string, unknown>;
        for (const key of Object.keys(v)) if (key !== 'initialResponseMinutes' && key !== 'updateEveryMinutes') errors.push(`Severity ${level}: "${key}" cannot be changed.`);
        const target: { initialResponseMinutes?: number | null; updateEveryMinutes?: number | null } = {};
        if (level === '1' && v.initialResponseMinutes !== undefined && v.initialResponseMinutes !== null) {
          errors.push('Severity 1 is declared by the vendor, so it has no initial response goal for us to set.');
        } else {
          const r = minutes(v.initialResponseMinutes, `Severity ${level} initial response`, true);
          if (r !== undefined) target.initialResponseMinutes = r;
        }
        const u = minutes(v.updateEveryMinutes, `Severity ${level} update cadence`, true);
        if (u !== undefined) target.updateEveryMinutes = u;
        out.levels[level] = target;
      }
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true, overrides: out };
}

/** The workspace's policy: defaults with its (validated) overrides applied. */
export function resolveSeverityPolicy(overrides: SeverityOverrides | undefined, base: SeverityPolicy = DEFAULT_SEVERITY_POLICY): SeverityPolicy {
  const rules = { ...base.rules };
  for (const level of SEVERITY_LEVELS) {
    const o = overrides?.levels?.[level];
    if (!o) continue;
    rules[level] = {
      ...rules[level],
      ...(o.initialResponseMinutes !== undefined ? { initialResponseMinutes: o.initialResponseMinutes } : {}),
      ...(o.updateEveryMinutes !== undefined ? { updateEveryMinutes: o.updateEveryMinutes } : {}),
    };
  }
  return { rules, reminderLeadMinutes: overrides?.reminderLeadMinutes ?? base.reminderLeadMinutes };
}

/** "1 hour", "2 hours", "1 hour 30 minutes", "72 hours". */
export function formatDuration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const hs = h ? `${h} hour${h === 1 ? '' : 's'}` : '';
  const ms = m ? `${m} minute${m === 1 ? '' : 's'}` : '';
  return [hs, ms].filter(Boolean).join(' ') || '0 minutes';
}

export function severityLabel(rule: SeverityRule): string {
  return `${rule.level} ${rule.name}`;
}

/** One paragraph saying what choosing this severity commits both sides to. */
export function describeCommitment(policy: SeverityPolicy, level: SeverityLevel): string {
  const r = policy.rules[level];
  const parts: string[] = [`Severity ${severityLabel(r)}: ${r.definition}`];
  if (r.declaredBy === 'vendor') parts.push('Only the vendor can declare it; we record it when the vendor raises it.');
  if (!r.production) parts.push('For non-production requests only.');
  parts.push(r.initialResponseMinutes === null ? 'No initial response goal.' : `First response within ${formatDuration(r.initialResponseMinutes)}.`);
  if (r.updateEveryMinutes === null) parts.push('Status updates as agreed; no update reminders.');
  else
    parts.push(
      r.updatesBothWays
        ? `Status updates every ${formatDuration(r.updateEveryMinutes)} in both directions: the vendor updates us and we update the vendor.`
        : `The vendor updates us every ${formatDuration(r.updateEveryMinutes)}.`,
    );
  if (r.outageNotification) parts.push('An outage notification goes to the designated audience when it is declared, at every update and at resolution.');
  return parts.join(' ');
}

/** Accepts "A", "a", "sev a", "severity A", "critical", "A Critical". */
export function parseSeverity(text: string, policy: SeverityPolicy = DEFAULT_SEVERITY_POLICY): SeverityLevel | undefined {
  const t = text.trim().toLowerCase().replace(/^(sev(erity)?\.?\s*)/, '').trim();
  for (const level of SEVERITY_LEVELS) {
    const name = policy.rules[level].name.toLowerCase();
    if (t === level.toLowerCase() || t === name || t === `${level.toLowerCase()} ${name}` || t === `${level.toLowerCase()} - ${name}`) return level;
  }
  return undefined;
}

/** True when `a` is more severe than `b`: 1 above A above B, C and D (the seed's table order). */
export function isMoreSevere(a: SeverityLevel, b: SeverityLevel): boolean {
  return SEVERITY_LEVELS.indexOf(a) < SEVERITY_LEVELS.indexOf(b);
}

/** The most severe of the given levels. */
export function mostSevere(first: SeverityLevel, ...rest: SeverityLevel[]): SeverityLevel {
  return rest.reduce((top, l) => (isMoreSevere(l, top) ? l : top), first);
}
