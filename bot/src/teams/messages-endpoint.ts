// POST /api/messages: the one door Teams uses. Token checks happen in the CloudAdapter; an
// obviously unusable token is refused here first so it never waits on key discovery.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CloudAdapter } from 'botbuilder';
import type { AppConfig } from '../config';
import type { Logger, ServiceOpsBot } from './service-ops-bot';

const SIGNED_ALGS = new Set(['RS256', 'RS384', 'RS512']);

/** Why a bearer token cannot possibly be a Bot Framework token, or undefined if it might be. */
export function bearerProblem(authorization: string | undefined): string | undefined {
  if (!authorization) return 'missing Authorization header';
  const m = /^Bearer\s+([\w-]+)\.([\w-]+)\.([\w-]+)$/.exec(authorization.trim());
  if (!m) return 'Authorization is not a signed bearer token';
  try {
    const header = JSON.parse(Buffer.from(m[1]!, 'base64url').toString('utf8')) as { alg?: string };
    if (!header.alg || !SIGNED_ALGS.has(header.alg)) return `token algorithm ${String(header.alg)} is not accepted`;
  } catch {
    return 'token header is not readable';
  }
  return undefined;
}

/** Deeper than any activity Teams sends; a bound so a hostile body cannot exhaust the stack. */
export const MAX_ACTIVITY_DEPTH = 64;

/** Why a parsed body cannot be an activity, or undefined if it can. */
export function activityProblem(body: unknown, contentType: string | undefined): string | undefined {
  if (!/^application\/json\b/i.test(contentType ?? '')) return 'send the activity as application/json';
  if (!body || typeof body !== 'object' || Array.isArray(body)) return 'the body is not a JSON object';
  const type = (body as { type?: unknown }).type;
  if (typeof type !== 'string' || !type) return 'the activity has no type';
  // Iterative, so the check itself cannot overflow.
  const stack: [unknown, number][] = [[body, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (depth > MAX_ACTIVITY_DEPTH) return `the activity is nested deeper than ${MAX_ACTIVITY_DEPTH} levels`;
    if (node && typeof node === 'object') for (const v of Object.values(node)) if (v && typeof v === 'object') stack.push([v, depth + 1]);
  }
  return undefined;
}

type Req = IncomingMessage & { body?: unknown };
type Res = ServerResponse & { send(code: number, body?: unknown): void; headersSent: boolean };

export function createMessagesHandler(config: AppConfig, adapter: CloudAdapter, bot: ServiceOpsBot, log: Logger) {
  return async (req: Req, res: Res): Promise<void> => {
    if (config.mode === 'authenticated') {
      const problem = bearerProblem(req.headers.authorization);
      if (problem) {
        res.send(401, { error: 'unauthorized', message: problem });
        return;
      }
    }
    const malformed = activityProblem(req.body, req.headers['content-type']);
    if (malformed) {
      res.send(400, { error: 'bad activity', message: malformed });
      return;
    }
    try {
      await adapter.process(req as never, res as never, (context) => bot.run(context));
    } catch (e) {
      log.error('could not process an activity', { error: String(e) });
      if (!res.headersSent) res.send(500, { error: 'internal error' });
    }
  };
}
