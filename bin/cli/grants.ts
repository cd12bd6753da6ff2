/**
 * Grants as the staff and token commands print them: `role:programme`, what `--role` and
 * `--programme` take, followed by the programme's name from the catalogue, which is what people
 * recognise (`evaluator:justrom3-mentoring (JUSTROM3 mentoring)`).
 */
import { ALL_PROGRAMMES, type Grant } from '#core/access.ts';
import type { Catalog } from '#surveys/catalog.ts';

/** One grant in words: admin alone, `*` as every programme, a programme with its name. */
export function grantLabel(catalog: Catalog, grant: Grant): string {
  if (grant.role === 'admin') return 'admin';
  if (grant.programme === ALL_PROGRAMMES) return `${grant.role}:* (every programme)`;
  const name = catalog.programmes.get(grant.programme)?.name.en;
  return `${grant.role}:${grant.programme}${name === undefined ? '' : ` (${name})`}`;
}

/** Several grants, comma-separated; `none` when there are none. */
export function grantsLabel(catalog: Catalog, grants: readonly Grant[]): string {
  return grants.length === 0 ? 'none' : grants.map((grant) => grantLabel(catalog, grant)).join(', ');
}
