import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNTHETIC_MARK } from '../../scripts/ingest/keys';
import { normalizeText } from '../../scripts/ingest/parse/normalize';
import { unitFiles } from '../../scripts/ingest/synth/corpus';
import { loadUnits, organFor } from '../../scripts/ingest/synth/divisions';
import { generatorFingerprint } from '../../scripts/ingest/synth/fingerprint';

const repoRoot = path.resolve(__dirname, '../..');
const COUNTY = '220602'; // 浑江区, 白山市, 吉林省: the seed's county
const out = mkdtempSync(path.join(os.tmpdir(), 'nianbao-synth-'));
const again = mkdtempSync(path.join(os.tmpdir(), 'nianbao-synth-'));

function synth(dir: string, ...args: string[]): void {
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/ingest/synth/cli.ts', '--out', dir, ...args], {
    cwd: repoRoot,
    stdio: 'pipe',
  });
}

/** How a reader meets the bytes: a BOM, else UTF-8 if it is valid, else GB18030. */
function decode(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

const units = loadUnits().filter((u) => u.areaCode === COUNTY);
let manifest: { generator: string; units: number; files: number; planted: number; years: number[]; counts: Record<string, Record<string, number>> };
let planted: { file: string; failing: unknown[]; detail: string }[];

beforeAll(() => {
  synth(out, '--county', COUNTY, '--seed', 'cli-test');
  synth(again, '--county', COUNTY, '--seed', 'cli-test');
  manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
  planted = readFileSync(path.join(out, 'planted.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
}, 60_000);

afterAll(() => {
  rmSync(out, { recursive: true, force: true });
  rmSync(again, { recursive: true, force: true });
});

describe('npm run synth -- --county', { timeout: 60_000 }, () => {
  it('writes one report per township of the county and year 2019–2023, and says so in the manifest', () => {
    expect(units.length).toBeGreaterThan(5);
    expect(manifest).toMatchObject({ seed: 'cli-test', county: COUNTY, years: [2019, 2020, 2021, 2022, 2023] });
    expect(manifest.units).toBe(units.length);
    expect(manifest.generator).toBe(generatorFingerprint());
    expect(manifest.files).toBe(units.length * 5);
    for (const dim of ['layout', 'encoding', 'template', 'year']) {
      expect(Object.values(manifest.counts[dim]).reduce((a, b) => a + b, 0)).toBe(manifest.files);
    }
    const missing = units.flatMap((u) =>
      manifest.years
        .map((y) => `${u.provinceCode}/${u.areaCode}/${u.code}-${y}`)
        .filter((f) => ![`${f}.txt`, `${f}.html`].some((p) => existsSync(path.join(out, p)))),
    );
    expect(missing).toEqual([]);
  });

  it('writes the same bytes for the same seed', () => {
    for (const f of ['manifest.json', 'planted.jsonl', `22/${COUNTY}/${units[0].code}-2021`]) {
      const name = existsSync(path.join(out, f)) ? f : existsSync(path.join(out, `${f}.txt`)) ? `${f}.txt` : `${f}.html`;
      expect(readFileSync(path.join(again, name))).toEqual(readFileSync(path.join(out, name)));
    }
  });

  it('marks every report synthetic and names the unit, its county, city and province', () => {
    for (const u of units) {
      for (const year of manifest.years) {
        const base = path.join(out, u.provinceCode, u.areaCode, `${u.code}-${year}`);
        const file = existsSync(`${base}.txt`) ? `${base}.txt` : `${base}.html`;
        const text = normalizeText(decode(readFileSync(file)));
        expect(text).toContain(SYNTHETIC_MARK.normalize('NFKC'));
        expect(text).toContain(`${organFor(u.name)}${year}年政府信息公开工作年度报告`);
        expect(text).toContain(`${u.province}${u.city ?? ''}${u.county}${u.name}`);
        expect(text).toContain(`统计期限自${year}年1月1日起至${year}年12月31日止`);
      }
    }
  });

  it('lists each planted error with a file that exists and the identities it breaks', () => {
    expect(manifest.planted).toBe(planted.length);
    for (const p of planted) {
      expect(existsSync(path.join(out, p.file))).toBe(true);
      expect(p.failing.length).toBeGreaterThan(0);
      expect(p.detail).toMatch(/→/);
    }
  });
});

describe('unitFiles', () => {
  it('writes traditional reports that normalise back to the same simplified report', () => {
    const sample = loadUnits().filter((_, i) => i % 97 === 0);
    let traditional = 0;
    for (const u of sample) {
      for (const f of unitFiles(u, [2021, 2022], 'trad-test')) {
        if (f.layout !== 'traditional') continue;
        traditional++;
        const text = normalizeText(decode(Buffer.from(f.bytes)));
        expect(text).toContain(`${u.province}${u.city ?? ''}${u.county}${u.name}`);
        expect(text.split('\n')[0]).toBe(SYNTHETIC_MARK.normalize('NFKC'));
      }
    }
    expect(traditional).toBeGreaterThan(20);
  });

  it('is deterministic in its seed', () => {
    const u = loadUnits()[0];
    const [a] = unitFiles(u, [2022], 'x');
    const [b] = unitFiles(u, [2022], 'x');
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
    expect(Buffer.from(unitFiles(u, [2022], 'y')[0].bytes).equals(Buffer.from(a.bytes))).toBe(false);
  });
});
