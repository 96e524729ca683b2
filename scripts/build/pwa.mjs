// The service worker, `sw.js`: its app shell is every file of the build but itself and the
// embed's (the loader, its runtime and stylesheet), each with a hash of its bytes, and its
// version a hash of them all.
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createHash } from 'node:crypto';
import { bundle } from './bundle.mjs';
import { contentHash } from './page-file.mjs';

/** What the worker keeps of screenshots, at most (a test builds a copy with lower ones). */
export const SHOT_LIMITS = { shotsLimit: 200, quotaCap: Infinity };

/** The build's files the worker keeps as its shell: `[path, hash]`, sorted. */
export function shellFiles(out) {
  const walk = (dir) => readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
  return walk(out)
    .map((p) => relative(out, p).split('\\').join('/'))
    .filter((p) => p !== 'sw.js' && p !== 'stepwise.js' && !/^stepwise-(widget|embed)-/.test(p))
    .sort()
    .map((p) => [p, contentHash(readFileSync(join(out, p)))]);
}

/** The worker for the build in `out`, with `limits` (SHOT_LIMITS unless a test says otherwise). */
export async function serviceWorker(out, limits = SHOT_LIMITS) {
  const files = shellFiles(out);
  const version = createHash('sha256');
  for (const [path] of files) version.update(path).update(readFileSync(join(out, path)));
  return await bundle('js/pwa/sw.js', {
    defines: {
      version: version.digest('hex').slice(0, 16),
      shell: files.map(([path, hash]) => ['./' + path, hash]),
      // (JSON has no Infinity: a cap that is none is the largest number.)
      shotsLimit: limits.shotsLimit,
      quotaCap: Number.isFinite(limits.quotaCap) ? limits.quotaCap : Number.MAX_VALUE,
    },
  });
}

/** Writes `sw.js` into `out`; returns how many files it keeps. */
export async function writeServiceWorker(out) {
  writeFileSync(join(out, 'sw.js'), await serviceWorker(out));
  return shellFiles(out).length;
}
