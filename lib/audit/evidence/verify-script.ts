/**
 * verify.mjs, shipped inside every evidence bundle: Node alone (no portal, no network, no
 * packages) checks that nothing in the unpacked bundle changed since the portal wrote it, and
 * recomputes what the portal's hashes promise — each publication's content hash and each audit
 * entry's link hash, by the same rules as lib/audit/chain.ts (a test runs it on real bundles).
 */
export const VERIFY_SCRIPT = String.raw`#!/usr/bin/env node
// Usage: node verify.mjs [folder of the unpacked bundle]   (exit code 0 only when every check passes)
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = process.argv[2] ?? path.dirname(fileURLToPath(import.meta.url));
const sha256 = (data) => createHash('sha256').update(data).digest('hex');
// JSON with sorted keys: the form the portal hashes.
function canonical(v) {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return '[' + v.map(canonical).join(',') + ']';
  if (typeof v === 'object') {
    return '{' + Object.keys(v).filter((k) => v[k] !== undefined).sort().map((k) => JSON.stringify(k) + ':' + canonical(v[k])).join(',') + '}';
  }
  return JSON.stringify(v);
}
const read = (name) => fs.readFileSync(path.join(dir, name));
const problems = [];
const manifest = JSON.parse(read('manifest.json'));
for (const f of manifest.files) {
  if (!fs.existsSync(path.join(dir, f.name))) problems.push('missing file ' + f.name);
  else if (sha256(read(f.name)) !== f.sha256) problems.push('file changed: ' + f.name);
}
for (const p of JSON.parse(read('publications.json'))) {
  if (sha256(canonical({ content: p.content, notice: p.notice })) !== p.contentHash) problems.push('publication ' + p.id + ' v' + p.version + ': content does not match its hash');
}
for (const e of JSON.parse(read('audit-entries.json'))) {
  const { at, actorId, actorRole, action, entityType, entityId, before, after } = e;
  const fields = canonical({ at, actorId, actorRole, action, entityType, entityId, before, after });
  // Version 2 binds the entry's place in the chain (seq); version 1 entries predate the numbering.
  const hashed = e.hashVersion === 2 ? 'v2\n' + e.prevHash + '\n' + e.seq + '\n' + fields : e.prevHash + '\n' + fields;
  if (sha256(hashed) !== e.hash) problems.push('audit entry ' + e.seq + ' (id ' + e.id + '): fields do not match its hash');
}
for (const d of JSON.parse(read('documents.json'))) {
  if (d.file && sha256(read(d.file)) !== d.sha256) problems.push('document ' + d.id + ' (' + d.filename + '): file does not match its SHA-256');
}
if (problems.length) {
  for (const p of problems) console.log('FAIL ' + p);
  process.exit(1);
}
console.log('OK ' + manifest.files.length + ' files, every publication and audit entry hash recomputed');
`;
