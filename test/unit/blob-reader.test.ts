import { describe, expect, it } from 'vitest';
import { CatFileParser } from '../../src/git/blob-reader.js';
import type { LineSink } from '../../src/git/diff-parser.js';
import { LineSplitter } from '../../src/git/lines.js';
import type { SourceFile } from '../../src/types.js';

function file(path: string, oid: string): SourceFile {
  return { path, status: 'A', mode: '100644', oid };
}

function batch(objects: [string, Buffer][]): Buffer {
  return Buffer.concat(objects.flatMap(([oid, body]) => [Buffer.from(`${oid} blob ${body.length}\n`), body, Buffer.from('\n')]));
}

function run(files: SourceFile[], bytes: Buffer, chunk: number) {
  const events: string[] = [];
  const sink: LineSink = {
    startFile: (f) => events.push(`file ${f.path}`),
    addedLine: (line, column, text, complete) => events.push(`${line}:${column}:${complete ? '' : '~'}${text}`),
    binaryFile: () => events.push('binary'),
    decodedText: () => undefined,
    addedBlock: (start, text, lines) => {
      const split = text.split('\n');
      expect(split).toHaveLength(lines);
      split.forEach((t, i) => events.push(`${start + i}:0:${t}`));
    },
  };
  const p = new CatFileParser(files, sink, 64, 8);
  for (let i = 0; i < bytes.length; i += chunk) p.push(bytes.subarray(i, i + chunk));
  p.end();
  return events;
}

describe('CatFileParser', () => {
  const files = [file('a.txt', 'a1'), file('empty', 'e0'), file('bin.dat', 'b2'), file('nonl', 'c3')];
  const bytes = batch([
    ['a1', Buffer.from('one\ntwo\n')],
    ['e0', Buffer.alloc(0)],
    ['b2', Buffer.from([1, 0, 2, 10, 65])],
    ['c3', Buffer.from('x\ny')],
  ]);
  const expected = ['file a.txt', '1:0:one', '2:0:two', 'file empty', 'file bin.dat', 'binary', 'file nonl', '1:0:x', '2:0:y'];

  it('turns each blob into added lines 1..n, however the stream is chunked', () => {
    for (const size of [1, 2, 3, 7, 1000]) expect(run(files, bytes, size)).toEqual(expected);
  });

  it('fails loudly when the output is out of step or short', () => {
    expect(() => run([file('a', 'zz')], bytes, 100)).toThrow(/unexpected git cat-file header/);
    expect(() => run(files, bytes.subarray(0, bytes.length - 3), 100)).toThrow(/ended early/);
  });
});

describe('CatFileParser with a huge line', () => {
  it('slices a line past maxLine, with columns, and numbers the lines after it', () => {
    const long = 'abcdefghij'.repeat(1000); // longer than the 8000-byte binary sniff
    const bytes = batch([['h1', Buffer.from(`first\n${long}\nlast\n`)]]);
    for (const size of [1, 5, 64, 1000]) {
      const events = run([file('h', 'h1')], bytes, size);
      expect(events[0]).toBe('file h');
      expect(events[1]).toBe('1:0:first');
      expect(events.at(-1)).toBe('3:0:last');
      const slices = events.slice(2, -1).map((e) => /^2:(\d+):(~?)(.*)$/.exec(e)!);
      expect(slices.length).toBeGreaterThan(2);
      for (const [, col, , text] of slices) expect(long.slice(Number(col), Number(col) + text!.length)).toBe(text);
      expect(slices.at(-1)![2]).toBe('');
      expect(slices.slice(0, -1).every((m) => m[2] === '~')).toBe(true);
    }
  });
});

describe('LineSplitter', () => {
  it('slices a line longer than the limit with overlap and true columns', () => {
    const out: [string, number, boolean][] = [];
    const s = new LineSplitter((t, c, done) => out.push([t, c, done]), 10, 3);
    const line = 'abcdefghijklmnopqrstuvwxyz';
    for (const ch of line + '\nend') s.push(Buffer.from(ch));
    s.end();
    const slices = out.slice(0, -1);
    expect(slices.at(-1)?.[2]).toBe(true);
    for (const [t, c] of slices) expect(line.slice(c, c + t.length)).toBe(t);
    expect(new Set(slices.flatMap(([t, c]) => [...t].map((_, i) => c + i))).size).toBe(line.length);
    expect(out.at(-1)).toEqual(['end', 0, true]);
  });
});
