// The preview Teams shows for each message-extension result before it is picked: a thumbnail
// card (title, subtitle, text), which is what the result list renders. The record's own
// Adaptive Card (finding-card.ts, incident-card.ts) is what gets shared. Thumbnail text is
// plain: Teams shows it without Markdown, so user text goes in as it is (clipped).
import { category as categoryInfo } from '../domain/findings/catalog';
import { type Finding, STATUS_LABELS } from '../domain/findings/finding';
import type { Incident } from '../domain/incidents/incident';
import { STATE_LABELS } from './incident-format';

export const THUMBNAIL = 'application/vnd.microsoft.card.thumbnail';

export interface ThumbnailCard {
  title: string;
  subtitle: string;
  text: string;
}

const oneLine = (text: string, max: number) => {
  const t = text.replace(/\s+/g, ' ').trim();
  return [...t].length > max ? `${[...t].slice(0, max - 1).join('')}…` : t;
};

export function findingPreview(f: Finding): ThumbnailCard {
  return {
    title: `${f.id} · ${categoryInfo(f.category).short}`,
    subtitle: oneLine(`${STATUS_LABELS[f.status]} · ${f.owningRole}${f.building ? ` · ${f.building}` : ''}`, 120),
    text: oneLine(f.description, 160),
  };
}

export function incidentPreview(i: Incident): ThumbnailCard {
  return {
    title: `${i.id} · Severity ${i.severity}`,
    subtitle: oneLine(`${STATE_LABELS[i.state]} · ${i.service}`, 120),
    text: oneLine(i.problem, 160),
  };
}
