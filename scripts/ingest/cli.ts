/** `npm run ingest -- <file|dir>... [--db PATH] [--json]`: parse report files into the database. */
import { DEFAULT_DB, openDatabase } from './load/db';
import { ingestPaths, type IngestSummary } from './ingest';

const USAGE = 'usage: npm run ingest -- <file|dir>... [--db PATH] [--json]';

function parseArgs(argv: string[]): { paths: string[]; db: string; json: boolean } | null {
  const paths: string[] = [];
  let db = DEFAULT_DB;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--db') {
      const v = argv[++i];
      if (!v) return null;
      db = v;
    } else if (a === '--json') json = true;
    else if (a === '--') continue;
    else if (a.startsWith('--')) return null;
    else paths.push(a);
  }
  return paths.length ? { paths, db, json } : null;
}

function printSummary(s: IngestSummary): void {
  const lines = [
    `${s.files} files in ${s.seconds.toFixed(1)} s: ${s.ingested} ingested, ${s.superseded} superseded an older version, ${s.unchanged} unchanged (skipped), ${s.failed} failed`,
    ...s.results.filter((r) => r.status === 'failed').map((r) => `  failed: ${r.path}: ${r.error}`),
  ];
  process.stderr.write(`${lines.join('\n')}\n`);
}

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (!args) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const db = await openDatabase(args.db);
  const tty = process.stderr.isTTY && !args.json;
  const summary = await ingestPaths(db, args.paths, (done, total) => {
    if (tty) process.stderr.write(`\r${done}/${total} files`);
  });
  if (tty) process.stderr.write('\n');
  if (args.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
  else printSummary(summary);
  return summary.failed === 0 ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));
