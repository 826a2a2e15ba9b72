// The one-line shortcut: `finding VPN: poor audio in Building 6, PSR 4.1%`.
// Generous in what it accepts: category aliases before a colon (or as the first word), a metric
// with a percentage anywhere, a building/site, a CIDR subnet and a network type named in the
// text. What it finds becomes a draft; what it cannot find is left for the dialog to ask.
import { CATEGORIES, type CategoryId, defaultArea, defaultOwningRole, findCategory, findMetric, type MetricId, type NetworkTypeId } from './catalog';
import { parseSubnet } from './cidr';
import { type FindingDraft, newDraft, type StepContext, type StepId } from './draft';
import { checkText, LIMITS } from './text';
import { findSites } from '../text/site-names';

export interface ShortcutResult {
  /** false when there was nothing after the command word: start the step-by-step dialog. */
  matched: boolean;
  draft: FindingDraft;
  /** Fields the parser could not fill, or problems it found (e.g. a malformed subnet). */
  problems: string[];
}

const METRIC_WORDS = '(psr|poor stream rate|poor streams?|poor|setup failure rate|setup failures?|setup|sfr|drop failure rate|drop failures?|drops?|dropped|dfr)';
const METRIC_RE = new RegExp(`(?:^|[\\s,;(])${METRIC_WORDS}\\s*(?:[:=]|of|at|is)?\\s*(\\d{1,3}(?:[.,]\\d+)?)\\s*%`, 'i');
const PERCENT_FIRST_RE = new RegExp(`(?:^|[\\s,;(])(\\d{1,3}(?:[.,]\\d+)?)\\s*%\\s*${METRIC_WORDS}\\b`, 'i');
const CIDR_RE = /(?:^|[\s,;(])((?:\d{1,3}\.){3}\d{1,3}\/\d{1,3}|[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}\/\d{1,3})(?=$|[\s,;)])/i;
const NETWORK_PATTERNS: [RegExp, NetworkTypeId][] = [
  [/\b(?:wi-?fi\s*)?2[.,]4\s*ghz\b|\bwi-?fi\s*2[.,]4\b/i, 'wifi-2.4'],
  [/\b(?:wi-?fi\s*)?5\s*ghz\b|\bwi-?fi\s*5\b/i, 'wifi-5'],
  [/\bwired\b|\bethernet\b/i, 'wired'],
  [/\bvpn\b/i, 'vpn'],
  [/\bexternal\b|\bfrom home\b|\bhotel\b/i, 'external'],
  [/\bwi-?fi\b|\bwireless\b/i, 'wifi'],
];

function categoryPrefix(text: string): { category?: CategoryId; rest: string } {
  const colon = /^([^:\n]{1,40}):\s*(.*)$/s.exec(text);
  if (colon) {
    const c = findCategory(colon[1]!);
    if (c) return { category: c.id, rest: colon[2]! };
  }
  // No colon: try the longest alias the text starts with ("wifi poor coverage in ...").
  const lower = text.toLowerCase();
  let best: { id: CategoryId; len: number } | undefined;
  for (const c of CATEGORIES) {
    for (const a of [c.short.toLowerCase(), ...c.aliases]) {
      if (lower.startsWith(a) && /^$|^[\s,:;-]/.test(lower.slice(a.length, a.length + 1)) && (!best || a.length > best.len)) best = { id: c.id, len: a.length };
    }
  }
  if (best) return { category: best.id, rest: text.slice(best.len).replace(/^[\s,:;-]+/, '') };
  return { rest: text };
}

/** `text` is what followed the command word ("VPN: poor audio in Building 6, PSR 4.1%"). */
export function parseFindingShortcut(text: string, now: Date, ctx: StepContext = {}): ShortcutResult {
  const draft = newDraft(now);
  const problems: string[] = [];
  const trimmed = text.replace(/^\s*\/?finding\b[\s:]*/i, '').trim();
  if (!trimmed) return { matched: false, draft, problems };

  const done = new Set<StepId>();
  const { category, rest } = categoryPrefix(trimmed);
  if (category) {
    draft.category = category;
    done.add('category');
  } else problems.push('I could not tell the category.');

  const description = readMetric(rest, draft, done);
  readPlace(rest, category, draft, done, problems);
  if (description) {
    const d = checkText('The description', description, LIMITS.description, { multiline: true });
    if (d.ok) {
      draft.description = d.value;
      done.add('description');
    } else problems.push(d.error);
  } else problems.push('There was no description.');
  draft.done = [...completeShortcutSteps(draft, done, ctx)];
  return { matched: true, draft, problems };
}

/** Fills the metric and its percentage when the text names both; returns the description without that clause. */
function readMetric(rest: string, draft: FindingDraft, done: Set<StepId>): string {
  const wordFirst = METRIC_RE.exec(rest);
  const m = wordFirst ?? PERCENT_FIRST_RE.exec(rest);
  if (!m) return rest;
  const [word, number] = wordFirst ? [m[1]!, m[2]!] : [m[2]!, m[1]!];
  const metric = findMetric(word.toLowerCase()) ?? findMetric(word.toLowerCase().replace(/s$/, ''));
  const value = Number(number.replace(',', '.'));
  if (!metric || value > 100) return rest;
  draft.metric = metric.id as MetricId;
  draft.value = value;
  draft.unit = '%';
  done.add('metric').add('value');
  // Drop the metric clause and the separator before it from the description.
  return (rest.slice(0, m.index) + rest.slice(m.index + m[0].length)).replace(/\s*[,;]\s*$/, '').replace(/\s{2,}/g, ' ').trim();
}

/** Fills the building, the subnet and the network type the text names. */
function readPlace(rest: string, category: CategoryId | undefined, draft: FindingDraft, done: Set<StepId>, problems: string[]): void {
  const [site] = findSites(rest);
  if (site) {
    const ok = checkText('The building name', site.name.replace(/[.,]+$/, ''), LIMITS.shortText);
    if (ok.ok) {
      draft.building = ok.value;
      done.add('building');
    }
  }
  const c = CIDR_RE.exec(rest);
  if (c) {
    const s = parseSubnet(c[1]!);
    if (s.ok) {
      draft.subnet = s.value.canonical;
      done.add('subnet');
    } else problems.push(s.error);
  }
  const net = NETWORK_PATTERNS.find(([re]) => re.test(rest))?.[1] ?? (category === 'vpn' ? 'vpn' : undefined);
  if (net) {
    draft.networkType = net;
    done.add('networkType');
  }
}

/**
 * What the shortcut did not say is either defaulted (area, owning team) or left out (it is
 * optional): the draft goes straight to confirmation when the required parts are there.
 */
function completeShortcutSteps(draft: FindingDraft, done: Set<StepId>, ctx: StepContext): Set<StepId> {
  if (draft.category) {
    draft.area = defaultArea(draft.category, draft.metric);
    draft.owningRole = defaultOwningRole(draft.category, ctx.roles);
    done.add('area').add('owningRole');
  }
  for (const s of ['building', 'subnet', 'networkType', 'metric', 'evidence'] as const) done.add(s);
  // A network problem without a place still needs its building or subnet asked.
  if (!draft.building && !draft.subnet && (!draft.category || CATEGORIES.find((x) => x.id === draft.category)!.kind === 'network')) {
    done.delete('building');
    done.delete('subnet');
  }
  return done;
}
