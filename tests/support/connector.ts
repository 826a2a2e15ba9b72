// A local stand-in for the Bot Connector service: records what the bot sends
// (POST /v3/conversations/:id/activities and friends) and can be told to fail.
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  method: string;
  path: string;
  conversationId?: string;
  activityId?: string;
  body: any;
  authorization?: string;
  status: number;
  at: number;
}

export interface Fault {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface LocalConnector {
  serviceUrl: string;
  calls: RecordedCall[];
  /** Activities the bot sent (new messages and replies), in order. */
  sent(conversationId?: string): any[];
  /** Activities the bot updated in place (PUT). */
  updated(conversationId?: string): any[];
  /** Answer the next matching requests with a fault instead of success. */
  failNext(fault: Fault, count?: number, match?: (call: { method: string; path: string }) => boolean): void;
  waitFor(predicate: (calls: RecordedCall[]) => boolean, timeoutMs?: number): Promise<void>;
  clear(): void;
  close(): Promise<void>;
}

const ROUTE = /^\/v3\/conversations(?:\/([^/]+)(?:\/activities(?:\/([^/]+))?|\/members.*)?)?\/?$/;

export async function startConnector(options: { record?: boolean } = {}): Promise<LocalConnector> {
  const record = options.record ?? true;
  const calls: RecordedCall[] = [];
  const events = new EventEmitter();
  events.setMaxListeners(0);
  const faults: { fault: Fault; remaining: number; match?: (c: { method: string; path: string }) => boolean }[] = [];
  let nextId = 1;

  const server: Server = createServer(async (req, res) => {
    const body = await readJson(req);
    const path = (req.url ?? '').split('?')[0]!;
    const m = ROUTE.exec(path);
    const conversationId = m?.[1] ? decodeURIComponent(m[1]) : undefined;
    const activityId = m?.[2] ? decodeURIComponent(m[2]) : undefined;
    const fault = faults.find((f) => f.remaining > 0 && (!f.match || f.match({ method: req.method ?? '', path })));
    let status = 200;
    let payload: unknown = {};
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (fault) {
      fault.remaining--;
      status = fault.fault.status;
      payload = fault.fault.body ?? { error: { code: 'Fault', message: `injected ${status}` } };
      Object.assign(headers, fault.fault.headers);
    } else if (!m) {
      status = 404;
      payload = { error: { code: 'NotFound', message: path } };
    } else if (req.method === 'POST' && !conversationId) {
      payload = { id: `conv-${nextId++}`, activityId: `act-${nextId++}` };
      status = 201;
    } else if (req.method === 'GET') {
      payload = [];
    } else {
      payload = { id: activityId && req.method === 'PUT' ? activityId : `act-${nextId++}` };
    }
    if (record) calls.push({ method: req.method ?? '', path, conversationId, activityId, body, authorization: req.headers.authorization, status, at: Date.now() });
    res.writeHead(status, headers);
    res.end(JSON.stringify(payload));
    events.emit('call');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const isActivityPost = (c: RecordedCall) => c.method === 'POST' && c.path.includes('/activities') && c.status < 300;
  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    calls,
    sent: (cid) => calls.filter((c) => isActivityPost(c) && (!cid || c.conversationId === cid)).map((c) => c.body),
    updated: (cid) => calls.filter((c) => c.method === 'PUT' && c.status < 300 && (!cid || c.conversationId === cid)).map((c) => c.body),
    failNext(fault, count = 1, match) {
      faults.push({ fault, remaining: count, match });
    },
    waitFor(predicate, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        if (predicate(calls)) return resolve();
        const timer = setTimeout(() => {
          events.off('call', check);
          reject(new Error(`connector: condition not met within ${timeoutMs} ms (${calls.length} calls recorded)`));
        }, timeoutMs);
        function check() {
          if (predicate(calls)) {
            clearTimeout(timer);
            events.off('call', check);
            resolve();
          }
        }
        events.on('call', check);
      });
    },
    clear() {
      calls.length = 0;
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        resolve(text ? JSON.parse(text) : undefined);
      } catch {
        resolve(text);
      }
    });
  });
}
