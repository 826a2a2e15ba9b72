// The files a Teams admin and a developer hand to the Microsoft 365 Agents Toolkit and to Azure,
// checked offline: the toolkit's yml files (schema v1.13 drivers), the F5 / "Debug in Microsoft
// 365 Agents Playground" wiring in .vscode/, the committed env files (no secrets), and the Bicep
// settings deployment depends on (Node 22, the health check, the settings config.ts reads).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { loadConfig, readEnvironment } from '../../bot/src/config';
import { REPO_ROOT, parseDotenv } from '../../scripts/lib/app-package.mjs';

const read = (p: string) => readFileSync(join(REPO_ROOT, p), 'utf8');
/** Every action ("uses") of the toolkit's yml schema v1.13. */
const DRIVERS = new Set([
  'aadApp/create', 'aadApp/update', 'arm/deploy', 'azureStorage/enableStaticWebsite', 'cli/runNpmCommand', 'cli/runDotnetCommand',
  'cli/runNpxCommand', 'azureStorage/deploy', 'azureAppService/zipDeploy', 'azureFunctions/zipDeploy', 'teamsApp/create',
  'teamsApp/validateManifest', 'teamsApp/validateAppPackage', 'teamsApp/validateWithTestCases', 'teamsApp/zipAppPackage', 'teamsApp/update',
  'teamsApp/publishAppPackage', 'botAadApp/create', 'botFramework/create', 'file/createOrUpdateEnvironmentFile', 'file/createOrUpdateJsonFile',
  'devTool/install', 'teamsApp/extendToM365', 'spfx/deploy', 'teamsApp/copyAppPackageToSPFx', 'script', 'apiKey/register',
  'azureStaticWebApps/getDeploymentKey', 'apiKey/update', 'oauth/register', 'oauth/update', 'devChannel/create', 'devChannel/installApp',
  'typeSpec/compile', 'copilotAgent/publish', 'dcr/register',
]);
const YMLS = ['m365agents.yml', 'm365agents.local.yml', 'm365agents.playground.yml'];
type Step = { uses: string; name?: string; with?: Record<string, any> };

function jsonc(path: string): any {
  const { config, error } = ts.parseConfigFileTextToJson(path, read(path));
  expect(error, `${path} parses`).toBeUndefined();
  return config;
}

describe('the Agents Toolkit yml files', () => {
  it.each(YMLS)('%s parses, names schema v1.13 and uses only its actions', (file) => {
    const text = read(file);
    const doc = YAML.parse(text) as Record<string, any>;
    expect(doc.version).toBe('v1.13');
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=https://aka.ms/m365-agents-toolkits/v1.13/yaml.schema.json');
    expect(doc.environmentFolderPath).toBe('./env');
    for (const stage of ['provision', 'deploy', 'publish']) {
      for (const step of (doc[stage] ?? []) as Step[]) expect(DRIVERS.has(step.uses), `${file} ${stage}: ${step.uses}`).toBe(true);
    }
  });

  it('names only files that exist', () => {
    for (const file of YMLS) {
      for (const step of ['provision', 'deploy', 'publish'].flatMap((s) => (YAML.parse(read(file))[s] ?? []) as Step[])) {
        const paths = [step.with?.manifestPath, ...((step.with?.templates ?? []) as { path: string; parameters: string }[]).flatMap((t) => [t.path, t.parameters])].filter(Boolean);
        for (const p of paths) expect(existsSync(join(REPO_ROOT, p)), `${file}: ${p}`).toBe(true);
      }
    }
  });

  it('deploys the production-only artefact that npm run package:deploy lays out', () => {
    const deploy = YAML.parse(read('m365agents.yml')).deploy as Step[];
    expect(deploy.filter((s) => s.uses === 'cli/runNpmCommand').map((s) => s.with!.args)).toEqual(['ci', 'run build', 'run package:deploy -- --no-zip']);
    const zip = deploy.find((s) => s.uses === 'azureAppService/zipDeploy')!;
    // artifactFolder is relative to workingDirectory; scripts/lib/app-package.mjs lays out <out>/deploy.
    expect(join(zip.with!.workingDirectory, zip.with!.artifactFolder)).toBe(join('appPackage', 'build', 'deploy'));
    expect(zip.with!.ignoreFile).toBeUndefined();
    expect(zip.with!.resourceId).toBe('${{AZURE_APP_SERVICE_RESOURCE_ID}}');
    const scripts = JSON.parse(read('package.json')).scripts as Record<string, string>;
    expect(scripts['package:deploy']).toBe('node scripts/package-deploy.mjs');
  });

  it('m365agents.playground.yml registers nothing: it installs and builds', () => {
    const doc = YAML.parse(read('m365agents.playground.yml'));
    expect(doc.provision).toBeUndefined();
    expect((doc.deploy as Step[]).map((s) => [s.uses, s.with?.args])).toEqual([
      ['cli/runNpmCommand', 'install --no-audit --no-fund'],
      ['cli/runNpmCommand', 'run build'],
    ]);
  });
});

describe('F5: Debug in Microsoft 365 Agents Playground', () => {
  const launch = jsonc('.vscode/launch.json');
  const tasks = jsonc('.vscode/tasks.json');
  const labels = new Set((tasks.tasks as { label: string }[]).map((t) => t.label));
  const configs = new Map((launch.configurations as { name: string }[]).map((c) => [c.name, c as Record<string, any>]));

  it('every task and configuration a launch names exists', () => {
    for (const c of [...launch.configurations, ...launch.compounds]) if (c.preLaunchTask) expect(labels.has(c.preLaunchTask), c.preLaunchTask).toBe(true);
    for (const t of tasks.tasks) for (const d of t.dependsOn ?? []) expect(labels.has(d), d).toBe(true);
    for (const c of launch.compounds) for (const n of c.configurations) expect(configs.has(n), n).toBe(true);
  });

  it('runs the playground environment: the toolkit deploy of m365agents.playground.yml, then the npm start launcher', () => {
    const compound = launch.compounds.find((c: { name: string }) => c.name === 'Debug in Microsoft 365 Agents Playground');
    expect(compound).toBeDefined();
    const start = tasks.tasks.find((t: { label: string }) => t.label === compound.preLaunchTask);
    const deploy = tasks.tasks.find((t: { label: string; command?: string }) => start.dependsOn.includes(t.label) && t.command === 'deploy');
    expect(deploy).toMatchObject({ type: 'teamsfx', args: { env: 'playground' } });
    for (const name of compound.configurations) {
      const c = configs.get(name)!;
      expect(c.program).toBe('${workspaceFolder}/scripts/start.mjs');
      expect(c.env).toEqual({ TEAMSFX_ENV: 'playground' });
      // The launcher's "Playground: <url>" line opens the browser.
      expect(new RegExp(c.serverReadyAction.pattern).exec('Playground: http://127.0.0.1:56150')?.[1]).toBe('http://127.0.0.1:56150');
      expect(read('scripts/start.mjs')).toContain('`Playground: ${playground.url}');
    }
  });

  it('env/.env.playground is a local-mode configuration on the ports the prerequisite check frees', () => {
    const c = loadConfig(readEnvironment({ envDir: join(REPO_ROOT, 'env'), envName: 'playground', env: {} }));
    expect(c).toMatchObject({ mode: 'local', host: '127.0.0.1', envName: 'playground', storage: { kind: 'embedded' } });
    const check = tasks.tasks.find((t: { command?: string }) => t.command === 'debug-check-prerequisites');
    expect([...check.args.portOccupancy].sort()).toEqual([c.port, c.azuritePort, c.playgroundPort].sort());
  });
});

describe('committed env files', () => {
  const files = readdirSync(join(REPO_ROOT, 'env')).filter((f) => f.startsWith('.env.') && !f.endsWith('.user'));

  it('hold no secret', () => {
    expect(files).toEqual(expect.arrayContaining(['.env.local', '.env.dev', '.env.playground']));
    for (const f of files) {
      const vars = parseDotenv(read(`env/${f}`), f);
      for (const [k, v] of Object.entries(vars)) {
        if (/^SECRET_|PASSWORD|CLIENT_SECRET|CONNECTION_STRING|ACCOUNT_KEY/.test(k)) expect(`${f} ${k}=${v}`).toBe(`${f} ${k}=`);
        expect(v, `${f} ${k}`).not.toMatch(/AccountKey=|InstrumentationKey=|-----BEGIN/);
      }
    }
  });
});

describe('infra/azure.bicep', () => {
  const bicep = read('infra/azure.bicep');
  const params = JSON.parse(read('infra/azure.parameters.json')).parameters as Record<string, { value: string }>;

  it('runs Node 22 on App Service, as package.json engines say; development may stay on Node 20', () => {
    expect(bicep).toMatch(/param linuxFxVersion string = 'NODE\|22-lts'/);
    expect(params.linuxFxVersion!.value).toBe('NODE|22-lts');
    const pkg = JSON.parse(read('package.json'));
    expect(pkg.engines.node).toBe('>=22');
    expect(pkg.devEngines.runtime).toMatchObject({ name: 'node', version: '>=20.19 <21 || >=22' });
  });

  it('health-checks /healthz', () => {
    expect(bicep).toMatch(/healthCheckPath: '\/healthz'/);
    expect(read('bot/src/server.ts')).toContain("server.get('/healthz'");
  });

  it('sets only app settings the server reads, Application Insights among them', () => {
    const block = /resource webAppSettings[\s\S]*?properties: \{([\s\S]*?)\n  \}\n\}/.exec(bicep)![1]!;
    const names = [...block.matchAll(/^\s{4}([A-Z_]+):/gm)].map((m) => m[1]!);
    expect(names).toContain('APPLICATIONINSIGHTS_CONNECTION_STRING');
    const config = read('bot/src/config.ts');
    // Read by App Service itself, not by the app.
    const platform = new Set(['WEBSITES_PORT', 'SCM_DO_BUILD_DURING_DEPLOYMENT', 'WEBSITE_RUN_FROM_PACKAGE']);
    for (const n of names.filter((n) => !platform.has(n))) expect(config, n).toContain(`'${n}'`);
  });
});
