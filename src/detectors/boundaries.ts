/**
 * Where a token may start and end: not glued to a word character on either side, so that
 * `xghp_...` or `ghp_...x` is no GitHub token. A token may start right after a string escape,
 * though: in `"line one\nghp_..."` as JSON or code writes it, the `n` of `\n` is no letter of
 * the text (nor the `b` of a regex's `\b`).
 */
// Written as one negative lookbehind (a word character not itself after a backslash): recheck
// proves this form safe, and calls an alternation of two lookbehinds polynomial.
export const B = String.raw`(?<!(?<!\\)[A-Za-z0-9_])`;
export const E = '(?![A-Za-z0-9_])';
