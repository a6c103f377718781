import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, stopServer } from '../support/server';
import { repoRoot, tempDir } from '../support/shared';

const start = (dbPath: string) => startServer(dbPath, join(dirname(dbPath), 'demo'));
const stop = stopServer;

describe('npm start: bundled reports and the synthetic demo ingested once, pages served', () => {
  const dir = tempDir();
  const dbPath = join(dir, 'nianbao.duckdb');
  let server: Awaited<ReturnType<typeof start>>;

  beforeAll(async () => {
    mkdirSync(dir, { recursive: true });
    expect(existsSync(join(repoRoot, 'build/index.js'))).toBe(true);
    server = await start(dbPath);
  });
  afterAll(async () => {
    if (server) await stop(server.child);
  });

  it('ingests data/reports and the demo (10 townships × 5 years) on first start', () => {
    expect(server.log.join('')).toMatch(/51 new, 0 already there, 0 failed/);
  });

  it('lists 红土崖镇 2022 in the report list, linking to its report', async () => {
    const res = await fetch(`${server.url}/reports?q=红土崖`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('红土崖镇');
    expect(html).toContain('浑江区');
    expect(html).toMatch(/<td>2022<\/td>/);
    expect(html.match(/href="\/reports\/\d+"/g)).toHaveLength(1);
    expect(html).not.toContain('\u0000');
  });

  it('shows every cell of the three tables on the report page, the blank one as blank', async () => {
    const list = await (await fetch(`${server.url}/reports?q=红土崖`)).text();
    const href = /href="(\/reports\/\d+)"/.exec(list)![1];
    const res = await fetch(`${server.url}${href}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const cells = [...html.matchAll(/<td class="([^"]*)" (?:colSpan="\d+" )?data-key="([^"]+)"[^>]*>(?:<a [^>]*>)?([^<]*)(?:<\/a>)?<\/td>/g)];
    expect(cells).toHaveLength(10 + 25 * 7 + 15);
    const blank = cells.filter((c) => c[1].includes('blank'));
    expect(blank.map((c) => c[2])).toEqual(['applications.denied.state_secret.commercial']);
    expect(cells.filter((c) => !c[1].includes('blank')).every((c) => c[3] === '0')).toBe(true);
    for (const label of ['第二十条第（八）项', '行政事业性收费', '属于国家秘密', '结转下年度继续办理', '复议后起诉', '存在的主要问题及改进情况']) {
      expect(html).toContain(label);
    }
  });

  it('answers an unknown report with 404 in Chinese', async () => {
    const res = await fetch(`${server.url}/reports/987654`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('找不到');
  });

  it('adds nothing on a second start with the same database', async () => {
    await stop(server.child);
    server = await start(dbPath);
    expect(server.log.join('')).toMatch(/0 new, 51 already there, 0 failed/);
    const html = await (await fetch(`${server.url}/reports?size=100`)).text();
    expect(html.match(/href="\/reports\/\d+"/g)).toHaveLength(51);
  });
});
