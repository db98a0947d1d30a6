export interface RegexHit {
  /** Offsets of the `secret` named group in the fragment text. */
  start: number;
  end: number;
  secret: string;
  /** The whole match, for context checks. */
  match: RegExpExecArray;
}

/**
 * Every match of `re` (which must carry the `g` and `d` flags and a `secret` group), with the
 * secret's position taken from the regex itself so that text.slice(start, end) === secret.
 */
export function* regexHits(re: RegExp, text: string): Generator<RegexHit> {
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const span = m.indices?.groups?.['secret'];
    const secret = m.groups?.['secret'];
    if (span !== undefined && secret !== undefined) {
      yield { start: span[0], end: span[1], secret, match: m };
    }
    if (m[0].length === 0) re.lastIndex++;
  }
}

/** A hit's span and secret: the part of what a detector found that its regex says. */
export function spanOf(hit: RegexHit): { start: number; end: number; secret: string } {
  return { start: hit.start, end: hit.end, secret: hit.secret };
}

/** 0-based index of the line holding `offset` in `text`, counting from the fragment start. */
export function lineIndexAt(text: string, offset: number): number {
  let n = 0;
  let i = text.indexOf('\n');
  while (i !== -1 && i < offset) {
    n++;
    i = text.indexOf('\n', i + 1);
  }
  return n;
}

/**
 * Where a regex's matches can start, for regexes that begin with a keyword: every offset of
 * the fragment at which one of `heads` (lower-case literals, one regex: /a|b|c/g) occurs,
 * ignoring ASCII case, overlapping ones included. Found once per fragment and shared by every
 * rule that asks with the same `heads` (the generic rule's shapes all start at a secret word):
 * the prefilter records them in the keyword search it makes anyway (Detector.heads, through
 * knownHeadStarts); else one search of the lower-cased text. Undefined when lower-casing
 * changed the text's length (some non-ASCII letters do): offsets would not line up, and the
 * caller searches whole.
 */
export function headStarts(text: string, heads: RegExp): readonly number[] | undefined {
  const entry = entryFor(text);
  const known = entry.byHeads.get(heads);
  if (known !== undefined) return known;
  const starts = findHeadStarts(text, heads);
  if (starts !== undefined) entry.byHeads.set(heads, starts);
  return starts;
}

/** headStarts' own search: the heads regex over the lower-cased text, resuming after each start. */
export function findHeadStarts(text: string, heads: RegExp): number[] | undefined {
  const lower = lowerCase(text);
  if (lower.length !== text.length) return undefined;
  const starts: number[] = [];
  heads.lastIndex = 0;
  for (let m = heads.exec(lower); m !== null; m = heads.exec(lower)) {
    starts.push(m.index);
    heads.lastIndex = m.index + 1;
  }
  return starts;
}

/** Where `heads` occur in `text` (ascending, each once), as a search made anyway found them. */
export function knownHeadStarts(text: string, heads: RegExp, starts: readonly number[]): void {
  entryFor(text).byHeads.set(heads, starts);
}

/** What was recorded for the text, if anything (no search of its own: for checking the recorder). */
export function recordedHeadStarts(text: string, heads: RegExp): readonly number[] | undefined {
  return last !== undefined && last.text === text ? last.byHeads.get(heads) : undefined;
}

/** The last text asked about: fragments are scanned one at a time, each by every rule before the next. */
let last: { text: string; lower: string | undefined; byHeads: Map<RegExp, readonly number[]> } | undefined;

function entryFor(text: string): { lower: string | undefined; byHeads: Map<RegExp, readonly number[]> } {
  if (last === undefined || last.text !== text) last = { text, lower: undefined, byHeads: new Map() };
  return last;
}

/** The text in lower case, folded once however many rules ask. */
export function lowerCase(text: string): string {
  const entry = entryFor(text);
  return (entry.lower ??= text.toLowerCase());
}

/**
 * The matches `regexHits(re, text)` finds, found by trying `sticky` (the same regex with the
 * y flag) only at `starts`: equal when every match of `re` starts at one of them (it starts
 * with one of the heads headStarts looked for; test/unit/anchored.test.ts checks the rules
 * that say so). Like a global search, a match is looked for only after the previous one ends.
 */
export function* anchoredHits(re: RegExp, sticky: RegExp, text: string, starts: readonly number[] | undefined): Generator<RegexHit> {
  if (starts === undefined) {
    yield* regexHits(re, text);
    return;
  }
  let after = 0;
  for (const at of starts) {
    if (at < after) continue;
    sticky.lastIndex = at;
    const m = sticky.exec(text);
    if (m === null) continue;
    after = m.index + Math.max(1, m[0].length);
    const span = m.indices?.groups?.['secret'];
    const secret = m.groups?.['secret'];
    if (span !== undefined && secret !== undefined) yield { start: span[0], end: span[1], secret, match: m };
  }
}

/** The y-flagged twin of a g-flagged regex, for anchoredHits. */
export function stickyOf(re: RegExp): RegExp {
  return new RegExp(re.source, re.flags.replace('g', '') + 'y');
}
