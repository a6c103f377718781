/**
 * Chart drawing spread over tasks. A job draws one ECharts instance (one small plot: a few ms);
 * jobs run in tasks of about BUDGET_MS and then yield, so that a page drawing 150 plots keeps
 * answering input and scrolling, and no task is long (> 50 ms, the browser's measure of jank).
 * Plots in the window go first; those just below it after.
 */
const BUDGET_MS = 12;

type Job = () => void;

const urgent: Job[] = [];
const later: Job[] = [];
let pending = false;
let channel: MessageChannel | null = null;

function pump(): void {
  pending = false;
  const start = performance.now();
  for (let job = urgent.shift() ?? later.shift(); job; job = urgent.shift() ?? later.shift()) {
    job();
    if (performance.now() - start >= BUDGET_MS) break;
  }
  schedule();
}

function schedule(): void {
  if (pending || urgent.length + later.length === 0) return;
  pending = true;
  // a message is a new task at once (a nested setTimeout waits ≥ 4 ms), and input still comes between
  if (!channel) {
    channel = new MessageChannel();
    channel.port1.onmessage = pump;
  }
  channel.port2.postMessage(null);
}

/** Runs `job` in a coming task; the returned function takes it back if it has not run yet. */
export function queueDraw(job: Job, inWindow: boolean): () => void {
  (inWindow ? urgent : later).push(job);
  schedule();
  return () => {
    for (const q of [urgent, later]) {
      const at = q.indexOf(job);
      if (at >= 0) q.splice(at, 1);
    }
  };
}
