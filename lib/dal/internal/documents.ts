import 'server-only';
import type { Tx } from '@/db/client';
import { documents } from '@/db/schema';
import { MAX_DOCUMENT_BYTES, sniffDocumentType } from '@/lib/domain/file-type';
import { AppError } from '@/lib/errors';
import { sha256Hex } from '@/lib/domain/sha256';

/** What identifies an upload in an idempotency key: its content, not its size or name. */
export const uploadDigest = (file?: UploadedFile) => (file ? sha256Hex(file.bytes) : null);

export interface UploadedFile {
  filename: string;
  bytes: Uint8Array;
}

/** Checks an upload by its content and size; nothing is stored unless it passes. */
export function checkUpload(file: UploadedFile, field: string) {
  if (file.bytes.length === 0) throw new AppError('validation', 'form.fileEmpty', { [field]: 'form.fileEmpty' });
  if (file.bytes.length > MAX_DOCUMENT_BYTES) throw new AppError('validation', 'form.fileTooLarge', { [field]: 'form.fileTooLarge' });
  const mime = sniffDocumentType(file.bytes);
  if (!mime) throw new AppError('validation', 'form.fileType', { [field]: 'form.fileType' });
  return mime;
}

/** Stores a document in the database (every instance sees it) with its SHA-256 for the public to check. */
export async function storeDocument(tx: Tx, file: UploadedFile, uploadedBy: number | null, field = 'file') {
  const mimeType = checkUpload(file, field);
  const sha256 = sha256Hex(file.bytes);
  const filename = file.filename.replace(/[\\/\u0000-\u001f]/g, '_').slice(0, 200) || 'document';
  const [row] = await tx
    .insert(documents)
    .values({ sha256, mimeType, byteSize: file.bytes.length, filename, content: file.bytes, uploadedBy })
    .returning({ id: documents.id });
  return { id: row!.id, sha256, mimeType, byteSize: file.bytes.length, filename };
}
