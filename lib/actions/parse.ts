import 'server-only';
import { AppError } from '@/lib/errors';

export type UploadedFile = { filename: string; bytes: Uint8Array };

/** The non-empty files of a FormData field (a file input left empty sends an empty file). */
export async function filesOf(formData: FormData, name: string): Promise<UploadedFile[]> {
  const out: UploadedFile[] = [];
  for (const v of formData.getAll(name)) if (v instanceof File && v.size > 0) out.push({ filename: v.name, bytes: new Uint8Array(await v.arrayBuffer()) });
  return out;
}

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
