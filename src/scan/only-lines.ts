import type { LineSink } from '../git/diff-parser.js';

/**
 * How many 0x0A bytes a UTF-16 line holds inside its characters (U+040A, U+0A05, ...): git
 * counts a line at every 0x0A byte, so its line numbers for a UTF-16 file run ahead of the
 * decoded ones by these.
 */
function innerLineFeeds(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c & 0xff) === 0x0a) n++;
    if (c >> 8 === 0x0a) n++;
  }
  return n;
}

/**
 * A sink that passes on only the given lines of a whole file (the added ones of a re-read), by
 * git's numbers. Those are the decoded lines' own for UTF-8; for UTF-16 a decoded line spans
 * as many of git's lines as it holds 0x0A bytes, plus one, and it is passed on if any of those
 * was added (reported at its decoded number, which is an editor's).
 */
export function onlyLines(sink: LineSink, lines: ReadonlySet<number>): LineSink {
  let wide = false;
  /** git's line number minus the decoded one, so far. */
  let ahead = 0;
  /** The end (column + length) of the huge line's slice before, whose fresh part alone is counted. */
  let sliceEnd = 0;
  let keepSlices = false;
  const added = (line: number, column: number, text: string): boolean => {
    if (!wide) return lines.has(line);
    if (column > 0) {
      // A later slice of a huge line (slices overlap): its fresh part's line feeds shift the lines after it.
      ahead += innerLineFeeds(text.slice(Math.max(0, sliceEnd - column)));
      sliceEnd = column + text.length;
      return keepSlices;
    }
    const first = line + ahead;
    const inner = innerLineFeeds(text);
    ahead += inner;
    sliceEnd = text.length;
    let keep = false;
    for (let k = first; k <= first + inner && !keep; k++) keep = lines.has(k);
    keepSlices = keep;
    return keep;
  };
  return {
    startFile: (file) => {
      wide = false;
      ahead = 0;
      sink.startFile(file);
    },
    binaryFile: () => sink.binaryFile(),
    binaryStrings: () => sink.binaryStrings?.() === true,
    decodedText: (encoding) => {
      wide = encoding !== 'utf8';
      sink.decodedText(encoding);
    },
    addedLine(line, column, text, complete) {
      if (added(line, column, text)) sink.addedLine(line, column, text, complete);
    },
    addedBlock(startLine, text, count) {
      let line = startLine;
      let from = 0;
      for (let k = 0; k < count; k++) {
        const nl = text.indexOf('\n', from);
        const end = nl === -1 ? text.length : nl;
        const one = text.slice(from, end);
        if (added(line, 0, one)) sink.addedLine(line, 0, one, true);
        line++;
        from = end + 1;
      }
    },
  };
}
