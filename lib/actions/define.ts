import 'server-only';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import type { z } from 'zod';
import type { Permission } from '@/lib/auth/permissions';
import { requireCtx, type Ctx } from '@/lib/dal/auth/session';
import type { ActionResult } from '@/lib/errors';
import { describeError } from '@/lib/errors/describe';
import { parseInput } from '@/lib/errors/validation';
import { getLocale } from '@/lib/i18n/server';
import { fieldsOf, filesOf, type UploadedFile } from './parse';

/** A path to revalidate after a successful action, with Next's `type` when it is a layout. */
export type Revalidation = string | readonly [path: string, type: 'layout' | 'page'];

/** How the client calls by default: with one value (a structured value or a FormData), or as `useActionState` does (previous state, FormData). */
type DefaultArgs = [payload: unknown] | [previous: unknown, formData: FormData];

export interface ActionCall {
  /** The submitted FormData (its text fields are what `input` parsed), or null for a structured value. */
  formData: FormData | null;
  /** The file uploaded in field `name`, if one was chosen. */
  file(name: string): Promise<UploadedFile | undefined>;
  /** Every file uploaded in field `name`. */
  files(name: string): Promise<UploadedFile[]>;
}

interface ActionSpec<S extends z.ZodType, A extends unknown[], T> {
  /** The same zod schema the form validates with in the browser. */
  input: S;
  /** When the action takes several arguments: the value `input` parses, built from them. */
  from?: (...args: A) => unknown;
  /** A FormData field that carries JSON the form builds (a list), parsed before validation. */
  jsonField?: string;
  revalidate?: readonly Revalidation[] | ((input: z.output<S>, result: NoInfer<T>) => readonly Revalidation[]);
  /** Where the browser goes after success (after revalidation). */
  redirect?: (input: z.output<S>, result: NoInfer<T>) => string;
}

const isNextSignal = (e: unknown) =>
  !!e && typeof e === 'object' && typeof (e as { digest?: unknown }).digest === 'string' && (e as { digest: string }).digest.startsWith('NEXT_');

function payloadOf(args: unknown[], spec: ActionSpec<z.ZodType, unknown[], unknown>): { raw: unknown; call: ActionCall } {
  const last = args.length > 1 ? args[args.length - 1] : args[0];
  const formData = last instanceof FormData ? last : null;
  const call: ActionCall = {
    formData,
    files: async (name) => (formData ? filesOf(formData, name) : []),
    file: async (name) => (await call.files(name))[0],
  };
  if (spec.from) return { raw: spec.from(...args), call };
  return { raw: formData ? fieldsOf(formData, spec.jsonField) : last, call };
}

function build<S extends z.ZodType, A extends unknown[], T>(
  permission: Permission | 'public',
  spec: ActionSpec<S, A, T>,
  handler: (ctx: Ctx | null, input: z.output<S>, call: ActionCall) => Promise<T>,
): (...args: A) => Promise<ActionResult<T>> {
  return async (...args: A) => {
    const locale = await getLocale();
    try {
      // Who is calling is settled before anything of the body is read, parsed or validated, so an
      // anonymous caller learns nothing from validation messages and costs no parsing.
      const ctx = permission === 'public' ? null : await requireCtx(permission);
      const { raw, call } = payloadOf(args, spec as ActionSpec<z.ZodType, unknown[], unknown>);
      const input = parseInput(spec.input, raw);
      const result = await handler(ctx, input, call);
      const paths = typeof spec.revalidate === 'function' ? spec.revalidate(input, result) : (spec.revalidate ?? []);
      for (const p of paths) {
        if (typeof p === 'string') revalidatePath(p);
        else revalidatePath(p[0], p[1]);
      }
      if (spec.redirect) redirect(spec.redirect(input, result));
      return { ok: true, data: result };
    } catch (caught) {
      // Next's redirect/notFound signals must propagate.
      if (isNextSignal(caught)) throw caught;
      const { code, message, fieldErrors } = describeError(caught, locale, 'action');
      return { ok: false, code, message, fieldErrors };
    }
  };
}

/**
 * The one way a server action is written. Every server action is a public endpoint: the caller is
 * authenticated and holds `permission` before the input is parsed with the form's own schema; then
 * the handler runs (the data layer checks again on every read and write), the pages named in
 * `revalidate` are refreshed, and any failure comes back through the one error mapper as an
 * ActionResult in the reader's language.
 */
export function defineAction<S extends z.ZodType, T, A extends unknown[] = DefaultArgs>(
  spec: ActionSpec<S, A, T> & { permission: Permission },
  handler: (ctx: Ctx, input: z.output<S>, call: ActionCall) => Promise<T>,
): (...args: A) => Promise<ActionResult<T>> {
  return build(spec.permission, spec, (ctx, input, call) => handler(ctx!, input, call));
}

/** An action anyone may call, signed in or not (choosing a language, setting a password with a link's token). */
export function definePublicAction<S extends z.ZodType, T, A extends unknown[] = DefaultArgs>(
  spec: ActionSpec<S, A, T>,
  handler: (input: z.output<S>, call: ActionCall) => Promise<T>,
): (...args: A) => Promise<ActionResult<T>> {
  return build('public', spec, (_ctx, input, call) => handler(input, call));
}

/**
 * A public action behind a plain HTML form whose page simply reloads (the language switch): there
 * is no state to show, so the result is dropped; an unexpected failure is still logged by the mapper.
 */
export function definePublicFormAction<S extends z.ZodType, T>(spec: ActionSpec<S, [formData: FormData], T>, handler: (input: z.output<S>, call: ActionCall) => Promise<T>): (formData: FormData) => Promise<void> {
  const action = definePublicAction(spec, handler);
  return async (formData) => {
    await action(formData);
  };
}
