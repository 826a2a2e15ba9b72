// Reading, saving and resetting a workspace's quality settings (quality-settings.ts), for the
// settings card in the findings board and for every use of the targets and time boxes.
import type { Workspace } from '../workspace';
import type { Clock } from './catalog';
import type { Actor } from './finding';
import {
  defaultQualitySettings, parseSettingsInputs, type QualitySettings, type QualitySettingsRepository, type SettingsErrors, type StoredQualitySettings,
} from './quality-settings';

export interface SettingsView {
  settings: QualitySettings;
  isDefault: boolean;
  etag?: string;
  updatedAt?: string;
  updatedBy?: string;
}

export type SaveOutcome =
  | { ok: true; view: SettingsView }
  | { ok: false; reason: 'invalid'; errors: SettingsErrors; message: string; view: SettingsView }
  | { ok: false; reason: 'conflict'; message: string; view: SettingsView };

const viewOf = (s: StoredQualitySettings | undefined): SettingsView => {
  if (!s) return { settings: defaultQualitySettings(), isDefault: true };
  const { etag, updatedAt, updatedBy, ...settings } = s;
  return { settings, isDefault: false, ...(etag ? { etag } : {}), ...(updatedAt ? { updatedAt } : {}), ...(updatedBy ? { updatedBy } : {}) };
};

export class QualitySettingsService {
  constructor(private readonly repo: QualitySettingsRepository, private readonly clock: Clock) {}

  async view(workspace: Workspace): Promise<SettingsView> {
    return viewOf(await this.repo.get(workspace));
  }

  /** What every import, trend and time box uses: the saved settings, else the defaults. */
  async settingsOf(workspace: Workspace): Promise<QualitySettings> {
    return (await this.view(workspace)).settings;
  }

  /**
   * Saves the card's inputs when every one is valid. `etag` is the version the card showed
   * (none: the defaults were shown), so a save over someone else's newer one is refused.
   */
  async save(workspace: Workspace, inputs: Readonly<Record<string, unknown>>, etag: string | undefined, actor: Actor): Promise<SaveOutcome> {
    const parsed = parseSettingsInputs(inputs);
    if (!parsed.ok) return { ok: false, reason: 'invalid', errors: parsed.errors, message: parsed.message, view: await this.view(workspace) };
    const saved = await this.repo.save(workspace, parsed.value, { ...(etag ? { etag } : {}), updatedAt: this.clock().toISOString(), updatedBy: actor.name || actor.id });
    if (saved === 'conflict') {
      return { ok: false, reason: 'conflict', message: 'Someone else saved these settings a moment ago. Here they are as saved; change them again if you still need to.', view: await this.view(workspace) };
    }
    return { ok: true, view: viewOf(saved) };
  }

  async reset(workspace: Workspace): Promise<SettingsView> {
    await this.repo.reset(workspace);
    return viewOf(undefined);
  }
}
