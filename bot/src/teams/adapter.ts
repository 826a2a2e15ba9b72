// The CloudAdapter: token validation when an app id is configured, an allow-list for the
// service URLs the bot will ever call, and a turn error handler that tells the user plainly.
import { type Activity, CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import { AuthenticationError, type AuthenticateRequestResult } from 'botframework-connector';
import type { AppConfig } from '../config';
import { plainMessage } from './replies';
import type { Logger } from './service-ops-bot';

/**
 * Whether the bot may call this service URL. Compared as parsed URLs (scheme, host, port, path
 * below the entry's), never as text: "http://127.0.0.1:4222@evil.invalid/" has the host
 * evil.invalid and is refused. An entry ending in ":" (e.g. "http://127.0.0.1:") allows any port.
 */
export function isAllowedServiceUrl(serviceUrl: string | undefined, allowList: readonly string[]): boolean {
  const url = parseHttpUrl(serviceUrl);
  if (!url || url.username || url.password) return false;
  return allowList.some((entry) => {
    const anyPort = entry.endsWith(':');
    const rule = parseHttpUrl(anyPort ? `${entry}1/` : entry);
    if (!rule || rule.protocol !== url.protocol || rule.hostname !== url.hostname) return false;
    if (!anyPort && rule.port !== url.port) return false;
    const dir = (p: string) => (p.endsWith('/') ? p : `${p}/`);
    return dir(url.pathname).startsWith(dir(rule.pathname));
  });
}

function parseHttpUrl(text: string | undefined): URL | undefined {
  if (!text) return undefined;
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A token that cannot be verified (e.g. the signing keys cannot be fetched) is refused, never
 * trusted. An activity that passed is announced (`authenticated`), so the turn's storage read can
 * start while the adapter is still setting the turn up.
 */
class StrictBotFrameworkAuthentication extends ConfigurationBotFrameworkAuthentication {
  constructor(settings: ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[0], private readonly authenticated?: (activity: Activity) => void) {
    super(settings);
  }

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    let result: AuthenticateRequestResult;
    try {
      result = await super.authenticateRequest(activity, authHeader);
    } catch (e) {
      if (e instanceof AuthenticationError) throw e;
      throw new AuthenticationError(`token could not be verified: ${(e as Error).message}`, 401);
    }
    this.authenticated?.(activity);
    return result;
  }
}

/** What the turn error handler needs to know about errors from outside teams/. */
export interface TurnErrorKinds {
  /** The store did not answer (down, hanging past its deadline, refusing). */
  storeUnavailable(e: unknown): boolean;
}

/** Said when a turn failed because storage did not answer; the same whatever the command. */
export const STORE_UNAVAILABLE_MESSAGE = 'I can\'t reach storage right now, so nothing changed. Try again in a minute.';

/**
 * `authenticated` hears of every activity whose token passed and whose service URL is allowed,
 * before the turn runs.
 */
export function createAdapter(
  config: AppConfig, log: Logger, kinds: TurnErrorKinds = { storeUnavailable: () => false }, authenticated?: (activity: Activity) => void,
): CloudAdapter {
  const trusted = authenticated && ((activity: Activity) => {
    if (isAllowedServiceUrl(activity.serviceUrl, config.serviceUrlAllowList)) authenticated(activity);
  });
  const auth = new StrictBotFrameworkAuthentication({
    MicrosoftAppId: config.bot.appId ?? '',
    MicrosoftAppPassword: config.bot.appPassword ?? '',
    MicrosoftAppType: config.bot.appType,
    MicrosoftAppTenantId: config.bot.tenantId ?? '',
  }, trusted);
  const adapter = new CloudAdapter(auth);

  // Runs before any handler: an activity from an unknown service URL is dropped, so the bot
  // never sends (or leaks a token) anywhere but the Bot Connector it trusts.
  adapter.use(async (context, next) => {
    if (!isAllowedServiceUrl(context.activity.serviceUrl, config.serviceUrlAllowList)) {
      log.warn('dropped an activity from a service URL that is not allow-listed', { serviceUrl: context.activity.serviceUrl });
      context.turnState.set('serviceUrlRejected', true);
      return;
    }
    await next();
  });

  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    const outage = kinds.storeUnavailable(error);
    // An outage is the store's state (also on /healthz), not a fault in this code: a warning.
    if (outage) log.warn('turn failed: storage unavailable', { error: String(error), type: context.activity.type });
    else log.error('turn failed', { error: error.stack ?? String(error), type: context.activity.type });
    if (context.turnState.get('serviceUrlRejected')) return;
    if (context.activity.type === 'message') {
      try {
        await context.sendActivity(plainMessage(outage ? STORE_UNAVAILABLE_MESSAGE : 'Sorry, something went wrong on my side and that did not work. Please try again in a moment.'));
      } catch {
        // The connector itself is failing; the log above is all we can do.
      }
    }
  };
  return adapter;
}
