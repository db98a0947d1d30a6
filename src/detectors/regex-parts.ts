/**
 * Pieces of regex source the rules share.
 *
 * Where a token may start and end: not glued to a word character on either side, so that
 * `xghp_...` or `ghp_...x` is no GitHub token. One plain lookbehind: recheck proves patterns
 * with it safe, where lookbehind alternations or nested lookbehinds (to let a token start right
 * after a `\n` escape) send it to its fuzz checker, which calls bounded repetitions polynomial.
 */
export const B = '(?<![A-Za-z0-9_])';
export const E = '(?![A-Za-z0-9_])';

/** Between a name and its value: a closing quote or bracket, then = or :, then an opening quote. */
export const ASSIGN = `["'\\]]{0,2}\\s{0,3}[:=]\\s{0,3}["']?`;

/** A UUID in lower-case hex (any version). */
export const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/**
 * `name = value` (or `name: value`, `"name": "value"`, `name]=value`): the secret assigned to a
 * name matching `name` (regex source), not followed by `after`.
 */
export function named(name: string, secret: string, after = '(?![A-Za-z0-9])'): string {
  return `${name}${ASSIGN}(?<secret>${secret})${after}`;
}

/**
 * Where a secret word can start (password, passwd, passphrase, pwd, secret, token, credential,
 * api key, access key, client secret, auth key, private key), lower-case: the generic rule's
 * shapes begin with one, so they are tried only there (regex.ts, anchoredHits).
 */
export const SECRET_WORD_HEADS = /pass|pwd|secret|token|credential|api|access|client|auth|private|_key|-key|_pass|-pass|_pw|-pw/g;

/** Text as the source of a regex that matches it literally. */
export function regexLiteral(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
