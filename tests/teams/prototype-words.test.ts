// Words of Object.prototype typed or sent where user text meets a lookup table: as commands, as
// every dialog answer, in the data of every card verb and in the tab API. Each gets an ordinary
// answer (a re-ask, a refusal, a 404) and nothing crashes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_VERBS } from '../../bot/src/cards/verbs';
import { cardAction, conversation } from '../support/activities';
import { startConnector, type LocalConnector } from '../support/connector';
import { startServiceOps, type ServiceOpsUnderTest } from '../support/service-ops';

const WORDS = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'prototype'];
/** Every key a verb's data carries (cards/*-verbs.ts), so each lookup gets the word. */
const DATA_KEYS = ['findingId', 'incidentId', 'roleId', 'riskId', 'ksiId', 'objectiveId', 'itemId', 'actionId', 'runId', 'sectionId', 'templateId', 'scheduleId', 'occurrenceId', 'draftId', 'importId', 'etag', 'prefix', 'status', 'category', 'owningRole', 'severity', 'resolverGroup', 'resolutionKind', 'reason', 'note', 'editStep', 'dialog', 'step', 'answer', 'command', 'newCadence', 'cadence', 'reassignTask', 'reassignTo', 'outcome', 'period', 'agendaKind', 'weekday', 'timeZone'];

let connector: LocalConnector;
let bot: ServiceOpsUnderTest;
beforeAll(async () => {
  connector = await startConnector();
  bot = await startServiceOps();
});
afterAll(async () => {
  await bot?.close();
  await connector?.close();
});

const broken = /went wrong/i;
const errors = () => bot.logs.filter((l) => l.level === 'error');

describe('Object.prototype words', () => {
  it.each(WORDS)('"%s" as every answer of both dialogs', async (word) => {
    for (const dialog of ['finding', 'escalate']) {
      const conv = conversation({ serviceUrl: connector.serviceUrl, scope: 'channel' });
      await bot.send(conv.message(dialog));
      for (let i = 0; i < 12; i++) expect((await bot.send(conv.message(word))).status).toBeLessThan(300);
      await bot.send(conv.message('cancel'));
      expect(JSON.stringify(connector.sent(conv.conversationId))).not.toMatch(broken);
    }
    expect(errors()).toEqual([]);
  });

  it.each(WORDS)('"%s" in the data of every card verb', async (word) => {
    const conv = conversation({ serviceUrl: connector.serviceUrl, scope: 'channel' });
    await bot.send(conv.botAdded());
    const data = { ...Object.fromEntries(DATA_KEYS.map((k) => [k, word])), [word]: word, filter: { [word]: word, state: word }, keys: [word] };
    const failed: string[] = [];
    for (const verb of ALL_VERBS) {
      const r = await bot.send(cardAction(conv, verb, data));
      if (r.status !== 200 || broken.test(JSON.stringify(r.body))) failed.push(`${verb} ${r.status}`);
    }
    expect(failed).toEqual([]);
    expect(errors()).toEqual([]);
  });

  it.each(WORDS)('"%s" as a tab view, verb and workspace', async (word) => {
    const h = { 'x-dev-identity': 'local', 'content-type': 'application/json' };
    const get = await fetch(`${bot.url}/api/tab/views/${word}`, { headers: h });
    expect(get.status).toBe(404);
    const post = await fetch(`${bot.url}/api/tab/actions`, { method: 'POST', headers: h, body: JSON.stringify({ view: word, workspace: `${word}|team|${word}`, verb: word, data: { [word]: word } }) });
    expect([400, 403, 404]).toContain(post.status);
    const params = await fetch(`${bot.url}/api/tab/views/findings?${new URLSearchParams({ [word]: word, status: word, category: word })}`, { headers: h });
    expect(params.status).toBeLessThan(500);
    expect(errors()).toEqual([]);
  });
});
