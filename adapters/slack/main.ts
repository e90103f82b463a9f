// `npm run slack`: checks the settings, opens the index, and runs the Slack app (Socket Mode or HTTP) until stopped.
import { createAssistant, isCoreError } from '../../src/index.js';
import { createLogger, redact } from '../shared/log.js';
import { describeAdapterState } from '../shared/state/index.js';
import { checkBotToken, createSlackAdapter, slackSecrets } from './app.js';
import { loadSlackConfig, type SlackConfig } from './config.js';

const SHUTDOWN_GRACE_MS = 10_000; // ms answers in flight get to finish on SIGTERM

async function main(): Promise<number> {
  let config: SlackConfig;
  try {
    config = loadSlackConfig(process.env);
  } catch (error) {
    // One line naming the variable; values are never echoed.
    console.error(isCoreError(error) ? error.message : `Invalid configuration: ${(error as Error).message}`);
    return 1;
  }
  const log = createLogger({ name: 'slack', secrets: slackSecrets(config) });
  process.on('unhandledRejection', (reason) => {
    log.error('unhandled rejection', { error: reason });
    process.exitCode = 1;
  });

  try {
    const auth = await checkBotToken(config, log);
    log.info(`signed in to Slack as ${auth.user} in ${auth.team}`);
  } catch (error) {
    const code = (error as { data?: { error?: string } }).data?.error ?? (error as Error).message;
    log.error(`Slack refused SLACK_BOT_TOKEN (${code}): check the token and SLACK_API_URL`);
    return 1;
  }
  const assistant = await createAssistant({ config, log: (message) => log.info(message) });
  const info = assistant.indexInfo();
  log.info(`index ready: ${info.documents} documents, ${info.passages} passages (${info.embedder})`);

  const adapter = createSlackAdapter({ config, assistant, log });
  const { port } = await adapter.start();
  log.info(`state: ${describeAdapterState(config)}`);
  log.info(
    adapter.mode === 'socket'
      ? `connected in Socket Mode; ${config.SLACK_COMMAND} and mentions are live`
      : `listening on port ${port}: Slack's Request URL is https://<your host>/slack/events`,
  );

  const shutdown = (signal: string) => {
    log.info(`${signal}: stopping`);
    const timer = setTimeout(() => process.exit(1), SHUTDOWN_GRACE_MS + 5_000);
    timer.unref();
    adapter.stop(SHUTDOWN_GRACE_MS).then(
      () => process.exit(0),
      (error: unknown) => {
        log.error('stop failed', { error });
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  return 0;
}

main().then(
  (code) => {
    if (code !== 0) process.exit(code);
  },
  (error: unknown) => {
    console.error(redact(isCoreError(error) ? error.message : `error: ${(error as Error).message}`));
    process.exit(1);
  },
);
