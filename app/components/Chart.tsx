/**
 * A chart on a page: the option the server built, drawn by ECharts in the browser, with its data
 * table, PNG and SVG downloads (made in the browser from the same option) and links to the server's
 * images. Clicking a bar or point opens the report behind it; clicking a county's name opens its
 * townships. Charts register themselves so that 导出全部图表 can zip them.
 */
import { useNavigate } from '@remix-run/react';
import { createContext, useContext, useEffect, useId, useRef, useState } from 'react';
import type { ChartSpec } from '../charts/frame';

export interface ChartHandle {
  name: string;
  title: string;
  png: () => Promise<Uint8Array>;
  svg: () => Promise<string>;
}

export const ChartRegistry = createContext<Map<string, ChartHandle> | null>(null);

/** Drawn charts by name, for automation: browser tests find a bar's position through ECharts itself. */
declare global {
  interface Window {
    nianbaoCharts?: Map<string, unknown>;
  }
}

type EChartsInstance = {
  setOption: (o: unknown, notMerge?: boolean) => void;
  getDataURL: (o: { type: 'png'; pixelRatio: number; backgroundColor: string }) => string;
  resize: () => void;
  dispose: () => void;
  on: (event: string, handler: (p: Record<string, unknown>) => void) => void;
};

/** A reason for a correction is typed by a person: the tooltip is HTML. */
function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function dataUrlBytes(url: string): Uint8Array {
  const bin = atob(url.slice(url.indexOf(',') + 1));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export function download(name: string, data: Uint8Array | string, type: string): void {
  const blob = new Blob([data as BlobPart], { type });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

/** File names: the chart's title, without characters file systems refuse. */
export function fileName(title: string, ext: string): string {
  return `${title.replace(/[\\/:*?"<>|]/g, '_')}.${ext}`;
}

/**
 * The option as drawn in the browser: the server's option with a tooltip that says a gap is a gap
 * and who corrected a figure by hand.
 */
function withTooltip(spec: ChartSpec): unknown {
  return {
    ...spec.option,
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (p: { seriesName: string; name: string; value: unknown; data?: { gap?: string; corrected?: string } }) =>
        `${escapeHtml(p.seriesName)}<br/>${escapeHtml(p.name)}：${escapeHtml(p.data?.gap ?? (typeof p.value === 'number' ? p.value.toLocaleString('zh-CN') : String(p.value)))}` +
        (p.data?.corrected ? `<br/>${escapeHtml(p.data.corrected).replaceAll('\n', '<br/>')}` : ''),
    },
  };
}

/**
 * How far below the window a chart starts drawing. A comparison of 50 units draws hundreds of small
 * multiples; drawing only what is about to be seen keeps the page from freezing while it opens.
 */
const DRAW_AHEAD = '600px 0px';

export function Chart({ spec, query }: { spec: ChartSpec; query: string }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsInstance | null>(null);
  /** draws the chart now if it is not drawn yet (an export needs charts below the window too) */
  const drawNow = useRef<() => Promise<EChartsInstance>>();
  const drawnSpec = useRef<ChartSpec | null>(null);
  const registry = useContext(ChartRegistry);
  const navigate = useNavigate();
  const [ready, setReady] = useState(false);
  const [tableOpen, setTableOpen] = useState(false);
  const tableId = useId();
  const specRef = useRef(spec);
  specRef.current = spec;

  useEffect(() => {
    let disposed = false;
    let resizes: ResizeObserver | null = null;
    let drawing: Promise<EChartsInstance> | null = null;
    const draw = () =>
      (drawing ??= import('../charts/echarts').then(({ echarts }) => {
        if (disposed || !el.current) throw new Error('图表已关闭');
        const instance = echarts.init(el.current, null, { renderer: 'canvas', locale: 'ZH' }) as unknown as EChartsInstance;
        chart.current = instance;
        instance.on('click', (p) => {
          const s = specRef.current;
          if (p.componentType === 'xAxis' && typeof p.value === 'string' && s.drill[p.value]) {
            navigate(s.drill[p.value]);
            return;
          }
          const d = p.data as { report?: number | null; href?: string | null } | undefined;
          if (d?.report) navigate(`/reports/${d.report}`);
          else if (d?.href) navigate(d.href);
        });
        instance.setOption(withTooltip(specRef.current), true);
        drawnSpec.current = specRef.current;
        resizes = new ResizeObserver(() => instance.resize());
        resizes.observe(el.current);
        (window.nianbaoCharts ??= new Map()).set(specRef.current.name, instance);
        setReady(true);
        return instance;
      }));
    drawNow.current = draw;
    const seen = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        seen.disconnect();
        void draw();
      }
    }, { rootMargin: DRAW_AHEAD });
    if (el.current) seen.observe(el.current);
    return () => {
      disposed = true;
      seen.disconnect();
      resizes?.disconnect();
      if (window.nianbaoCharts?.get(specRef.current.name) === chart.current) window.nianbaoCharts?.delete(specRef.current.name);
      chart.current?.dispose();
      chart.current = null;
    };
  }, [navigate]);

  useEffect(() => {
    if (!ready || !chart.current || drawnSpec.current === spec) return;
    chart.current.setOption(withTooltip(spec), true);
    drawnSpec.current = spec;
  }, [ready, spec]);

  const pngBytes = async () => {
    const instance = chart.current ?? (await drawNow.current!());
    return dataUrlBytes(instance.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' }));
  };

  useEffect(() => {
    if (!registry) return;
    const handle: ChartHandle = {
      name: spec.name,
      title: spec.title,
      png: pngBytes,
      svg: async () => {
        const { renderSvgString } = await import('../charts/echarts');
        return renderSvgString(specRef.current.option, specRef.current.width, specRef.current.height);
      },
    };
    registry.set(spec.name, handle);
    return () => {
      registry.delete(spec.name);
    };
    // pngBytes reads only refs: the handle need not change with it
  }, [registry, spec.name, spec.title]);

  const exportPng = async () => download(fileName(spec.title, 'png'), await pngBytes(), 'image/png');
  const exportSvg = async () => {
    const { renderSvgString } = await import('../charts/echarts');
    download(fileName(spec.title, 'svg'), renderSvgString(spec.option, spec.width, spec.height), 'image/svg+xml');
  };

  return (
    <figure className="chart" data-chart={spec.name} data-ready={ready ? '1' : undefined}>
      <div className="chart-tools" role="toolbar" aria-label={`${spec.title}：导出`}>
        <button type="button" onClick={exportPng}>
          下载 PNG
        </button>
        <button type="button" onClick={exportSvg}>
          下载 SVG
        </button>
        <a href={`/charts/${spec.name}.png${query}`} target="_blank" rel="noreferrer">
          图片链接（PNG）
        </a>
        <a href={`/charts/${spec.name}.svg${query}`} target="_blank" rel="noreferrer">
          图片链接（SVG）
        </a>
      </div>
      <div
        ref={el}
        className="chart-canvas"
        style={{ height: spec.height, maxWidth: spec.width }}
        role="img"
        aria-label={String((spec.option.aria as { label?: { description?: string } })?.label?.description ?? spec.title)}
        aria-describedby={tableId}
      />
      <details className="chart-table" id={tableId} onToggle={(e) => setTableOpen(e.currentTarget.open)}>
        <summary>数据表：{spec.table.caption}</summary>
        {/* a comparison's table holds thousands of cells: built when opened, not with the page */}
        {tableOpen ? (
          <div className="table-scroll">
            <table className="list compact">
              <caption>{spec.table.caption}</caption>
              <thead>
                <tr>
                  {spec.table.head.map((h) => (
                    <th key={h} scope="col">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {spec.table.rows.map((row, i) => (
                  <tr key={i}>
                    {row.map((c, j) => (
                      <td
                        key={j}
                        className={[j > 1 && !c.gap ? 'num' : '', c.gap ? 'gap' : '', c.corrected ? 'corrected' : ''].join(' ').trim() || undefined}
                        title={c.title}
                      >
                        {c.href ? <a href={c.href}>{c.text}</a> : c.text}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </details>
    </figure>
  );
}

/** 导出全部图表: every chart on the page, PNG and SVG, in one ZIP. */
export function ExportAll({ zipName }: { zipName: string }) {
  const registry = useContext(ChartRegistry);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    if (!registry) return;
    setBusy(true);
    try {
      const { zipSync, strToU8 } = await import('fflate');
      const files: Record<string, Uint8Array> = {};
      for (const h of registry.values()) {
        files[fileName(h.title, 'png')] = await h.png();
        files[fileName(h.title, 'svg')] = strToU8(await h.svg());
      }
      download(fileName(zipName, 'zip'), zipSync(files, { level: 6 }), 'application/zip');
    } finally {
      setBusy(false);
    }
  };
  return (
    <button type="button" className="primary" onClick={run} disabled={busy}>
      {busy ? '正在打包…' : '导出全部图表（ZIP）'}
    </button>
  );
}

export function ChartProvider({ children }: { children: React.ReactNode }) {
  const [registry] = useState(() => new Map<string, ChartHandle>());
  return <ChartRegistry.Provider value={registry}>{children}</ChartRegistry.Provider>;
}
