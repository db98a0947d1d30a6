/**
 * A small JSON parser that remembers where each value starts, so that a broken config can be
 * reported as "file:line:column: field ...". Strict JSON (no comments, no trailing commas).
 */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export interface Located {
  /**
   * JSON pointer-ish path ("allow[2].path") -> offset where its value starts. Offsets, not
   * lines: turning every offset into a line costs a scan from the top each, quadratic in the
   * file (20,000 entries took 25 s); `lineColumn` does it for the one value an error names.
   */
  positions: Map<string, number>;
  value: JsonValue;
}

/** 1-based line and column of an offset. */
export function lineColumn(text: string, at: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let k = text.indexOf('\n'); k !== -1 && k < at; k = text.indexOf('\n', k + 1)) {
    line++;
    lineStart = k + 1;
  }
  return { line, column: at - lineStart + 1 };
}

/** How deep objects and arrays may nest. */
const MAX_DEPTH = 64;

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

export function parseJsonWithPositions(text: string): Located {
  let i = 0;
  const positions = new Map<string, number>();
  let depth = 0;

  function fail(message: string): never {
    const { line, column } = lineColumn(text, i);
    throw new JsonSyntaxError(message, line, column);
  }
  function ws(): void {
    while (i < text.length && ' \t\r\n'.includes(text[i] as string)) i++;
  }
  function value(path: string): JsonValue {
    ws();
    // An object property is located at its key (set by object()); other values where they start.
    if (!positions.has(path)) positions.set(path, i);
    const c = text[i];
    if (c === '{' || c === '[') {
      // A config is a few levels deep; 100,000 nested brackets would overflow the stack.
      if (depth >= MAX_DEPTH) fail(`values nested more than ${MAX_DEPTH} deep`);
      depth++;
      const nested = c === '{' ? object(path) : array(path);
      depth--;
      return nested;
    }
    if (c === '"') return string();
    if (c === 't' && text.startsWith('true', i)) return ((i += 4), true);
    if (c === 'f' && text.startsWith('false', i)) return ((i += 5), false);
    if (c === 'n' && text.startsWith('null', i)) return ((i += 4), null);
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 64));
    if (m) return ((i += m[0].length), Number(m[0]));
    return fail(i >= text.length ? 'unexpected end of file' : `unexpected character ${JSON.stringify(c)}`);
  }
  function string(): string {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') i++;
      else if ((text.charCodeAt(i) as number) < 0x20) fail('control character in string');
      i++;
    }
    if (i >= text.length) fail('unterminated string');
    i++;
    try {
      return JSON.parse(text.slice(start, i)) as string;
    } catch {
      i = start;
      return fail('invalid string escape');
    }
  }
  function object(path: string): JsonValue {
    i++;
    // No prototype: a "__proto__" key is a key like any other (and so an unknown field), not a
    // way to hide entries from the validator behind the object's prototype.
    const out = Object.create(null) as { [key: string]: JsonValue };
    ws();
    if (text[i] === '}') return (i++, out);
    for (;;) {
      ws();
      if (text[i] !== '"') fail('expected a quoted property name');
      const keyAt = i;
      const key = string();
      positions.set(path ? `${path}.${key}` : key, keyAt);
      if (Object.prototype.hasOwnProperty.call(out, key)) fail(`duplicate property "${key}"`);
      ws();
      if (text[i] !== ':') fail('expected ":"');
      i++;
      out[key] = value(path ? `${path}.${key}` : key);
      ws();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '}') return (i++, out);
      fail('expected "," or "}"');
    }
  }
  function array(path: string): JsonValue {
    i++;
    const out: JsonValue[] = [];
    ws();
    if (text[i] === ']') return (i++, out);
    for (;;) {
      out.push(value(`${path}[${out.length}]`));
      ws();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === ']') return (i++, out);
      fail('expected "," or "]"');
    }
  }

  const v = value('');
  ws();
  if (i < text.length) fail('unexpected text after the end');
  return { value: v, positions };
}
