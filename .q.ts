import { DuckDBInstance } from '@duckdb/node-api';
const db = await (await DuckDBInstance.create('/tmp/sb/m.duckdb')).connect();
const time = async (name: string, sql: string) => { for (let i = 0; i < 2; i++) await db.runAndReadAll(sql); const t = performance.now(); for (let i = 0; i < 10; i++) await db.runAndReadAll(sql); console.log(name.padEnd(30), ((performance.now() - t) / 10).toFixed(1)); };
await time('orig', `SELECT c.rule::VARCHAR AS rule, count(*)::INTEGER AS failed, count(DISTINCT c.report_id)::INTEGER AS reports, count(*) FILTER (WHERE c.assumed_blank_zero)::INTEGER AS assumed_blank_zero FROM checks c JOIN current_reports r ON r.id = c.report_id WHERE NOT c.ok GROUP BY c.rule`);
await time('scan only', `SELECT count(*) FROM checks WHERE NOT ok`);
await time('scan group', `SELECT rule, count(*) FROM checks WHERE NOT ok GROUP BY rule`);
await time('semi', `SELECT rule, count(*), count(DISTINCT report_id) FROM checks WHERE NOT ok AND report_id IN (SELECT id FROM reports WHERE superseded_by IS NULL AND failed_checks > 0) GROUP BY rule`);
const r = await db.runAndReadAll(`EXPLAIN ANALYZE SELECT c.rule::VARCHAR AS rule, count(*)::INTEGER AS failed, count(DISTINCT c.report_id)::INTEGER AS reports FROM checks c JOIN current_reports r ON r.id = c.report_id WHERE NOT c.ok GROUP BY c.rule`);
console.log(r.getRowsJS()[0][1]);
