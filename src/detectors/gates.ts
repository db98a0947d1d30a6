import type { Detector } from '../types.js';

/**
 * Gates (Detector.gate) as data: the prefilter asks a rule's gate at every occurrence of its
 * keywords, and a lazily built rule (src/detectors/lazy.ts) whose gate is one of these is
 * asked through its manifest entry, without building its group. Before, "pat" (Airtable) in
 * every "path" built the monitoring group at nearly every commit.
 *
 * Each kind is written into the manifest as it was made (`{ assignmentWithin: 40 }`); a gate
 * made any other way is written `true` and called through the built rule.
 */
export type GateSpec = { assignmentWithin: number } | { followedBy: string } | { startsWord: number };

export type Gate = NonNullable<Detector['gate']>;

const specs = new WeakMap<Gate, GateSpec>();

function described(spec: GateSpec, gate: Gate): Gate {
  specs.set(gate, spec);
  return gate;
}

/** How the gate was made, if by one of the makers here. */
export function gateSpec(gate: Gate): GateSpec | undefined {
  return specs.get(gate);
}

/** A gate, made again from what its spec says (each with state of its own, as the original). */
export function gateFrom(spec: GateSpec): Gate {
  if ('assignmentWithin' in spec) return assignmentWithin(spec.assignmentWithin);
  if ('followedBy' in spec) return followedBy(new RegExp(spec.followedBy, 'y'));
  return startsWord(spec.startsWord);
}

/** Whether two specs say the same. */
export function sameGate(a: GateSpec, b: GateSpec): boolean {
  if ('assignmentWithin' in a) return 'assignmentWithin' in b && a.assignmentWithin === b.assignmentWithin;
  if ('followedBy' in a) return 'followedBy' in b && a.followedBy === b.followedBy;
  return 'startsWord' in b && a.startsWord === b.startsWord;
}

/**
 * A gate for rules of the form `keyword, up to n characters, = or :`: an = or : within n
 * characters after the keyword, before the line ends.
 *
 * Called at every keyword occurrence, in order, and keyword-dense text has hundreds per
 * fragment: so it remembers where the next = or : and the next line end are, and looks
 * again (with indexOf, native) only once the search has passed them.
 */
export function assignmentWithin(n: number): Gate {
  let seen: string | undefined;
  let at = 0;
  let assign = -1;
  let lineEnd = -1;
  const nextAssign = (text: string, from: number): number => {
    const eq = text.indexOf('=', from);
    const colon = text.indexOf(':', from);
    return eq === -1 ? colon : colon === -1 ? eq : Math.min(eq, colon);
  };
  return described({ assignmentWithin: n }, (text, end) => {
    if (text !== seen || end < at) {
      seen = text;
      assign = nextAssign(text, end);
      lineEnd = text.indexOf('\n', end);
    } else {
      if (assign !== -1 && assign < end) assign = nextAssign(text, end);
      if (lineEnd !== -1 && lineEnd < end) lineEnd = text.indexOf('\n', end);
    }
    at = end;
    return assign !== -1 && assign - end <= n && (lineEnd === -1 || assign < lineEnd);
  });
}

/**
 * A gate for keywords that must be followed by a shape: `shape` (sticky, no other flag, tried
 * right after the keyword) is the start of what every match has there, e.g. 16 hex digits
 * after `st.`.
 */
export function followedBy(shape: RegExp): Gate {
  if (shape.flags !== 'y') throw new Error(`followedBy needs a sticky regex with no other flag: /${shape.source}/${shape.flags}`);
  return described({ followedBy: shape.source }, (text, end) => {
    shape.lastIndex = end;
    return shape.test(text);
  });
}

/**
 * A gate for a name used as a keyword: it starts a word, or a camelCase part (`myAblyKey`),
 * so that "ably" is not found in "probably". `length` is the keyword's.
 */
export function startsWord(length: number): Gate {
  return described({ startsWord: length }, (text, end) => {
    const before = text.charCodeAt(end - length - 1);
    const lowerBefore = before >= 97 && before <= 122;
    if (!lowerBefore && !(before >= 65 && before <= 90)) return true;
    const first = text.charCodeAt(end - length);
    return lowerBefore && first >= 65 && first <= 90;
  });
}
