// Builds an HNSW index file off the main thread (plain JS: a worker cannot rely on the parent's TypeScript loader).
// Message in: { vectors: Float32Array (passage-major), dimension, options: { m, efConstruction, randomSeed }, path }.
// Message out: { ok: true } or { ok: false, error }.
import { parentPort, workerData } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import hnswlib from 'hnswlib-node';

const { vectors, dimension, options, path } = workerData;
try {
  const count = vectors.length / dimension;
  const index = new hnswlib.HierarchicalNSW('cosine', dimension);
  index.initIndex({ maxElements: Math.max(1, count), m: options.m, efConstruction: options.efConstruction, randomSeed: options.randomSeed });
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
