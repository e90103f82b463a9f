// `npm run discord`: checks the config, opens the index, logs the bot in over the gateway and answers until stopped.
import { createAssistant, isCoreError, parseEnv } from '../../src/index.js';
import { createLogger, redact, urlCredentials } from '../shared/log.js';
import { createAdapterState, describeAdapterState, stateSecrets } from '../shared/state/index.js';
import { createDiscordBot } from './bot.js';
import { discordBotSchema, type DiscordBotConfig } from './config.js';
import { inviteUrl } from './register-commands.js';

async function main(): Promise<number> {
  let config: DiscordBotConfig;
  try {
    config = parseEnv(discordBotSchema, process.env);
  } catch (error) {
    if (!isCoreError(error)) throw error;
    console.error(error.message);
    return 1;
  }
  const log = createLogger({
    name: 'discord',
    secrets: [
      config.DISCORD_TOKEN,
      config.OPENAI_API_KEY,
      ...urlCredentials(config.DISCORD_API_URL),
      ...urlCredentials(config.OPENAI_BASE_URL),
      ...stateSecrets(config),
    ],
  });
  const assistant = await createAssistant({ config, log: (message) => log.info(message) });
  const state = createAdapterState(config, log);
  await state.ready();
  log.info(`state: ${describeAdapterState(config)}`);
  const client = createDiscordBot({
    assistant,
    log,
    state,
    dataDir: config.DATA_DIR,
    questionsPerMinute: config.DISCORD_QUESTIONS_PER_MINUTE,
    ...(config.DISCORD_API_URL ? { apiUrl: config.DISCORD_API_URL } : {}),
  });
  client.once('clientReady', (ready) => {
    if (ready.application.id !== config.DISCORD_APPLICATION_ID) {
      log.warn('DISCORD_APPLICATION_ID is not the application of DISCORD_TOKEN: register the commands with the right id', {
        tokenApplicationId: ready.application.id,
      });
    }
    log.info('ready', {
      invite: inviteUrl(ready.application.id),
      documents: assistant.indexInfo().documents,
      passages: assistant.indexInfo().passages,
    });
  });
  const stop = (signal: string) => {
    log.info('stopping', { signal });
    void client
      .destroy()
      .then(() => state.close())
      .finally(() => process.exit(0));
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  try {
    await client.login(config.DISCORD_TOKEN);
  } catch (error) {
    log.error('login failed: check DISCORD_TOKEN (and DISCORD_API_URL when set)', { error });
    await client.destroy();
    await state.close();
    return 1;
  }
  return 0;
}

main().then(
  (code) => {
    if (code !== 0) process.exitCode = code;
  },
  (error) => {
    console.error(redact(isCoreError(error) ? error.message : `error: ${(error as Error).message}`));
    process.exitCode = 1;
  },
);
