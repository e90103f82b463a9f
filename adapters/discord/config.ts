// The Discord adapter's settings: its own variables, checked with zod at each entry point (bot and register script).
import { z } from 'zod';
import { coreConfigSchema } from '../../src/index.js';
import { stateConfigShape } from '../shared/state/config.js';

/** An unset or blank variable is "not given" (a `.env` often holds `DISCORD_GUILD_ID=`). */
const blankToUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : typeof value === 'string' ? value.trim() : value;

const snowflake = z.string().regex(/^\d{17,20}$/);

// A bot token is three base64url parts joined by dots; a pasted "Bot " prefix or quotes make it malformed.
const token = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{16,}$/);

export const discordConnectionShape = {
  DISCORD_TOKEN: token.describe('the bot token from the Developer Portal (Bot → Reset Token): three parts joined by dots, without "Bot "'),
  DISCORD_APPLICATION_ID: z
    .string()
    .trim()
    .pipe(snowflake)
    .describe('the application id (General Information → Application ID), a number of 17–20 digits'),
  DISCORD_GUILD_ID: z
    .preprocess(blankToUndefined, snowflake.optional())
    .describe('a server (guild) id of 17–20 digits, or nothing for global commands'),
  DISCORD_API_URL: z
    .preprocess(blankToUndefined, z.url({ protocol: /^https?$/ }).optional())
    .describe('the REST base URL, e.g. https://discord.com/api (a REST proxy), or nothing'),
};

/** What `npm run discord:register` needs: no core settings. */
export const discordRegisterSchema = z.object(discordConnectionShape);
export type DiscordRegisterConfig = z.infer<typeof discordRegisterSchema>;

/** What `npm run discord` needs: the core's settings plus the connection and the cooldown. */
export const discordBotSchema = coreConfigSchema.extend({
  ...discordConnectionShape,
  DISCORD_QUESTIONS_PER_MINUTE: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(10)
    .describe('a whole number of questions per user per minute, 1–1000'),
  ...stateConfigShape,
});
export type DiscordBotConfig = z.infer<typeof discordBotSchema>;
