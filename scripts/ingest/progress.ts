/** A one-line progress bar for a terminal: files done, reports written per second, time left. */
import type { Progress } from './ingest';

const WIDTH = 28;

function clock(seconds: number): string {
  if (!Number.isFinite(seconds)) return '--:--';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(h ? 2 : 1, '0');
  return `${h ? `${h}:` : ''}${mm}:${String(s % 60).padStart(2, '0')}`;
}

export function progressLine(p: Progress, elapsedSeconds: number): string {
  const share = p.total ? p.done / p.total : 1;
  const filled = Math.round(share * WIDTH);
  const rate = elapsedSeconds > 0 ? p.written / elapsedSeconds : 0;
  const filesRate = elapsedSeconds > 0 ? p.done / elapsedSeconds : 0;
  const eta = filesRate > 0 ? (p.total - p.done) / filesRate : Infinity;
  return `[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${p.done}/${p.total} files · ${Math.round(rate)} reports/s · ETA ${clock(eta)}`;
}

/** Redraws at most ten times a second on a TTY; does nothing otherwise. */
export function progressBar(stream: NodeJS.WriteStream): { update: (p: Progress) => void; end: () => void } {
  if (!stream.isTTY) return { update: () => {}, end: () => {} };
  const t0 = performance.now();
  let last = 0;
  let drawn = false;
  return {
    update(p) {
      const now = performance.now();
      if (now - last < 100 && p.done < p.total) return;
      last = now;
      drawn = true;
      stream.write(`\r${progressLine(p, (now - t0) / 1000).slice(0, Math.max(20, (stream.columns ?? 100) - 1))}\x1b[K`);
    },
    end() {
      if (drawn) stream.write('\n');
    },
  };
}
