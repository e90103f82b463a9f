// Every slash command of the bot: what the register script sends to Discord and what the bot dispatches to.
import type { Command } from '../command.js';
import about from './about.js';
import ask from './ask.js';
import source from './source.js';

export const commands: readonly Command[] = [ask, source, about];
