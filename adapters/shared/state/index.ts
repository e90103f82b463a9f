// Picks the adapters' state backend from the settings: Redis when REDIS_URL is set, else this machine's DATA_DIR.
import { join } from 'node:path';
import type { Logger } from '../log.js';
import type { StateConfig } from './config.js';
import { createLocalState } from './local-state.js';
import { createRedisState, describeRedisUrl } from './redis-state.js';
import type { AdapterState } from './state.js';

export { stateConfigShape, stateSecrets, type StateConfig } from './config.js';
export { createLocalState } from './local-state.js';
export { createMemoryState } from './memory-state.js';
export { createRedisState } from './redis-state.js';
export { DAY, HOUR, MINUTE, type AdapterState } from './state.js';

/** The file of answers and thread state kept across restarts when there is no Redis. */
export const localStateFile = (dataDir: string) => join(dataDir, 'adapter-state.sqlite');

/** Where state is kept, for a start-up line: no credentials. */
export function describeAdapterState(config: StateConfig): string {
  if (config.REDIS_URL) return `Redis at ${describeRedisUrl(config.REDIS_URL)}, keys under ${config.REDIS_PREFIX}`;
  return `this process, answers and threads in ${localStateFile(config.DATA_DIR)}`;
}

export function createAdapterState(config: StateConfig, log: Logger): AdapterState {
  if (config.REDIS_URL) return createRedisState({ url: config.REDIS_URL, prefix: config.REDIS_PREFIX, log });
  return createLocalState({ file: localStateFile(config.DATA_DIR), log });
}
