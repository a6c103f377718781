/**
 * GET /charts/<name>.svg|.png with a page's own query string: the same loader and the same option
 * builder as the page, so the image is the chart the user saw.
 */
import { parseCompare, parseOverview, parseQuality } from '../lib/view-state';
import { loadCompare } from '../models/compare.server';
import { loadOverview } from '../models/coverage.server';
import { loadQuality } from '../models/quality.server';
import { compareChart, comparePanel } from './compare';
import type { ChartSpec } from './frame';
import { overviewCharts } from './overview';
import { qualityCharts } from './quality';

export async function chartByName(name: string, search: string): Promise<ChartSpec | null> {
  const panel = comparePanel(name);
  if (panel) {
    const view = await loadCompare({ ...parseCompare(search), group: panel.group });
    return compareChart(view, panel);
  }
  if (name.startsWith('overview-')) {
    const view = await loadOverview(parseOverview(search));
    return overviewCharts(view).find((c) => c.name === name) ?? null;
  }
  if (name.startsWith('quality-')) {
    const view = await loadQuality(parseQuality(search));
    return qualityCharts(view).find((c) => c.name === name) ?? null;
  }
  return null;
}
