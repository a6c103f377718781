/**
 * Every temporary file of a test run (databases, corpora, servers' and Chromium's scratch) goes under
 * one folder that is removed when the run ends, so runs do not pile up in /tmp.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export default function setup(): () => void {
  const root = mkdtempSync(path.join(tmpdir(), 'nianbao-test-run-'));
  process.env.TMPDIR = root;
  return () => rmSync(root, { recursive: true, force: true });
}
