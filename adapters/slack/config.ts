// The Slack adapter's settings: the core's variables plus the Slack ones, validated once at start with zod.
import { z } from 'zod';
import { coreConfigSchema, createError, parseEnv } from '../../src/index.js';
import { stateConfigShape } from '../shared/state/config.js';

const optional = (schema: z.ZodType<string | undefined, string | undefined>) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .pipe(schema.optional());

export const slackConfigSchema = coreConfigSchema.extend({
  SLACK_BOT_TOKEN: z
    .string()
    .trim()
    .regex(/^xoxb-[A-Za-z0-9-]+$/)
    .describe('a bot token starting with xoxb- (OAuth & Permissions page of the app)'),
  SLACK_APP_TOKEN: optional(z.string().regex(/^xapp-[A-Za-z0-9-]+$/)).describe(
    'an app-level token starting with xapp- with the connections:write scope (Basic Information page), for Socket Mode',
  ),
  SLACK_SIGNING_SECRET: optional(z.string().regex(/^[A-Za-z0-9]{16,128}$/)).describe(
    'the signing secret of the app (Basic Information page), needed in HTTP mode',
  ),
  SLACK_API_URL: optional(z.url({ protocol: /^https?$/ })).describe('the Slack Web API base URL, e.g. https://slack-gov.com/api/'),
  SLACK_COMMAND: z
    .string()
    .trim()
    .regex(/^\/[a-z0-9_-]{1,31}$/)
    .default('/ask')
    .describe('a slash command name such as /ask (lowercase letters, digits, - or _)'),
  SLACK_THREAD_FOLLOWUPS: z.enum(['on', 'off']).default('on').describe('"on" or "off": answer follow-ups in a thread without a new mention'),
  SLACK_RATE_LIMIT: z.coerce.number().int().min(1).max(1000).default(10).describe('questions a user may ask a minute, 1 to 1000'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000).describe('a TCP port for HTTP mode, e.g. 3000'),
  ...stateConfigShape,
});

export type SlackConfig = z.infer<typeof slackConfigSchema>;

/**
 * Parses the environment; throws a CoreError (INVALID_CONFIG) whose message is one line naming the variable.
 * Socket Mode when SLACK_APP_TOKEN is set, else HTTP mode, which needs SLACK_SIGNING_SECRET.
 */
export function loadSlackConfig(env: Record<string, string | undefined> = process.env): SlackConfig {
  const config = parseEnv(slackConfigSchema, env);
  if (!config.SLACK_APP_TOKEN && !config.SLACK_SIGNING_SECRET) {
    throw createError(
      'INVALID_CONFIG',
      `SLACK_SIGNING_SECRET is missing: expected ${slackConfigSchema.shape.SLACK_SIGNING_SECRET.description} (or set SLACK_APP_TOKEN for Socket Mode)`,
    );
  }
  return config;
}

export const isSocketMode = (config: SlackConfig) => config.SLACK_APP_TOKEN !== undefined;

/** Bolt's WebClient joins method names to the base URL: it must end with a slash. */
export function apiBaseUrl(config: SlackConfig): string | undefined {
  const url = config.SLACK_API_URL;
  return url === undefined ? undefined : url.endsWith('/') ? url : `${url}/`;
}
