/**
 * Whether a name bears a secret, judged on its words, not on substrings. `DB_PASSWORD`,
 * `clientSecret`, `AWS_SECRET_ACCESS_KEY` do; names that only mention one do not: what
 * describes or points at a secret (`password_hint`, `secretArn`, `tokenUrl`, `apiKeyId`,
 * `PasswordLastUsed`, `TokenType`), and tokens that are no credential (`NextToken`,
 * `ContinuationToken`, pagination cursors, `ClientRequestToken` idempotency tokens, CSRF
 * tokens, `PublicKey`).
 */

/** Words after the secret word that make the name about something else. */
const DESCRIBES = new Set(
  (
    'id ids url urls uri path paths file files filename dir name names hint hints length len type types endpoint endpoints ' +
    'expires expiry expiration expire expired ttl last used arn hash generation count size field fields param params header ' +
    'headers prefix suffix format regex pattern policy label placeholder env var variable ref version enabled required provider ' +
    'mode method kind location store manager service exception error errors valid validator validation cache timeout lifetime ' +
    'rotation duration age created updated changed date time strength min max rule rules schema ' +
    'input text class key_id keyid issuer audience scope scopes source target mask masked hidden visible status state info ' +
    'encryption algorithm algo scheme cipher complexity reset'
  ).split(' '),
);

/** Words anywhere in the name that make its token no credential. */
const NOT_A_CREDENTIAL = new Set(
  'next continuation pagination paginate page paging cursor marker csrf xsrf public idempotency request sync ack cancel cancellation invalid missing max min num input output result'.split(
    ' ',
  ),
);

/** The words of a name: camelCase, PascalCase, snake_case, kebab-case, dotted. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

const SECRET_WORD = /^(?:password|passwd|pwd|passphrase|secret|secrets|token|tokens|credential|credentials|key|apikey|privatekey|accesskey|auth|authkey|pass)$/;

/**
 * A name that says its value is a password or passphrase (db_password, PASSWD, pwd, Passwort,
 * passphrase): such values may be short, and may be words; a token's may not.
 */
export function namesAPassword(name: string): boolean {
  return /passw|pwd|passphrase/i.test(name);
}

/** Why the name does not bear a secret, if it does not. */
export function nameRejection(name: string): string | undefined {
  // Names repeat (token, apiKey, DB_PASSWORD: thousands of times in a large change), and the
  // answer depends on the name alone: kept for the last few thousand names asked about.
  if (REJECTIONS.has(name)) return REJECTIONS.get(name);
  const why = rejectionOf(name);
  if (name.length > 80) return why;
  if (REJECTIONS.size >= 4096) REJECTIONS.clear();
  // A copy for the key: a name sliced from a fragment keeps the whole fragment's text alive
  // while it is held (found by a review: 1,000 names held 1 GB of their texts).
  REJECTIONS.set(Buffer.from(name, 'utf16le').toString('utf16le'), why);
  return why;
}

const REJECTIONS = new Map<string, string | undefined>();

function rejectionOf(name: string): string | undefined {
  const words = nameWords(name);
  if (words.some((w) => NOT_A_CREDENTIAL.has(w))) return 'names a token that is no credential';
  let last = -1;
  words.forEach((w, i) => {
    if (SECRET_WORD.test(w)) last = i;
  });
  if (last === -1) return undefined;
  // Version or index suffixes (api_key_2, tokenV2) do not change what it is.
  const after = words.slice(last + 1).filter((w) => !/^(?:v?\d+|old|new|prod|dev|test|staging|primary|secondary|value|str|string|b64|base64|enc|raw)$/.test(w));
  if (after.some((w) => DESCRIBES.has(w))) return 'describes a secret rather than holding one';
  return undefined;
}

/** The whole identifier around a match that starts inside it (`DB_PASSWORD` around PASSWORD). */
export function identifierAround(text: string, start: number, end: number): string {
  // By character code (a regex test per character was ~100,000 calls on a large change).
  let from = start;
  while (from > 0 && (isWordCode(text.charCodeAt(from - 1)) || text.charCodeAt(from - 1) === 0x2e)) from--;
  let to = end;
  while (to < text.length && isWordCode(text.charCodeAt(to))) to++;
  // Leading dots and dashes are not part of the name.
  while (from < to && (text.charCodeAt(from) === 0x2e || text.charCodeAt(from) === 0x2d)) from++;
  return text.slice(from, to);
}

/** [A-Za-z0-9_-] */
function isWordCode(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === 0x2d;
}
