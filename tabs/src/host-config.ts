// Adaptive Cards host config per Teams theme, so cards in the tab look as they do in Teams
// chat: Segoe UI, Teams' type ramp, and the Fluent 2 colours Teams uses in its default, dark
// and high-contrast themes. Plain JSON, turned into an AC.HostConfig by the renderer.
import type { Theme } from './teams-host';

interface Palette {
  background: string;
  emphasis: string;
  text: string;
  subtle: string;
  accent: string;
  good: string;
  warning: string;
  attention: string;
  separator: string;
  goodBackground: string;
  warningBackground: string;
  attentionBackground: string;
  accentBackground: string;
}

export const PALETTES: Record<Theme, Palette> = {
  default: {
    background: '#ffffff', emphasis: '#f5f5f5', text: '#242424', subtle: '#616161', accent: '#5b5fc7',
    good: '#0e700e', warning: '#8a5300', attention: '#c4314b', separator: '#e0e0e0',
    goodBackground: '#f1faf1', warningBackground: '#fff9f5', attentionBackground: '#fdf3f4', accentBackground: '#ebebf8',
  },
  dark: {
    background: '#292929', emphasis: '#1f1f1f', text: '#ffffff', subtle: '#d6d6d6', accent: '#9ea2ff',
    good: '#54b054', warning: '#f9c859', attention: '#f1707b', separator: '#3d3d3d',
    goodBackground: '#052505', warningBackground: '#3d2a00', attentionBackground: '#3e1a1f', accentBackground: '#2f2f4a',
  },
  contrast: {
    background: '#000000', emphasis: '#000000', text: '#ffffff', subtle: '#ffffff', accent: '#ffff01',
    good: '#3ff23f', warning: '#ffff01', attention: '#ff6b6b', separator: '#ffffff',
    goodBackground: '#000000', warningBackground: '#000000', attentionBackground: '#000000', accentBackground: '#000000',
  },
};

export const FONT_FAMILY = "'Segoe UI', 'Segoe UI Web (West European)', -apple-system, BlinkMacSystemFont, Roboto, 'Helvetica Neue', sans-serif";

function colours(p: Palette) {
  const pair = (c: string) => ({ default: c, subtle: c === p.text ? p.subtle : c });
  return {
    default: { default: p.text, subtle: p.subtle },
    dark: { default: '#242424', subtle: '#616161' },
    light: { default: '#ffffff', subtle: '#d6d6d6' },
    accent: pair(p.accent),
    good: pair(p.good),
    warning: pair(p.warning),
    attention: pair(p.attention),
  };
}

export function hostConfigFor(theme: Theme): Record<string, unknown> {
  const p = PALETTES[theme];
  const fg = colours(p);
  const style = (backgroundColor: string, borderColor?: string) => ({ backgroundColor, borderColor: borderColor ?? backgroundColor, foregroundColors: fg });
  return {
    fontFamily: FONT_FAMILY,
    supportsInteractivity: true,
    fontTypes: {
      default: { fontFamily: FONT_FAMILY, fontSizes: { small: 12, default: 14, medium: 14, large: 18, extraLarge: 24 }, fontWeights: { lighter: 300, default: 400, bolder: 600 } },
      monospace: { fontFamily: "Consolas, 'Courier New', monospace", fontSizes: { small: 12, default: 14, medium: 14, large: 18, extraLarge: 24 }, fontWeights: { lighter: 300, default: 400, bolder: 600 } },
    },
    fontSizes: { small: 12, default: 14, medium: 14, large: 18, extraLarge: 24 },
    fontWeights: { lighter: 300, default: 400, bolder: 600 },
    lineHeights: { small: 16, default: 20, medium: 20, large: 24, extraLarge: 32 },
    spacing: { small: 4, default: 8, medium: 16, large: 20, extraLarge: 24, padding: 16 },
    separator: { lineThickness: 1, lineColor: p.separator },
    imageSizes: { small: 32, medium: 52, large: 100 },
    containerStyles: {
      default: style(p.background),
      emphasis: style(p.emphasis, theme === 'contrast' ? p.text : undefined),
      accent: style(p.accentBackground, theme === 'contrast' ? p.accent : undefined),
      good: style(p.goodBackground, theme === 'contrast' ? p.good : undefined),
      attention: style(p.attentionBackground, theme === 'contrast' ? p.attention : undefined),
      warning: style(p.warningBackground, theme === 'contrast' ? p.warning : undefined),
    },
    actions: {
      maxActions: 6, spacing: 'default', buttonSpacing: 8, actionsOrientation: 'horizontal', actionAlignment: 'left', iconPlacement: 'leftOfTitle',
      showCard: { actionMode: 'inline', inlineTopMargin: 16, style: 'emphasis' },
    },
    adaptiveCard: { allowCustomStyle: true },
    // TextBlocks with style "heading" render as role="heading"; without a level they are not
    // valid headings (axe aria-required-attr). Level 2: under the page's own <h1> (the view title).
    textBlock: { headingLevel: 2 },
    textStyles: {
      heading: { size: 'large', weight: 'bolder', color: 'default', isSubtle: false, fontType: 'default' },
      columnHeader: { size: 'default', weight: 'bolder', color: 'default', isSubtle: false, fontType: 'default' },
    },
    inputs: {
      label: { inputSpacing: 'small', requiredInputs: { weight: 'bolder', suffix: ' *', suffixColor: 'attention' }, optionalInputs: { weight: 'bolder' } },
      errorMessage: { size: 'small', color: 'attention' },
    },
    factSet: {
      title: { color: 'default', size: 'default', isSubtle: false, weight: 'bolder', wrap: true, maxWidth: 180 },
      value: { color: 'default', size: 'default', isSubtle: false, weight: 'default', wrap: true },
      spacing: 8,
    },
  };
}
