// Drops an Events API delivery whose event_id was already received: Slack retries an event it thinks was missed.
import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';

export function register(app: App, deps: SlackDeps): void {
  app.use(async ({ body, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === 'string' && !(await deps.store.claimEvent(eventId))) {
      deps.log.info('ignored a repeated event', { eventId });
      return;
    }
    await next();
  });
}
