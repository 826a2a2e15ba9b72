// The risk register card (edit likelihood, impact, mitigation, owner, status in place) and
// the OKR/KSI card (update status and note in place). Inputs inside each row's edit panel
// carry a per-row prefix, because input ids must be unique in a card.
import okrTemplate from './templates/okrs.json';
import riskTemplate from './templates/risks.json';
import { type Ksi, type Objective, TRACK_STATUSES, TRACK_STATUS_LABELS, type TrackStatus } from '../domain/ops/okrs';
import { compareRisks, type Risk, RISK_LEVELS, RISK_LEVEL_LABELS } from '../domain/ops/risks';
import { clip, execute, fitCard } from './ops-card-parts';
import { OPS_VERBS } from './ops-verbs';
import { escapeMarkdown, expandTemplate } from './template';

const levelChoices = RISK_LEVELS.map((l) => ({ title: RISK_LEVEL_LABELS[l], value: l }));
const statusChoices = TRACK_STATUSES.map((s) => ({ title: TRACK_STATUS_LABELS[s], value: s }));
const statusColor = (s: TrackStatus) => (s === 'off-track' ? 'Attention' : s === 'at-risk' ? 'Warning' : s === 'on-track' ? 'Good' : 'Default');

export interface ListCardInput<T> {
  items: readonly T[];
  offset?: number;
  notice?: string;
  problem?: string;
}

export function renderRisksCard(input: ListCardInput<Risk>): Record<string, unknown> {
  const all = [...input.items].sort(compareRisks);
  const offset = Math.min(Math.max(0, input.offset ?? 0), Math.max(0, all.length - 1));
  const open = all.filter((r) => r.status === 'open');
  return fitCard((perPage) => {
    const page = all.slice(offset, offset + perPage);
    const actions: Record<string, unknown>[] = [];
    if (offset + perPage < all.length) actions.push(execute('Next risks', OPS_VERBS.risksShow, { offset: offset + perPage }, { associatedInputs: 'none' }));
    if (offset > 0) actions.push(execute('Previous risks', OPS_VERBS.risksShow, { offset: Math.max(0, offset - perPage) }, { associatedInputs: 'none' }));
    actions.push({
      type: 'Action.ShowCard', title: 'Add a risk',
      card: {
        type: 'AdaptiveCard', version: '1.5',
        body: [
          { type: 'Input.Text', id: 'newRiskTitle', label: 'Risk', maxLength: 200, isRequired: true, errorMessage: 'Describe the risk.' },
          { type: 'Input.ChoiceSet', id: 'newRiskLikelihood', label: 'Likelihood', value: 'medium', choices: levelChoices },
          { type: 'Input.ChoiceSet', id: 'newRiskImpact', label: 'Impact', value: 'medium', choices: levelChoices },
          { type: 'Input.Text', id: 'newRiskMitigation', label: 'Mitigation plan', isMultiline: true, maxLength: 2000 },
        ],
        actions: [execute('Add risk', OPS_VERBS.riskAdd, {}, { style: 'positive' })],
      },
    });
    return expandTemplate(riskTemplate, {
      summary: all.length ? `${open.length} open of ${all.length}; overall rating follows from likelihood and impact. Highest first.` : 'The register is empty.',
      notice: input.notice ?? '',
      problem: input.problem ?? '',
      risks: page.map((r, i) => {
        const p = `r${i}_`;
        return {
          title: clip(r.title, 200),
          color: r.status === 'closed' ? 'Default' : r.overall === 'high' ? 'Attention' : r.overall === 'medium' ? 'Warning' : 'Default',
          rating: `Overall ${RISK_LEVEL_LABELS[r.overall]} · likelihood ${RISK_LEVEL_LABELS[r.likelihood]} · impact ${RISK_LEVEL_LABELS[r.impact]}${r.status === 'closed' ? ' · closed' : ''}${r.example ? ' · example from the guidance: edit or close it' : ''}`,
          mitigation: clip(r.mitigation || 'none yet', perPage > 3 ? 400 : 200),
          buttons: [{
            type: 'Action.ShowCard', title: 'Edit',
            card: {
              type: 'AdaptiveCard', version: '1.5',
              body: [
                { type: 'Input.ChoiceSet', id: `${p}likelihood`, label: 'Likelihood', value: r.likelihood, choices: levelChoices },
                { type: 'Input.ChoiceSet', id: `${p}impact`, label: 'Impact', value: r.impact, choices: levelChoices },
                { type: 'Input.Text', id: `${p}mitigation`, label: 'Mitigation plan', value: clip(r.mitigation, 2000), isMultiline: true, maxLength: 2000 },
                { type: 'Input.Text', id: `${p}owner`, label: 'Owner', value: r.owner, maxLength: 100 },
                { type: 'Input.ChoiceSet', id: `${p}status`, label: 'Status', value: r.status, choices: [{ title: 'Open', value: 'open' }, { title: 'Closed', value: 'closed' }] },
              ],
              actions: [execute('Save risk', OPS_VERBS.riskSave, { riskId: r.id, etag: r.etag ?? '', prefix: p }, { style: 'positive' })],
            },
          }],
        };
      }),
      pageText: all.length > page.length ? `Risks ${offset + 1}–${offset + page.length} of ${all.length}.` : '',
      actions,
    });
  }, [6, 4, 2, 1]);
}

type Entry = { kind: 'objective'; item: Objective } | { kind: 'ksi'; item: Ksi };
const RANK: Record<TrackStatus, number> = { 'off-track': 0, 'at-risk': 1, 'not-started': 2, 'on-track': 3 };

export function renderOkrsCard(input: { objectives: readonly Objective[]; ksis: readonly Ksi[]; offset?: number; notice?: string; problem?: string }): Record<string, unknown> {
  const all: Entry[] = [
    ...input.objectives.map((item) => ({ kind: 'objective' as const, item })),
    ...input.ksis.map((item) => ({ kind: 'ksi' as const, item })),
  ].sort((a, b) => RANK[a.item.status] - RANK[b.item.status] || (a.kind === b.kind ? 0 : a.kind === 'objective' ? -1 : 1) || a.item.order - b.item.order);
  const offset = Math.min(Math.max(0, input.offset ?? 0), Math.max(0, all.length - 1));
  const count = (s: TrackStatus) => all.filter((e) => e.item.status === s).length;
  return fitCard((perPage) => {
    const page = all.slice(offset, offset + perPage);
    const actions: Record<string, unknown>[] = [];
    if (offset + perPage < all.length) actions.push(execute('Next', OPS_VERBS.okrsShow, { offset: offset + perPage }, { associatedInputs: 'none' }));
    if (offset > 0) actions.push(execute('Previous', OPS_VERBS.okrsShow, { offset: Math.max(0, offset - perPage) }, { associatedInputs: 'none' }));
    actions.push(execute('Agenda', OPS_VERBS.agendaRefresh, {}, { associatedInputs: 'none' }));
    return expandTemplate(okrTemplate, {
      summary: all.length ? TRACK_STATUSES.map((s) => `${TRACK_STATUS_LABELS[s]}: ${count(s)}`).join(' · ') : 'No objectives or KSIs yet.',
      notice: input.notice ?? '',
      problem: input.problem ?? '',
      entries: page.map((e, i) => {
        const p = `k${i}_`;
        const o = e.kind === 'objective' ? e.item : undefined;
        const k = e.kind === 'ksi' ? e.item : undefined;
        const detailParts = o ? [o.keyResult && `key result: ${o.keyResult}`, o.period] : [k!.successCriteria && `target: ${k!.successCriteria}`, k!.measuredBy, k!.frequency, k!.responsible];
        if (e.item.note) detailParts.push(`note: ${e.item.note}`);
        return {
          label: `${o ? 'Objective' : `KSI · ${escapeMarkdown(clip(k!.type || 'untyped', 60))}`}${e.item.example ? ' · example from the guidance' : ''}`,
          text: clip(o ? o.objective : k!.question, 300),
          status: TRACK_STATUS_LABELS[e.item.status],
          color: statusColor(e.item.status),
          detail: clip(detailParts.filter(Boolean).map((d) => ` · ${d}`).join(''), 500),
          buttons: [{
            type: 'Action.ShowCard', title: 'Update status',
            card: {
              type: 'AdaptiveCard', version: '1.5',
              body: [
                { type: 'Input.ChoiceSet', id: `${p}status`, label: 'Status', value: e.item.status, choices: statusChoices },
                { type: 'Input.Text', id: `${p}note`, label: 'Note', value: clip(e.item.note, 500), isMultiline: true, maxLength: 500 },
              ],
              actions: [o
                ? execute('Save', OPS_VERBS.objectiveSave, { objectiveId: o.id, etag: o.etag ?? '', prefix: p }, { style: 'positive' })
                : execute('Save', OPS_VERBS.ksiSave, { ksiId: k!.id, etag: k!.etag ?? '', prefix: p }, { style: 'positive' })],
            },
          }],
        };
      }),
      pageText: all.length > page.length ? `${offset + 1}–${offset + page.length} of ${all.length}.` : '',
      actions,
    });
  }, [6, 4, 2, 1]);
}
