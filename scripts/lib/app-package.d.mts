// Types for scripts/lib/app-package.mjs (so the TypeScript tests type-check without allowJs).

export declare const REPO_ROOT: string;

export declare class PackageError extends Error {
  constructor(lines: string | string[]);
  readonly lines: string[];
}

export declare function parseDotenv(text: string, label?: string): Record<string, string>;
export declare function assertEnvName(name: string): string;
export declare function loadEnvFiles(opts: { envDir: string; envName: string }): {
  vars: Record<string, string>;
  files: { path: string; exists: boolean }[];
};
export declare function resolveVars(
  fileVars: Record<string, string>,
  processEnv: Record<string, string | undefined>,
  names: Iterable<string>,
): Record<string, string>;

export declare function findPlaceholders(value: unknown): string[];
export declare function fillPlaceholders<T = any>(
  value: T,
  vars: Record<string, string | undefined>,
): { value: any; missing: string[] };

export declare function bundledTeamsSchemaDir(): string;
export declare function loadBundledTeamsSchema(manifestVersion: string): Record<string, any>;
export declare function validateManifest(manifest: unknown): Promise<string[]>;

export interface PngInfo {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  interlace: number;
}
export declare function readPngInfo(buf: Buffer): PngInfo | null;
export declare function encodePngRgba(width: number, height: number, rgba: Buffer): Buffer;
export declare function decodePngRgba(buf: Buffer): { width: number; height: number; data: Buffer } | null;
export declare function checkIcons(icons: {
  color: Buffer;
  outline: Buffer;
  colorName?: string;
  outlineName?: string;
}): string[];

export declare function createZip(entries: { name: string; data: Buffer | string }[], opts?: { date?: Date }): Promise<Buffer>;
export declare function writeZipFile(entries: { name: string; path: string }[], zipPath: string, opts?: { date?: Date }): Promise<void>;

export interface BuildAppPackageOptions {
  envName?: string;
  rootDir?: string;
  envDir?: string;
  appPackageDir?: string;
  outDir?: string;
  processEnv?: Record<string, string | undefined>;
  date?: Date;
}
export declare function buildAppPackage(opts?: BuildAppPackageOptions): Promise<{
  zipPath: string;
  manifest: any;
  entries: string[];
}>;

export declare const DEPLOY_ZIP_NAME: string;
export declare function buildDeployArtefact(opts?: { rootDir?: string; outDir?: string; zip?: boolean }): Promise<{
  stageDir: string;
  files: number;
  bytes: number;
  zipPath: string | undefined;
  zipBytes: number | undefined;
}>;
