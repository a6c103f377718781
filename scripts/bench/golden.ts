/**
 * What the golden scripts (parse-golden.ts, read-golden.ts) share: the documents they read, and the
 * command line that writes a run's results as JSON lines or checks a run against such a file and
 * names the documents whose result differs.
 */
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Every file under the real-report folders there are, as sorted paths. */
export const realFiles = (keep: (name: string) => boolean = () => true): string[] =>
  ['tests/fixtures', '../shared/fixtures', '../shared/corpus'].filter(existsSync).flatMap((dir) => walk(dir, keep));

/** Every file under dir whose name `keep` accepts, sorted at each level. */
export function walk(dir: string, keep: (name: string) => boolean = () => true): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((f) => {
      const p = path.join(dir, f);
      return statSync(p).isDirectory() ? walk(p, keep) : keep(f) ? [p] : [];
    });
}

export interface GoldenLine {
  name: string;
  line: string;
}

/** `tsx <script> write|check FILE [--synth DIR]`: the run's lines written to FILE, or compared with it. */
export async function goldenCommand(script: string, noun: string, run: (synthDir: string | null) => Promise<GoldenLine[]>): Promise<void> {
  const [mode, file] = process.argv.slice(2);
  const synthAt = process.argv.indexOf('--synth');
  const synthDir = synthAt === -1 ? null : process.argv[synthAt + 1];
  if ((mode !== 'write' && mode !== 'check') || !file) {
    console.error(`usage: ${script} write|check FILE [--synth DIR]`);
    process.exit(2);
  }
  const lines = await run(synthDir);
  if (mode === 'write') {
    writeFileSync(file, `${lines.map((l) => l.line).join('\n')}\n`);
    console.log(`${lines.length} ${noun} written to ${file}`);
    return;
  }
  const golden = readFileSync(file, 'utf8').trimEnd().split('\n');
  const differ = lines.flatMap((l, i) => (l.line === golden[i] ? [] : [l.name]));
  if (golden.length !== lines.length) console.log(`golden has ${golden.length} ${noun}, this run ${lines.length}`);
  if (differ.length === 0 && golden.length === lines.length) console.log(`${lines.length} ${noun} byte-identical`);
  else {
    console.log(`${differ.length} of ${lines.length} ${noun} differ:\n  ${differ.slice(0, 30).join('\n  ')}`);
    process.exitCode = 1;
  }
}
