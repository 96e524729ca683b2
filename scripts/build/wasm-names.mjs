// What the build takes out of the wasm after wasm-bindgen and wasm-opt: the length of its
// import and export names. (Its custom sections, metadata no browser reads, wasm-opt strips:
// `--strip-debug --strip-producers --strip-target-features` in index.html.)
//
// Short names for the imports. wasm-bindgen names each import the glue provides after
// its Rust path plus a 16-digit hash (`__wbg_querySelector_72201b7c62dc196b`), once in the
// wasm's import section and once as a key of the glue's import object: about 180 such names,
// whose hashes brotli cannot compress (about 4 KB of the wasm and glue together). Both sides
// are renamed here to `a`, `b`, … `aa`, … in the same order, and nothing else changes.
//
// Short names for the exports the glue reads (`wasm.__wbindgen_malloc`, and closure shims
// named after their whole Rust signature): renamed alike where the glue reads them as
// `wasm.<name>`; the others (`memory`, an export the glue does not read) keep their names.

const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** The `n`th short name: a…Z, then aa…ZZ, … */
export const shortName = (n) => {
  let s = '';
  do {
    s = LETTERS[n % LETTERS.length] + s;
    n = Math.floor(n / LETTERS.length) - 1;
  } while (n >= 0);
  return s;
};

/** An unsigned LEB128 at `at`: [value, next offset]. */
const leb = (bytes, at) => {
  let value = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[at++];
    if (b === undefined) throw new Error('wasm: cut short inside a number');
    value += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (b < 0x80) return [value, at];
  }
};
const lebBytes = (n) => {
  const out = [];
  do {
    let b = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) b |= 0x80;
    out.push(b);
  } while (n > 0);
  return out;
};
const utf8 = new TextEncoder();
const text = new TextDecoder('utf-8', { fatal: true });
const name = (bytes, at) => {
  const [len, start] = leb(bytes, at);
  return [text.decode(bytes.subarray(start, start + len)), start + len];
};
const nameBytes = (s) => {
  const b = utf8.encode(s);
  return [...lebBytes(b.length), ...b];
};
/** The end of a table's or memory's limits at `at`. */
const limitsEnd = (bytes, at) => {
  const flags = bytes[at];
  let [, next] = leb(bytes, at + 1);
  if (flags & 1) [, next] = leb(bytes, next);
  return next;
};
/** The end of an import's description (its kind's byte at `at`). */
const descriptionEnd = (bytes, at) => {
  switch (bytes[at]) {
    case 0: return leb(bytes, at + 1)[1]; // function: type index
    case 1: return limitsEnd(bytes, at + 2); // table: element type, limits
    case 2: return limitsEnd(bytes, at + 1); // memory: limits
    case 3: return at + 3; // global: value type, mutability
    case 4: return leb(bytes, at + 2)[1]; // tag: attribute, type index
    default: throw new Error(`wasm: an import of unknown kind ${bytes[at]}`);
  }
};

/** The wasm's sections: [{ id, start, end }] of their contents. */
const sections = (bytes) => {
  if (bytes.length < 8 || bytes[0] !== 0 || bytes[1] !== 0x61 || bytes[2] !== 0x73 || bytes[3] !== 0x6d) throw new Error('not a wasm module');
  const found = [];
  for (let at = 8; at < bytes.length;) {
    const id = bytes[at];
    const [size, start] = leb(bytes, at + 1);
    if (start + size > bytes.length) throw new Error('wasm: cut short inside a section');
    found.push({ id, head: at, start, end: start + size });
    at = start + size;
  }
  return found;
};

/** The export section's entries: [{ field, rest }] (`rest`: the kind and index, as bytes). */
const exportsOf = (bytes, section) => {
  const found = [];
  let [count, at] = leb(bytes, section.start);
  for (; count > 0; count--) {
    let field;
    [field, at] = name(bytes, at);
    const end = leb(bytes, at + 1)[1];
    found.push({ field, rest: bytes.subarray(at, end) });
    at = end;
  }
  if (at !== section.end) throw new Error('wasm: the export section does not end where its size says');
  return found;
};

/** `bytes` with `section` replaced by one of the same id holding `body` (an array of bytes). */
const withSection = (bytes, section, body) => Buffer.concat([
  bytes.subarray(0, section.head),
  Buffer.from([section.id, ...lebBytes(body.length)]),
  Buffer.from(body),
  bytes.subarray(section.end),
]);

/**
 * `wasm` (bytes) and `glue` (its wasm-bindgen JS) with every import renamed to a short name.
 * Throws rather than guess: an import name the glue does not spell exactly once, or that is
 * also an export's name (the glue reaches exports by name), stops the build.
 */
export function shortenImports(wasm, glue) {
  const bytes = new Uint8Array(wasm);
  const all = sections(bytes);
  const exportSection = all.find((s) => s.id === 7);
  const exported = new Set(exportSection ? exportsOf(bytes, exportSection).map((e) => e.field) : []);
  const importSection = all.find((s) => s.id === 2);
  if (!importSection) return { wasm: Buffer.from(bytes), glue, renamed: new Map() };

  const renamed = new Map();
  let [count, at] = leb(bytes, importSection.start);
  const body = [...lebBytes(count)];
  for (; count > 0; count--) {
    let module, field;
    [module, at] = name(bytes, at);
    [field, at] = name(bytes, at);
    const end = descriptionEnd(bytes, at);
    if (exported.has(field)) throw new Error(`wasm: "${field}" is both an import and an export`);
    if (!renamed.has(field)) renamed.set(field, shortName(renamed.size));
    body.push(...nameBytes(module), ...nameBytes(renamed.get(field)), ...bytes.subarray(at, end));
    at = end;
  }
  if (at !== importSection.end) throw new Error('wasm: the import section does not end where its size says');

  // Identifiers in the glue: a name is a whole word (`\b` treats `_` and digits as word characters).
  let renamedGlue = glue;
  for (const [from, to] of renamed) {
    const word = new RegExp(`\\b${from}\\b`, 'g');
    const uses = renamedGlue.match(word)?.length ?? 0;
    if (uses !== 1) throw new Error(`glue: the import "${from}" is spelled ${uses} times, not once`);
    renamedGlue = renamedGlue.replace(word, to);
  }
  return { wasm: withSection(bytes, importSection, body), glue: renamedGlue, renamed };
}

/**
 * `wasm` (bytes) and `glue` with every export the glue reads as `wasm.<name>` renamed short.
 * Throws if the glue spells such a name in quotes (read some other way than `wasm.<name>`).
 */
export function shortenExports(wasm, glue) {
  const bytes = new Uint8Array(wasm);
  const exportSection = sections(bytes).find((s) => s.id === 7);
  if (!exportSection) return { wasm: Buffer.from(bytes), glue, renamed: new Map() };
  const renamed = new Map();
  let renamedGlue = glue;
  const entries = exportsOf(bytes, exportSection);
  const body = [...lebBytes(entries.length)];
  for (const { field, rest } of entries) {
    const read = /^\w+$/.test(field) && field !== 'memory' ? new RegExp(`\\bwasm\\.${field}\\b`, 'g') : null;
    if (read && renamedGlue.match(read)) {
      if (renamedGlue.includes(`'${field}'`) || renamedGlue.includes(`"${field}"`)) throw new Error(`glue: the export "${field}" is spelled in quotes`);
      renamed.set(field, shortName(renamed.size));
      renamedGlue = renamedGlue.replace(read, `wasm.${renamed.get(field)}`);
    }
    body.push(...nameBytes(renamed.get(field) ?? field), ...rest);
  }
  return { wasm: withSection(bytes, exportSection, body), glue: renamedGlue, renamed };
}
