import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { realDetector } from '../../src/detectors/lazy.js';
import { DETECTORS } from '../../src/detectors/index.js';
import { prebuiltBytes, readPrebuilt } from '../../src/scan/prebuilt.js';
import { keywordIndex, Prefilter } from '../../src/scan/prefilter.js';
import { sumWords, WasmWalk } from '../../src/scan/walk-wasm.js';
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

/** The file's layout (src/scan/prebuilt.ts): after the magic line the header's length, its checksum, the table's; the header from 32. */
const LENGTH_AT = 19;
const HEADER_SUM_AT = 23;
const TABLE_SUM_AT = 27;
const HEADER_AT = 32;

function stampOf(bytes: Buffer): string {
  const length = bytes.readUInt32LE(LENGTH_AT);
  return (JSON.parse(bytes.toString('latin1', HEADER_AT, HEADER_AT + length)) as { stamp: string }).stamp;
}

function tableAt(bytes: Buffer): number {
  return Math.ceil((HEADER_AT + bytes.readUInt32LE(LENGTH_AT)) / 4) * 4;
}

/** The bytes with both checksums made right again (as a damaged file that still sums would be). */
function resummed(bytes: Buffer): Buffer {
  const out = Buffer.from(new ArrayBuffer(bytes.length));
  bytes.copy(out);
  const at = tableAt(out);
  out.writeUInt32LE(sumWords(new Uint32Array(out.buffer, HEADER_AT, (at - HEADER_AT) / 4)), HEADER_SUM_AT);
  out.writeUInt32LE(sumWords(new Uint32Array(out.buffer, at, (out.length - at) / 4)), TABLE_SUM_AT);
  return out;
}

/** What a prefilter selects, by rule id, on texts that name many rules. */
const PROBES = ['aws_access_key_id = x', 'ghp_ token', 'password: "x"', 'xoxb- sk_live_ glpat- AIza', 'nothing here'];
const selections = (p: Prefilter): string[][] => PROBES.map((t) => p.select(t).map((d) => d.id));

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

  it('is not used when damaged, whatever its size and stamp say: a header edited, a table of zeros, one bit flipped', () => {
    const bytes = readFileSync(file);
    const made = selections(new Prefilter(DETECTORS, Infinity));
    expect(made.flat().length).toBeGreaterThan(8);
    // The first keyword's first owner, one detector on (a digit changed: the JSON still reads, its length the same).
    const owners = Buffer.from(
      bytes.toString('latin1').replace(/"owners":\[(\d+),(\d)/, (_, n: string, d: string) => `"owners":[${n},${(Number(d) + 1) % 10}`),
      'latin1',
    );
    expect(owners.equals(bytes)).toBe(false);
    expect(readPrebuilt(written('owners.bin', owners), STAMP)).toBeUndefined();
    expect(readPrebuilt(written('summed-owners.bin', resummed(owners)), STAMP)).toBeDefined();
    // A damaged table: the index is taken, the table is not, and the automaton is built from the keywords.
    const zeros = Buffer.concat([bytes.subarray(0, tableAt(bytes)), Buffer.alloc(bytes.length - tableAt(bytes))]);
    const flipped = Buffer.from(bytes);
    flipped[bytes.length - 4321]! ^= 0x10;
    for (const [name, damaged] of [
      ['zeros.bin', zeros],
      ['flipped.bin', flipped],
    ] as const) {
      const index = readPrebuilt(written(name, damaged), STAMP);
      expect(index, name).toBeDefined();
      expect(selections(new Prefilter(DETECTORS, undefined, index)), name).toEqual(made);
    }
    // Summed right again, the zeros would be used (the checksum is what turns them away): no
    // keyword found, only the rules that have none are selected.
    const summed = readPrebuilt(written('summed-zeros.bin', resummed(zeros)), STAMP);
    const keywordless = DETECTORS.filter((d) => d.keywords.length === 0).map((d) => d.id);
    expect(selections(new Prefilter(DETECTORS, undefined, summed))).toEqual(PROBES.map(() => keywordless));
  });

  it('a file replaced or removed after the first automaton read its table changes no later one', () => {
    const swapped = written('swapped.bin', readFileSync(file));
    const index = readPrebuilt(swapped, STAMP);
    expect(index).toBeDefined();
    const made = selections(new Prefilter(DETECTORS, Infinity));
    expect(selections(new Prefilter(DETECTORS, undefined, index))).toEqual(made);
    const bytes = readFileSync(swapped);
    writeFileSync(swapped, resummed(Buffer.concat([bytes.subarray(0, tableAt(bytes)), Buffer.alloc(bytes.length - tableAt(bytes))])));
    expect(selections(new Prefilter(DETECTORS, undefined, index))).toEqual(made);
    rmSync(swapped);
    expect(selections(new Prefilter(DETECTORS, undefined, index))).toEqual(made);
  });

  it('a table that cannot be read when the automaton is made is not used either: the automaton is built', () => {
    const gone = written('gone.bin', readFileSync(file));
    const index = readPrebuilt(gone, STAMP);
    rmSync(gone);
    expect(selections(new Prefilter(DETECTORS, undefined, index))).toEqual(selections(new Prefilter(DETECTORS, Infinity)));
  });

  it("the walk's checksum (WebAssembly) is sumWords (JavaScript), at every length, and sumWords is its plain meaning", () => {
    for (const length of [1, 2, 3, 4, 5, 7, 8, 1000, 65535, 230001]) {
      const words = new Uint32Array(length).map(() => rand(0x7fffffff) * 2 + rand(2));
      const walk = new WasmWalk({
        tableLength: length,
        writeTable: (into) => into.set(words),
        classOf: new Uint8Array(256),
        classes: 1,
        firstAccepting: length,
        longest: 1,
      });
      expect(walk.tableSum(), `length ${length}`).toBe(sumWords(words));
      // Its plain meaning: FNV-1a, word i into lane i % 4, the lanes xored.
      const lanes = [0x811c9dc5, 0x811c9dc5, 0x811c9dc5, 0x811c9dc5];
      words.forEach((w, i) => (lanes[i % 4] = Math.imul(lanes[i % 4]! ^ w, 16777619)));
      expect(sumWords(words), `length ${length}`).toBe((lanes[0]! ^ lanes[1]! ^ lanes[2]! ^ lanes[3]!) >>> 0);
    }
  });

  it('dist/keywords.bin is what the sources give (npm run build writes it)', () => {
    const shipped = readFileSync(join(ROOT, 'dist', 'keywords.bin'));
    expect(shipped.equals(prebuiltBytes(DETECTORS, stampOf(shipped)))).toBe(true);
  });
});
