// Button listeners: "Show passage", 👍/👎 feedback, "Post to channel".
import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import * as feedback from './feedback.js';
import * as postToChannel from './post-to-channel.js';
import * as showPassage from './show-passage.js';

export function register(app: App, deps: SlackDeps): void {
  showPassage.register(app, deps);
  feedback.register(app, deps);
  postToChannel.register(app, deps);
}
