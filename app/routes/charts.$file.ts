/** GET /charts/<name>.svg and .png: a page's chart rendered on the server, for links in documents. */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { chartByName } from '../charts/registry.server';
import { chartPng, chartSvg } from '../charts/render.server';
import { dataAsOf } from '../models/coverage.server';

/** PNGs take about a second to draw (CJK text through resvg): keep the last few. */
const cache = new Map<string, Buffer>();
const CACHE_SIZE = 40;

function remember(key: string, png: Buffer): Buffer {
  cache.delete(key);
  cache.set(key, png);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return png;
}

function disposition(title: string, ext: string): string {
  return `inline; filename="chart.${ext}"; filename*=UTF-8''${encodeURIComponent(`${title}.${ext}`)}`;
}

export async function loader({ params, request }: LoaderFunctionArgs) {
  const m = /^([a-z0-9-]+)\.(svg|png)$/.exec(params.file ?? '');
  if (!m) throw new Response('图表地址应为 /charts/<名称>.svg 或 .png', { status: 404 });
  const [, name, ext] = m;
  const search = new URL(request.url).search;
  const spec = await chartByName(name, search);
  if (!spec) throw new Response(`没有名为 ${name} 的图表，或所选范围内没有可画的数据`, { status: 404 });
  const headers = { 'Content-Disposition': disposition(spec.title, ext), 'Cache-Control': 'no-cache' };
  if (ext === 'svg') {
    return new Response(chartSvg(spec), { headers: { ...headers, 'Content-Type': 'image/svg+xml; charset=utf-8' } });
  }
  const key = `${name}${search}|${await dataAsOf()}`;
  const png = cache.get(key) ?? remember(key, chartPng(spec));
  return new Response(new Uint8Array(png), { headers: { ...headers, 'Content-Type': 'image/png' } });
}
