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
  /** The original fragment's offset where each of the view's characters starts, and ends. */
  starts: number[];
  ends: number[];
  encoding: string;
}

/** An escape that changes what a token or a name-value pair reads as (\n, \t and \\ are decoded only next to one). */
const ESCAPE = /\\(?:u[0-9a-fA-F]{4}|u\{[0-9a-fA-F]{1,6}\}|x[0-9a-fA-F]{2}|[/"])/g;
const ANY_ESCAPE = /\\(?:u([0-9a-fA-F]{4})|u\{([0-9a-fA-F]{1,6})\}|x([0-9a-fA-F]{2})|([nrtbf"'\\/]))/g;
const SIMPLE: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };
/** Around an escape in a long line, how much is decoded on each side. */
const REACH = 256;
/** A whole value in base64 after `key:` or `key=`, optionally quoted. */
const BASE64_VALUE = /^([ \t]*(?:-[ \t]+)?["']?[A-Za-z0-9_.\-]{1,80}["']?[ \t]*[:=][ \t]*["']?)([A-Za-z0-9+/]{16,}={0,2})(["']?[ \t,]*)\r?$/gm;

export function decodedViews(fragment: Fragment): DecodedView[] {
  const views: DecodedView[] = [];
  const { text } = fragment;
  if (text.includes('\\')) views.push(...escapeViews(fragment));
  if (syntaxFamily(fragment.path) === 'config') views.push(...base64Views(fragment));
  return views;
}

function escapeViews(fragment: Fragment): DecodedView[] {
  const { text } = fragment;
  const spans: [number, number][] = [];
  ESCAPE.lastIndex = 0;
  for (let m = ESCAPE.exec(text); m !== null; m = ESCAPE.exec(text)) {
    const lineStart = text.lastIndexOf('\n', m.index) + 1;
    let lineEnd = text.indexOf('\n', m.index);
    if (lineEnd === -1) lineEnd = text.length;
    const from = Math.max(lineStart, m.index - REACH);
    const to = Math.min(lineEnd, m.index + m[0].length + REACH);
    const last = spans[spans.length - 1];
    if (last !== undefined && from <= last[1]) last[1] = Math.max(last[1], to);
    else spans.push([from, to]);
    ESCAPE.lastIndex = Math.max(ESCAPE.lastIndex, m.index + m[0].length);
  }
  return spans.map(([from, to]) => escapeView(fragment, from, to));
}

function escapeView(fragment: Fragment, from: number, to: number): DecodedView {
  const { text } = fragment;
  const starts: number[] = [];
  const ends: number[] = [];
  let out = '';
  const push = (s: string, start: number, end: number): void => {
    for (let i = 0; i < s.length; i++) {
      starts.push(start);
      ends.push(end);
    }
    out += s;
  };
  let at = from;
  const slice = text.slice(from, to);
  ANY_ESCAPE.lastIndex = 0;
  for (let m = ANY_ESCAPE.exec(slice); m !== null; m = ANY_ESCAPE.exec(slice)) {
    const start = from + m.index;
    for (let i = at; i < start; i++) push(text[i] as string, i, i + 1);
    const [, u4, uBrace, x2, simple] = m;
    const code = u4 ?? uBrace ?? x2;
    const decoded = code !== undefined ? String.fromCodePoint(Math.min(parseInt(code, 16), 0x10ffff)) : (SIMPLE[simple as string] ?? (simple as string));
    push(decoded, start, start + m[0].length);
    at = start + m[0].length;
  }
  for (let i = at; i < to; i++) push(text[i] as string, i, i + 1);
  return { fragment: viewFragment(fragment, from, out), starts, ends, encoding: 'string escapes (\\u, \\x, \\/, \\"): the decoded text is the secret' };
}

function base64Views(fragment: Fragment): DecodedView[] {
  const { text } = fragment;
  const views: DecodedView[] = [];
  BASE64_VALUE.lastIndex = 0;
  for (let m = BASE64_VALUE.exec(text); m !== null; m = BASE64_VALUE.exec(text)) {
    const [, before, value, after] = m as unknown as [string, string, string, string];
    const decoded = base64Text(value);
    if (decoded === undefined) continue;
    const valueStart = m.index + before.length;
    const valueEnd = valueStart + value.length;
    const starts: number[] = [];
    const ends: number[] = [];
    for (let i = m.index; i < valueStart; i++) (starts.push(i), ends.push(i + 1));
    // Every decoded character stands for the whole encoded value: a finding inside it is
    // reported over the encoded text.
    for (let i = 0; i < decoded.length; i++) (starts.push(valueStart), ends.push(valueEnd));
    for (let i = valueEnd; i < valueEnd + after.length; i++) (starts.push(i), ends.push(i + 1));
    views.push({ fragment: viewFragment(fragment, m.index, before + decoded + after), starts, ends, encoding: 'base64: the decoded value is the secret' });
  }
  return views;
}

/** A fragment for the decoded text of `fragment` from `offset` on: same file, same line. */
function viewFragment(fragment: Fragment, offset: number, text: string): Fragment {
  const before = fragment.text.slice(0, offset);
  const newlines = before.split('\n').length - 1;
  const lineStart = before.lastIndexOf('\n') + 1;
  const column = offset - lineStart + (newlines === 0 ? fragment.startColumn : 0);
  const view: Fragment = { path: fragment.path, startLine: fragment.startLine + newlines, startColumn: column, text };
  if (fragment.commit !== undefined) view.commit = fragment.commit;
  return view;
}

/**
 * A candidate found in a view, placed back on the original fragment: its position is the
 * encoded text's, and it says so when the secret itself was encoded (not only the text around
 * it, such as the \" of a JSON string inside JSON).
 */
export function fromView(c: Candidate, view: DecodedView, original: Fragment): Candidate | undefined {
  const start = view.starts[c.start];
  const end = view.ends[c.end - 1];
  if (start === undefined || end === undefined) return undefined;
  const placed: Candidate = { ...c, fragment: original, start, end };
  if (original.text.slice(start, end) !== c.secret) placed.facts = { ...(c.facts ?? {}), encoding: view.encoding };
  return placed;
}
