// Card actions of the quality review: the settings card (open, save with validation, reset to
// defaults) and the import's "verified" proposal, which changes a finding only when the champion
// confirms it. Declared once for the chat and the findings board, like finding-actions.ts.
import { renderQualitySettingsCard } from '../../cards/quality-settings-card';
import { FINDING_VERBS as V } from '../../cards/finding-verbs';
import { type CardData, str } from '../../domain/card-data';
import { parseFindingId } from '../../domain/findings/finding';
import { badRequest, type CardAction, defineAction, type Refusal } from '../card-actions';
import type { FindingActionDeps } from './finding-actions';

type Make = (deps: FindingActionDeps) => CardAction;

const NO_SETTINGS = 'Quality settings are not available in this installation.';

const findingIdOf = (d: CardData): string | Refusal => {
  const id = str(d.findingId, 40);
  return id && parseFindingId(id) ? id.trim().toUpperCase() : badRequest('This card does not name a finding.');
};

const openSettings: Make = ({ settings }) => defineAction({
  verb: V.settingsOpen,
  parse: () => ({}),
  async run(_p, ctx) {
    if (!settings) return { message: NO_SETTINGS };
    return { card: renderQualitySettingsCard(await settings.view(ctx.workspace)) };
  },
});

const saveSettings: Make = ({ settings }) => defineAction({
  verb: V.settingsSave,
  parse: (d) => ({ inputs: d, etag: str(d.etag, 300) || undefined }),
  async run({ inputs, etag }, ctx) {
    if (!settings) return { message: NO_SETTINGS };
    const out = await settings.save(ctx.workspace, inputs, etag, { id: ctx.actor.id, name: ctx.actor.name });
    if (out.ok) return { card: renderQualitySettingsCard({ ...out.view, message: { text: 'Saved. The next import and every status change use these values.', ok: true } }) };
    if (out.reason === 'conflict') return { card: renderQualitySettingsCard({ ...out.view, message: { text: out.message, ok: false } }) };
    return { card: renderQualitySettingsCard({ ...out.view, typed: inputs, errors: out.errors, message: { text: out.message, ok: false } }) };
  },
});

const resetSettings: Make = ({ settings }) => defineAction({
  verb: V.settingsReset,
  parse: () => ({}),
  async run(_p, ctx) {
    if (!settings) return { message: NO_SETTINGS };
    return { card: renderQualitySettingsCard({ ...(await settings.reset(ctx.workspace)), message: { text: 'Back to the defaults.', ok: true } }) };
  },
});

/** The champion confirms that a remediated finding is back within target in the imported month. */
const confirmVerified: Make = ({ service, presenter }) => defineAction({
  verb: V.importVerify,
  parse(d) {
    const importId = str(d.importId, 200);
    if (!importId) return badRequest('This card does not name an import.');
    const findingId = findingIdOf(d);
    return typeof findingId === 'string' ? { importId, findingId } : findingId;
  },
  async run({ importId, findingId }, ctx) {
    const out = await service.confirmVerified(ctx.workspace, importId, findingId, { id: ctx.actor.id, name: ctx.actor.name });
    if (out.ok) return { card: await presenter.card(out.finding, { actorId: ctx.actor.id }), forEveryone: true };
    if ('finding' in out) return { card: await presenter.card(out.finding, { actorId: ctx.actor.id, message: out.error }) };
    return { message: out.error };
  },
});

export const QUALITY_ACTIONS: readonly Make[] = [openSettings, saveSettings, resetSettings, confirmVerified];
