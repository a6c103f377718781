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
import { readFileSync } from 'node:fs';
import { parseReport } from '../ingest/parse/index';
import { readDocument } from '../ingest/read/index';
import { unitFiles } from '../ingest/synth/corpus';
import { loadUnits } from '../ingest/synth/divisions';
import { goldenCommand, realFiles, walk } from './golden';

const EXTENSIONS = /\.(?:txt|md|html?|docx|pdf)$/i;
const isDocument = (name: string) => EXTENSIONS.test(name);
const SYNTH_SAMPLE = 400;

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
  const files = realFiles(isDocument);
  if (synthDir) {
    const all = walk(synthDir, isDocument);
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

await goldenCommand('parse-golden.ts', 'documents', async (synthDir) => (await documents(synthDir)).map(([name, text]) => ({ name, line: line(name, text) })));
