import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { bundleDir } from '../bundle.js';
import type { Detector } from '../types.js';
import { automatonTable } from './keywords.js';
import { sumWords } from './walk-wasm.js';
import { keywordIndex, type PrebuiltIndex } from './prefilter.js';

/**
 * The built-in rules' keyword index and automaton, made by the build (scripts/keyword-table.mjs)
 * and written beside the bundles as dist/keywords.bin, so that no run makes them: at every
 * commit, indexing ~820 keywords of ~410 rules and compiling a regex of them took ~3.5 ms, and
 * a large scan built the automaton (~13 ms, or ~30 cold) in each thread.
 *
 * The file: MAGIC, then three u32s (little-endian): the header's length, the header's checksum,
 * the table's; the header (JSON) from HEADER_AT, zeros to a multiple of 4, then the transition
 * table (u32, little-endian, as the WebAssembly walk reads it). Checksums are sumWords
 * (src/scan/walk-wasm.ts) over the header's words (from HEADER_AT to the table) and over the
 * table's. The header names the build it belongs to (`stamp`, which the bundles carry).
 *
 * A file from another build, or one that does not read whole or does not sum right (damaged:
 * a table of zeros would find no keyword), is not used: the run makes its own index (or, for
 * a bad table, its own automaton) as it would without one, slower by those few ms, never a
 * keyword less. The table is read straight into the first walk's memory and summed there (in
 * WebAssembly: ~0.5 ms); later automata of the thread copy what was checked, so a file
 * replaced while a long scan runs is not read again.
 */
const MAGIC = 'keygate keywords 3\n';
/** Where the header starts: after MAGIC and its three numbers (a multiple of 4). */
const HEADER_AT = 32;

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
  const out = Buffer.from(new ArrayBuffer(start + table.length * 4));
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(json.length, MAGIC.length);
  json.copy(out, HEADER_AT);
  for (let i = 0; i < table.length; i++) out.writeUInt32LE(table[i]!, start + i * 4);
  out.writeUInt32LE(sumWords(new Uint32Array(out.buffer, HEADER_AT, (start - HEADER_AT) / 4)), MAGIC.length + 4);
  out.writeUInt32LE(sumWords(new Uint32Array(out.buffer, start, table.length)), MAGIC.length + 8);
  return out;
}

/** The index in the file, if it is such a file, whole, of the build `stamp`, with a header that sums right. */
export function readPrebuilt(file: string, stamp: string): PrebuiltIndex | undefined {
  if (stamp === '' || !LITTLE_ENDIAN) return undefined;
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return undefined; // none (a checkout's sources, say): the index is made at run time
  }
  let size: number;
  let prefix: Buffer;
  let header: Buffer;
  try {
    size = fstatSync(fd).size;
    prefix = Buffer.alloc(HEADER_AT);
    if (size < HEADER_AT || readSync(fd, prefix, 0, HEADER_AT, 0) !== HEADER_AT) return undefined;
    if (prefix.toString('latin1', 0, MAGIC.length) !== MAGIC) return undefined;
    // The header's words, to the table's start (its zeros after the JSON included).
    header = Buffer.from(new ArrayBuffer(tableStart(prefix.readUInt32LE(MAGIC.length)) - HEADER_AT));
    if (HEADER_AT + header.length > size || readSync(fd, header, 0, header.length, HEADER_AT) !== header.length) return undefined;
  } catch {
    return undefined; // a file that does not read: not used
  } finally {
    closeSync(fd);
  }
  const length = prefix.readUInt32LE(MAGIC.length);
  const start = HEADER_AT + header.length;
  if (sumWords(new Uint32Array(header.buffer, 0, header.length / 4)) !== prefix.readUInt32LE(MAGIC.length + 4)) return undefined;
  let h: Header;
  try {
    h = JSON.parse(header.toString('latin1', 0, length)) as Header;
  } catch {
    return undefined;
  }
  if (h.stamp !== stamp || size !== start + h.tableLength * 4 || h.tableLength % h.classes !== 0) return undefined;
  const keywords = h.keywords.split('\n').map((text, i) => ({ text, caseSensitive: h.caseSensitive.charCodeAt(i) === 49 }));
  const headOf: (number[] | undefined)[] = new Array<number[] | undefined>(keywords.length).fill(undefined);
  for (let i = 0; i < h.headOf.length; i += 2) (headOf[h.headOf[i]!] ??= []).push(h.headOf[i + 1]!);
  const tableBytes = h.tableLength * 4;
  // The table once checked (by the automaton that read it): later ones copy it.
  let checkedTable: Uint32Array | undefined;
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
      tableSum: prefix.readUInt32LE(MAGIC.length + 8),
      writeTable: (into) => {
        if (checkedTable !== undefined) return into.set(checkedTable);
        // Straight into the walk's memory, whole or not at all (the automaton then sums it).
        const bytes = new Uint8Array(into.buffer, into.byteOffset, tableBytes);
        const fd = openSync(file, 'r');
        try {
          let done = 0;
          while (done < tableBytes) {
            const n = readSync(fd, bytes, done, tableBytes - done, start + done);
            if (n === 0) throw new Error(`${file} ended early`);
            done += n;
          }
        } finally {
          closeSync(fd);
        }
      },
      tableChecked: (table) => {
        checkedTable ??= table;
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

/** Where the table starts: after the header, at a multiple of 4. */
function tableStart(headerLength: number): number {
  return Math.ceil((HEADER_AT + headerLength) / 4) * 4;
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
