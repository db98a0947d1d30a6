import type { LineSink } from '../git/diff-parser.js';

/** A sink that passes on only the given lines of a whole file (the added ones of a re-read). */
export function onlyLines(sink: LineSink, lines: ReadonlySet<number>): LineSink {
  return {
    startFile: (file) => sink.startFile(file),
    binaryFile: () => sink.binaryFile(),
    decodedText: () => sink.decodedText(),
    addedLine(line, column, text, complete) {
      if (lines.has(line)) sink.addedLine(line, column, text, complete);
    },
    addedBlock(startLine, text, count) {
      let line = startLine;
      let from = 0;
      for (let k = 0; k < count; k++) {
        const nl = text.indexOf('\n', from);
        const end = nl === -1 ? text.length : nl;
        if (lines.has(line)) sink.addedLine(line, 0, text.slice(from, end), true);
        line++;
        from = end + 1;
      }
    },
  };
}
