/**
 * A file name as the terminal should see it. Names are data from the repository: one with a
 * newline in it could forge a line of the report ("  ok.txt:1:1 ... no secrets found"), one
 * with an escape sequence could recolour or rewrite the screen. Such a name is shown quoted,
 * with its control characters escaped, as git quotes names (core.quotePath).
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f"\\\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
/**
 * Bidirectional formatting characters (U+202E right-to-left override and its kin): shown, they
 * reorder what follows them, so `a\u202Etxt.env` reads as `avne.txt` (found by an adversarial trial).
 */
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

export function displayPath(path: string): string {
  if (!UNSAFE.test(path)) return path;
  let out = '"';
  for (const ch of path) {
    const c = ch.codePointAt(0) as number;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (BIDI.test(ch)) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** Text from outside (git's stderr): control characters escaped, cut to one short line. */
export function displayText(text: string, max = 200): string {
  const one = text
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (ch) => `\\x${(ch.codePointAt(0) as number).toString(16).padStart(2, '0')}`)
    .replace(/[\r\n\t]+/g, ' ');
  return one.length > max ? `${one.slice(0, max)}…` : one;
}

/**
 * Where a finding is, as the reports show it: `path:line:column`, or for a secret in the
 * file's name (line 0: FragmentBuilder's path fragment) the path and that it is in the name.
 */
export function displayPlace(path: string, line: number, column: number): string {
  return line === 0 ? `${displayPath(path)} (in the file's name)` : `${displayPath(path)}:${line}:${column}`;
}
