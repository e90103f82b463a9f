// `npm run discord:register`: registers /ask, /source and /about (in DISCORD_GUILD_ID when set, else globally).
import { isCoreError, parseEnv } from '../../src/index.js';
import { createLogger, redact, urlCredentials } from '../shared/log.js';
import { discordRegisterSchema, type DiscordRegisterConfig } from './config.js';
import { inviteUrl, registerCommands } from './register-commands.js';

async function main(): Promise<number> {
  let config: DiscordRegisterConfig;
  try {
    config = parseEnv(discordRegisterSchema, process.env);
  } catch (error) {
    if (!isCoreError(error)) throw error;
    console.error(error.message);
    return 1;
  }
  const log = createLogger({ name: 'discord:register', secrets: [config.DISCORD_TOKEN, ...urlCredentials(config.DISCORD_API_URL)] });
  try {
    const result = await registerCommands({
      token: config.DISCORD_TOKEN,
      applicationId: config.DISCORD_APPLICATION_ID,
      guildId: config.DISCORD_GUILD_ID,
      apiUrl: config.DISCORD_API_URL,
      log,
    });
    const where =
      result.scope === 'guild' ? `in guild ${config.DISCORD_GUILD_ID} (usable at once)` : 'globally (they can take a while to show in every server)';
    console.log(`Registered ${result.names.map((n) => `/${n}`).join(', ')} ${where}.`);
    console.log(`Invite the bot with: ${inviteUrl(config.DISCORD_APPLICATION_ID)}`);
    return 0;
  } catch (error) {
    log.error('registering the commands failed', { error });
    return 1;
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(redact(`error: ${(error as Error).message}`));
    process.exitCode = 1;
  },
);
