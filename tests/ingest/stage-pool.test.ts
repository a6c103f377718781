import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { parkedWorkers, stageAll, type PoolOptions } from '../../scripts/ingest/stage-pool';
import type { StagedFile } from '../../scripts/ingest/stage-file';
import { fixture, tempDir } from '../support/shared';

const dir = tempDir();
const files = [join(dir, 'a.txt'), join(dir, 'b.html'), join(dir, 'c.txt')];
copyFileSync(fixture('hongtuya-2022.txt'), files[0]);
copyFileSync(fixture('shanghai-office-2019.html'), files[1]);
writeFileSync(files[2], `${readFileSync(fixture('hongtuya-2022.txt'), 'utf8')}\n\n`);

async function stage(known: string[], options: PoolOptions): Promise<StagedFile[]> {
  const out: StagedFile[] = [];
  for await (const file of stageAll(files, new Set(known), { workers: 2, ...options })) out.push(file);
  return out;
}

describe('the pool of parse workers', () => {
  it('keeps its workers for the next ingest, which skips the files the first one stored and stages the rest the same', async () => {
    const first = await stage([], {});
    expect(first.map((f) => f.status)).toEqual(['parsed', 'parsed', 'parsed']);
    const kept = parkedWorkers();
    expect(kept).toHaveLength(2);

    const second = await stage([(first[0] as { sha256: string }).sha256], {});
    expect(second.map((f) => f.status)).toEqual(['known', 'parsed', 'parsed']);
    expect(second.slice(1)).toEqual(first.slice(1));
    expect(parkedWorkers()).toEqual(kept);
  });

  it('stages an ingest of a few files on the kept workers, and a single file in this thread', async () => {
    await stage([], {});
    const kept = parkedWorkers();
    expect(kept).toHaveLength(2);
    const duringFew: number[][] = [];
    for await (const file of stageAll(files, new Set(), {})) {
      expect(file.status).toBe('parsed');
      duringFew.push(parkedWorkers());
    }
    // Taken out of the park while they stage, and parked again after.
    expect(duringFew).toEqual([[], [], []]);
    expect(parkedWorkers()).toEqual(kept);

    const duringOne: number[][] = [];
    for await (const file of stageAll(files.slice(0, 1), new Set(), {})) {
      expect(file.status).toBe('parsed');
      duringOne.push(parkedWorkers());
    }
    expect(duringOne).toEqual([kept]);
  });

  it('ends kept workers at once with keepIdle 0, and after keepIdle milliseconds otherwise', async () => {
    await stage([], { keepIdle: 0 });
    expect(parkedWorkers()).toEqual([]);
    await stage([], { keepIdle: 100 });
    expect(parkedWorkers()).toHaveLength(2);
    await sleep(400);
    expect(parkedWorkers()).toEqual([]);
  });

  it('does not keep the workers of an ingest stopped before its last file', async () => {
    await stage([], {});
    expect(parkedWorkers()).toHaveLength(2);
    for await (const file of stageAll(files, new Set(), { workers: 2 })) {
      expect(file.status).toBe('parsed');
      break;
    }
    expect(parkedWorkers()).toEqual([]);
  });
});
