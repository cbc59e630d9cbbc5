import { buildOpenApi } from './openapi';

/*
 * The OpenAPI document read back as what a person needs on /api/docs: per path its parameters and
 * the fields of its answer, flattened to dotted names. Built from buildOpenApi() itself, so the page
 * documents exactly what the machine-readable document (and the routes' validation) says.
 */

type Json = {
  type?: string | string[];
  description?: string;
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  default?: unknown;
  properties?: Record<string, Json>;
  additionalProperties?: Json | boolean;
  required?: string[];
  items?: Json;
  anyOf?: Json[];
  oneOf?: Json[];
};

export interface ReferenceField {
  name: string;
  type: string;
  required: boolean;
  description: string | null;
  values: string[] | null;
}

export interface ReferenceParameter {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  type: string;
  description: string;
  values: string[] | null;
  default: string | null;
}

export interface ReferenceEndpoint {
  path: string;
  /** An anchor for the table of contents. */
  id: string;
  summary: string;
  parameters: ReferenceParameter[];
  /** One field list per form of the answer (a list paged by number or by cursor has two). */
  answers: { description: string | null; fields: ReferenceField[] }[];
  errors: { status: string; description: string }[];
}

const MAX_DEPTH = 5;

function isNull(s: Json) {
  return s.type === 'null';
}

function typeOf(s: Json): string {
  const variants = s.anyOf ?? s.oneOf;
  if (variants) return variants.map(typeOf).join(' | ');
  if (s.const !== undefined) return JSON.stringify(s.const);
  const base = Array.isArray(s.type) ? s.type.join(' | ') : (s.type ?? 'any');
  if (base === 'array' && s.items) return `${typeOf(s.items)}[]`;
  if (base === 'string' && s.format) return `string (${s.format})`;
  return base;
}

function valuesOf(s: Json): string[] | null {
  const variants = (s.anyOf ?? s.oneOf ?? []).filter((v) => !isNull(v));
  const e = s.enum ?? (variants.length === 1 ? variants[0]!.enum : undefined);
  return e ? e.map(String) : null;
}

function describe(s: Json): string | null {
  const variants = (s.anyOf ?? s.oneOf ?? []).filter((v) => !isNull(v));
  const own = s.description ?? (variants.length === 1 ? variants[0]!.description : undefined) ?? null;
  const bounds = [s.minimum !== undefined ? `≥ ${s.minimum}` : null, s.maximum !== undefined ? `≤ ${s.maximum}` : null].filter(Boolean).join(', ');
  return [own, bounds || null].filter(Boolean).join('; ') || null;
}

/** The fields below `s`, one row each, named a.b[].c. */
function fieldsOf(s: Json, prefix: string, depth: number, out: ReferenceField[]) {
  if (depth > MAX_DEPTH) return;
  const variants = (s.anyOf ?? s.oneOf ?? []).filter((v) => !isNull(v));
  // A nullable object (anyOf [object, null]) lists the object's fields.
  const target = variants.length === 1 ? variants[0]! : s;
  if (target.type === 'array' && target.items) return fieldsOf(target.items, `${prefix}[]`, depth, out);
  for (const [key, child] of Object.entries(target.properties ?? {})) {
    const name = prefix ? `${prefix}.${key}` : key;
    out.push({ name, type: typeOf(child), required: (target.required ?? []).includes(key), description: describe(child), values: valuesOf(child) });
    fieldsOf(child, name, depth + 1, out);
  }
  if (target.additionalProperties && typeof target.additionalProperties === 'object' && !target.properties) {
    const name = `${prefix}.{key}`;
    out.push({ name, type: typeOf(target.additionalProperties), required: false, description: describe(target.additionalProperties), values: valuesOf(target.additionalProperties) });
  }
}

type Operation = {
  summary: string;
  parameters?: { name: string; in: 'path' | 'query'; required: boolean; description: string; schema: Json }[];
  responses: Record<string, { description: string; content?: { 'application/json'?: { schema: Json } } }>;
};

export function apiReference(): { title: string; version: string; description: string; endpoints: ReferenceEndpoint[] } {
  const doc = buildOpenApi();
  const endpoints = Object.entries(doc.paths).map(([path, item]): ReferenceEndpoint => {
    const op = (item as { get: Operation }).get;
    const ok = op.responses['200']?.content?.['application/json']?.schema ?? {};
    const forms = ok.anyOf && ok.anyOf.every((v) => v.type === 'object') ? ok.anyOf : [ok];
    return {
      path,
      id: path.replace(/^\/api\//, '').replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+/g, '-'),
      summary: op.summary,
      parameters: (op.parameters ?? []).map((p) => ({
        name: p.name,
        in: p.in,
        required: p.required,
        type: typeOf(p.schema),
        description: p.description,
        values: p.schema.enum ? p.schema.enum.map(String) : null,
        default: p.schema.default === undefined ? null : String(p.schema.default),
      })),
      answers: forms.map((form) => {
        const fields: ReferenceField[] = [];
        fieldsOf(form, '', 0, fields);
        return { description: form.description ?? (forms.length === 1 ? (ok.description ?? null) : null), fields };
      }),
      errors: Object.entries(op.responses)
        .filter(([status]) => status !== '200')
        .map(([status, r]) => ({ status, description: r.description })),
    };
  });
  return { title: doc.info.title, version: doc.info.version, description: doc.info.description, endpoints };
}
