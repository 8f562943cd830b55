/**
 * White space as a regular expression's `\s` (and `String.prototype.trim`) means it, one UTF-16
 * code unit at a time: for loops that count or skip it without making a copy of the text, in
 * ingest (extraction's text lengths) and in the build (search metadata).
 */

/** Whether a UTF-16 code unit is white space as `\s` in a regular expression means it. */
export function isSpaceCode(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}
