// The one typeface the pack is drawn in, read from an npm font package (Inter, SIL Open Font
// Licence) rather than from the system: App Service Linux guarantees no system fonts, and the
// same files make the picture look the same on every machine.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

// A module-local require: the bot is ESM, and the font files are plain assets of the package.
const require = createRequire(import.meta.url);
const fontPackage = require('@expo-google-fonts/inter/package.json') as { name: string };
const FONT_DIR = dirname(require.resolve(`${fontPackage.name}/package.json`));

/** Inter regular, semibold and bold (resvg reads them by path, once per render). */
export const PACK_FONT_FILES = {
  regular: join(FONT_DIR, '400Regular', 'Inter_400Regular.ttf'),
  semibold: join(FONT_DIR, '600SemiBold', 'Inter_600SemiBold.ttf'),
  bold: join(FONT_DIR, '700Bold', 'Inter_700Bold.ttf'),
} as const;
