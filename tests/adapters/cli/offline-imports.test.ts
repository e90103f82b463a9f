import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CORPUS_DIR } from '../../helpers/knowledge-base.js';
import { runCli as runCliProcess, type CliRun } from './run-cli.js';

let dataDir: string;

// A module hook that refuses to resolve the openai SDK: a process that tries to load it fails, naming it.
const refuseOpenAI = `export async function resolve(specifier, context, next) {
  if (specifier === 'openai' || specifier.startsWith('openai/')) throw new Error('openai SDK loaded: ' + specifier);
  return next(specifier, context);
}`;
const registerHook = `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(refuseOpenAI)}`)});`;

function runCli(question: string, env: Record<string, string>): Promise<CliRun> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, CORPUS_DIR, DATA_DIR: dataDir, ...env };
  for (const name of ['OPENAI_API_KEY', 'OPENAI_BASE_URL', 'EMBEDDING_MODEL']) if (!(name in env)) delete childEnv[name];
  return runCliProcess({
    args: ['--json', question],
    env: childEnv,
    nodeArgs: ['--import', `data:text/javascript,${encodeURIComponent(registerHook)}`],
  });
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'cli-offline-'));
});

describe('CLI start-up imports', () => {
  it('answers offline without loading the openai SDK', async () => {
    const { code, stdout, stderr } = await runCli('When did Vietnam and South Korea establish diplomatic relations?', {});
    expect(stderr).not.toContain('openai SDK loaded');
    expect(code).toBe(0);
    expect(JSON.parse(stdout).mode).toBe('extractive');
  });

  it('loads it when a server is configured (what the first test would catch on the offline path)', async () => {
    const { code, stderr } = await runCli('When did Vietnam and South Korea establish diplomatic relations?', {
      OPENAI_BASE_URL: 'http://127.0.0.1:9/v1',
    });
    expect(code).toBe(1);
    expect(stderr).toContain('openai SDK loaded: openai');
  });
});
