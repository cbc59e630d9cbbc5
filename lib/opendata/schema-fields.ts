/**
 * The fields of a JSON Schema (as z.toJSONSchema writes it for the OpenAPI document), as dotted
 * paths: `a.b` for a property of an object, `a[].b` for a property of each element of an array (`[]`
 * alone for the elements of a top-level array). A union's branches contribute all their fields; a
 * map (`additionalProperties`) is one field.
 */

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  additionalProperties?: JsonSchema | boolean;
  enum?: unknown[];
  const?: unknown;
  not?: unknown;
};

export interface SchemaField {
  path: string;
  /** JSON types joined by |, e.g. `string|null`, `array`, `object`. */
  type: string;
}

function branches(s: JsonSchema): JsonSchema[] {
  return [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])];
}

function typesOf(s: JsonSchema): string[] {
  if (s.not !== undefined && !s.type && !branches(s).length) return [];
  const own = s.type === undefined ? (s.const !== undefined ? [typeof s.const] : []) : Array.isArray(s.type) ? s.type : [s.type];
  return [...new Set([...own, ...branches(s).flatMap(typesOf)])];
}

function walk(s: JsonSchema, path: string, out: Map<string, Set<string>>): void {
  const at = (p: string) => {
    const set = out.get(p) ?? new Set<string>();
    out.set(p, set);
    return set;
  };
  if (path) for (const t of typesOf(s)) at(path).add(t);
  for (const b of branches(s)) walk(b, path, out);
  if (s.properties) for (const [name, child] of Object.entries(s.properties)) walk(child, path ? `${path}.${name}` : name, out);
  if (s.items) walk(s.items, `${path}[]`, out);
}

export function schemaFields(schema: unknown): SchemaField[] {
  const out = new Map<string, Set<string>>();
  walk(schema as JsonSchema, '', out);
  return [...out]
    .filter(([, types]) => types.size > 0)
    .map(([path, types]) => ({ path, type: [...types].sort((a, b) => (a === 'null' ? 1 : b === 'null' ? -1 : a.localeCompare(b))).join('|') }));
}
