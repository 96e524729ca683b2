// The huaweicloud pack at a larger scale (its procedures repeated), for the benchmarks: the
// same code with more content.
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { brotliCompressSync, constants } from 'node:zlib';

const PACK = 'content/huaweicloud';
const br = (b) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

/** The page with its `##` sections repeated `n` times; copies after the first get " <k>" on
 * their headings and bullet labels (so their slugs differ, in every locale alike). */
export function scaled(markdown, n) {
  const start = markdown.search(/^## /m);
  const [head, body] = [markdown.slice(0, start), markdown.slice(start)];
  const copies = [body];
  // Headings, and bullet labels (`* Refund process: …` is a procedure of its own).
  for (let k = 2; k <= n; k++) copies.push(body.replace(/^(#{2,3} .+?)\s*$/gm, `$1 ${k}`).replace(/^([*-] [^:：\n]+)([:：])/gm, `$1 ${k}$2`));
  return head + copies.join('\n');
}

/** The content folder with the pack at scale `n`. */
export function content(n) {
  const dir = resolve('bench/out', `packs-x${n}`, 'content');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'huaweicloud'), { recursive: true });
  for (const f of readdirSync(PACK)) {
    const text = readFileSync(join(PACK, f), 'utf8');
    writeFileSync(join(dir, 'huaweicloud', f), f.endsWith('.md') ? scaled(text, n) : text);
  }
  return dir;
}

/** Steps in a pack's zh-CN locale, as `stepwise-cli check` counts them. */
export const stepsOf = (dir) => {
  const out = execFileSync('cargo', ['run', '--quiet', '-p', 'stepwise-cli', '--', 'check', dir], { encoding: 'utf8' });
  return Number(/^\s*zh-CN: .*?(\d+) steps/m.exec(out)?.[1] ?? NaN);
};

/** A site: the build `dist`'s files, with the pack at scale `n` as its only content. */
export function site(dist, n) {
  const dir = join('bench/out', `packs-x${n}`);
  const pack = join(content(n), 'huaweicloud');
  const www = join(dir, 'www');
  rmSync(www, { recursive: true, force: true });
  cpSync(dist, www, { recursive: true, filter: (src) => !src.includes(`${join(dist, 'packs')}`) });
  execFileSync('cargo', ['run', '--quiet', '-p', 'stepwise-cli', '--', 'build', pack, '--out', join(www, 'packs')], { stdio: ['ignore', 'ignore', 'inherit'] });
  const index = JSON.parse(readFileSync(join(www, 'packs/index.json'), 'utf8'));
  const file = index.packs.huaweicloud.locales['zh-CN'].file;
  const bytes = readFileSync(join(www, 'packs', file));
  return { n, www, file, raw: bytes.length, br: br(bytes), steps: stepsOf(pack) };
}

