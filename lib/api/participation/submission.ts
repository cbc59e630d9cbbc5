import 'server-only';
import { AppError } from '@/lib/errors';
import { parseInput } from '@/lib/errors/validation';
import { FEEDBACK_PHOTOS_MAX } from '@/lib/domain/participation/limits';
import { challengeAnswerSchema, submitFeedbackSchema, type SubmitFeedbackInput } from '@/lib/schemas/participation';
import { MAX_PHOTO_BYTES } from '@/lib/participation/photo';

/** A whole request is refused before it is read past this: text fields plus the photos allowed. */
const MAX_BODY_BYTES = FEEDBACK_PHOTOS_MAX * MAX_PHOTO_BYTES + 64 * 1024;

export interface ReadSubmission {
  input: SubmitFeedbackInput;
  photos: Uint8Array[];
  challenge: { token: string; answer: string } | null;
}

function challengeOf(value: unknown): ReadSubmission['challenge'] {
  if (value === undefined || value === null) return null;
  const parsed = challengeAnswerSchema.safeParse(value);
  if (!parsed.success) throw new AppError('validation', 'participation.challengeInvalid', { challenge: 'participation.challengeInvalid' });
  return parsed.data;
}

/**
 * The body, read no further than the limit: a client that sends no Content-Length (chunked) or
 * more than it declared is cut off there rather than held in memory whole.
 */
async function boundedBody(request: Request): Promise<Uint8Array<ArrayBuffer>> {
  const reader = request.body?.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const next = await reader?.read();
    if (!next || next.done) break;
    total += next.value.byteLength;
    if (total > MAX_BODY_BYTES) {
      await reader!.cancel().catch(() => undefined);
      throw new AppError('validation', 'participation.requestTooLarge');
    }
    chunks.push(next.value);
  }
  const body = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    body.set(c, at);
    at += c.byteLength;
  }
  return body;
}

/** POST /api/public/feedback's body: JSON, or multipart/form-data with photos in `photos`. */
export async function readFeedbackSubmission(request: Request): Promise<ReadSubmission> {
  const length = Number(request.headers.get('content-length') ?? '0');
  if (length > MAX_BODY_BYTES) throw new AppError('validation', 'participation.requestTooLarge');
  const type = (request.headers.get('content-type') ?? '').toLowerCase();
  if (type.startsWith('multipart/form-data')) {
    const bytes = await boundedBody(request);
    let form: FormData;
    try {
      form = await new Response(bytes, { headers: { 'content-type': request.headers.get('content-type')! } }).formData();
    } catch {
      throw new AppError('validation', 'errors.multipartRequired');
    }
    const fields = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === 'string'));
    const files = form.getAll('photos').filter((v): v is File => typeof v !== 'string' && v.size > 0);
    if (files.length > FEEDBACK_PHOTOS_MAX) throw new AppError('validation', 'participation.tooManyPhotos', { photos: 'participation.tooManyPhotos' });
    const photos = await Promise.all(files.map(async (f) => new Uint8Array(await f.arrayBuffer())));
    const token = fields.challengeToken;
    return {
      input: parseInput(submitFeedbackSchema, fields),
      photos,
      challenge: token ? challengeOf({ token, answer: fields.challengeAnswer ?? '' }) : null,
    };
  }
  if (!type.startsWith('application/json')) throw new AppError('validation', 'participation.jsonRequired');
  const bytes = await boundedBody(request);
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new AppError('validation', 'participation.jsonRequired');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new AppError('validation', 'participation.jsonRequired');
  const { challenge, ...fields } = body as Record<string, unknown>;
  return { input: parseInput(submitFeedbackSchema, fields), photos: [], challenge: challengeOf(challenge) };
}
