// Build-time placeholders (`__NAME__`) in the JS files: every one named must be found, and
// none may be left, or the build fails with the file and the placeholder.

/** Fills `values` into `text`; throws when a placeholder is missing or one is left. */
export function fill(text, file, values) {
  for (const [key, value] of Object.entries(values)) {
    if (!text.includes(key)) throw new Error(`${file}: placeholder ${key} not found`);
    text = text.replaceAll(key, () => value);
  }
  const left = [...new Set(text.match(/__[A-Z][A-Z_]*__/g) ?? [])];
  if (left.length) throw new Error(`${file}: placeholders left unfilled: ${left.join(', ')}`);
  return text;
}
