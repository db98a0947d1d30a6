import { describe, expect, it } from 'vitest';
import { ContentReader } from '../../src/git/content.js';
import type { LineSink } from '../../src/git/diff-parser.js';
import { LineFeeds } from '../../src/git/line-feeds.js';
import { testSeed } from '../helpers/seed.js';

/** Blocks whose reader gave their length in bytes. */
let measured = 0;

/** What a sink is told, as one event per line (a block expanded into its lines, after where it starts). */
function events(feed: (reader: ContentReader) => void, maxLine?: number, overlap?: number): string[] {
  const out: string[] = [];
  const sink: LineSink = {
    startFile: () => undefined,
    addedLine: (line, column, text, complete) => out.push(`${line}:${column}:${complete ? '' : '~'}${text}`),
    binaryFile: () => out.push('binary'),
    binaryStrings: () => false,
    decodedText: (encoding) => out.push(`as ${encoding}`),
    addedBlock: (start, text, lines, bytes) => {
      // A reader that says how long a block is in UTF-8 is right (the stats count it).
      if (bytes !== undefined) {
        expect(bytes).toBe(Buffer.byteLength(text));
        measured++;
      }
      const split = text.split('\n');
      expect(split).toHaveLength(lines);
      // Where blocks start too: they become the fragments the rules read.
      out.push(`block at ${start}`);
      split.forEach((t, i) => out.push(`${start + i}:0:${t}`));
    },
  };
  feed(new ContentReader(sink, maxLine, overlap));
  return out;
}

/** As the work tree's large files and cat-file hand content over: in 32 KB pieces, then end(). */
function streamed(bytes: Buffer, maxLine?: number, overlap?: number): string[] {
  return events(
    (r) => {
      for (let at = 0; at < bytes.length; at += 32 * 1024) r.push(bytes.subarray(at, at + 32 * 1024));
      r.end();
    },
    maxLine,
    overlap,
  );
}

const whole = (bytes: Buffer, maxLine?: number, overlap?: number): string[] => events((r) => r.whole(bytes), maxLine, overlap);

/** A small deterministic generator (the suite's seed, printed at the start of every run). */
function generator(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n) => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return Math.floor((s / 2 ** 32) * n);
  };
}

/** Lines of random lengths (some past one 32 KB block) made of the given pieces of bytes. */
function text(rand: (n: number) => number, pieces: readonly Buffer[], size: number): Buffer {
  const parts: Buffer[] = [];
  let length = 0;
  while (length < size) {
    const long = rand(40) === 0 ? 40_000 + rand(60_000) : rand(120);
    for (let n = 0; n < long;) {
      const piece = pieces[rand(pieces.length)]!;
      parts.push(piece);
      n += piece.length;
    }
    const end = Buffer.from(rand(10) === 0 ? '\r\n' : '\n');
    parts.push(end);
    length += long + end.length;
  }
  return Buffer.concat(parts);
}

describe('ContentReader.whole', () => {
  const seed = testSeed();
  const ascii = ['a', 'B', '7', ' ', '=', '"', 'AKIA', '\t'].map((s) => Buffer.from(s));
  // Two-, three- and four-byte characters, and bytes that are not UTF-8 (0xFF, a lone
  // continuation byte, a lead byte with too few after it): what a streaming decoder and a
  // one-call decode must turn into the same text.
  const utf8 = [
    ...ascii,
    ...['é', '€', '😀', '\u00a0', '\ufeff'].map((s) => Buffer.from(s)),
    Buffer.from([0xff]),
    Buffer.from([0x80]),
    Buffer.from([0xe2, 0x82]),
  ];

  it('gives the same lines as reading in pieces: ASCII, UTF-8, invalid UTF-8, long lines, a byte-order mark, no last line feed', () => {
    const rand = generator(seed);
    for (let round = 0; round < 24; round++) {
      const size = [10, 5000, 40_000, 200_000][round % 4]!;
      let bytes = text(rand, round % 3 === 0 ? ascii : utf8, size);
      if (round % 5 === 1) bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]);
      if (round % 4 === 2) bytes = bytes.subarray(0, bytes.length - 1 - rand(30));
      expect(whole(bytes), `seed ${seed}, round ${round}`).toEqual(streamed(bytes));
    }
    expect(measured).toBeGreaterThan(3);
  });

  it('cuts a line past maxLine where reading in pieces does (a review saw its slices move by 100 characters)', () => {
    const bytes = Buffer.from(`${'a'.repeat(99)}\n${'b'.repeat(2_200_000)}\nend\n`);
    const got = whole(bytes);
    expect(got.filter((e) => e.startsWith('2:')).length).toBe(3);
    expect(got).toEqual(streamed(bytes));
  });

  it('cuts a character split by the end of a block nowhere: a long line of multi-byte characters', () => {
    for (const c of ['é', '€', '😀']) {
      const bytes = Buffer.from(`x\n${c.repeat(50_000)}\ny ${c}\n`);
      const got = whole(bytes);
      expect(got).toEqual(streamed(bytes));
      expect(got.join('\n')).not.toContain('\ufffd');
    }
  });

  it('slices lines past maxLine (where, as in pieces, depends on the blocks), covering them, and numbers the lines after them', () => {
    const bytes = Buffer.from(`first\n${'abcdefghij'.repeat(7000)}\nlast\n${'k'.repeat(90_000)}`);
    const got = whole(bytes, 20_000, 64);
    const slices = got.filter((e) => e.startsWith('2:'));
    expect(slices.length).toBeGreaterThanOrEqual(2);
    // Every slice is a piece of line 2 at its column; together they cover it.
    const line2 = 'abcdefghij'.repeat(7000);
    let covered = 0;
    for (const s of slices) {
      const [, column, rest] = /^2:(\d+):~?(.*)$/s.exec(s)!;
      expect(line2.slice(Number(column), Number(column) + rest!.length)).toBe(rest);
      expect(Number(column)).toBeLessThanOrEqual(covered);
      covered = Math.max(covered, Number(column) + rest!.length);
    }
    expect(covered).toBe(line2.length);
    expect(got).toContain('3:0:last');
    expect(got.filter((e) => e.startsWith('4:')).length).toBeGreaterThan(1);
  });

  it('leaves binary and UTF-16 content to the reading in pieces', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('key = AKIA\r\nx\r\n', 'utf16le')]);
    const binary = Buffer.concat([Buffer.from([0, 1, 2, 3, 0, 0]), Buffer.from('AKIA\n')]);
    for (const b of [utf16, binary, Buffer.alloc(0)]) expect(whole(b)).toEqual(streamed(b));
    expect(whole(utf16)[0]).toBe('as utf16le');
    expect(whole(binary)).toEqual(['binary']);
  });
});

describe('LineFeeds', () => {
  it('counts 0x0A bytes as a plain loop does, at every length and alignment', () => {
    const rand = generator(testSeed());
    const feeds = new LineFeeds();
    for (let round = 0; round < 300; round++) {
      const length = round < 100 ? round : rand(200_000);
      const bytes = Buffer.alloc(length);
      for (let i = 0; i < length; i++) bytes[i] = rand(8) === 0 ? 10 : rand(256);
      const from = rand(Math.min(17, length + 1));
      const part = bytes.subarray(from);
      let expected = 0;
      for (const b of part) if (b === 10) expected++;
      expect(feeds.count(part), `round ${round}`).toBe(expected);
    }
    // All line feeds: past the 255 steps a byte lane can count before it is summed.
    expect(feeds.count(Buffer.alloc(70_000, 10))).toBe(70_000);
  });
});
