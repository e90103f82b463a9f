// What discord.js's REST client reports (rate limits, a run of invalid requests) goes to our logger. Never the
// request's URL: DISCORD_API_URL may hold a proxy's credentials, so lines name the route alone.
import { RESTEvents, type REST } from 'discord.js';
import type { Logger } from '../shared/log.js';

export function logRestEvents(rest: REST, log: Logger): void {
  rest.on(RESTEvents.RateLimited, (info) => {
    log.warn('Discord rate limit: waiting before the next request', {
      route: info.route,
      method: info.method,
      retryAfterMs: info.retryAfter,
      global: info.global,
      scope: info.scope,
    });
  });
  rest.on(RESTEvents.InvalidRequestWarning, (info) => {
    // Discord bans a client for a while after 10,000 invalid requests in 10 minutes.
    log.warn('many invalid requests to Discord', { count: info.count, resetInMs: info.remainingTime });
  });
}
