// Computes a file's CRC-32 off the main thread, so a large exact index file is checked while the index answers.
// Message in (workerData): { path }. Message out: { bytes, crc32 } or { error }.
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { crc32 } from 'node:zlib';

try {
  const data = readFileSync(workerData.path);
  parentPort.postMessage({ bytes: data.length, crc32: crc32(data) });
} catch (error) {
  parentPort.postMessage({ error: error instanceof Error ? error.message : String(error) });
}
