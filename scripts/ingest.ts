// npm run ingest [-- --full]: brings the index up to date with the corpus folder (new, changed and removed articles;
// `--full` embeds everything afresh), with a progress bar on a terminal (one line per 5% otherwise) and a summary.
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { embedderFor, ingestCorpus, isCoreError, loadCoreConfig } from '../src/index.js';

const STAGES = { read: 'read', embed: 'embed', index: 'index' } as const;

/** Progress of one stage at a time: a bar on a terminal, a line per 5% in a log. */
function createProgress() {
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: '{stage} [{bar}] {value}/{total} {file}', stream: process.stderr, hideCursor: true, clearOnComplete: false },
      cliProgress.Presets.shades_classic,
    );
    let stage = '';
    return {
      update(step: { stage: keyof typeof STAGES; done: number; total: number; file?: string }) {
        if (step.stage !== stage) {
          if (stage) bar.stop();
          stage = step.stage;
          bar.start(step.total, 0, { stage: STAGES[step.stage].padEnd(5), file: '' });
        }
        bar.update(step.done, { file: step.file ?? '' });
      },
      stop: () => stage && bar.stop(),
    };
  }
  let stage = '';
  let reported = -1;
  return {
    update(step: { stage: keyof typeof STAGES; done: number; total: number }) {
      if (step.stage !== stage) {
        stage = step.stage;
        reported = -1;
      }
      const twentieth = Math.floor((20 * step.done) / Math.max(1, step.total));
      if (twentieth > reported && step.total > 1) {
        reported = twentieth;
        process.stderr.write(`${stage}: ${step.done}/${step.total} (${twentieth * 5}%)\n`);
      }
    },
    stop: () => undefined,
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { full: { type: 'boolean', default: false } }, allowPositionals: false });
  const config = loadCoreConfig();
  const started = performance.now();
  const progress = createProgress();
  const report = await ingestCorpus({
    corpusDir: config.CORPUS_DIR,
    dataDir: config.DATA_DIR,
    embedder: await embedderFor(config),
    forceRebuild: values.full,
    log: (m) => console.error(m.startsWith('corpus: skipped') ? `warning: ${m.slice(8)}` : m.startsWith('corpus: warning: ') ? m.slice(8) : m),
    onProgress: (p) => progress.update(p),
  });
  progress.stop();
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  const what = !report.rebuilt ? 'up to date' : report.full ? 'built' : 'updated';
  console.log(
    `ingest: index ${what}: ${report.files} files, ${report.passages} passages, ${report.droppedLines} boilerplate lines ` +
      `dropped, ${report.skipped.length} skipped, ` +
      `${report.warnings.length ? `${report.warnings.length} metadata warning${report.warnings.length === 1 ? '' : 's'}, ` : ''}${seconds} s ` +
      `(build ${report.info.buildId} in ${config.DATA_DIR}, embedder ${report.info.embedder})`,
  );
}

main().catch((error) => {
  console.error(isCoreError(error) ? error.message : `ingest failed: ${(error as Error).message}`);
  process.exitCode = 1;
});
