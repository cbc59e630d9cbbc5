import type { z } from 'zod';
import { AppError } from './index';

/**
 * Parses with the same schema the form used. A failure is one validation error whose field
 * messages are the schema's message keys (translated by the error mapper); a message that is not a
 * key becomes the generic one, so no library wording reaches the reader.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fieldErrors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path.length ? issue.path.map(String).join('.') : 'form';
    fieldErrors[field] ??= issue.message.includes('.') ? issue.message : 'errors.validation';
  }
  throw new AppError('validation', 'errors.validation', fieldErrors);
}
