// Starts Debian's redis-server for a test: on a free port of 127.0.0.1, with a password, a temp folder and no
// persistence, stopped (or killed, and started again on the same port) by the test. Without /usr/bin/redis-server the
// Redis tests skip with a message, except under CI=true, where they fail: CI must run them.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REDIS_SERVER = '/usr/bin/redis-server';
/** A password with URL-special characters, to check it never reaches a log line. */
export const REDIS_PASSWORD = 'redis-Test/pass%0word';

export interface RedisServer {
  port: number;
  /** redis://:<password>@127.0.0.1:<port>/0, percent-encoded. */
  url: string;
  /** SIGKILL, as a crash or a lost network would: clients see the connection drop. */
  kill(): Promise<void>;
  /** Starts it again on the same port (after kill), empty. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Whether the Redis tests can run here. Under CI=true a missing server is an error (the suite fails);
 * elsewhere the tests are skipped and this says why once.
 */
export function redisServerAvailable(): boolean {
  if (existsSync(REDIS_SERVER)) return true;
  if (process.env.CI === 'true')
    throw new Error(`${REDIS_SERVER} is missing: CI must run the Redis tests (apt-get install -y redis-server; .ci/run does it)`);
  console.warn(`skipping the Redis tests: ${REDIS_SERVER} is missing (apt-get install -y redis-server)`);
  return false;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function launch(port: number, dir: string): Promise<ChildProcess> {
  const child = spawn(
    REDIS_SERVER,
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--requirepass', REDIS_PASSWORD],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`redis-server did not start on port ${port} within 10 s: ${output}`)), 10_000);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      output += String(chunk);
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => fail(new Error(`redis-server exited (${code}) before it was ready: ${output}`)));
  });
}

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise<void>((resolve) => child.once('exit', () => resolve()));

export async function startRedisServer(): Promise<RedisServer> {
  const dir = await mkdtemp(join(tmpdir(), 'redis-test-'));
  const port = await freePort();
  let child = await launch(port, dir);
  return {
    port,
    url: `redis://:${encodeURIComponent(REDIS_PASSWORD)}@127.0.0.1:${port}/0`,
    async kill() {
      child.kill('SIGKILL');
      await exited(child);
    },
    async restart() {
      child = await launch(port, dir);
    },
    async stop() {
      child.kill('SIGTERM');
      await exited(child);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
