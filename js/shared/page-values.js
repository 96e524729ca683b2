// What a host page passes to the widget's API may be anything: a Symbol, an object whose
// toString throws. Read here, never thrown into the page.

/** `value` as a string (`null` and `undefined` as they are; `undefined` where it cannot be one). */
export const asText = (value) => {
  try {
    return value == null ? value : String(value);
  } catch {
    return undefined;
  }
};
