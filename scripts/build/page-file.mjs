// Reading and rewriting the build's files: index.html and the subresource integrities in it.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The `n` first hex digits of the SHA-256 of `data`: the build's content hashes. */
export const contentHash = (data, n = 16) => createHash('sha256').update(data).digest('hex').slice(0, n);

/** A subresource integrity (sha384) of `data`. */
export const integrity = (data) => 'sha384-' + createHash('sha384').update(data).digest('base64');

/** The one file of `out` whose name matches `pattern` (`what` names it in the error). */
export function findFile(out, pattern, what) {
  const files = readdirSync(out);
  const found = files.filter((name) => pattern.test(name));
  if (found.length !== 1) throw new Error(`${out}: ${found.length} files for the ${what} (${pattern}): ${files.join(', ')}`);
  return found[0];
}

/** Rewrites the built index.html with `change(page)`. */
export function editPage(out, change) {
  const path = join(out, 'index.html');
  writeFileSync(path, change(readFileSync(path, 'utf8')));
}

/**
 * Replaces the one match of `pattern` in index.html with `replacement` (a string or a
 * function, as `String.replace` takes them); fails, saying `what`, where it matches not once.
 */
export function replaceOnce(out, pattern, replacement, what) {
  editPage(out, (page) => {
    const matches = typeof pattern === 'string' ? page.split(pattern).length - 1 : (page.match(new RegExp(pattern.source, 'g')) ?? []).length;
    if (matches !== 1) throw new Error(`index.html: ${matches} matches for ${what}, not one`);
    return page.replace(pattern, replacement);
  });
}

/** Writes `file` anew and gives index.html its new integrity. */
export function rewriteWithIntegrity(out, file, before, after) {
  writeFileSync(join(out, file), after);
  replaceOnce(out, integrity(before), integrity(after), `the integrity of ${file}`);
}
