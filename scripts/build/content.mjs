// The content: every pack of the content folder as pack files and their index, where the app
// fetches them (`packIndex`, relative to the build), by `stepwise-cli build`. A refused pack
// fails the build (the CLI has printed every problem as file:line: message).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Builds the packs of `content` into `out`, the index at `packIndex` (stepwise_core::protocol's);
 * returns the build's first pack (the default one) and its default locale.
 */
export function buildContent({ out, content, packIndex, cargo }) {
  const packDirs = readdirSync(content).map((d) => join(content, d)).filter((d) => existsSync(join(d, 'pack.toml'))).sort();
  if (packDirs.length === 0) throw new Error(`${content}: no content pack (a folder with pack.toml)`);
  try {
    cargo(['run', '--quiet', '-p', 'stepwise-cli', '--', 'build', ...packDirs, '--out', join(out, dirname(packIndex))], { stdio: ['ignore', 'ignore', 'inherit'] });
  } catch {
    console.error('Stepwise: the content was refused; nothing was built.');
    process.exit(1);
  }
  if (!existsSync(join(out, packIndex))) throw new Error(`stepwise-cli build wrote no ${packIndex}`);
  // The CLI writes the packs in this order; a pack's id is its folder's name.
  const firstPack = basename(packDirs[0]);
  const index = JSON.parse(readFileSync(join(out, packIndex), 'utf8'));
  return { firstPack, defaultLocale: index.packs[firstPack].default };
}
