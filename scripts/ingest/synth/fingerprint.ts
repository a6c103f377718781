/**
 * The generator's identity: a hash of its source and of the vocabulary it writes. A corpus cached by
 * an older generator (the national one takes minutes to write) must not pass for today's: its prose,
 * layouts or planted errors may differ, and so would every figure measured on it.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const VOCABULARY = ['../keys.ts', '../report.ts', '../metrics.ts'];

export function generatorFingerprint(): string {
  const files = [...readdirSync(HERE).filter((f) => /\.(?:ts|mjs)$/.test(f)).sort(), ...VOCABULARY];
  const hash = createHash('sha256');
  for (const f of files) hash.update(`${f}\0`).update(readFileSync(path.join(HERE, f))).update('\0');
  return hash.digest('hex').slice(0, 12);
}
