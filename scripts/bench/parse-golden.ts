/**
 * A parser speed-up must not change a single figure: this writes the parser's output for every
 * document it can find (and damaged copies of the real ones) as JSON lines, or compares a run with
 * such a file and names the documents whose output differs.
 *
 *   tsx scripts/bench/parse-golden.ts write /tmp/golden.jsonl [--synth DIR]
 *   tsx scripts/bench/parse-golden.ts check /tmp/golden.jsonl [--synth DIR]
 *
 * Documents: tests/fixtures, ../shared/fixtures and ../shared/corpus (text, HTML, Word, PDF), the
 * synthetic reports of bench:parse in every format and encoding, and with --synth a fixed sample of
 * a generated corpus directory (every file whose sorted position is a multiple of its size / 400).
 */
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseReport } from '../ingest/parse/index';
import { readDocument } from '../ingest/read/index';
import { unitFiles } from '../ingest/synth/corpus';
import { loadUnits } from '../ingest/synth/divisions';

const EXTENSIONS = /\.(?:txt|md|html?|docx|pdf)$/i;
const SYNTH_SAMPLE = 400;

function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((f) => {
      const p = path.join(dir, f);
      return statSync(p).isDirectory() ? walk(p) : EXTENSIONS.test(f) ? [p] : [];
    });
}

/** Damaged copies of a real text, each deterministic: cut at tenths, lines shuffled, spaces moved. */
function damaged(text: string): [string, string][] {
  const out: [string, string][] = [];
  for (let k = 1; k < 10; k++) out.push([`cut${k}`, text.slice(0, Math.floor((text.length * k) / 10))]);
  const lines = text.split('\n');
  for (const salt of [7, 1234567]) {
    const order = lines.map((l, i) => [((i + 1) * 2654435761 + salt) % 4294967296, l] as const).sort((a, b) => a[0] - b[0]);
    out.push([`shuffle${salt}`, order.map(([, l]) => l).join('\n')]);
  }
  out.push(['blank-lines', lines.join('\n\n')]);
  out.push(['no-spaces', text.replace(/[ \t]+/g, '')]);
  out.push(['spaced', text.replace(/\|/g, ' ')]);
  out.push(['crlf-fullwidth', text.replace(/\n/g, '\r\n').replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))]);
  out.push(['one-line', lines.join('')]);
  return out;
}

async function documents(synthDir: string | null): Promise<[string, string][]> {
  const docs: [string, string][] = [];
  const files = ['tests/fixtures', '../shared/fixtures', '../shared/corpus'].filter(existsSync).flatMap(walk);
  if (synthDir) {
    const all = walk(synthDir);
    const step = Math.max(1, Math.floor(all.length / SYNTH_SAMPLE));
    files.push(...all.filter((_, i) => i % step === 0));
  }
  const read = async (name: string, bytes: Uint8Array) => {
    try {
      docs.push([name, (await readDocument(bytes, name)).text]);
    } catch (e) {
      docs.push([`${name} (read error)`, String(e)]);
    }
  };
  for (const f of files) await read(f, readFileSync(f));
  const real = docs.filter(([name]) => !synthDir || !name.startsWith(synthDir));
  for (const [name, text] of real) for (const [how, t] of damaged(text)) docs.push([`${name} [${how}]`, t]);
  const synthetic = loadUnits()
    .slice(0, 60)
    .flatMap((unit) => unitFiles(unit, [2019, 2020, 2021, 2022, 2023], 'bench'));
  for (const f of synthetic) await read(`synthetic/${f.path}`, f.bytes);
  return docs;
}

function line(name: string, text: string): string {
  return JSON.stringify({ name, plain: parseReport(text), withText: parseReport(text, { withText: true, source: name }) });
}

const [mode, file] = process.argv.slice(2);
const synthAt = process.argv.indexOf('--synth');
const synthDir = synthAt === -1 ? null : process.argv[synthAt + 1];
if ((mode !== 'write' && mode !== 'check') || !file) {
  console.error('usage: parse-golden.ts write|check FILE [--synth DIR]');
  process.exit(2);
}
const docs = await documents(synthDir);
const lines = docs.map(([name, text]) => line(name, text));
if (mode === 'write') {
  writeFileSync(file, `${lines.join('\n')}\n`);
  console.log(`${lines.length} documents written to ${file}`);
} else {
  const golden = readFileSync(file, 'utf8').trimEnd().split('\n');
  const differ = lines.flatMap((l, i) => (l === golden[i] ? [] : [docs[i][0]]));
  if (golden.length !== lines.length) console.log(`golden has ${golden.length} documents, this run ${lines.length}`);
  if (differ.length === 0 && golden.length === lines.length) console.log(`${lines.length} documents byte-identical`);
  else {
    console.log(`${differ.length} of ${lines.length} documents differ:\n  ${differ.slice(0, 30).join('\n  ')}`);
    process.exitCode = 1;
  }
}
