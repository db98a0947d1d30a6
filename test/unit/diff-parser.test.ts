import { describe, expect, it } from 'vitest';
import { KeygateError } from '../../src/errors.js';
import { type LineSink, DiffParser } from '../../src/git/diff-parser.js';
import type { SourceFile } from '../../src/types.js';

interface Added {
  path: string;
  line: number;
  column: number;
  text: string;
  complete: boolean;
}

function collect(chunks: Buffer[], maxLine?: number, overlap?: number) {
  const added: Added[] = [];
  const files: SourceFile[] = [];
  let current = '';
  const sink: LineSink = {
    startFile: (f) => {
      files.push(f);
      current = f.path;
    },
    addedLine: (line, column, text, complete) => added.push({ path: current, line, column, text, complete }),
    binaryFile: () => added.push({ path: current, line: 0, column: 0, text: '<binary>', complete: true }),
    decodedText: () => undefined,
    addedBlock: () => {
      throw new Error('the diff parser delivers lines, not blocks');
    },
  };
  const parser = new DiffParser(sink, maxLine, overlap);
  for (const c of chunks) parser.push(c);
  parser.end();
  return { added, files };
}

const OID = '0'.repeat(40);
function raw(status: string, ...paths: string[]): string {
  return `:100644 100644 ${OID} ${OID} ${status}\0${paths.join('\0')}\0`;
}

// Shaped like `git diff --cached --raw -p -z -U0`.
const SAMPLE =
  raw('M', 'src/a b.ts') +
  raw('A', 'new\nline.txt') +
  raw('R087', 'old name.txt', 'new name.txt') +
  '\0' +
  'diff --git a/src/a b.ts b/src/a b.ts\nindex 1..2 100644\n--- a/src/a b.ts\t\n+++ b/src/a b.ts\t\n' +
  '@@ -3 +3,2 @@ function f() {\n-old\n+new three\n+new four\n' +
  '@@ -10,0 +12 @@\n+twelve\n\\ No newline at end of file\n' +
  'diff --git "a/new\\nline.txt" "b/new\\nline.txt"\nnew file mode 100644\nindex 0..1\n--- /dev/null\n+++ "b/new\\nline.txt"\n' +
  '@@ -0,0 +1,2 @@\n+diff --git a/x b/x\n+@@ -1 +1 @@\n' +
  'diff --git a/old name.txt b/new name.txt\nsimilarity index 87%\nrename from old name.txt\nrename to new name.txt\n' +
  '@@ -5 +5 @@\n-five\n+FIVE\n';

const EXPECTED = [
  { path: 'src/a b.ts', line: 3, column: 0, text: 'new three', complete: true },
  { path: 'src/a b.ts', line: 4, column: 0, text: 'new four', complete: true },
  { path: 'src/a b.ts', line: 12, column: 0, text: 'twelve', complete: true },
  { path: 'new\nline.txt', line: 1, column: 0, text: 'diff --git a/x b/x', complete: true },
  { path: 'new\nline.txt', line: 2, column: 0, text: '@@ -1 +1 @@', complete: true },
  { path: 'new name.txt', line: 5, column: 0, text: 'FIVE', complete: true },
];

describe('DiffParser', () => {
  it('takes paths from the raw section and line numbers from hunk headers', () => {
    const { added, files } = collect([Buffer.from(SAMPLE)]);
    expect(files.map((f) => [f.path, f.status, f.oldPath])).toEqual([
      ['src/a b.ts', 'M', undefined],
      ['new\nline.txt', 'A', undefined],
      ['new name.txt', 'R', 'old name.txt'],
    ]);
    expect(added).toEqual(EXPECTED);
  });

  it('gives the same result however the stream is chunked', () => {
    const bytes = Buffer.from(SAMPLE);
    for (let size = 1; size <= 17; size++) {
      const chunks: Buffer[] = [];
      for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
      expect(collect(chunks).added).toEqual(EXPECTED);
    }
  });

  it('splits a multi-byte character across chunks without damage', () => {
    const text = raw('A', 'ü.txt') + '\0diff --git a/ü.txt b/ü.txt\n@@ -0,0 +1 @@\n+grüße 😀\n';
    const bytes = Buffer.from(text);
    const chunks = [...bytes].map((b) => Buffer.from([b]));
    expect(collect(chunks).added).toEqual([{ path: 'ü.txt', line: 1, column: 0, text: 'grüße 😀', complete: true }]);
  });

  it('counts context lines when git merges hunks (diff.interHunkContext)', () => {
    const text = raw('M', 'f') + '\0diff --git a/f b/f\n@@ -2,3 +2,3 @@\n-a\n+A\n same\n-c\n+C\n';
    expect(collect([Buffer.from(text)]).added.map((a) => [a.line, a.text])).toEqual([
      [2, 'A'],
      [4, 'C'],
    ]);
  });

  it('hands a huge line on in overlapping slices with their columns', () => {
    const long = 'a'.repeat(250) + 'SECRET' + 'b'.repeat(250);
    const text = raw('A', 'big') + `\0diff --git a/big b/big\n@@ -0,0 +1,2 @@\n+${long}\n+next\n`;
    const { added } = collect(
      [Buffer.from(text)].flatMap((b) => [b.subarray(0, 60), ...chunk(b.subarray(60), 37)]),
      100,
      20,
    );
    const slices = added.filter((a) => a.line === 1);
    expect(slices.length).toBeGreaterThan(3);
    expect(slices.at(-1)?.complete).toBe(true);
    for (const s of slices) expect(long.slice(s.column, s.column + s.text.length)).toBe(s.text);
    const covered = slices.some((s) => s.text.includes('SECRET'));
    expect(covered).toBe(true);
    expect(added.at(-1)).toEqual({ path: 'big', line: 2, column: 0, text: 'next', complete: true });
  });

  it('fails on a file git shows as binary (it is run with --text: its lines would go unscanned)', () => {
    const text = raw('A', 'img.png') + '\0diff --git a/img.png b/img.png\nnew file mode 100644\nBinary files /dev/null and b/img.png differ\n';
    expect(() => collect([Buffer.from(text)])).toThrow(/binary though asked for its text/);
  });

  it('parses an empty diff (nothing staged)', () => {
    expect(collect([]).added).toEqual([]);
  });

  it('fails loudly, with a KeygateError, on output it does not understand', () => {
    const truncated = raw('M', 'f') + '\0diff --git a/f b/f\n@@ -1 +1,3 @@\n+one\n';
    expect(() => collect([Buffer.from(truncated)])).toThrow(KeygateError);
    const missing = raw('M', 'f') + raw('M', 'g') + '\0diff --git a/f b/f\n@@ -0,0 +1 @@\n+one\n';
    expect(() => collect([Buffer.from(missing)])).toThrow(/listed 2 files but showed 1/);
    const garbage = raw('M', 'f') + '\0diff --git a/f b/f\n@@ -1 +1,2 @@\n+one\nzzz\n';
    expect(() => collect([Buffer.from(garbage)])).toThrow(/unexpected line in a hunk/);
  });
});

function chunk(b: Buffer, size: number): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < b.length; i += size) out.push(b.subarray(i, i + size));
  return out;
}
