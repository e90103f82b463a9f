// npm run ingest: rebuilds the index from the corpus folder, with a progress bar on a terminal and a summary.
import { KnowledgeBase, embedderFor, isCoreError, loadCoreConfig } from '../src/index.js';

const tty = process.stderr.isTTY === true;

function progressBar(label: string, done: number, total: number): void {
  if (!tty) return;
  const width = 28;
  const filled = Math.round((done / Math.max(1, total)) * width);
  process.stderr.write(`\r${label.padEnd(6)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}   `);
  if (done >= total) process.stderr.write('\n');
}

async function main(): Promise<void> {
  const config = loadCoreConfig();
  const started = performance.now();
  const kb = await KnowledgeBase.open({
    corpusDir: config.CORPUS_DIR,
    dataDir: config.DATA_DIR,
    embedder: await embedderFor(config),
    lexicon: config.LEXICON === 'on',
    forceRebuild: true,
    log: (m) => console.error(m.startsWith('corpus: skipped') ? `warning: ${m.slice(8)}` : m),
    onProgress: (p) => progressBar(p.stage, p.done, p.total),
  });
  const r = kb.report;
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  console.log(
    `ingest: ${r.files} files, ${r.passages} passages, ${r.droppedLines} boilerplate lines dropped, ${r.skipped.length} skipped, ${seconds} s ` +
      `(index ${kb.info.buildId} in ${config.DATA_DIR}, embedder ${kb.info.embedder})`,
  );
}

main().catch((error) => {
  console.error(isCoreError(error) ? error.message : `ingest failed: ${(error as Error).message}`);
  process.exitCode = 1;
});
