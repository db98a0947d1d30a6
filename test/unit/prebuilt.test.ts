import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { realDetector } from '../../src/detectors/lazy.js';
import { DETECTORS } from '../../src/detectors/index.js';
import { KeygateError } from '../../src/errors.js';
import { prebuiltBytes, readPrebuilt } from '../../src/scan/prebuilt.js';
import { keywordIndex, Prefilter } from '../../src/scan/prefilter.js';
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

/** The stamp a file carries (its header is JSON after the magic line and a length). */
function stampOf(bytes: Buffer): string {
  const magic = bytes.indexOf('\n') + 1;
  const length = bytes.readUInt32LE(magic);
  return (JSON.parse(bytes.toString('latin1', magic + 4, magic + 4 + length)) as { stamp: string }).stamp;
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
    long.writeUInt32LE(0xffffff, bytes.indexOf('\n') + 1);
    expect(readPrebuilt(written('long.bin', long), STAMP)).toBeUndefined();
  });

  it('a table cut short after its header was read is an error, never an automaton short of keywords', () => {
    const cut = written('cut.bin', readFileSync(file));
    const read = readPrebuilt(cut, STAMP);
    expect(read).toBeDefined();
    truncateSync(cut, readFileSync(cut).length - 1000);
    const into = new Uint32Array(read!.automaton.tableLength);
    expect(() => read!.automaton.writeTable(into)).toThrow(KeygateError);
    expect(() => read!.automaton.writeTable(into)).toThrow(/ended early.*reinstall keygate/);
  });

  it('dist/keywords.bin is what the sources give (npm run build writes it)', () => {
    const shipped = readFileSync(join(ROOT, 'dist', 'keywords.bin'));
    expect(shipped.equals(prebuiltBytes(DETECTORS, stampOf(shipped)))).toBe(true);
  });
});
