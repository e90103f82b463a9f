// `npm run web`: the newsroom lookup (JSON API + one page) on WEB_HOST:WEB_PORT, default 127.0.0.1:8080.
import { createAssistant, isCoreError } from '../../src/index.js';
import { createLogger } from '../shared/log.js';
import { createAdapterState, describeAdapterState, stateSecrets } from '../shared/state/index.js';
import { loadWebConfig, type WebConfig } from './config.js';
import { createWebServer } from './server.js';

async function main(): Promise<void> {
  let config: WebConfig;
  try {
    config = loadWebConfig();
  } catch (error) {
    console.error(isCoreError(error) ? error.message : String(error));
    process.exit(2);
  }
  const log = createLogger({ name: 'web', secrets: [config.WEB_TOKEN, config.OPENAI_API_KEY, ...stateSecrets(config)] });
  const assistant = await createAssistant({ config, log: (message) => log.info(message) });
  // Only the rate limit is kept: without Redis it stays in memory (the DATA_DIR file is never opened).
  const state = createAdapterState(config, log);
  await state.ready();
  const server = await createWebServer({
    assistant,
    log,
    ...(config.WEB_TOKEN ? { token: config.WEB_TOKEN } : {}),
    rateLimit: { limit: config.WEB_RATE_LIMIT, windowMs: 60_000 },
    state,
    trustProxy: config.WEB_TRUST_PROXY === 'on',
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.WEB_PORT, config.WEB_HOST, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.WEB_PORT;
  const shownHost = config.WEB_HOST.includes(':') ? `[${config.WEB_HOST}]` : config.WEB_HOST;
  log.info(`listening on http://${shownHost}:${port}/`, {
    token: config.WEB_TOKEN ? 'required' : 'off',
    rateLimitPerMinute: config.WEB_RATE_LIMIT,
    trustProxy: config.WEB_TRUST_PROXY,
  });
  log.info(`state: ${config.REDIS_URL ? describeAdapterState(config) : 'this process'}`);

  const stop = (signal: string) => {
    log.info(`${signal}: closing`);
    server.close(() => void state.close().finally(() => process.exit(0)));
    server.closeIdleConnections();
    // Answers in flight get a few seconds, then the remaining connections are cut.
    setTimeout(() => {
      server.closeAllConnections();
      process.exit(0);
    }, 5_000).unref();
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error) => {
  console.error(isCoreError(error) ? error.message : `error: ${(error as Error).message}`);
  process.exit(1);
});
