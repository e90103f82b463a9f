// Vectors are compared by cosine: stored and queried at unit length, so a dot product is the cosine.

/** The vector scaled to length 1, so a dot product is the cosine (exact search relies on it). */
export function unitVector(v: ArrayLike<number>): Float32Array {
  const out = Float32Array.from(v);
  let norm = 0;
  for (let i = 0; i < out.length; i++) norm += out[i]! * out[i]!;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < out.length; i++) out[i]! /= norm;
  return out;
}
