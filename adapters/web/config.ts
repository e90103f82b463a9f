// The web adapter's settings: the core's environment plus WEB_*, parsed once at start.
import { z } from 'zod';
import { coreConfigSchema, createError, parseEnv } from '../../src/index.js';
import { stateConfigShape } from '../shared/state/config.js';

const optionalSecret = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined))
  .pipe(z.string().min(16).optional());

export const webConfigSchema = coreConfigSchema.extend({
  WEB_PORT: z.coerce.number().int().min(0).max(65_535).default(8080).describe('a TCP port number, 0..65535 (0 picks a free one)'),
  WEB_HOST: z.string().trim().min(1).default('127.0.0.1').describe('the address to listen on, e.g. 127.0.0.1 or 0.0.0.0'),
  WEB_TOKEN: optionalSecret.describe('a secret of at least 16 characters that API clients send as "authorization: Bearer <token>"'),
  WEB_RATE_LIMIT: z.coerce.number().int().positive().max(10_000).default(30).describe('questions per client per minute, a positive integer'),
  WEB_TRUST_PROXY: z
    .enum(['on', 'off'])
    .default('off')
    .describe('"on" behind a reverse proxy that sets X-Forwarded-For to the client\'s address (the rate limit then counts that address), else "off"'),
  ...stateConfigShape,
});

export type WebConfig = z.infer<typeof webConfigSchema>;

/** Loopback addresses: a server bound to one of them is reachable from this machine only. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/** Parses the environment; throws a one-line INVALID_CONFIG error naming the variable when something is wrong. */
export function loadWebConfig(env: Record<string, string | undefined> = process.env): WebConfig {
  const config = parseEnv(webConfigSchema, env);
  // Beyond this machine anyone on the network could ask and read the corpus: a token is required there.
  if (!isLoopbackHost(config.WEB_HOST) && !config.WEB_TOKEN) {
    throw createError(
      'INVALID_CONFIG',
      `WEB_TOKEN is missing: expected a secret of at least 16 characters when WEB_HOST (${config.WEB_HOST}) is not a loopback address`,
    );
  }
  return config;
}
