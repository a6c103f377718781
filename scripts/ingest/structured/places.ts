/** A template row's place (division code or name) → its jurisdiction, from the official division list. */
import { divisions } from '../resolve/divisions';
import { resolveJurisdiction, superiorName } from '../resolve/resolve';
import { cityName } from '../resolve/divisions';
import type { PlaceResolver } from './template';

export const resolvePlace: PlaceResolver = ({ code, name, context }) => {
  if (code !== null) {
    const d = divisions().byCode.get(code);
    if (!d) return { ok: false, error: `${JSON.stringify(code)} is not a division code of the official list (2023)` };
    return {
      ok: true,
      jurisdiction: {
        name: d.name,
        code: d.code,
        parent: superiorName(d.code),
        county: d.kind === 'township' ? d.county!.name : d.kind === 'county' ? d.name : null,
        city: cityName(d),
        province: d.province.name,
      },
    };
  }
  const found = resolveJurisdiction(name!, null, context);
  return {
    ok: true,
    jurisdiction: {
      name,
      code: found.code,
      parent: found.code ? superiorName(found.code) : null,
      county: found.county,
      city: found.city,
      province: found.province,
      ...(found.candidates ? { candidates: found.candidates } : {}),
    },
  };
};
