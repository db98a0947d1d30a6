import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { bundleDir } from '../bundle.js';
import { KeygateError } from '../errors.js';
import type { Detector } from '../types.js';
import { automatonTable } from './keywords.js';
import { keywordIndex, type PrebuiltIndex } from './prefilter.js';

/**
 * The built-in rules' keyword index and automaton, made by the build (scripts/keyword-table.mjs)
 * and written beside the bundles as dist/keywords.bin, so that no run makes them: at every
 * commit, indexing ~820 keywords of ~410 rules and compiling a regex of them took ~3.5 ms, and
 * a large scan built the automaton (~13 ms, or ~30 cold) in each thread.
 *
 * The file: MAGIC, the header's length (u32, little-endian), the header (JSON), zeros to a
 * multiple of 4, then the transition table (u32, little-endian, as the WebAssembly walk reads
 * it). The header names the build it belongs to (`stamp`, which the bundles carry): a file
 * from another build, or one that does not read, is not used, and the run makes its own index
 * as it would without one (slower by those few ms, never a keyword less).
 */
const MAGIC = 'keygate keywords 1\n';

declare const KEYGATE_KEYWORDS_STAMP: string;

/**
 * Flat, so that it parses fast (~0.2 ms; the nested form took ~0.6): strings joined by
 * newlines, and lists of lists as each list's length followed by its items.
 */
interface Header {
  stamp: string;
  ids: string;
  keywords: string;
  /** By keyword, 1 if case-sensitive. */
  caseSensitive: string;
  owners: number[];
  headSets: number[];
  /** Keyword and head set, for each keyword that is a head word. */
  headOf: number[];
  classOf: number[];
  classes: number;
  firstAccepting: number;
  outputs: number[];
  tableLength: number;
}

/** The file for these detectors (the build's; `stamp` is what the bundles will carry). */
export function prebuiltBytes(detectors: readonly Detector[], stamp: string): Buffer {
  const index = keywordIndex(detectors);
  const odd = index.keywords.find((k) => !/^[\x20-\x7e]*$/.test(k.text));
  if (odd !== undefined) throw new Error(`a built-in keyword is not printable ASCII: ${JSON.stringify(odd.text)}`);
  const automaton = automatonTable(index.keywords);
  const table = new Uint32Array(automaton.tableLength);
  automaton.writeTable(table);
  const header: Header = {
    stamp,
    ids: detectors.map((d) => d.id).join('\n'),
    keywords: index.keywords.map((k) => k.text).join('\n'),
    caseSensitive: index.keywords.map((k) => (k.caseSensitive ? '1' : '0')).join(''),
    owners: flat(index.owners),
    headSets: index.headSets,
    headOf: index.headOf.flatMap((hs, k) => (hs ?? []).flatMap((h) => [k, h])),
    classOf: [...automaton.classOf],
    classes: automaton.classes,
    firstAccepting: automaton.firstAccepting,
    outputs: flat(automaton.outputs),
    tableLength: automaton.tableLength,
  };
  const json = Buffer.from(JSON.stringify(header), 'latin1');
  const start = tableStart(json.length);
  const out = Buffer.alloc(start + table.length * 4);
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(json.length, MAGIC.length);
  json.copy(out, MAGIC.length + 4);
  for (let i = 0; i < table.length; i++) out.writeUInt32LE(table[i]!, start + i * 4);
  return out;
}

/**
 * The index in the file, if it is such a file and of the build `stamp`. Its table is read
 * when the automaton is made, straight into the walk's memory.
 */
export function readPrebuilt(file: string, stamp: string): PrebuiltIndex | undefined {
  if (stamp === '' || !LITTLE_ENDIAN) return undefined;
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return undefined; // none (a checkout's sources, say): the index is made at run time
  }
  let h: Header;
  let start: number;
  try {
    const size = fstatSync(fd).size;
    let head = Buffer.allocUnsafe(Math.min(size, 64 * 1024));
    let got = readSync(fd, head, 0, head.length, 0);
    if (got < MAGIC.length + 4 || head.toString('latin1', 0, MAGIC.length) !== MAGIC) return undefined;
    const length = head.readUInt32LE(MAGIC.length);
    start = tableStart(length);
    if (start > size) return undefined;
    if (MAGIC.length + 4 + length > got) {
      head = Buffer.allocUnsafe(MAGIC.length + 4 + length);
      got = readSync(fd, head, 0, head.length, 0);
      if (got !== head.length) return undefined;
    }
    h = JSON.parse(head.toString('latin1', MAGIC.length + 4, MAGIC.length + 4 + length)) as Header;
    if (h.stamp !== stamp || size !== start + h.tableLength * 4 || h.tableLength % h.classes !== 0) return undefined;
  } catch {
    return undefined; // a file that does not read as one: not used
  } finally {
    closeSync(fd);
  }
  const keywords = h.keywords.split('\n').map((text, i) => ({ text, caseSensitive: h.caseSensitive.charCodeAt(i) === 49 }));
  const headOf: (number[] | undefined)[] = new Array<number[] | undefined>(keywords.length).fill(undefined);
  for (let i = 0; i < h.headOf.length; i += 2) (headOf[h.headOf[i]!] ??= []).push(h.headOf[i + 1]!);
  const tableBytes = h.tableLength * 4;
  return {
    ids: h.ids.split('\n'),
    keywords,
    owners: unflat(h.owners),
    headSets: h.headSets,
    headOf,
    automaton: {
      classOf: Uint8Array.from(h.classOf),
      classes: h.classes,
      tableLength: h.tableLength,
      writeTable: (into) => {
        // Read whole or not at all: a table short of its end would lose keywords.
        const bytes = new Uint8Array(into.buffer, into.byteOffset, tableBytes);
        const fd = openSync(file, 'r');
        try {
          let done = 0;
          while (done < tableBytes) {
            const n = readSync(fd, bytes, done, tableBytes - done, start + done);
            if (n === 0) break;
            done += n;
          }
          if (done !== tableBytes) throw new KeygateError('INTERNAL', `${file} ended early (${done} of ${tableBytes} table bytes): reinstall keygate`);
        } finally {
          closeSync(fd);
        }
      },
      firstAccepting: h.firstAccepting,
      outputs: unflat(h.outputs),
    },
  };
}

let loaded: { index: PrebuiltIndex | undefined } | undefined;

/** The running bundle's prebuilt index (read once a thread); none when running from the sources (tests). */
export function prebuiltIndex(): PrebuiltIndex | undefined {
  if (loaded === undefined) {
    const dir = bundleDir();
    const stamp = typeof KEYGATE_KEYWORDS_STAMP === 'string' ? KEYGATE_KEYWORDS_STAMP : '';
    loaded = { index: dir === undefined ? undefined : readPrebuilt(join(dir, 'keywords.bin'), stamp) };
  }
  return loaded.index;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Where the table starts: after the magic, the header's length and the header, at a multiple of 4. */
function tableStart(headerLength: number): number {
  return Math.ceil((MAGIC.length + 4 + headerLength) / 4) * 4;
}

function flat(lists: readonly (readonly number[])[]): number[] {
  const out: number[] = [];
  for (const l of lists) out.push(l.length, ...l);
  return out;
}

function unflat(xs: readonly number[]): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < xs.length;) {
    const n = xs[i]!;
    out.push(xs.slice(i + 1, i + 1 + n));
    i += 1 + n;
  }
  return out;
}
