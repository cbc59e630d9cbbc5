/** The identity of an allocation's inputs: a canonical text and its SHA-256. */
import { sha256Hex } from '../sha256';
import { canonicalDecimal } from './scanning';
import type { FormulaInput } from './types';

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/**
 * The canonical text hashed by inputsHash: factors sorted by code, recipients sorted by code,
 * values in factor-code order and written canonically ("12.50" → "12.5", "007" → "7"), display
 * names left out, a missing set-aside written as 0 and a missing floor or cap as null. Values
 * under keys that are not factor codes do not take part. Equal inputs in any order give equal text.
 */
export function canonicalInputs(input: FormulaInput): string {
  const cmp = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);
  const str = (x: unknown): string | null => (typeof x === 'bigint' ? x.toString() : x === null || x === undefined ? null : String(x));
  const factors = (input.factors ?? [])
    .map((f) => JSON.stringify([f.code, f.weightBp, f.direction]))
    .sort(cmp);
  const factorCodes = [...new Set((input.factors ?? []).map((f) => f.code))].sort((x, y) => cmp(String(x), String(y)));
  const recipients = (input.recipients ?? [])
    .map((r) => {
      const values = factorCodes.map((c) => {
        const v = r.values && hasOwn(r.values, c) ? r.values[c] : undefined;
        return typeof v === 'string' ? canonicalDecimal(v) : v === undefined ? null : String(v);
      });
      return { code: String(r.code), text: JSON.stringify([r.code, values]) };
    })
    .sort((x, y) => cmp(x.code, y.code) || cmp(x.text, y.text))
    .map((r) => r.text);
  return (
    `{"format":"yq-factor-method/1","totalFen":${JSON.stringify(str(input.totalFen))},` +
    `"setAsideBp":${JSON.stringify(input.setAsideBp ?? 0)},` +
    `"floorFen":${JSON.stringify(str(input.floorFen))},"capFen":${JSON.stringify(str(input.capFen))},` +
    `"factors":[${factors.join(',')}],"recipients":[${recipients.join(',')}]}`
  );
}

/** SHA-256 (hex) of canonicalInputs(input): identifies the inputs of an allocation. */
export function inputsHash(input: FormulaInput): string {
  return sha256Hex(canonicalInputs(input));
}
