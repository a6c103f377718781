/**
 * A chart on a page: the option the server built, drawn by ECharts in the browser, with its data
 * table, PNG and SVG downloads (made in the browser from the same option) and links to the server's
 * images. Clicking a bar or point opens the report behind it; clicking a county's name opens its
 * townships. Charts register themselves so that 导出全部图表 can zip them.
 */
import { useNavigate } from '@remix-run/react';
import { createContext, memo, useCallback, useContext, useEffect, useId, useMemo, useRef, useState } from 'react';
import { splitFacets } from '../charts/facets';
import type { ChartSpec } from '../charts/frame';
import { queueDraw } from './draw-queue';

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
function withTooltip(option: Record<string, unknown>): unknown {
  return {
    ...option,
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
 * How far below the window a chart starts drawing. A comparison of 50 units draws 150 small plots;
 * drawing only what is about to be seen keeps the page from freezing while it opens.
 */
const DRAW_AHEAD = '600px 0px';

let echartsModule: Promise<typeof import('../charts/echarts')> | null = null;
const loadEcharts = () => (echartsModule ??= import('../charts/echarts'));

interface SurfaceProps {
  /** the key in window.nianbaoCharts */
  name: string;
  option: Record<string, unknown>;
  height: number;
  label: string;
  describedBy?: string;
  /** a small plot's own title (its unit), for finding it */
  facet?: string;
  onItem: (p: Record<string, unknown>) => void;
  onDrawn: (option: Record<string, unknown>) => void;
  onLegend?: (selected: Record<string, boolean>) => void;
}

/**
 * One ECharts instance, drawn through the draw queue when it nears the window, and drawn again
 * when its option changes: at once if it is near the window, else when it comes near. Memoised: a
 * chart re-renders each time some of its plots are drawn, its other plots need not.
 */
const Surface = memo(function Surface({ name, option, height, label, describedBy, facet, ...handlers }: SurfaceProps) {
  const el = useRef<HTMLDivElement>(null);
  const latest = useRef({ name, option, ...handlers });
  latest.current = { name, option, ...handlers };
  const state = useRef({ near: false, request: () => {} });
  const [drawn, setDrawn] = useState<unknown>(null);

  useEffect(() => {
    const s = state.current;
    let instance: EChartsInstance | null = null;
    let drawnOption: unknown = null;
    let size = '';
    /** a draw is waiting (for the module or in the queue); unqueue takes it back */
    let queued = false;
    let unqueue = () => {};
    let resizes: ResizeObserver | null = null;
    let disposed = false;
    const sizeOf = (e: HTMLElement) => `${e.clientWidth}×${e.clientHeight}`;
    const inWindow = () => {
      const r = el.current!.getBoundingClientRect();
      return r.top < window.innerHeight && r.bottom > 0;
    };
    const draw = (echarts: typeof import('../charts/echarts')['echarts']) => {
      queued = false;
      const { name, option } = latest.current;
      if (disposed || !el.current || drawnOption === option) return;
      if (!instance) {
        const created = echarts.init(el.current, null, { renderer: 'canvas', locale: 'ZH' }) as unknown as EChartsInstance;
        created.on('click', (p) => latest.current.onItem(p));
        created.on('legendselectchanged', (p) => latest.current.onLegend?.(p.selected as Record<string, boolean>));
        size = sizeOf(el.current);
        resizes = new ResizeObserver(() => {
          if (!el.current || sizeOf(el.current) === size) return;
          size = sizeOf(el.current);
          queueDraw(() => instance?.resize(), inWindow());
        });
        resizes.observe(el.current);
        instance = created;
      }
      instance.setOption(withTooltip(option), true);
      drawnOption = option;
      (window.nianbaoCharts ??= new Map()).set(name, instance);
      latest.current.onDrawn(option);
      setDrawn(option);
    };
    s.request = () => {
      if (queued || drawnOption === latest.current.option) return;
      queued = true;
      void loadEcharts().then(({ echarts }) => {
        if (!disposed) unqueue = queueDraw(() => draw(echarts), inWindow());
      });
    };
    const seen = new IntersectionObserver(
      (entries) => {
        s.near = entries[entries.length - 1].isIntersecting;
        if (s.near) s.request();
      },
      { rootMargin: DRAW_AHEAD },
    );
    if (el.current) seen.observe(el.current);
    return () => {
      disposed = true;
      unqueue();
      seen.disconnect();
      resizes?.disconnect();
      if (instance && window.nianbaoCharts?.get(latest.current.name) === instance) window.nianbaoCharts.delete(latest.current.name);
      instance?.dispose();
    };
  }, []);

  useEffect(() => {
    if (state.current.near) state.current.request();
  }, [option]);

  return (
    <div
      ref={el}
      className="chart-surface"
      data-drawn={drawn === option ? '1' : undefined}
      data-facet={facet}
      style={{ height }}
      role="img"
      aria-label={label}
      aria-describedby={describedBy}
    />
  );
});

const describedAs = (option: Record<string, unknown>, fallback: string) =>
  String((option.aria as { label?: { description?: string } })?.label?.description ?? fallback);

export function Chart({ spec, query }: { spec: ChartSpec; query: string }) {
  const registry = useContext(ChartRegistry);
  const navigate = useNavigate();
  const [tableOpen, setTableOpen] = useState(false);
  const tableId = useId();
  const specRef = useRef(spec);
  specRef.current = spec;
  const split = useMemo(() => splitFacets(spec), [spec]);
  /** the head legend's choice of series, applied to every small plot (until the chart changes) */
  const [legend, setLegend] = useState<{ of: ChartSpec; selected: Record<string, boolean> } | null>(null);
  const selected = legend?.of === spec ? legend.selected : null;
  const panels = useMemo(
    () => split?.panels.map((p) => (selected ? { ...p, option: { ...p.option, legend: { ...(p.option.legend as object), selected } } } : p)) ?? [],
    [split, selected],
  );
  const options = split ? [split.head.option, ...panels.map((p) => p.option), split.foot.option] : [spec.option];
  const current = useRef(new Set<unknown>());
  current.current = new Set(options);
  const [drawn, setDrawn] = useState<ReadonlySet<unknown>>(new Set());
  const ready = options.every((o) => drawn.has(o));

  const onDrawn = useCallback((option: unknown) => setDrawn((s) => new Set([...s].filter((o) => current.current.has(o))).add(option)), []);
  const onItem = useCallback(
    (p: Record<string, unknown>) => {
      const s = specRef.current;
      if (p.componentType === 'xAxis' && typeof p.value === 'string' && s.drill[p.value]) {
        navigate(s.drill[p.value]);
        return;
      }
      const d = p.data as { report?: number | null; href?: string | null } | undefined;
      if (d?.report) navigate(`/reports/${d.report}`);
      else if (d?.href) navigate(d.href);
    },
    [navigate],
  );
  const onLegend = useCallback((s: Record<string, boolean>) => setLegend({ of: specRef.current, selected: s }), []);

  const svgString = async () => {
    const { renderSvgString } = await loadEcharts();
    const s = specRef.current;
    return renderSvgString(s.option, s.width, s.height);
  };
  const pngBytes = async () => {
    const { renderPngDataUrl } = await loadEcharts();
    const s = specRef.current;
    return dataUrlBytes(renderPngDataUrl(s.option, s.width, s.height, 2));
  };

  useEffect(() => {
    if (!registry) return;
    const handle: ChartHandle = {
      name: spec.name,
      title: spec.title,
      png: pngBytes,
      svg: svgString,
    };
    registry.set(spec.name, handle);
    return () => {
      registry.delete(spec.name);
    };
    // pngBytes and svgString read only refs: the handle need not change with them
  }, [registry, spec.name, spec.title]);

  const exportPng = async () => download(fileName(spec.title, 'png'), await pngBytes(), 'image/png');
  const exportSvg = async () => download(fileName(spec.title, 'svg'), await svgString(), 'image/svg+xml');

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
      {split ? (
        <div className="chart-canvas" style={{ maxWidth: spec.width }}>
          <Surface
            name={spec.name}
            option={split.head.option}
            height={split.head.height}
            label={split.head.description}
            describedBy={tableId}
            onItem={onItem}
            onDrawn={onDrawn}
            onLegend={onLegend}
          />
          {/* the composed image's columns: the same margins and widths, one instance per plot */}
          <div className="chart-plots" style={{ gridTemplateColumns: `repeat(${split.cols}, minmax(0, 1fr))`, padding: `0 ${split.margin}%` }}>
            {panels.map((p, i) => (
              <Surface
                key={i}
                name={`${spec.name}:${i}`}
                option={p.option}
                height={p.height}
                label={p.description}
                facet={p.title}
                onItem={onItem}
                onDrawn={onDrawn}
              />
            ))}
          </div>
          <Surface name={`${spec.name}:foot`} option={split.foot.option} height={split.foot.height} label={split.foot.description} onItem={onItem} onDrawn={onDrawn} />
        </div>
      ) : (
        <div className="chart-canvas" style={{ maxWidth: spec.width }}>
          <Surface
            name={spec.name}
            option={spec.option}
            height={spec.height}
            label={describedAs(spec.option, spec.title)}
            describedBy={tableId}
            onItem={onItem}
            onDrawn={onDrawn}
          />
        </div>
      )}
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
