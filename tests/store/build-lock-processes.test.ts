// The data folder's build lock with real processes: the CLI building an index while a fake OpenAI-compatible server
// holds its embeddings (so the build lasts as long as the test wants), killed with SIGKILL, waited for, or timed out;
// and a data folder the CLI cannot write.
import { spawnSync } from 'node:child_process';
import { chmod, cp, mkdir, mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLocalEmbedderProvider, ingestCorpus, isCoreError, KnowledgeBase } from '../../src/index.js';
import { runCli, startCli, type CliRun, type RunningCli } from '../adapters/cli/run-cli.js';
import { apiError, embeddingReply, startFakeOpenAI, type FakeOpenAIServer } from '../fakes/openai-server.js';
import { CORPUS_DIR } from '../helpers/knowledge-base.js';

const QUESTION = 'How long have Vietnam and South Korea had diplomatic relations?';
const SEED_FILES = [
  '000_c165353527c3661a.txt',
  '001_bee81db2a34faaf4.txt',
  '002_7adeef815edefb16.txt',
  '003_e165b3d44af3195c.txt',
  '004_8cf2e5f9d09ebff1.txt',
];
const LAOS = 'Việt Nam và Lào tăng cường hợp tác\n\nHà Nội, 12/3/2024 - Hai bên nhất trí tăng cường hợp tác quốc phòng và giáo dục.\n';
const NOBODY = 65_534;

/** A temporary folder with a copy of the corpus and an empty data folder, readable by every user. */
async function workspace() {
  const root = await mkdtemp(join(tmpdir(), 'lock-'));
  await chmod(root, 0o755); // mkdtemp makes it 0700: a child run as another user must reach the corpus
  const corpusDir = join(root, 'corpus');
  const dataDir = join(root, 'data');
  await cp(CORPUS_DIR, corpusDir, { recursive: true });
  return { root, corpusDir, dataDir };
}

/** The environment of a CLI child: no OpenAI settings of the developer's shell, the given folders and extras. */
function cliEnv(corpusDir: string, dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, CORPUS_DIR: corpusDir, DATA_DIR: dataDir, ...extra };
  for (const name of ['OPENAI_API_KEY', 'OPENAI_BASE_URL', 'EMBEDDING_MODEL', 'CHAT_MODEL']) if (!(name in extra)) delete env[name];
  return env;
}

/** Fails with a message instead of hanging when something never happens. */
async function waitFor(what: string, check: () => boolean | Promise<boolean>, ms = 30_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`${what} did not happen within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The run of `cli`, killed (code -1) if it has not ended within `ms`: a wait shows as a failure, not a timeout. */
async function finishWithin(cli: RunningCli, ms: number): Promise<CliRun> {
  const timer = setTimeout(() => cli.child.kill('SIGKILL'), ms);
  try {
    return await cli.done;
  } finally {
    clearTimeout(timer);
  }
}

async function lockOwner(dataDir: string): Promise<{ pid: number; host: string } | null> {
  try {
    return JSON.parse(await readFile(join(dataDir, '.build-lock', 'owner.json'), 'utf8')) as { pid: number; host: string };
  } catch {
    return null;
  }
}

describe('build lock, with real processes', () => {
  let fake: FakeOpenAIServer;
  /** Embeddings wait for this gate: while it is shut, a CLI building the index holds the lock. */
  let gate: { open(): void; opened: Promise<void> };
  const running: RunningCli[] = [];
  const shutGate = () => {
    let open!: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    gate = { open, opened };
  };

  beforeAll(async () => {
    shutGate();
    fake = await startFakeOpenAI({
      embeddings: async (request) => {
        await gate.opened;
        return embeddingReply(request, 16);
      },
      // Written answers are not the subject here: the CLI falls back to quoting at once.
      chat: () => apiError(401, 'not this test'),
    });
  });
  afterEach(async () => {
    gate.open();
    for (const cli of running.splice(0)) {
      if (cli.child.exitCode === null && cli.child.signalCode === null) cli.child.kill('SIGKILL');
      await cli.done;
    }
    shutGate();
  });
  afterAll(async () => {
    gate.open();
    await fake.close();
  });

  const serverEnv = () => ({ OPENAI_BASE_URL: fake.baseURL, EMBEDDING_MODEL: 'embed-lock', OPENAI_TIMEOUT_MS: '120000' });

  /** Starts a CLI that builds the index with server embeddings, and returns once it holds the lock, mid-build. */
  async function startBuilderHoldingLock(corpusDir: string, dataDir: string): Promise<RunningCli> {
    const requests = fake.embeddingRequests.length;
    const builder = startCli({ args: ['--json', QUESTION], env: cliEnv(corpusDir, dataDir, serverEnv()) });
    running.push(builder);
    await waitFor('the builder asking for embeddings', () => fake.embeddingRequests.length > requests || builder.child.exitCode !== null);
    expect(builder.child.exitCode, builder.stderr()).toBeNull();
    expect(await lockOwner(dataDir)).toEqual({ pid: builder.child.pid, host: hostname(), startedAt: expect.any(String) });
    return builder;
  }

  it('takes over at once a lock left by a build killed with SIGKILL (no wait)', async () => {
    const { corpusDir, dataDir } = await workspace();
    const killed = await startBuilderHoldingLock(corpusDir, dataDir);
    killed.child.kill('SIGKILL');
    expect((await killed.done).code).toBe(-1);
    expect(await lockOwner(dataDir)).toMatchObject({ pid: killed.child.pid }); // left behind

    gate.open();
    const next = await finishWithin(startCli({ args: ['--json', QUESTION], env: cliEnv(corpusDir, dataDir, serverEnv()) }), 20_000);
    expect(next.code, next.stderr).toBe(0);
    expect(next.stderr).not.toMatch(/waiting/);
    expect(next.stderr).toContain('index: building (no index built yet)');
    expect(JSON.parse(next.stdout)).toMatchObject({ abstained: false });
    expect(await readdir(dataDir)).not.toContain('.build-lock');
  });

  it('waits for a live builder, then answers from the index it built without building again', async () => {
    const { corpusDir, dataDir } = await workspace();
    const builder = await startBuilderHoldingLock(corpusDir, dataDir);
    const waiter = startCli({ args: ['--json', QUESTION], env: cliEnv(corpusDir, dataDir, serverEnv()) });
    running.push(waiter);
    await waitFor('the second process saying it waits', () => waiter.stderr().includes('index: waiting'));
    expect(waiter.stderr()).toContain(`index: waiting for another process to finish building (pid ${builder.child.pid} on ${hostname()})`);
    // Still waiting a while later: it does not take over a live owner's lock.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(waiter.child.exitCode).toBeNull();
    expect(waiter.stderr()).not.toContain('index: building');

    gate.open();
    const [built, waited] = await Promise.all([builder.done, waiter.done]);
    expect(built.code, built.stderr).toBe(0);
    expect(built.stderr).toContain('index: building (no index built yet)');
    expect(waited.code, waited.stderr).toBe(0);
    expect(waited.stderr).not.toContain('index: building');
    expect(JSON.parse(waited.stdout)).toMatchObject({ abstained: false });
  });

  it('gives up waiting for a live builder with INDEX_LOCKED naming it (not INDEX_CORRUPT)', async () => {
    const { corpusDir, dataDir } = await workspace();
    const builder = await startBuilderHoldingLock(corpusDir, dataDir);
    const started = Date.now();
    const opened = KnowledgeBase.open({ corpusDir, dataDir, embedder: createLocalEmbedderProvider(), lockWaitMs: 500 });
    const error = await opened.then(
      () => null,
      (e: unknown) => e,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
    expect(isCoreError(error, 'INDEX_LOCKED'), String(error)).toBe(true);
    expect((error as Error).message).toBe(
      `The index in ${dataDir} is being built by pid ${builder.child.pid} on ${hostname()}; gave up waiting for it.`,
    );
    // `npm run ingest` goes through the same lock.
    await expect(ingestCorpus({ corpusDir, dataDir, embedder: createLocalEmbedderProvider(), lockWaitMs: 200 })).rejects.toMatchObject({
      code: 'INDEX_LOCKED',
    });
    expect(builder.child.exitCode).toBeNull();
  });
});

/**
 * Makes `dataDir` read-only for the CLI child. chmod does not stop root (CAP_DAC_OVERRIDE), so when the tests run as
 * root the child runs as `nobody` (spawn's uid/gid), for whom the 0555 folder is read-only as it would be for any
 * unprivileged user; a non-root runner is stopped by the chmod itself. Checked before use, so the test cannot pass
 * against a folder that was writable after all.
 */
async function makeReadOnly(dataDir: string): Promise<{ uid?: number; gid?: number }> {
  await chmod(dataDir, 0o555);
  const user = process.getuid?.() === 0 ? { uid: NOBODY, gid: NOBODY } : {};
  const probe = spawnSync(process.execPath, ['-e', `require('node:fs').mkdirSync(${JSON.stringify(join(dataDir, 'probe'))})`], {
    ...user,
    encoding: 'utf8',
  });
  expect(probe.status, 'the data folder must not be writable for the CLI child').not.toBe(0);
  expect(probe.stderr).toMatch(/EACCES/);
  return user;
}

describe('a data folder the CLI cannot write', () => {
  let dataDirs: string[] = [];
  afterEach(async () => {
    for (const dir of dataDirs) await chmod(dir, 0o755).catch(() => undefined);
    dataDirs = [];
  });

  it('answers from the index it holds after a corpus change, with one line naming the folder, within 2 s of a normal start', async () => {
    const { corpusDir, dataDir } = await workspace();
    const built = await runCli({ args: ['--json', QUESTION], env: cliEnv(corpusDir, dataDir) });
    expect(built.code, built.stderr).toBe(0);
    // A normal start on an up-to-date index: what the read-only start is measured against.
    const normal: CliRun = await runCli({ args: ['--json', QUESTION], env: cliEnv(corpusDir, dataDir) });
    expect(normal.stderr).toBe('');
    const manifestBefore = await readFile(join(dataDir, 'manifest.json'), 'utf8');
    const filesBefore = (await readdir(dataDir)).sort();

    await writeFile(join(corpusDir, '010_laos.txt'), LAOS);
    dataDirs.push(dataDir);
    const user = await makeReadOnly(dataDir);
    const run = await runCli({ args: ['--json', QUESTION], env: cliEnv(corpusDir, dataDir), ...user });

    expect(run.code, run.stderr).toBe(0);
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`The data folder ${dataDir} cannot be written (EACCES)`);
    expect(lines[0]).toMatch(/Answering from the index built .* \(corpus changed: added 010_laos\.txt\)\.$/);
    // The same answer as before the corpus changed, from the same sources.
    type Cited = { abstained: boolean; answer: string; citations: { id: string; file: string }[] };
    const answer = JSON.parse(run.stdout) as Cited;
    const before = JSON.parse(normal.stdout) as Cited;
    expect(answer.abstained).toBe(false);
    expect(answer.answer).toBe(before.answer);
    expect(answer.citations.map((c) => c.id)).toEqual(before.citations.map((c) => c.id));
    expect(answer.citations.every((c) => SEED_FILES.includes(c.file))).toBe(true);
    expect(run.ms - normal.ms, `read-only start ${Math.round(run.ms)} ms, normal start ${Math.round(normal.ms)} ms`).toBeLessThan(2_000);
    // Nothing written, nothing left behind.
    expect(await readFile(join(dataDir, 'manifest.json'), 'utf8')).toBe(manifestBefore);
    expect((await readdir(dataDir)).sort()).toEqual(filesBefore);
    expect((await stat(dataDir)).mode & 0o777).toBe(0o555);
  });

  it('answers from the index it holds when the folder also holds a lock left by a killed build', async () => {
    const { corpusDir, dataDir } = await workspace();
    const built = await runCli({ args: ['--json', QUESTION], env: cliEnv(corpusDir, dataDir) });
    expect(built.code, built.stderr).toBe(0);
    // What a build killed with SIGKILL leaves: the lock and its owner record, naming a process that is gone.
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    await mkdir(join(dataDir, '.build-lock'));
    await writeFile(
      join(dataDir, '.build-lock', 'owner.json'),
      JSON.stringify({ pid: Number(gone.stdout), host: hostname(), startedAt: new Date().toISOString() }),
    );
    await writeFile(join(corpusDir, '010_laos.txt'), LAOS);
    dataDirs.push(dataDir);
    const user = await makeReadOnly(dataDir);
    const run = await runCli({ args: ['--json', QUESTION], env: cliEnv(corpusDir, dataDir), ...user });
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`The data folder ${dataDir} cannot be written (EACCES)`);
    expect(JSON.parse(run.stdout)).toMatchObject({ abstained: false });
  });
});
