// Slash command listeners.
import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import * as ask from './ask.js';

export function register(app: App, deps: SlackDeps): void {
  ask.register(app, deps);
}
