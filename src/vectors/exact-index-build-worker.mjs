// Writes hnswlib's native exact (brute-force, cosine) index file off the main thread (plain JS: a worker cannot rely
// on the parent's TypeScript loader). Passage p is stored under label p, in that order.
// Message in: { vectors: Float32Array (passage-major), dimension, path }. Message out: { ok: true } or { ok: false, error }.
import { parentPort, workerData } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import hnswlib from 'hnswlib-node';

const { vectors, dimension, path } = workerData;
try {
  const count = vectors.length / dimension;
  const index = new hnswlib.BruteforceSearch('cosine', dimension);
  index.initIndex(Math.max(1, count));
  const point = new Array(dimension);
  for (let label = 0; label < count; label++) {
    for (let k = 0; k < dimension; k++) point[k] = vectors[label * dimension + k];
    index.addPoint(point, label);
  }
  await index.writeIndex(path);
  // hnswlib resolves even when it could not open the file: make sure it is there.
  if (!existsSync(path)) throw new Error(`nothing was written to ${path}`);
  parentPort.postMessage({ ok: true });
} catch (error) {
  parentPort.postMessage({ ok: false, error: error instanceof Error ? error.message : String(error) });
}
