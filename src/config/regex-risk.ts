/**
 * A static check of a team's own regexes (.keygate.json rules and allow patterns) for the
 * shapes that make a backtracking engine take exponential time on some input: a repeated
 * group whose body can match the same text in more than one way. Two ways that happens:
 *
 *  - a repeat inside a repeat, where one pass of the outer repeat can end at several places:
 *    (a+)+, (\w+\s?)*, (?:x*y?)+ — the inner repeat's characters can also start the next pass
 *    or be eaten by what follows it inside the group;
 *  - an alternation inside a repeat whose branches can start with the same character:
 *    (a|ab)*, (\d|\w)+, (?:foo|f\w+)+.
 *
 * A repeat inside a repeat is safe when something the pass must match separates it from the
 * next pass ([a-z]+\.)+: the dot cannot be a letter, so each pass ends in one place only.
 *
 * It is a conservative approximation (it may refuse a regex that is in fact safe, and it does
 * not see polynomial blow-ups such as \s*\s*$); every user regex also runs under a time bound
 * (src/detectors/bounded-regex.ts). The test suite checks it against recheck, a full ReDoS
 * checker, on a list of known-vulnerable and known-safe patterns.
 */

/** A set of characters, approximately: the ASCII ones exactly, everything else as one bit. */
class CharSet {
  constructor(
    readonly ascii = new Uint8Array(128),
    public other = false,
  ) {}
  static of(...codes: number[]): CharSet {
    const s = new CharSet();
    for (const c of codes) s.add(c);
    return s;
  }
  static all(): CharSet {
    return new CharSet(new Uint8Array(128).fill(1), true);
  }
  add(code: number): void {
    if (code < 128) this.ascii[code] = 1;
    else this.other = true;
  }
  addRange(from: number, to: number): void {
    for (let c = from; c <= Math.min(to, 127); c++) this.ascii[c] = 1;
    if (to >= 128) this.other = true;
  }
  union(o: CharSet): CharSet {
    const s = new CharSet(this.ascii.slice(), this.other || o.other);
    for (let c = 0; c < 128; c++) if (o.ascii[c]) s.ascii[c] = 1;
    return s;
  }
  invert(): CharSet {
    const s = new CharSet(
      this.ascii.map((b) => (b ? 0 : 1)),
      true,
    );
    return s;
  }
  overlaps(o: CharSet): boolean {
    if (this.other && o.other) return true;
    for (let c = 0; c < 128; c++) if (this.ascii[c] && o.ascii[c]) return true;
    return false;
  }
  get empty(): boolean {
    return !this.other && this.ascii.every((b) => b === 0);
  }
}

type Node =
  | { kind: 'chars'; set: CharSet }
  | { kind: 'seq'; items: Node[] }
  | { kind: 'alt'; branches: Node[] }
  | { kind: 'repeat'; min: number; max: number; body: Node }
  | { kind: 'empty' };

const DIGIT = (): CharSet => {
  const s = new CharSet();
  s.addRange(48, 57);
  return s;
};
const WORD = (): CharSet => {
  const s = DIGIT();
  s.addRange(65, 90);
  s.addRange(97, 122);
  s.add(95);
  return s;
};
const SPACE = (): CharSet => {
  const s = CharSet.of(9, 10, 11, 12, 13, 32);
  s.other = true;
  return s;
};

class Parser {
  private i = 0;
  constructor(private readonly src: string) {}

  parse(): Node {
    const n = this.alternation();
    return n;
  }

  private alternation(): Node {
    const branches = [this.sequence()];
    while (this.src[this.i] === '|') {
      this.i++;
      branches.push(this.sequence());
    }
    return branches.length === 1 ? (branches[0] as Node) : { kind: 'alt', branches };
  }

  private sequence(): Node {
    const items: Node[] = [];
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') {
      const atom = this.atom();
      items.push(this.quantified(atom));
    }
    return { kind: 'seq', items };
  }

  private quantified(atom: Node): Node {
    const c = this.src[this.i];
    let min: number;
    let max: number;
    if (c === '*') [min, max] = [0, Infinity];
    else if (c === '+') [min, max] = [1, Infinity];
    else if (c === '?') [min, max] = [0, 1];
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i));
      if (m === null) return atom;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      this.i += m[0].length - 1;
    } else return atom;
    this.i++;
    if (this.src[this.i] === '?') this.i++; // lazy: same ambiguity
    return { kind: 'repeat', min, max, body: atom };
  }

  private atom(): Node {
    const c = this.src[this.i] as string;
    if (c === '(') return this.group();
    if (c === '[') return { kind: 'chars', set: this.charClass() };
    if (c === '.') return (this.i++, { kind: 'chars', set: CharSet.all() });
    if (c === '^' || c === '$') return (this.i++, { kind: 'empty' });
    if (c === '\\') return this.escape();
    this.i++;
    return { kind: 'chars', set: CharSet.of(c.codePointAt(0) as number) };
  }

  private group(): Node {
    this.i++;
    let lookaround = false;
    if (this.src[this.i] === '?') {
      const rest = this.src.slice(this.i);
      const m = /^\?(?::|=|!|<=|<!|<[A-Za-z_$][\w$]*>)/.exec(rest);
      if (m !== null) {
        lookaround = /^\?(?:=|!|<=|<!)/.test(m[0]);
        this.i += m[0].length;
      }
    }
    const body = this.alternation();
    if (this.src[this.i] === ')') this.i++;
    // A lookaround matches no characters of its own.
    return lookaround ? { kind: 'empty' } : body;
  }

  private escape(): Node {
    const e = this.src[this.i + 1] ?? '';
    this.i += 2;
    switch (e) {
      case 'd':
        return { kind: 'chars', set: DIGIT() };
      case 'D':
        return { kind: 'chars', set: DIGIT().invert() };
      case 'w':
        return { kind: 'chars', set: WORD() };
      case 'W':
        return { kind: 'chars', set: WORD().invert() };
      case 's':
        return { kind: 'chars', set: SPACE() };
      case 'S':
        return { kind: 'chars', set: SPACE().invert() };
      case 'b':
      case 'B':
        return { kind: 'empty' };
      case 'n':
        return { kind: 'chars', set: CharSet.of(10) };
      case 't':
        return { kind: 'chars', set: CharSet.of(9) };
      case 'r':
        return { kind: 'chars', set: CharSet.of(13) };
      default:
        if (/[1-9]/.test(e)) {
          // A backreference: whatever its group matched; anything, as far as this check knows.
          while (/\d/.test(this.src[this.i] ?? '')) this.i++;
          return { kind: 'chars', set: CharSet.all() };
        }
        if (e === 'x' || e === 'u' || e === 'p' || e === 'P' || e === 'k' || e === 'c') {
          // \xHH, \uHHHH, \u{...}, \p{...}, \k<name>, \cX: skip their argument; any character.
          const m = /^(?:[0-9A-Fa-f]{2,4}|\{[^}]*\}|<[^>]*>|[A-Za-z])/.exec(this.src.slice(this.i));
          if (m) this.i += m[0].length;
          return { kind: 'chars', set: CharSet.all() };
        }
        return { kind: 'chars', set: CharSet.of(e.codePointAt(0) ?? 0) };
    }
  }

  private charClass(): CharSet {
    this.i++;
    let negate = false;
    if (this.src[this.i] === '^') {
      negate = true;
      this.i++;
    }
    let set = new CharSet();
    let first = true;
    while (this.i < this.src.length && (this.src[this.i] !== ']' || first)) {
      first = false;
      let lo: number;
      if (this.src[this.i] === '\\') {
        const e = this.src[this.i + 1] ?? '';
        this.i += 2;
        const named =
          e === 'd'
            ? DIGIT()
            : e === 'w'
              ? WORD()
              : e === 's'
                ? SPACE()
                : e === 'D'
                  ? DIGIT().invert()
                  : e === 'W'
                    ? WORD().invert()
                    : e === 'S'
                      ? SPACE().invert()
                      : undefined;
        if (named) {
          set = set.union(named);
          continue;
        }
        lo = e === 'n' ? 10 : e === 't' ? 9 : e === 'r' ? 13 : (e.codePointAt(0) ?? 0);
      } else {
        lo = this.src.codePointAt(this.i) as number;
        this.i += lo > 0xffff ? 2 : 1;
      }
      if (this.src[this.i] === '-' && this.src[this.i + 1] !== ']' && this.i + 1 < this.src.length) {
        this.i++;
        let hi: number;
        if (this.src[this.i] === '\\') {
          hi = this.src.codePointAt(this.i + 1) ?? lo;
          this.i += 2;
        } else {
          hi = this.src.codePointAt(this.i) as number;
          this.i += hi > 0xffff ? 2 : 1;
        }
        set.addRange(lo, hi);
      } else set.add(lo);
    }
    this.i++;
    return negate ? set.invert() : set;
  }
}

/** Whether the node can match the empty string. */
function nullable(n: Node): boolean {
  switch (n.kind) {
    case 'empty':
      return true;
    case 'chars':
      return false;
    case 'seq':
      return n.items.every(nullable);
    case 'alt':
      return n.branches.some(nullable);
    case 'repeat':
      return n.min === 0 || nullable(n.body);
  }
}

/** The union of what `f` gives for each node. */
function unionOf(nodes: readonly Node[], f: (n: Node) => CharSet): CharSet {
  return nodes.map(f).reduce((a, b) => a.union(b), new CharSet());
}

/** Characters a match of the node can start with. */
function first(n: Node): CharSet {
  switch (n.kind) {
    case 'empty':
      return new CharSet();
    case 'chars':
      return n.set;
    case 'alt':
      return unionOf(n.branches, first);
    case 'repeat':
      return first(n.body);
    case 'seq': {
      let s = new CharSet();
      for (const item of n.items) {
        s = s.union(first(item));
        if (!nullable(item)) break;
      }
      return s;
    }
  }
}

/** Characters a match of the node can contain anywhere. */
function chars(n: Node): CharSet {
  switch (n.kind) {
    case 'empty':
      return new CharSet();
    case 'chars':
      return n.set;
    case 'alt':
      return unionOf(n.branches, chars);
    case 'seq':
      return unionOf(n.items, chars);
    case 'repeat':
      return chars(n.body);
  }
}

const repeats = (n: { min: number; max: number }): boolean => n.max > 1 && n.max !== n.min;

/**
 * Inside the body of a repeat: a variable repeat whose characters can also be matched by what
 * follows it in the pass, or by the start of the next pass when nothing mandatory separates
 * them. Returns a description of the ambiguity, or undefined.
 */
function ambiguousPass(body: Node): string | undefined {
  const items = body.kind === 'seq' ? body.items : [body];
  const next = first(body);
  for (let k = 0; k < items.length; k++) {
    const item = items[k] as Node;
    const inner = innerRepeat(item);
    if (inner === undefined) continue;
    const innerChars = chars(inner.body);
    // What can come right after this repeat: the rest of the pass, and (if all of the rest can
    // be empty) the next pass.
    let follow = new CharSet();
    let restNullable = true;
    for (const after of items.slice(k + 1)) {
      follow = follow.union(first(after));
      if (!nullable(after)) {
        restNullable = false;
        break;
      }
    }
    if (restNullable) follow = follow.union(next);
    if (innerChars.overlaps(follow)) return 'a repeat inside a repeat, with nothing between passes to tell them apart';
  }
  return undefined;
}

/** The variable repeat an item is or ends with, if any. */
function innerRepeat(n: Node): Extract<Node, { kind: 'repeat' }> | undefined {
  if (n.kind === 'repeat' && (repeats(n) || n.min === 0)) return n;
  if (n.kind === 'seq') {
    for (let k = n.items.length - 1; k >= 0; k--) {
      const r = innerRepeat(n.items[k] as Node);
      if (r !== undefined) return r;
      if (!nullable(n.items[k] as Node)) return undefined;
    }
  }
  if (n.kind === 'alt') {
    for (const b of n.branches) {
      const r = innerRepeat(b);
      if (r !== undefined) return r;
    }
  }
  return undefined;
}

function overlappingBranches(n: Node): boolean {
  if (n.kind === 'alt') {
    const firsts = n.branches.map(first);
    for (let a = 0; a < firsts.length; a++) {
      for (let b = a + 1; b < firsts.length; b++) if ((firsts[a] as CharSet).overlaps(firsts[b] as CharSet)) return true;
    }
  }
  if (n.kind === 'seq') return n.items.length > 0 && overlappingBranches(n.items[0] as Node);
  return false;
}

function walk(n: Node): string | undefined {
  switch (n.kind) {
    case 'empty':
    case 'chars':
      return undefined;
    case 'seq':
      for (const item of n.items) {
        const r = walk(item);
        if (r) return r;
      }
      return undefined;
    case 'alt':
      for (const b of n.branches) {
        const r = walk(b);
        if (r) return r;
      }
      return undefined;
    case 'repeat': {
      if (n.max > 1) {
        if (nullable(n.body)) return 'a repeat of something that can match nothing';
        if (overlappingBranches(n.body)) return 'a repeat of alternatives that can start with the same character';
        const pass = ambiguousPass(n.body);
        if (pass) return pass;
      }
      return walk(n.body);
    }
  }
}

/**
 * Why the regex can take exponential time, or undefined if this check sees no such shape.
 * `source` must already be a valid JavaScript regex.
 */
export function regexRisk(source: string): string | undefined {
  return walk(new Parser(source).parse());
}
