import { base64Text } from '../detectors/structured.js';
import { syntaxFamily } from '../detectors/syntax.js';
import type { Candidate, Fragment } from '../types.js';

/**
 * Text as it means, where it is written encoded: JSON and JavaScript string escapes
 * (`https:\/\/hooks.slack.com\/…`, `\u0041KIA…`, `\x2F`) and, in configuration files, whole
 * values in base64 (a Kubernetes Secret's `data:`, a docker config). Each encoded line is
 * decoded into a view of its own; detectors run on the view as on any fragment, and what they
 * find there is reported at the encoded text's position, saying it was encoded.
 *
 * Only lines holding an encoding are decoded (a line of minified code, only around its
 * escapes), so text with none costs one search.
 */
export interface DecodedView {
  fragment: Fragment;
  /** Where each of the view's characters is in the original fragment. */
  map: ViewMap;
  encoding: string;
}

/**
 * Where a view's characters come from, as runs: copied ones (each character from the one
 * written there) and decoded ones (each character standing for the whole encoded text). A
 * run, not two numbers per character: minified code decoded around its escapes made two
 * arrays of ~512 numbers per escape, and a string built a character at a time.
 */
export class ViewMap {
  /** Each run's first offset in the view, ascending. */
  private readonly at: number[] = [];
  /** A copied run: its first character's offset in the original. A decoded one: the encoded text's start. */
  private readonly from: number[] = [];
  /** A decoded run: the encoded text's end; -1 for a copied run. */
  private readonly to: number[] = [];
  /** The view's length so far. */
  length = 0;

  /** `count` characters copied from the original at `from`. */
  copied(from: number, count: number): void {
    if (count <= 0) return;
    const last = this.at.length - 1;
    // Contiguous with a copied run before it: one run.
    const joins = last >= 0 && this.to[last] === -1 && this.from[last]! + (this.length - this.at[last]!) === from;
    if (!joins) this.run(from, -1);
    this.length += count;
  }

  /** `count` characters that stand, each, for the encoded text [from, to) of the original. */
  decoded(count: number, from: number, to: number): void {
    if (count <= 0) return;
    this.run(from, to);
    this.length += count;
  }

  /** Where the view's character `i` starts in the original; undefined outside the view. */
  start(i: number): number | undefined {
    const r = this.find(i);
    if (r === -1) return undefined;
    return this.to[r] === -1 ? this.from[r]! + (i - this.at[r]!) : this.from[r];
  }

  /** Where the view's character `i` ends in the original; undefined outside the view. */
  end(i: number): number | undefined {
    const r = this.find(i);
    if (r === -1) return undefined;
    return this.to[r] === -1 ? this.from[r]! + (i - this.at[r]!) + 1 : this.to[r];
  }

  private run(from: number, to: number): void {
    this.at.push(this.length);
    this.from.push(from);
    this.to.push(to);
  }

  /** The run holding character `i` (binary search), or -1. */
  private find(i: number): number {
    if (!Number.isInteger(i) || i < 0 || i >= this.length) return -1;
    let lo = 0;
    let hi = this.at.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.at[mid]! <= i) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

/**
 * Where a decoded view can show something the text as written hides: a \u or \x escape (a
 * token spelled in escapes), an escaped URL (:\/\/), a JSON pair inside a JSON string
 * (\"name\": \"value\"), a value in escaped quotes after = or : (code inside a JSON string: a
 * notebook cell's `key = \"…\"`, `f(secret=\"…\")`), and a JSON value holding an escaped
 * slash (`"key":"ab\/cd"`, as PHP writes JSON), and a \n, \r or \t right before 20 or more
 * token characters (a credentials CSV or file pasted into a JSON or JS string: `"...\nAKIA…,…"`,
 * where the escape's letter glues the key to the text before it, so no rule's word boundary
 * holds). Other escapes (\n, \", \/ alone) are decoded only next to one of these: minified code
 * is full of them, and decoding around each would cost more than the scan.
 */
const ESCAPE =
  /\\(?:u[0-9a-fA-F]{4}|u\{[0-9a-fA-F]{1,6}\}|x[0-9a-fA-F]{2}|[nrt](?=[A-Za-z0-9_+/\-]{20}))|:\\\/\\\/|\\"[ \t]{0,3}[:=][ \t]{0,3}\\?"|[:=][ \t]{0,3}\\"|"[ \t]{0,3}:[ \t]{0,3}"[^"\\\n]{0,200}\\\//g;
const ANY_ESCAPE = /\\(?:u([0-9a-fA-F]{4})|u\{([0-9a-fA-F]{1,6})\}|x([0-9a-fA-F]{2})|([nrtbf"'\\/]))/g;
const SIMPLE: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };
/** Around an escape in a long line, how much is decoded on each side. */
const REACH = 256;
/**
 * A whole value in base64 after `key:` or `key=`, optionally quoted, to the end of the line:
 * searched from the `:` or `=` (a regex that starts at `^` is tried at every character of the
 * text, ~4x slower), then the line up to it must be a key (KEY_BEFORE). A key holds neither
 * `:` nor `=`, so only the line's first one can match.
 */
const BASE64_VALUE = /[:=][ \t]*["']?([A-Za-z0-9+/]{16,}={0,2})(["']?[ \t,]*)\r?$/gm;
const KEY_BEFORE = /[ \t]*(?:-[ \t]+)?["']?[A-Za-z0-9_.\-]{1,80}["']?[ \t]*/y;

export function decodedViews(fragment: Fragment): DecodedView[] {
  const views: DecodedView[] = [];
  const { text } = fragment;
  if (text.includes('\\')) views.push(...escapeViews(fragment));
  if (text.includes('%3')) views.push(...percentViews(fragment));
  if (syntaxFamily(fragment.path) === 'config') views.push(...base64Views(fragment));
  return views;
}

function escapeViews(fragment: Fragment): DecodedView[] {
  const { text } = fragment;
  const spans: [number, number][] = [];
  // The current line's bounds, found once per line (a long line full of escapes would cost
  // its length at each of them).
  let lineStart = 0;
  let lineEnd = -1;
  ESCAPE.lastIndex = 0;
  for (let m = ESCAPE.exec(text); m !== null; m = ESCAPE.exec(text)) {
    if (m.index > lineEnd) {
      lineStart = text.lastIndexOf('\n', m.index) + 1;
      lineEnd = text.indexOf('\n', m.index);
      if (lineEnd === -1) lineEnd = text.length;
    }
    const from = Math.max(lineStart, m.index - REACH);
    const to = Math.min(lineEnd, m.index + m[0].length + REACH);
    const last = spans[spans.length - 1];
    if (last !== undefined && from <= last[1]) last[1] = Math.max(last[1], to);
    else spans.push([from, to]);
    ESCAPE.lastIndex = Math.max(ESCAPE.lastIndex, m.index + m[0].length);
  }
  const lines = new LineCounter(fragment);
  return spans.map(([from, to]) => escapeView(fragment, from, to, lines));
}

function escapeView(fragment: Fragment, from: number, to: number, lines: LineCounter): DecodedView {
  return decodedSpan(fragment, from, to, lines, ANY_ESCAPE, decodeEscape, 'string escapes (\\u, \\x, \\/, \\"): the decoded text is the secret');
}

function decodeEscape(m: RegExpExecArray): string {
  const [, u4, uBrace, x2, simple] = m;
  const code = u4 ?? uBrace ?? x2;
  return code !== undefined ? String.fromCodePoint(Math.min(parseInt(code, 16), 0x10ffff)) : (SIMPLE[simple as string] ?? (simple as string));
}

/** Printable ASCII only: a %00 or a UTF-8 byte is no part of a key's alphabet (left as written). */
function decodePercent(m: RegExpExecArray): string | undefined {
  const code = parseInt(m[1] as string, 16);
  return code < 0x20 || code >= 0x7f ? undefined : String.fromCharCode(code);
}

/**
 * The view of text [from, to) with every match of `encoded` (a global regex) replaced by what
 * `decode` makes of it (undefined: left as written), and the map back to the original.
 */
function decodedSpan(
  fragment: Fragment,
  from: number,
  to: number,
  lines: LineCounter,
  encoded: RegExp,
  decode: (m: RegExpExecArray) => string | undefined,
  encoding: string,
): DecodedView {
  const { text } = fragment;
  const map = new ViewMap();
  const parts: string[] = [];
  let at = from;
  const slice = text.slice(from, to);
  encoded.lastIndex = 0;
  for (let m = encoded.exec(slice); m !== null; m = encoded.exec(slice)) {
    const decoded = decode(m);
    if (decoded === undefined) continue;
    const start = from + m.index;
    parts.push(text.slice(at, start));
    map.copied(at, start - at);
    parts.push(decoded);
    map.decoded(decoded.length, start, start + m[0].length);
    at = start + m[0].length;
  }
  parts.push(text.slice(at, to));
  map.copied(at, to - at);
  return { fragment: lines.view(from, parts.join('')), map, encoding };
}

/**
 * A secret's name then a percent-encoded = or : (aws_secret_access_key%3D..., password%3A...):
 * a form body, a logged or HAR-captured request, a URL's encoded query. Only there is the text
 * percent-decoded (around it, on its line): every URL holds %2F and %20, and decoding around
 * each would cost more than the scan.
 */
const PERCENT_PAIR = /(?:key|secret|token|passw(?:or)?d|pwd|credential)[A-Za-z0-9_.\-]{0,30}%3[DdAa]/gi;
const PERCENT = /%([0-9A-Fa-f]{2})/g;

function percentViews(fragment: Fragment): DecodedView[] {
  const { text } = fragment;
  const views: DecodedView[] = [];
  const lines = new LineCounter(fragment);
  let reached = 0;
  PERCENT_PAIR.lastIndex = 0;
  for (let m = PERCENT_PAIR.exec(text); m !== null; m = PERCENT_PAIR.exec(text)) {
    if (m.index < reached) continue;
    const lineStart = Math.max(text.lastIndexOf('\n', m.index) + 1, m.index - REACH, reached);
    let lineEnd = text.indexOf('\n', m.index);
    if (lineEnd === -1) lineEnd = text.length;
    const to = Math.min(lineEnd, m.index + m[0].length + REACH);
    views.push(decodedSpan(fragment, lineStart, to, lines, PERCENT, decodePercent, 'percent-encoding (%3D, %2F): the decoded text is the secret'));
    reached = to;
    PERCENT_PAIR.lastIndex = Math.max(PERCENT_PAIR.lastIndex, to);
  }
  return views;
}

function base64Views(fragment: Fragment): DecodedView[] {
  const { text } = fragment;
  const views: DecodedView[] = [];
  const lines = new LineCounter(fragment);
  BASE64_VALUE.lastIndex = 0;
  for (let m = BASE64_VALUE.exec(text); m !== null; m = BASE64_VALUE.exec(text)) {
    const [whole, value, after] = m as unknown as [string, string, string];
    // After the line's start as the regex's $ sees lines: any of \n, \r, U+2028, U+2029.
    const lineStart = lineStartBefore(text, m.index);
    KEY_BEFORE.lastIndex = lineStart;
    if (KEY_BEFORE.exec(text)?.[0].length !== m.index - lineStart) continue;
    const decoded = base64Text(value);
    if (decoded === undefined) continue;
    const valueEnd = m.index + whole.length - after.length - (whole.endsWith('\r') ? 1 : 0);
    const valueStart = valueEnd - value.length;
    const before = text.slice(lineStart, valueStart);
    const map = new ViewMap();
    map.copied(lineStart, valueStart - lineStart);
    // Every decoded character stands for the whole encoded value: a finding inside it is
    // reported over the encoded text.
    map.decoded(decoded.length, valueStart, valueEnd);
    map.copied(valueEnd, after.length);
    views.push({ fragment: lines.view(lineStart, before + decoded + after), map, encoding: 'base64: the decoded value is the secret' });
  }
  return views;
}

/**
 * Where the line holding `at` starts, as the regex's $ sees lines end (\n, \r, U+2028,
 * U+2029). Searched back from `at` (a lastIndexOf per terminator searched the whole text before
 * it for the ones it does not hold, at every match: ~60 ms on the real-code set).
 */
function lineStartBefore(text: string, at: number): number {
  for (let i = at - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) return i + 1;
  }
  return 0;
}

/**
 * Fragments for decoded text of `fragment` at increasing offsets: same file, same line. Lines
 * are counted on from the last offset asked for, so many views cost one pass over the text.
 */
class LineCounter {
  private at = 0;
  private newlines = 0;
  private lineStart = 0;

  constructor(private readonly fragment: Fragment) {}

  view(offset: number, text: string): Fragment {
    const source = this.fragment.text;
    for (let i = source.indexOf('\n', this.at); i !== -1 && i < offset; i = source.indexOf('\n', i + 1)) {
      this.newlines++;
      this.lineStart = i + 1;
    }
    this.at = offset;
    const column = offset - this.lineStart + (this.newlines === 0 ? this.fragment.startColumn : 0);
    const view: Fragment = { path: this.fragment.path, startLine: this.fragment.startLine + this.newlines, startColumn: column, text };
    if (this.fragment.commit !== undefined) view.commit = this.fragment.commit;
    return view;
  }
}

/**
 * A candidate found in a view, placed back on the original fragment: its position is the
 * encoded text's, and it says so when the secret itself was encoded (not only the text around
 * it, such as the \" of a JSON string inside JSON).
 */
export function fromView(c: Candidate, view: DecodedView, original: Fragment): Candidate | undefined {
  const start = view.map.start(c.start);
  const end = view.map.end(c.end - 1);
  if (start === undefined || end === undefined) return undefined;
  const placed: Candidate = { ...c, fragment: original, start, end };
  if (c.reach !== undefined) placed.reach = view.map.end(c.reach - 1) ?? end;
  if (original.text.slice(start, end) !== c.secret) placed.facts = { ...(c.facts ?? {}), encoding: view.encoding };
  return placed;
}
