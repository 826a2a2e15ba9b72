// package.json declares exactly what the server needs at run time: every package bot/src imports
// (type-only imports aside) is a production dependency, every production dependency is imported
// by bot/src, and what only the tab pages or the tests use is a devDependency (vite bundles the
// tab pages, so nothing of theirs has to be installed on the server).
import { readFileSync, readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../scripts/lib/app-package.mjs';

const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const BUILTINS = new Set(builtinModules);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|tsx|mts)$/.test(e.name) && !e.name.endsWith('.d.ts'))
    .map((e) => join(e.parentPath, e.name));
}

/** The package a bare specifier names ("@scope/name/sub" → "@scope/name"); undefined for relative paths and builtins. */
function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:') || BUILTINS.has(specifier)) return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

interface Import { file: string; specifier: string; typeOnly: boolean }

/** Every import in a file: static, re-exports, dynamic import(), require(). Parsed, not grepped. */
function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const out: Import[] = [];
  const rel = relative(REPO_ROOT, file);
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const typeOnly = !!clause && (clause.isTypeOnly || (!clause.name && !!clause.namedBindings && ts.isNamedImports(clause.namedBindings) && clause.namedBindings.elements.length > 0 && clause.namedBindings.elements.every((e) => e.isTypeOnly)));
      out.push({ file: rel, specifier: node.moduleSpecifier.text, typeOnly });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      out.push({ file: rel, specifier: node.moduleSpecifier.text, typeOnly: node.isTypeOnly });
    } else if (ts.isCallExpression(node) && node.arguments.length > 0 && ts.isStringLiteralLike(node.arguments[0]!)) {
      const isImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require';
      if (isImport || isRequire) out.push({ file: rel, specifier: (node.arguments[0] as ts.StringLiteralLike).text, typeOnly: false });
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      out.push({ file: rel, specifier: node.argument.literal.text, typeOnly: true });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

function packagesImported(dir: string, { includeTypeOnly }: { includeTypeOnly: boolean }): Map<string, string[]> {
  const used = new Map<string, string[]>();
  for (const file of sourceFiles(join(REPO_ROOT, dir))) {
    for (const imp of importsOf(file)) {
      const name = packageOf(imp.specifier);
      if (!name || (imp.typeOnly && !includeTypeOnly)) continue;
      used.set(name, [...(used.get(name) ?? []), imp.file]);
    }
  }
  return used;
}

describe('bot/src imports against package.json', () => {
  const runtime = packagesImported('bot/src', { includeTypeOnly: false });

  it('finds the imports it should (the scan itself works)', () => {
    expect([...runtime.keys()]).toEqual(expect.arrayContaining(['botbuilder', 'restify', '@azure/data-tables', 'botframework-connector', 'jose', '@azure/monitor-opentelemetry']));
    // A dynamic import() counts: telemetry loads the distro only when configured.
    expect(runtime.get('@azure/monitor-opentelemetry')).toContain('bot/src/telemetry.ts');
    const scanned = importsOf(join(REPO_ROOT, 'bot/src/telemetry.ts'));
    expect(scanned.find((i) => i.specifier === '@azure/monitor-opentelemetry' && i.typeOnly)).toBeDefined();
  });

  it('declares every package bot/src imports as a production dependency', () => {
    const undeclared = [...runtime].filter(([name]) => !(name in pkg.dependencies)).map(([name, files]) => `${name} (imported by ${[...new Set(files)].join(', ')}${name in pkg.devDependencies ? '; only a devDependency, so the deploy artefact lacks it' : ''})`);
    expect(undeclared).toEqual([]);
  });

  it('uses every production dependency in bot/src (nothing installed on the server for nothing)', () => {
    const unused = Object.keys(pkg.dependencies).filter((name) => !runtime.has(name));
    expect(unused).toEqual([]);
  });

  it('keeps browser-only packages out of the production dependencies', () => {
    for (const name of ['@microsoft/teams-js', '@microsoft/teamsfx', 'adaptivecards']) {
      expect(pkg.dependencies[name]).toBeUndefined();
      expect(pkg.devDependencies[name]).toBeDefined();
    }
  });

  it('pins every version exactly', () => {
    for (const [name, version] of Object.entries({ ...pkg.dependencies, ...pkg.devDependencies })) expect(`${name}@${version}`).toMatch(/@\d+\.\d+\.\d+(-[\w.]+)?$/);
  });
});

describe('the tab pages and scripts', () => {
  it('import only declared packages (the tabs are bundled by vite, so devDependencies are fine)', () => {
    const declared = new Set([...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)]);
    const undeclared = [...packagesImported('tabs/src', { includeTypeOnly: true })].filter(([name]) => !declared.has(name)).map(([name]) => name);
    expect(undeclared).toEqual([]);
  });

  it('keep @microsoft/teamsfx inside the tab auth module', () => {
    const teamsfx = packagesImported('tabs/src', { includeTypeOnly: true }).get('@microsoft/teamsfx') ?? [];
    expect([...new Set(teamsfx)]).toEqual(['tabs/src/auth/teams-sso.ts']);
  });
});
