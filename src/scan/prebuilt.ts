import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { bundleDir } from '../bundle.js';
import type { Detector } from '../types.js';
import { automatonTable } from './keywords.js';
import { checkedRead, sumWords } from './walk-wasm.js';
import { keywordIndex, type PrebuiltIndex } from './prefilter.js';

/**
 * The built-in rules' keyword index and automaton, made by the build (scripts/keyword-table.mjs)
 * and written beside the bundles as dist/keywords.bin, so that no run makes them: at every
 * commit, indexing ~820 keywords of ~410 rules and compiling a regex of them took ~3.5 ms, and
 * a large scan built the automaton (~13 ms, or ~30 cold) in each thread.
 *
 * The file: MAGIC, the header's length and a checksum (u32s, little-endian), a zero byte, the
 * header (JSON) from HEADER_AT, zeros to a multiple of 4, then the transition table (u32,
 * little-endian, as the WebAssembly walk reads it). The checksum covers everything from
 * HEADER_AT on (src/scan/walk-wasm.ts checkedRead). The header names the build it belongs to
 * (`stamp`, which the bundles carry). A file from another build, or one that does not read
 * whole or does not sum right (damaged: a table of zeros would find no keyword), is not used,
 * and the run makes its own index as it would without one (slower by those few ms, never a
 * keyword less). It is read once a thread, whole, and checked as read: a file replaced while
 * a scan runs is not read again.
 */
const MAGIC = 'keygate keywords 2\n';
/** Where the header starts: after MAGIC, its length, the checksum and a zero byte (a multiple of 4). */
const HEADER_AT = 28;

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
  out.writeUInt32LE(sumWords(new Uint32Array(out.buffer, HEADER_AT, (out.length - HEADER_AT) / 4)), MAGIC.length + 4);
  return out;
}

/** The index in the file, if it is such a file, whole, of the build `stamp`, and sums right. */
export function readPrebuilt(file: string, stamp: string): PrebuiltIndex | undefined {
  if (stamp === '' || !LITTLE_ENDIAN) return undefined;
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return undefined; // none (a checkout's sources, say): the index is made at run time
  }
  let read: { bytes: Uint8Array; sum: number };
  let length: number;
  let checksum: number;
  try {
    const size = fstatSync(fd).size;
    const prefix = Buffer.alloc(HEADER_AT);
    if (size < HEADER_AT || (size - HEADER_AT) % 4 !== 0 || readSync(fd, prefix, 0, HEADER_AT, 0) !== HEADER_AT) return undefined;
    if (prefix.toString('latin1', 0, MAGIC.length) !== MAGIC) return undefined;
    length = prefix.readUInt32LE(MAGIC.length);
    checksum = prefix.readUInt32LE(MAGIC.length + 4);
    if (tableStart(length) > size) return undefined;
    read = checkedRead(size - HEADER_AT, (into) => {
      let done = 0;
      while (done < into.length) {
        const n = readSync(fd, into, done, into.length - done, HEADER_AT + done);
        if (n === 0) break;
        done += n;
      }
      if (done !== into.length) throw new Error('short read');
    });
  } catch {
    return undefined; // a file that does not read whole: not used
  } finally {
    closeSync(fd);
  }
  if (read.sum !== checksum) return undefined;
  let h: Header;
  try {
    h = JSON.parse(Buffer.from(read.bytes.buffer, read.bytes.byteOffset, length).toString('latin1')) as Header;
  } catch {
    return undefined;
  }
  const tableAt = tableStart(length) - HEADER_AT;
  if (h.stamp !== stamp || read.bytes.length !== tableAt + h.tableLength * 4 || h.tableLength % h.classes !== 0) return undefined;
  const table = new Uint32Array(read.bytes.buffer, read.bytes.byteOffset + tableAt, h.tableLength);
  const keywords = h.keywords.split('\n').map((text, i) => ({ text, caseSensitive: h.caseSensitive.charCodeAt(i) === 49 }));
  const headOf: (number[] | undefined)[] = new Array<number[] | undefined>(keywords.length).fill(undefined);
  for (let i = 0; i < h.headOf.length; i += 2) (headOf[h.headOf[i]!] ??= []).push(h.headOf[i + 1]!);
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
      writeTable: (into) => into.set(table),
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
