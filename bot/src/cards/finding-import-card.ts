import type { Proposal, ProposalSet } from '../domain/findings/cqd-import';
import { isUnmanagedLine, lineText, type ReviewLine } from '../domain/findings/review-lines';
import type { VerificationCheck } from '../domain/findings/verification';
import template from './templates/finding-import.json';
import { expandTemplate } from './template';
import { clip, execute, FINDING_VERBS } from './finding-verbs';

export interface FindingImportCardInput {
  importId: string;
  set: ProposalSet;
  rows: number;
  fileName?: string;
  /** Columns of the file that were not read (their names are file text, shown literally). */
  ignoredColumns?: readonly string[];
  /** Rows that named neither a building nor a subnet. */
  unplacedRows?: number;
  /** Rows on networks outside the corporate one (reported apart, never proposed). */
  externalRows?: number;
  /** Rows between two servers (Is Server Pair = Server : Server), left out. */
  serverPairRows?: number;
  /** The reviewed month against every target row, unmanaged networks as their own lines. */
  lines?: readonly ReviewLine[];
}

/** Verify buttons on one card at most (the rest are listed as text). */
export const MAX_VERIFY_BUTTONS = 10;

function verificationItems(importId: string, checks: readonly VerificationCheck[]): Record<string, unknown>[] {
  let buttons = 0;
  return checks.slice(0, 20).map((c) => {
    const canVerify = c.outcome === 'within-target' && buttons++ < MAX_VERIFY_BUTTONS;
    return {
      text: clip(c.summary, 600),
      color: c.outcome === 'within-target' ? 'Good' : c.outcome === 'above-target' ? 'Attention' : 'Default',
      canVerify,
      actions: canVerify ? [execute(`Verify ${c.findingId}`, FINDING_VERBS.importVerify, { importId, findingId: c.findingId })] : [],
    };
  });
}

const lineItem = (l: ReviewLine) => ({ text: clip(lineText(l), 400), color: l.measures.some((m) => m.above) ? 'Attention' : 'Good' });

/** Bytes of ignored column names shown (the worst-case card stays under 25 KB); the rest are counted. */
const IGNORED_BYTES = 200;

/** As many names (each clipped) as fit the budget: "A", "B" and 3 more. */
function ignoredSentence(columns: readonly string[]): string {
  const shown: string[] = [];
  let bytes = 0;
  for (const c of columns) {
    const name = `"${clip(c, 120)}"`;
    bytes += Buffer.byteLength(name, 'utf8') + 2;
    if (bytes > IGNORED_BYTES && shown.length) break;
    shown.push(name);
  }
  const rest = columns.length - shown.length;
  return columns.length ? `${shown.join(', ')}${rest ? ` and ${rest} more` : ''}.` : '';
}

/** Toggles on one card; the rest are filed with "File all". Keeps the card under 25 KB. */
export const MAX_TOGGLES = 25;

export function renderFindingImportCard(input: FindingImportCardInput): Record<string, unknown> {
  const { set } = input;
  const all = set.groups.flatMap((g) => g.proposals);
  const shown: Proposal[] = all.slice(0, MAX_TOGGLES);
  const index = new Map(shown.map((p, i) => [p, i]));
  const notes: string[] = [];
  if (set.withinTarget) notes.push(`${set.withinTarget} measurement${set.withinTarget === 1 ? ' is' : 's are'} within target.`);
  for (const s of set.skippedSubnets.slice(0, 10)) notes.push(`Left out ${s.subnet}: it overlaps ${s.common}, a subnet home and hotel routers use too, which can't be tied to a building.`);
  if (input.externalRows) notes.push(`${input.externalRows.toLocaleString('en-US')} row${input.externalRows === 1 ? ' is' : 's are'} outside the corporate network: reported apart, not proposed.`);
  if (input.serverPairRows) notes.push(`${input.serverPairRows.toLocaleString('en-US')} row${input.serverPairRows === 1 ? ' is' : 's are'} between two servers (Is Server Pair = Server : Server): no person's call, left out.`);
  if (input.unplacedRows) notes.push(`${input.unplacedRows.toLocaleString('en-US')} row${input.unplacedRows === 1 ? '' : 's'} named neither a building nor a subnet and ${input.unplacedRows === 1 ? 'was' : 'were'} left out.`);
  const actions: Record<string, unknown>[] = [];
  if (shown.length) actions.push(execute('File selected', FINDING_VERBS.importConfirm, { importId: input.importId, keys: shown.map((p) => p.key) }, { style: 'positive' }));
  if (all.length > shown.length) actions.push(execute(`File all ${all.length}`, FINDING_VERBS.importAll, { importId: input.importId }));
  actions.push(execute('Discard', FINDING_VERBS.importDiscard, { importId: input.importId }));
  return expandTemplate(template, {
    title: `Call-quality import${input.fileName ? `: ${clip(input.fileName, 200)}` : ''}`,
    summary: all.length
      ? `${input.rows.toLocaleString('en-US')} rows read. ${all.length} building${all.length === 1 ? ' or subnet is' : 's or subnets are'} above target in ${set.month}. Choose which to file.`
      : `${input.rows.toLocaleString('en-US')} rows read. Nothing new is above target in ${set.month}.`,
    groups: set.groups
      .map((g) => ({ label: g.label, proposals: g.proposals.filter((p) => index.has(p)).map((p) => ({ inputId: `p${index.get(p)}`, text: clip(p.description, 500) })) }))
      .filter((g) => g.proposals.length),
    more: all.length > shown.length ? `${all.length - shown.length} more proposals are not shown here; "File all" files them too.` : '',
    duplicates: set.duplicates.slice(0, 15).map((p) => ({ text: clip(`${p.duplicateOf}: ${p.description}`, 400) })),
    notes: notes.map((text) => ({ text: clip(text, 400) })),
    ignored: ignoredSentence(input.ignoredColumns ?? []),
    lines: (input.lines ?? []).filter((l) => !isUnmanagedLine(l)).slice(0, 16).map(lineItem),
    unmanaged: (input.lines ?? []).filter(isUnmanagedLine).slice(0, 3).map(lineItem),
    verifications: verificationItems(input.importId, set.verifications ?? []),
    actions,
  });
}

/** Proposal keys the champion left switched on, from finding.import.confirm data. */
export function selectedProposalKeys(data: Record<string, unknown>): string[] {
  const keys = Array.isArray(data.keys) ? data.keys.map(String) : [];
  return keys.filter((_, i) => String(data[`p${i}`] ?? 'true') === 'true');
}
