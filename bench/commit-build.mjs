// The release build of an earlier commit, for a benchmark's "before" column: a git worktree of
// that commit under bench/out, its crates fetched, then `trunk build --release` there.
//
// Trunk builds offline (`offline = true` in Trunk.toml), and an earlier commit's Cargo.lock
// may name crate versions that scripts/setup.sh never fetched (it fetches today's lock
// files), so this fetches the worktree's own lock file first (`cargo fetch --locked`, online;
// a no-op once they are in the Cargo home).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';

/**
 * Builds `commit` in the worktree bench/out/<name>-src into `dist`; `env` is added to the
 * build's environment (a content folder, a target folder). Returns `dist`.
 */
export function buildCommit(commit, name, dist, env = {}) {
  const src = resolve('bench/out', `${name}-src`);
  if (!existsSync(join(src, 'Cargo.toml'))) execFileSync('git', ['worktree', 'add', '--force', '--detach', src, commit], { stdio: 'ignore' });
  execFileSync('git', ['-C', src, 'checkout', '--quiet', '--detach', commit]);
  execFileSync('cargo', ['fetch', '--locked', '--quiet'], { cwd: src, stdio: ['ignore', 'ignore', 'inherit'] });
  execFileSync('trunk', ['build', '--release', '--dist', dist], {
    cwd: src, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, ...env },
  });
  return dist;
}
