import 'server-only';
import type { z } from 'zod';
import { AppError } from '@/lib/errors';

/** Parses with the same schema the form used; field messages are keys translated by runAction. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fieldErrors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path.length ? issue.path.map(String).join('.') : 'form';
    fieldErrors[field] ??= issue.message.includes('.') ? issue.message : 'errors.validation';
  }
  throw new AppError('validation', 'errors.validation', fieldErrors);
}

export const fileFrom = async (v: FormDataEntryValue | null) =>
  v instanceof File && v.size > 0 ? { filename: v.name, bytes: new Uint8Array(await v.arrayBuffer()) } : undefined;

/** A FormData's text fields, with one field holding JSON (a list the form builds) parsed in place. */
export function fieldsOf(formData: FormData, jsonField?: string): Record<string, unknown> {
  const fields: Record<string, unknown> = Object.fromEntries([...formData.entries()].filter(([, v]) => typeof v === 'string'));
  if (jsonField && typeof fields[jsonField] === 'string') {
    try {
      fields[jsonField] = JSON.parse(fields[jsonField] as string);
    } catch {
      throw new AppError('validation', 'errors.validation', { [jsonField]: 'errors.validation' });
    }
  }
  return fields;
}
