// `npm run slack` as a process: refuses to start on bad settings or a refused token with one line, and otherwise
// builds the index, listens, answers a signed mention through the fake Slack, and exits cleanly on SIGTERM.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from './fake-slack.js';
import { BOT_TOKEN, SIGNING_SECRET, mentionEvent, sign } from './harness.js';

interface Run {
  exit: Promise<number | null>;
  stderr: () => string;
  stdout: () => string;
  /** Resolves with the first match of `pattern` in stderr. */
  waitFor(pattern: RegExp): Promise<RegExpExecArray>;
  kill(signal: NodeJS.Signals): void;
}

function runMain(env: Record<string, string>): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', 'adapters/slack/main.ts'], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
  });
  let stderr = '';
  let stdout = '';
  const watchers: (() => void)[] = [];
  child.stderr.on('data', (chunk) => {
    stderr += String(chunk);
    for (const watch of [...watchers]) watch();
  });
  child.stdout.on('data', (chunk) => (stdout += String(chunk)));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    exit,
    stderr: () => stderr,
    stdout: () => stdout,
    waitFor: (pattern) =>
      new Promise((resolve, reject) => {
        const watch = () => {
          const match = pattern.exec(stderr);
          if (match) {
            watchers.splice(watchers.indexOf(watch), 1);
            resolve(match);
          }
        };
        watchers.push(watch);
        void exit.then(() => reject(new Error(`exited before ${pattern}: ${stderr}`)));
        watch();
      }),
    kill: (signal) => child.kill(signal),
  };
}

describe('npm run slack', () => {
  let fake: FakeSlack;
  let dataDir: string;
  beforeAll(async () => {
    fake = await startFakeSlack();
    dataDir = await mkdtemp(join(tmpdir(), 'slack-main-'));
  });
  afterAll(async () => {
    await fake.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('stops at start with one line naming a missing variable, and a non-zero exit', async () => {
    const run = runMain({ SLACK_SIGNING_SECRET: SIGNING_SECRET });
    expect(await run.exit).toBe(1);
    expect(run.stderr().trim().split('\n')).toEqual([expect.stringContaining('SLACK_BOT_TOKEN is missing')]);
  });

  it('stops at start with one line naming REDIS_URL when it is not a Redis URL, without printing it', async () => {
    const run = runMain({
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      REDIS_URL: 'https://:hunter2secret@redis.internal:6379',
    });
    expect(await run.exit).toBe(1);
    expect(run.stderr().trim().split('\n')).toEqual([expect.stringContaining('REDIS_URL is invalid: expected a Redis URL such as redis://')]);
    expect(run.stderr()).not.toContain('hunter2secret');
  });

  it('stops with one line when Slack refuses the bot token, without printing the token', async () => {
    fake.failMethod('auth.test', 'invalid_auth');
    try {
      const run = runMain({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.apiUrl, DATA_DIR: dataDir });
      expect(await run.exit).toBe(1);
      expect(run.stderr().trim().split('\n')).toEqual([expect.stringContaining('Slack refused SLACK_BOT_TOKEN (invalid_auth)')]);
      expect(run.stderr()).not.toContain(BOT_TOKEN);
    } finally {
      fake.failMethod('auth.test', undefined);
    }
  });

  it("never prints the user name or password of SLACK_API_URL, and every line it prints is its own redacting logger's", async () => {
    const user = 'proxyuser7';
    const password = 'Pr0xyPassw0rd';
    const apiUrl = fake.apiUrl.replace('http://', `http://${user}:${password}@`);
    const run = runMain({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: apiUrl, DATA_DIR: dataDir, PORT: '0' });
    // The Slack client cannot call a URL holding credentials (fetch refuses it): the start stops at the token check.
    expect(await run.exit).toBe(1);
    const output = run.stdout() + run.stderr();
    expect(output).toContain('Slack refused SLACK_BOT_TOKEN');
    expect(output).not.toContain(password);
    expect(output).not.toContain(user);
    expect(output).not.toContain(BOT_TOKEN);
    for (const line of output.trim().split('\n')) expect(line).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z (info|warn|error) \[slack\] /);
  });

  it('starts in HTTP mode, answers a signed mention from the real corpus, and exits 0 on SIGTERM', async () => {
    const run = runMain({
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      DATA_DIR: dataDir,
      PORT: '0',
    });
    try {
      const port = Number((await run.waitFor(/listening on port (\d+)/))[1]);
      const event = mentionEvent({ user: 'UMAIN', channel: 'CMAIN', text: 'How long have Vietnam and South Korea had diplomatic relations?' });
      const body = JSON.stringify({
        type: 'event_callback',
        team_id: 'T0FAKE',
        api_app_id: 'AFAKE',
        event_id: 'EvMAIN',
        event_time: 1,
        event,
        authorizations: [{ team_id: 'T0FAKE', user_id: 'UBOT0001', is_bot: true }],
      });
      const timestamp = Math.floor(Date.now() / 1000);
      const response = await fetch(`http://127.0.0.1:${port}/slack/events`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-slack-request-timestamp': String(timestamp),
          'x-slack-signature': sign(SIGNING_SECRET, timestamp, body),
        },
        body,
      });
      expect(response.status).toBe(200);
      const post = await fake.waitForCall('chat.postMessage', (c) => c.args.channel === 'CMAIN');
      expect(post.ok).toBe(true);
      expect(JSON.stringify(post.args.blocks)).toContain('000_c165353527c3661a.txt');
    } finally {
      run.kill('SIGTERM');
    }
    expect(await run.exit).toBe(0);
    expect(run.stderr()).not.toContain(BOT_TOKEN);
    expect(run.stderr()).not.toContain(SIGNING_SECRET);
  });
});
