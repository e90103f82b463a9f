// Registers every listener of the Slack app, grouped by kind (events, commands, actions).
import type { App } from '@slack/bolt';
import type { SlackDeps } from '../deps.js';
import * as actions from './actions/index.js';
import * as commands from './commands/index.js';
import * as events from './events/index.js';

export function registerListeners(app: App, deps: SlackDeps): void {
  // A request is in flight from its first middleware on, so idle() and stop() wait for it: Slack's ack is sent
  // before the store has answered whether an event is new, and the listener starts only after that.
  app.use(async ({ next }) => {
    await deps.track(next());
  });
  events.register(app, deps);
  commands.register(app, deps);
  actions.register(app, deps);
}
