/**
 * Chart images on the server: the same option as the page, as SVG (ECharts server-side rendering)
 * and as PNG (resvg) with the CJK font the project installs, so Chinese never renders as boxes.
 */
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { renderSvgString } from './echarts';
import type { ChartSpec } from './frame';

const FONT_FAMILY = 'Noto Sans S Chinese';

function fontFiles(): string[] {
  // the package exports no path to its fonts: they sit beside dist/, where its entry point is
  const dir = join(dirname(createRequire(import.meta.url).resolve('@embedpdf/fonts-sc')), '..', 'fonts');
  const cjk = ['NotoSansHans-Regular.otf', 'NotoSansHans-Bold.otf'].map((f) => join(dir, f));
  // the CJK font lacks some symbols (✎, the mark of a figure corrected by hand): Debian's DejaVu has them
  return [...cjk, SYMBOL_FALLBACK].filter(existsSync);
}

const SYMBOL_FALLBACK = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';

let fonts: string[] | null = null;

export function chartSvg(spec: ChartSpec): string {
  return renderSvgString(spec.option, spec.width, spec.height);
}

/** PNG at print size: pixel ratio 2 (or more), white background. */
export function chartPng(spec: ChartSpec, pixelRatio = 2): Buffer {
  fonts ??= fontFiles();
  const svg = chartSvg(spec);
  const png = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: Math.max(2, pixelRatio) },
    background: '#ffffff',
    font: {
      fontFiles: fonts,
      // Debian's fonts-noto-cjk as a fallback for a rare character the bundled font lacks
      loadSystemFonts: false,
      defaultFontFamily: FONT_FAMILY,
      sansSerifFamily: FONT_FAMILY,
    },
  });
  return png.render().asPng();
}
