import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { fixture, repoRoot, tempDir } from '../support/shared';

const run = promisify(execFile);
const tsx = join(repoRoot, 'node_modules/.bin/tsx');

async function parse(...files: string[]): Promise<{ code: number; lines: Record<string, unknown>[]; stderr: string }> {
  try {
    const { stdout, stderr } = await run(tsx, ['scripts/ingest/parse-cli.ts', '--jsonl', ...files], { cwd: repoRoot });
    return { code: 0, lines: stdout.trim().split('\n').map((l) => JSON.parse(l)), stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, lines: err.stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)), stderr: err.stderr };
  }
}

describe('npm run -s parse -- --jsonl', () => {
  it('prints one JSON object per file, with the source as given, and exits 0', async () => {
    const { code, lines } = await parse('tests/fixtures/hongtuya-2022.txt');
    expect(code).toBe(0);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ source: 'tests/fixtures/hongtuya-2022.txt', organ: '红土崖镇人民政府', year: 2022, template: '2021' });
    expect(lines[0]).not.toHaveProperty('text');
  });

  it('gives a file that cannot be read its own line with the reason, and exits 2', async () => {
    const dir = tempDir();
    const empty = join(dir, 'empty.txt');
    writeFileSync(empty, '');
    const { code, lines } = await parse(fixture('hongtuya-2022.txt'), join(dir, 'missing.txt'), empty);
    expect(code).toBe(2);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toHaveProperty('year', 2022);
    expect(lines[1]).toEqual({ source: join(dir, 'missing.txt'), error: 'file not found' });
    expect(lines[2]).toMatchObject({ source: empty });
    expect(String(lines[2].error)).toMatch(/empty/i);
  });
});
