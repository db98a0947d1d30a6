/**
 * Small named predicates that turn a pattern match into "not a secret". Each is about the
 * candidate value only, so a detector can say exactly why it let something go.
 */

/** Long ascending or descending runs (ABCDEFGH, 23456789, abcdef...) are typed, not generated. */
export function hasSequentialRun(value: string, minRun = 6): boolean {
  let up = 1;
  let down = 1;
  for (let i = 1; i < value.length; i++) {
    const d = value.charCodeAt(i) - value.charCodeAt(i - 1);
    up = d === 1 ? up + 1 : 1;
    down = d === -1 ? down + 1 : 1;
    if (up >= minRun || down >= minRun) return true;
  }
  return false;
}

/** The share of a value's letters and digits that are in runs of 4 or more in sequence (abcd, 6543). */
export function sequentialShare(value: string): number {
  const alnum = value.replace(/[^A-Za-z0-9]/g, '');
  let inRuns = 0;
  let run = 1;
  for (let i = 1; i <= alnum.length; i++) {
    const d = i < alnum.length ? alnum.charCodeAt(i) - alnum.charCodeAt(i - 1) : 0;
    if (i < alnum.length && (d === 1 || d === -1) && (run === 1 || d === alnum.charCodeAt(i - 1) - alnum.charCodeAt(i - 2))) run++;
    else {
      if (run >= 4) inRuns += run;
      run = 1;
    }
  }
  return alnum.length === 0 ? 0 : inRuns / alnum.length;
}

/**
 * The share of a value's letters and digits in sequence once its letters and its digits are
 * read apart: the typed placeholders a1b2c3d4e5f6, abc123def456ghi789 and AbC12345Def67890
 * interleave two sequences, which sequentialShare does not see. Random tokens nearly never
 * do: their letters alone are as random as the whole.
 */
export function interleavedSequenceShare(value: string): number {
  const letters = value.replace(/[^A-Za-z]/g, '').toLowerCase();
  const digits = value.replace(/[^0-9]/g, '');
  const all = letters.length + digits.length;
  if (letters.length < 4 || digits.length < 4) return 0;
  return (sequentialShare(letters) * letters.length + sequentialShare(digits) * digits.length) / all;
}

/** The longest run of one repeated character (of those `only` allows, by code, if given). */
export function longestRun(value: string, only?: (code: number) => boolean): number {
  let best = 0;
  let run = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (only !== undefined && !only(c)) {
      run = 0;
      continue;
    }
    run = i > 0 && c === value.charCodeAt(i - 1) ? run + 1 : 1;
    if (run > best) best = run;
  }
  return best;
}

/** The characters people fill a token's format with: x, X, *, #, 0, dots. */
const isPlaceholderCharacter = (c: number): boolean => c === 0x78 || c === 0x58 || c === 0x2a || c === 0x23 || c === 0x30 || c === 0x2e;

/**
 * A token whose letters and digits are nearly all one character, whatever separators sit
 * between them (glpat-0000_0000.00, HRKU-000000_0000-0000): a placeholder in its format.
 */
export function isMostlyOneCharacter(value: string): boolean {
  // Counted by code in a typed array (this runs on every candidate of every rule).
  let alnum = 0;
  let most = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a))) continue;
    alnum++;
    const n = ++ALNUM_COUNTS[c]!;
    if (n > most) most = n;
  }
  ALNUM_COUNTS.fill(0);
  return alnum >= 12 && most >= alnum * 0.7;
}

const ALNUM_COUNTS = new Uint32Array(128);

/**
 * A placeholder in a token's own format: a run of x, *, # or 0 that is most of it
 * (sk_live_xxxxxxxxxxxxxxxxxxxxxxxx, hf_xxxx…, AKIA0000000000000000). Relative to the
 * length, and only those characters: a real token may hold a run of anything else (base64 of
 * zero bytes is AAAA…, as in Fly.io's macaroons), and peers' fixtures count sk_live_AAAA… as
 * a key.
 */
export function isMostlyPlaceholderRun(value: string): boolean {
  return value.length > 0 && longestRun(value, isPlaceholderCharacter) >= Math.max(6, value.length * 0.4);
}

/** XXXX, ****, 0000 and the like: a placeholder someone will fill in later. */
export function isPlaceholder(value: string): boolean {
  // Any one character as three quarters of a value (aaaaaaaaaaaa, AAAAAAAAAAAAAAAA12).
  if (value.length >= 8 && longestRun(value) >= value.length * 0.75) return true;
  if (isMostlyPlaceholderRun(value)) return true;
  return /x{4,}|\*{3,}|\.{3,}|your|placeholder|redacted|changeme|dummy/i.test(value);
}

export function hasMixedCase(value: string): boolean {
  return /[a-z]/.test(value) && /[A-Z]/.test(value);
}

/** Pre-release and build words that versions carry (1.0.0-beta.2, 2.16.0a7, 3.3.3.post1). */
const VERSION_WORDS = new Set([
  'alpha',
  'beta',
  'rc',
  'pre',
  'preview',
  'dev',
  'post',
  'next',
  'canary',
  'nightly',
  'snapshot',
  'final',
  'release',
  'stable',
  'build',
  'patch',
  'hotfix',
  'ga',
  'lts',
  'a',
  'b',
  'c',
  'p',
  'r',
]);

/**
 * A version or version constraint (0.15.0rc1-beta2, ==3.3.3, ^1.2.3, v2.0.0-next.12,
 * 1.2.3-4-g1a2b3c4): what a package named "tokenizers" or "password-hash" is set to, in a
 * lock file or a manifest. Every letter run must be a version word (or a git describe hash).
 */
export function isVersion(value: string): boolean {
  // Unambiguous (each repetition starts with a separator the segment cannot hold), so linear:
  // an earlier form with a repeated [A-Za-z]+ took seconds on 1aaaa...a!.
  const m = /^(?:[=~^!]{1,2})?v?(\d[0-9A-Za-z]*(?:[.\-+_][0-9A-Za-z]+)*)$/.exec(value);
  if (m === null) return false;
  for (const segment of (m[1] ?? '').split(/[.\-+_]/)) {
    if (/^\d+$/.test(segment) || /^g[0-9a-f]{7,40}$/.test(segment)) continue;
    const words = segment.match(/[A-Za-z]+/g) ?? [];
    if (!words.every((w) => VERSION_WORDS.has(w.toLowerCase()))) return false;
  }
  return true;
}

/**
 * Digests everyone's code contains, under any name: the MD5, SHA-1, SHA-256 and SHA-512 of
 * the empty string, and git's empty blob and empty tree. Constants, never secrets.
 */
const WELL_KNOWN_HASHES = new Set([
  'd41d8cd98f00b204e9800998ecf8427e',
  'da39a3ee5e6b4b0d3255bfef95601890afd80709',
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  'cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e',
  'e69de29bb2d1d6434b8b29ae775ad8c2e48c5391',
  '4b825dc642cb6eb9a060e54bf8d69288fbee4904',
]);

export function isWellKnownHash(value: string): boolean {
  return WELL_KNOWN_HASHES.has(value.toLowerCase());
}

/** Passwords that only say "a password goes here". */
export const PLACEHOLDER_PASSWORDS = new Set([
  'password',
  // redis.conf's own example (requirepass foobared), copied into every Redis URL of the docs.
  'foobared',
  'passwd',
  'mypassword',
  'secret',
  'changeme',
  'pass123',
  'example',
  'test',
  'xxxx',
  'xxxxx',
  'xxxxxx',
  '****',
  '*****',
  '******',
  'your_password',
  'yourpassword',
  'pwd',
]);

/** What docs and tests write where a .netrc password goes: the list above, and pass, pass1, ... */
export function isPlaceholderPassword(pw: string): boolean {
  return PLACEHOLDER_PASSWORDS.has(pw.toLowerCase()) || /^pass\d{0,4}$/i.test(pw);
}

/** Letters of the passwords documentation and URL parser tests write: user:pass@, diff:auth@, foo%40bar. */
const PLACEHOLDER_LETTERS = new Set(
  'pass password passwd pwd pw secret auth qwer qwerty asdf asdfgh foo bar baz qux foobar foobaz test demo example sample changeme xxx xxxx hunter'.split(' '),
);

/**
 * A password in a URL that is a placeholder: spelled with placeholder words only, whatever
 * the case, punctuation or escapes between them (Pass, foo@bar, pa\uD7FFss), or a short
 * word with no digit. RFC 3986 examples and URL parsers' tests are full of them; a real password
 * (m42ploz2wd, r3alP4ssw0rd) has other letters.
 */
export function isPlaceholderUrlPassword(pw: string): boolean {
  // Punctuation and escapes aside, digits kept: secret123 is a (weak) real password. @ and $
  // read as the letters they stand for (p@ss, pa$$word: a newcomer's trial saw both in docs).
  const letters = pw
    .toLowerCase()
    .replace(/@/g, 'a')
    .replace(/\$/g, 's')
    .replace(/[^a-z0-9]/g, '');
  if (PLACEHOLDER_LETTERS.has(letters)) return true;
  if (/^[a-z]{2,5}(?:[^a-z0-9]?[a-z]{2,5})?$/i.test(pw) && [...pw.toLowerCase().matchAll(/[a-z]+/g)].every((w) => PLACEHOLDER_LETTERS.has(w[0]))) return true;
  return pw.length < 8 && /^[A-Za-z]+$/.test(pw);
}

/** The words docs put before a password word: someuser:somepassword@, username:authpassword@, mydbpass. */
const FILLER_WORDS = 'some my your the user db auth admin root app test demo example sample secret'.split(' ');
const PASSWORD_WORDS = ['password', 'passwd', 'pass', 'pwd'];

/**
 * A password that spells filler words then a password word, and nothing else: somepassword,
 * authpassword, mydbpass, userpwd. The password word is taken from the end, then the filler
 * words from the start: a real password's letters (hunter2pass, correcthorsepass) leave
 * something unexplained. Weak real passwords are spelled so too (apppassword on a production
 * host): the caller asks this only where the URL around it is an example's.
 */
export function spellsPasswordWords(pw: string): boolean {
  const letters = pw.toLowerCase();
  if (!/^[a-z]+$/.test(letters)) return false;
  const word = PASSWORD_WORDS.find((w) => letters.endsWith(w));
  if (word === undefined) return false;
  const rest = letters.slice(0, -word.length);
  const splits = (at: number): boolean => at === rest.length || FILLER_WORDS.some((w) => rest.startsWith(w, at) && splits(at + w.length));
  return splits(0);
}

/**
 * A URL password that is a template (${DB_PASSWORD}, $(PGPASSWORD), {{ pw }}, %(pw)s, <password>)
 * or says where one goes. Judged after percent-decoding, so a % or a @ in a real password
 * (FL1N%25up... decodes to FL1N%up...) is part of it, not a template.
 */
export function templated(value: string): boolean {
  return /\$\{|\$\(|^\$[A-Za-z_]|\{\{|\}\}|%\([^)]*\)[sd]|^<[^<>]*>$|^(?:your|replace|enter|insert)|_?password_?here|REPLACE|YOUR_/i.test(value);
}
