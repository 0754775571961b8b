// Deterministic randomness for the simulator: same seed, same world, same faults.
import { createHash } from 'node:crypto';

/** 32-bit hash of a string (first 4 bytes of SHA-256). */
export function hash32(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32LE(0);
}

/** mulberry32: a tiny, fast PRNG that is good enough for test data. Returns floats in [0, 1). */
export function prng(seed: number | string): () => number {
  let a = typeof seed === 'string' ? hash32(seed) : seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
