/**
 * `npm run -s parse -- --jsonl FILE...`: one JSON object per line and per file, nothing else on
 * stdout. Exit status 0 when every file parsed, 2 otherwise.
 */
import { describeError, parseFile } from './parse-file';

const USAGE = 'usage: npm run -s parse -- --jsonl FILE...';

async function main(argv: string[]): Promise<number> {
  const files = argv.filter((a) => a !== '--jsonl' && a !== '--');
  if (!argv.includes('--jsonl') || files.length === 0 || files.some((f) => f.startsWith('--'))) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  let failed = 0;
  for (const source of files) {
    try {
      const { report } = await parseFile(source);
      process.stdout.write(`${JSON.stringify(report)}\n`);
    } catch (err) {
      failed++;
      process.stdout.write(`${JSON.stringify({ source, error: describeError(err) })}\n`);
    }
  }
  return failed === 0 ? 0 : 2;
}

process.exitCode = await main(process.argv.slice(2));
