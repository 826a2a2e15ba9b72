// The shape of the code, checked over bot/src as the compiler sees it: which layer may import
// which (README, "Architecture"), and no function longer than a screen (card layouts in cards/
// are data, written out as the card shows them, and are not counted).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../../bot/src');
const MAX_FUNCTION_LINES = 60;

function sources(dir = ROOT): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** bot/src/<layer>/…; a file directly in bot/src is the composition root or one of its leaves. */
function layerOf(file: string): string {
  const rel = relative(ROOT, file).replace(/\.ts$/, '');
  if (!rel.includes('/')) return rel === 'config' ? rel : 'root';
  return rel.split('/')[0]!;
}

/**
 * Who may import whom (every layer also imports itself; the root files, app.ts, index.ts and
 * server.ts, compose and import anything): platform (logger, zoned time, rate limits, retries,
 * dotenv) is shared by all; domain is pure; storage and cards serve the domain; jobs are I/O
 * around domain decisions; teams holds each feature's handlers and card actions, and api (the tab
 * API) dispatches into those same actions; only the composition root imports features.
 */
export const MAY_IMPORT: Record<string, readonly string[]> = {
  platform: [],
  domain: ['platform'],
  cards: ['platform', 'domain'],
  storage: ['platform', 'domain', 'config'],
  jobs: ['platform', 'domain', 'cards'],
  teams: ['platform', 'domain', 'cards', 'config'],
  api: ['platform', 'domain', 'cards', 'teams', 'config'],
  features: ['platform', 'domain', 'cards', 'storage', 'jobs', 'teams', 'api', 'config', 'render'],
  config: ['platform'],
  // Drawing files (SVG, PNG, PDF) from domain models with libraries: no storage, no SDK.
  render: ['platform', 'domain'],
};

export function importEdges(file: string, text: string): { from: string; to: string; spec: string }[] {
  const out: { from: string; to: string; spec: string }[] = [];
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const spec = node.moduleSpecifier.text;
      if (spec.startsWith('.')) out.push({ from: layerOf(file), to: layerOf(resolve(dirname(file), spec) + '.ts'), spec });
    }
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      const spec = node.arguments[0].text;
      if (spec.startsWith('.')) out.push({ from: layerOf(file), to: layerOf(resolve(dirname(file), spec) + '.ts'), spec });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

export function backwardImports(files: readonly string[], read: (f: string) => string = (f) => readFileSync(f, 'utf8')): string[] {
  const bad: string[] = [];
  for (const file of files) {
    for (const e of importEdges(file, read(file))) {
      if (e.from === e.to || e.from === 'root') continue;
      const allowed = MAY_IMPORT[e.from];
      if (!allowed || !allowed.includes(e.to)) bad.push(`${relative(ROOT, file)} imports ${e.spec} (${e.from} -> ${e.to})`);
    }
  }
  return bad;
}

function longFunctions(file: string, text: string): string[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const out: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
      const end = sf.getLineAndCharacterOfPosition(node.end).line;
      const lines = end - start + 1;
      if (lines > MAX_FUNCTION_LINES) {
        const name = (node as ts.FunctionLikeDeclaration).name?.getText(sf) ?? '(anonymous)';
        out.push(`${relative(ROOT, file)}:${start + 1} ${name} ${lines} lines`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

describe('the shape of bot/src', () => {
  const files = sources();

  it('imports only along the layers: nothing but the composition root imports features/', () => {
    expect(backwardImports(files)).toEqual([]);
  });

  it('the import check fails on a backwards import', () => {
    const domainFile = join(ROOT, 'domain', 'workspace.ts');
    const teamsFile = join(ROOT, 'teams', 'replies.ts');
    const fake = new Map([
      [domainFile, "import { x } from '../storage/keys';\n"],
      [teamsFile, "import type { Feature } from '../features/feature';\nexport { y } from './activity-context';\n"],
    ]);
    expect(backwardImports([...fake.keys()], (f) => fake.get(f)!)).toEqual([
      'domain/workspace.ts imports ../storage/keys (domain -> storage)',
      'teams/replies.ts imports ../features/feature (teams -> features)',
    ]);
  });

  it(`has no function over ${MAX_FUNCTION_LINES} lines`, () => {
    const code = files.filter((f) => layerOf(f) !== 'cards');
    expect(code.flatMap((f) => longFunctions(f, readFileSync(f, 'utf8')))).toEqual([]);
  });
});
