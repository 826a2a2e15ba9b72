// The manifest's message extension: bot-based, a search command and the two action commands the
// bot answers (same ids as teams/message-extension), link unfurling for the tab's own domain,
// validated offline against the bundled schema.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { COMPOSE_COMMANDS } from "../../bot/src/teams/message-extension";
import { REPO_ROOT, fillPlaceholders, validateManifest } from "../../scripts/lib/app-package.mjs";

const SAMPLE: Record<string, string> = {
  TEAMS_APP_ID: "0f6a3c1e-8b2d-4e5f-9a7b-1c2d3e4f5a6b",
  BOT_ID: "7d9e1f20-3a4b-4c5d-8e6f-708192a3b4c5",
  AAD_APP_CLIENT_ID: "c5b4a392-8170-4f6e-9d5c-4b3a29180706",
  TAB_ENDPOINT: "https://serviceops.example.net",
  TAB_DOMAIN: "serviceops.example.net",
  APP_NAME_SUFFIX: "dev",
};

function filled(): any {
  const template = JSON.parse(readFileSync(join(REPO_ROOT, "appPackage", "manifest.json"), "utf8"));
  const { value, missing } = fillPlaceholders(template, SAMPLE);
  expect(missing).toEqual([]);
  return value;
}

describe("composeExtensions", () => {
  beforeEach(() => {
    vi.stubGlobal("fetch", vi.fn(() => Promise.reject(new Error("network disabled in test"))));
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("validates offline against the bundled schema with zero errors", async () => {
    const manifest = filled();
    expect(manifest.composeExtensions).toHaveLength(1);
    expect(await validateManifest(manifest)).toEqual([]);
    expect(globalThis.fetch).not.toHaveBeenCalled();
  });

  it("is the bot's own message extension", () => {
    const [ext] = filled().composeExtensions;
    expect(ext.composeExtensionType).toBe("botBased");
    expect(ext.botId).toBe(SAMPLE.BOT_ID);
  });

  it("declares exactly the commands the bot answers", () => {
    const [ext] = filled().composeExtensions;
    const byId = Object.fromEntries(ext.commands.map((c: any) => [c.id, c]));
    expect(Object.keys(byId).sort()).toEqual(Object.values(COMPOSE_COMMANDS).sort());
    const search = byId[COMPOSE_COMMANDS.search];
    expect(search.type).toBe("query");
    expect(search.initialRun).toBe(true);
    expect(search.parameters.map((p: any) => p.name)).toEqual(["query"]);
    for (const id of [COMPOSE_COMMANDS.fileFinding, COMPOSE_COMMANDS.escalate]) {
      expect(byId[id].type).toBe("action");
      expect(byId[id].fetchTask).toBe(true);
      expect([...byId[id].context].sort()).toEqual(["compose", "message"]);
    }
    expect(byId[COMPOSE_COMMANDS.fileFinding].title).toBe("File a finding");
    expect(byId[COMPOSE_COMMANDS.escalate].title).toBe("Escalate");
  });

  it("unfurls links of the tab's own domain only", () => {
    const manifest = filled();
    const [ext] = manifest.composeExtensions;
    expect(ext.messageHandlers).toEqual([{ type: "link", value: { domains: [SAMPLE.TAB_DOMAIN], supportsAnonymizedPayloads: false } }]);
    expect(manifest.validDomains).toContain(SAMPLE.TAB_DOMAIN);
  });

  it("the schema check catches a broken command", async () => {
    const manifest = filled();
    manifest.composeExtensions[0].commands[1].context = ["message", "notAContext"];
    manifest.composeExtensions[0].commands[0].type = "lookup";
    const errors = (await validateManifest(manifest)).join("\n");
    expect(errors).toContain("/composeExtensions/0/commands/1/context/1");
    expect(errors).toContain("/composeExtensions/0/commands/0/type");
  });
});
