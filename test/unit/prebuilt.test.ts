import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { realDetector } from '../../src/detectors/lazy.js';
import { DETECTORS } from '../../src/detectors/index.js';
import { prebuiltBytes, readPrebuilt } from '../../src/scan/prebuilt.js';
import { keywordIndex, Prefilter } from '../../src/scan/prefilter.js';
import { checkedRead, sumWords } from '../../src/scan/walk-wasm.js';
import type { Detector } from '../../src/types.js';
import { ROOT } from '../helpers/repo.js';
import { testSeed } from '../helpers/seed.js';

/**
 * The built-in rules' keyword index and automaton, made by the build into dist/keywords.bin
 * (src/scan/prebuilt.ts): read back, it must select what an index made at run time selects,
 * and a file that is not this build's, or does not read, must not be used.
 */
const dir = mkdtempSync(join(tmpdir(), 'keygate-prebuilt-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function written(name: string, bytes: Buffer): string {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

const STAMP = 'test-stamp';
const file = written('keywords.bin', prebuiltBytes(DETECTORS, STAMP));

/** The file's layout (src/scan/prebuilt.ts): the header's length after the magic line, then the checksum; the header from 28. */
const LENGTH_AT = 19;
const SUM_AT = 23;
const HEADER_AT = 28;

function stampOf(bytes: Buffer): string {
  const length = bytes.readUInt32LE(LENGTH_AT);
  return (JSON.parse(bytes.toString('latin1', HEADER_AT, HEADER_AT + length)) as { stamp: string }).stamp;
}

/** The bytes with the checksum made right again (as a damaged file that still sums would be). */
function resummed(bytes: Buffer): Buffer {
  const out = Buffer.from(new ArrayBuffer(bytes.length));
  bytes.copy(out);
  out.writeUInt32LE(sumWords(new Uint32Array(out.buffer, HEADER_AT, (out.length - HEADER_AT) / 4)), SUM_AT);
  return out;
}

function tableAt(bytes: Buffer): number {
  return Math.ceil((HEADER_AT + bytes.readUInt32LE(LENGTH_AT)) / 4) * 4;
}

let state = testSeed();
function rand(n: number): number {
  state = (state * 1103515245 + 12345) & 0x7fffffff;
  return state % n;
}

describe('the prebuilt keyword index', () => {
  it('reads back as the index the detectors give', () => {
    const read = readPrebuilt(file, STAMP);
    expect(read).toBeDefined();
    const made = keywordIndex(DETECTORS);
    expect(read?.keywords).toEqual(made.keywords);
    expect(read?.owners).toEqual(made.owners);
    expect(read?.headSets).toEqual(made.headSets);
    expect(read?.headOf).toEqual(made.headOf);
    expect(read?.ids).toEqual(DETECTORS.map((d) => d.id));
  });

  it('selects what an index made at run time selects, on every rule example and on random keyword-dense text', () => {
    const prebuilt = readPrebuilt(file, STAMP);
    const fromFile = new Prefilter(DETECTORS, undefined, prebuilt);
    const small = new Prefilter(DETECTORS, Infinity);
    const big = new Prefilter(DETECTORS, 0);
    const ids = (p: Prefilter, text: string): string[] => p.select(text).map((d) => d.id);
    const examples = DETECTORS.flatMap((d) => {
      const e = realDetector(d).examples;
      return [...e.positives, ...e.negatives];
    });
    const words = [...new Set(DETECTORS.flatMap((d) => d.keywords))];
    const noise = [' = ', ': "', '\n', 'x', 'É', '日本', '_', '0123456789abcdef', 'path', 'AKIA'];
    const random = Array.from({ length: 200 }, () =>
      Array.from({ length: 40 }, () => {
        const w = rand(3) === 0 ? noise[rand(noise.length)]! : words[rand(words.length)]!;
        return rand(2) === 0 ? w.toUpperCase() : w;
      }).join(''),
    );
    let selected = 0;
    for (const text of [...examples, ...random]) {
      const want = ids(small, text);
      expect(ids(fromFile, text), text).toEqual(want);
      expect(ids(big, text), text).toEqual(want);
      selected += want.length;
    }
    expect(examples.length).toBeGreaterThan(1000);
    expect(selected).toBeGreaterThan(5000);
  });

  it('is not used for another list of detectors: a custom rule is found by its own keyword', () => {
    const custom: Detector = {
      id: 'team-token',
      keywords: ['tmtok_'],
      description: 'a team token',
      detect: () => [],
      examples: { positives: [], negatives: [] },
    };
    const p = new Prefilter([...DETECTORS, custom], undefined, readPrebuilt(file, STAMP));
    expect(p.select('const t = "tmtok_abc";').map((d) => d.id)).toContain('team-token');
  });

  it("is not used when it is another build's, or not such a file, or cut short", () => {
    const bytes = readFileSync(file);
    expect(stampOf(bytes)).toBe(STAMP);
    expect(readPrebuilt(file, 'another-build')).toBeUndefined();
    expect(readPrebuilt(file, '')).toBeUndefined();
    expect(readPrebuilt(join(dir, 'none.bin'), STAMP)).toBeUndefined();
    expect(readPrebuilt(written('empty.bin', Buffer.alloc(0)), STAMP)).toBeUndefined();
    expect(readPrebuilt(written('short.bin', bytes.subarray(0, bytes.length - 4)), STAMP)).toBeUndefined();
    expect(readPrebuilt(written('header-only.bin', bytes.subarray(0, 200)), STAMP)).toBeUndefined();
    const magic = Buffer.from(bytes);
    magic[0] = 0x4b;
    expect(readPrebuilt(written('magic.bin', magic), STAMP)).toBeUndefined();
    const json = Buffer.from(bytes);
    json[bytes.indexOf('{') + 1] = 0x7b;
    expect(readPrebuilt(written('json.bin', json), STAMP)).toBeUndefined();
    const long = Buffer.from(bytes);
    long.writeUInt32LE(0xffffff, LENGTH_AT);
    expect(readPrebuilt(written('long.bin', long), STAMP)).toBeUndefined();
  });

  it('is not used when damaged, whatever its size and stamp say: a table of zeros, owners edited, one bit flipped', () => {
    const bytes = readFileSync(file);
    const zeros = Buffer.concat([bytes.subarray(0, tableAt(bytes)), Buffer.alloc(bytes.length - tableAt(bytes))]);
    // The first keyword's first owner, one detector on (a digit changed: the JSON still reads, its length the same).
    const owners = Buffer.from(
      bytes.toString('latin1').replace(/"owners":\[(\d+),(\d)/, (_, n: string, d: string) => `"owners":[${n},${(Number(d) + 1) % 10}`),
      'latin1',
    );
    expect(owners.equals(bytes)).toBe(false);
    const flipped = Buffer.from(bytes);
    flipped[bytes.length - 4321]! ^= 0x10;
    for (const [name, damaged] of [
      ['zeros.bin', zeros],
      ['owners.bin', owners],
      ['flipped.bin', flipped],
    ] as const) {
      expect(readPrebuilt(written(name, damaged), STAMP), name).toBeUndefined();
      // Summed right again it would be taken: the checksum is what turns it away.
      expect(readPrebuilt(written(`summed-${name}`, resummed(damaged)), STAMP), name).toBeDefined();
    }
  });

  it('is read once, whole: a file replaced after it was read does not change the index or the automaton', () => {
    const swapped = written('swapped.bin', readFileSync(file));
    const read = readPrebuilt(swapped, STAMP);
    expect(read).toBeDefined();
    const bytes = readFileSync(swapped);
    writeFileSync(swapped, resummed(Buffer.concat([bytes.subarray(0, tableAt(bytes)), Buffer.alloc(bytes.length - tableAt(bytes))])));
    truncateSync(swapped, 100);
    const fromRead = new Prefilter(DETECTORS, undefined, read);
    const made = new Prefilter(DETECTORS, Infinity);
    for (const text of ['aws_access_key_id = x', 'ghp_ token', 'password: "x"', 'nothing here']) {
      expect(fromRead.select(text).map((d) => d.id)).toEqual(made.select(text).map((d) => d.id));
    }
    expect(fromRead.select('ghp_ token').length).toBeGreaterThan(0);
  });

  it('the checksum is the same in WebAssembly and in JavaScript, at every length', () => {
    const bytes = readFileSync(file);
    for (const length of [0, 4, 8, 12, 16, 20, 1000, 65532, 65536, bytes.length - HEADER_AT]) {
      const words = Buffer.from(new ArrayBuffer(length));
      bytes.copy(words, 0, HEADER_AT, HEADER_AT + length);
      const { bytes: read, sum } = checkedRead(length, (into) => into.set(words));
      expect(Buffer.from(read).equals(words), `length ${length}`).toBe(true);
      expect(sum, `length ${length}`).toBe(sumWords(new Uint32Array(words.buffer, 0, length / 4)));
    }
    expect(() => checkedRead(3, () => undefined)).toThrow(/multiple of 4/);
  });

  it('dist/keywords.bin is what the sources give (npm run build writes it)', () => {
    const shipped = readFileSync(join(ROOT, 'dist', 'keywords.bin'));
    expect(shipped.equals(prebuiltBytes(DETECTORS, stampOf(shipped)))).toBe(true);
  });
});
