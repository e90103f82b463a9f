// Events API listeners: mentions, and messages (DMs and thread follow-ups), behind a filter of Slack's retries.
import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import * as appMention from './app-mention.js';
import * as dedupeEvents from './dedupe-events.js';
import * as message from './message.js';

export function register(app: App, deps: SlackDeps): void {
  dedupeEvents.register(app, deps);
  appMention.register(app, deps);
  message.register(app, deps);
}
