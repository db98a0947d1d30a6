/**
 * Where a token may start and end: not glued to a word character on either side, so that
 * `xghp_...` or `ghp_...x` is no GitHub token. One plain lookbehind: recheck proves patterns
 * with it safe, where lookbehind alternations or nested lookbehinds (to let a token start right
 * after a `\n` escape) send it to its fuzz checker, which calls bounded repetitions polynomial.
 */
export const B = '(?<![A-Za-z0-9_])';
export const E = '(?![A-Za-z0-9_])';
