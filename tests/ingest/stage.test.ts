import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { RAW_SEPARATOR, stageReport, stagedBuffers } from '../../scripts/ingest/load/stage';
import { WIDE_COLUMNS } from '../../scripts/ingest/load/schema';
import { parseReport } from '../../scripts/ingest/parse/index';
import { seedVariant } from '../support/seed-variant';

const file = { path: 'seed.txt', sha256: 'x', format: 'txt', encoding: 'utf-8' };
const parsed = () => parseReport(seedVariant({ rules: [1, 2, 3] }), { withText: true });

describe('staging a report for the writer', () => {
  it('gives every figure with its key, value, blank flag and cell text', () => {
    const report = parsed();
    const { figures } = stageReport(report, file);
    expect(figures.key).toHaveLength(200);
    const raws = figures.raw.split(RAW_SEPARATOR);
    const at = (name: string) => [...figures.key].findIndex((k) => WIDE_COLUMNS[k].name === name);
    const issued = at('active.rules.in_force');
    expect([figures.value[issued], figures.printed[issued], raws[issued]]).toEqual([3, 1, '3']);
    const blank = at('applications.denied.state_secret.commercial');
    expect([figures.printed[blank], figures.located[blank], raws[blank]]).toEqual([0, 1, '']);
    expect(report.text!.slice(figures.start[issued], figures.end[issued])).toBe('3');
  });

  it('refuses what the database could not hold rightly, before anything is written', () => {
    const unknown = parsed();
    unknown.active['rules.made_up'] = 1;
    expect(() => stageReport(unknown, file)).toThrow(/unknown figure key active\.rules\.made_up/);
    const infinite = parsed();
    infinite.review['review.total'] = Infinity;
    expect(() => stageReport(infinite, file)).toThrow(/review\.review\.total is not a finite number/);
    const date = parsed();
    date.published = '2023-02-30';
    expect(() => stageReport(date, file)).toThrow(/not a calendar date/);
    const rule = parsed();
    rule.checks[0] = { ...rule.checks[0], rule: 'made.up' as never };
    expect(() => stageReport(rule, file)).toThrow(/unknown check rule/);
  });

  it('posts as one transferred buffer and arrives whole', () => {
    const staged = stageReport(parsed(), file);
    const copy = structuredClone(staged);
    const buffers = stagedBuffers(staged);
    expect(buffers).toHaveLength(1);
    const { port1, port2 } = new MessageChannel();
    port1.postMessage(staged, buffers);
    const arrived = receiveMessageOnPort(port2)!.message;
    port1.close();
    expect(staged.figures.key).toHaveLength(0);
    expect(arrived).toEqual(copy);
    expect(arrived.signatures.filter((s: Uint8Array | null) => s !== null).length).toBeGreaterThan(0);
  });
});
