// The state settings every long-running adapter shares (REDIS_URL, REDIS_PREFIX), checked with zod at start.
import { z } from 'zod';

const blankToUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : typeof value === 'string' ? value.trim() : value;

export const stateConfigShape = {
  REDIS_URL: z
    .preprocess(blankToUndefined, z.url({ protocol: /^rediss?$/, hostname: /^.+$/ }).optional())
    .describe('a Redis URL such as redis://:password@redis.internal:6379/0 (rediss:// for TLS), or nothing to keep state in this process'),
  REDIS_PREFIX: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_.:-]{1,64}$/)
    .default('vnbot:')
    .describe('a key prefix of 1–64 letters, digits, _ . : or -, e.g. vnbot:'),
};

export interface StateConfig {
  REDIS_URL?: string | undefined;
  REDIS_PREFIX: string;
  DATA_DIR: string;
}

/** What the logger must redact: the whole URL and its password (and user name), as written and percent-decoded. */
export function stateSecrets(config: Pick<StateConfig, 'REDIS_URL'>): string[] {
  if (!config.REDIS_URL) return [];
  const url = new URL(config.REDIS_URL);
  const parts = [url.password, url.username].filter((p) => p.length > 0);
  const decoded = parts.map((p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return p;
    }
  });
  return [config.REDIS_URL, ...parts, ...decoded];
}
