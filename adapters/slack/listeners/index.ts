// Registers every listener of the Slack app, grouped by kind (events, commands, actions).
import type { App } from '@slack/bolt';
import type { SlackDeps } from '../deps.js';
import * as actions from './actions/index.js';
import * as commands from './commands/index.js';
import * as events from './events/index.js';

export function registerListeners(app: App, deps: SlackDeps): void {
  events.register(app, deps);
  commands.register(app, deps);
  actions.register(app, deps);
}
