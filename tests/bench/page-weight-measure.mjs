// The JavaScript each public page type ships (issue #13 item 9: under 150 KB gzipped), read from the
// production build: the root main files every page loads (`.next/build-manifest.json`) and the
// entry chunks of the route's layouts, error and not-found boundaries and page (its client
// reference manifest), each gzipped as a server sends it. The e2e test checks that this is the
// <script src> list of the served HTML. Shared by the bench and that test.
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { gzipSync } from 'node:zlib';

export const BUDGET_KB = 150;
export const KB = 1024;

/**
 * The budget is for citizen pages: everything under app/(public) but these account pages (signing
 * in, choosing a password with a link), which a reader of the public record never needs to load
 * and whose forms validate in the browser with zod and sign in with next-auth's client. They are
 * measured and printed all the same.
 */
export const ACCOUNT_ROUTES = ['/signin', '/password/[token]'];
export const isBudgeted = (route) => !ACCOUNT_ROUTES.includes(route);

const MANIFEST = 'page_client-reference-manifest.js';

/** Every route under app/(public) the build holds, as its URL pattern ('/', '/projects/[code]', …). */
export function publicRoutes(root) {
  const dir = path.join(root, '.next', 'server', 'app', '(public)');
  if (!fs.existsSync(dir)) throw new Error(`${dir} is missing: build first (node lib/cli/build.mjs)`);
  return fs
    .readdirSync(dir, { recursive: true })
    .map((f) => String(f))
    .filter((f) => path.basename(f) === MANIFEST)
    .map((f) => path.dirname(f))
    .map((d) => (d === '.' ? '/' : `/${d.split(path.sep).join('/')}`))
    .sort();
}

/** The scripts (`/_next/static/…` URLs) a browser loads for a route of app/(public). */
export function routeScripts(root, route) {
  const next = path.join(root, '.next');
  const { rootMainFiles } = JSON.parse(fs.readFileSync(path.join(next, 'build-manifest.json'), 'utf8'));
  const file = path.join(next, 'server', 'app', '(public)', route, MANIFEST);
  // The manifest is a script assigning globalThis.__RSC_MANIFEST[<entry>]: run it in a sandbox of its own.
  const sandbox = {};
  sandbox.globalThis = sandbox;
  vm.runInNewContext(fs.readFileSync(file, 'utf8'), sandbox);
  const manifests = Object.values(sandbox.__RSC_MANIFEST ?? {});
  if (manifests.length !== 1) throw new Error(`${file}: expected one entry, found ${manifests.length}`);
  const entries = Object.values(manifests[0].entryJSFiles ?? {}).flat();
  return [...new Set([...rootMainFiles, ...entries])].map((f) => `/_next/${f}`);
}

/** The scripts a module-capable browser fetches for this HTML (a `nomodule` polyfill it skips). */
export function htmlScripts(html) {
  return [
    ...new Set(
      [...html.matchAll(/<script\b([^>]*)>/gi)]
        .map((m) => m[1])
        .filter((attrs) => !/\bnomodule\b/i.test(attrs))
        .map((attrs) => /\bsrc="([^"]+)"/i.exec(attrs)?.[1])
        .filter((src) => src !== undefined),
    ),
  ];
}

/** Raw and gzipped (zlib's default level, as servers compress) bytes of `/_next/static/…` scripts of the build. */
export function scriptBytes(root, scripts) {
  let raw = 0;
  let gz = 0;
  for (const src of scripts) {
    const pathname = new URL(src, 'http://x').pathname;
    if (!pathname.startsWith('/_next/static/')) throw new Error(`${src} is not a file of the build`);
    const content = fs.readFileSync(path.join(root, '.next', decodeURIComponent(pathname.slice('/_next/'.length))));
    raw += content.length;
    gz += gzipSync(content).length;
  }
  return { raw, gz };
}

/** Per public route: how many scripts, their raw and gzipped bytes. */
export function publicPageWeights(root) {
  return publicRoutes(root).map((route) => {
    const scripts = routeScripts(root, route);
    return { route, scripts: scripts.length, ...scriptBytes(root, scripts) };
  });
}
