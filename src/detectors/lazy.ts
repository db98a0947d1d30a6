import { KeygateError } from '../errors.js';
import type { Candidate, Confidence, Detector, Fragment } from '../types.js';
import { gateFrom, type GateSpec, gateSpec, sameGate } from './gates.js';

/**
 * What the prefilter reads of a rule before it runs: written out at build
 * time (src/detectors/manifest.ts, by scripts/rule-manifest.mjs) so that a commit builds a
 * group of provider rules only once one of its keywords occurs. Building them all took a few
 * ms at every commit and doubled the code cache V8 reads at start-up.
 */
export interface ManifestEntry {
  id: string;
  keywords: readonly string[];
  keywordsCaseSensitive?: true;
  /**
   * The rule has a gate (Detector.gate): made from its spec here (src/detectors/gates.ts), or,
   * for a gate made otherwise (true), called through the built rule.
   */
  gate?: true | GateSpec;
  fallback?: true;
  broad?: true;
  context?: true;
}

/** What a manifest entry says of a detector, from the detector (the build writes these). */
export function manifestEntry(d: Detector): ManifestEntry {
  // Heads are recorded by the prefilter for the detectors that carry them: a stand-in does not.
  if (d.heads !== undefined) throw new Error(`rule ${d.id} has heads: it cannot be in a lazily built group`);
  return {
    id: d.id,
    keywords: d.keywords,
    ...(d.keywordsCaseSensitive ? { keywordsCaseSensitive: true as const } : {}),
    ...(d.gate !== undefined ? { gate: gateSpec(d.gate) ?? (true as const) } : {}),
    ...(d.fallback ? { fallback: true as const } : {}),
    ...(d.broad ? { broad: true as const } : {}),
    ...(d.context ? { context: true as const } : {}),
  };
}

/**
 * Whether the manifest entry says what manifestEntry(d) would, compared field by field: a
 * group is checked at every commit that builds it, where serialising each rule and its entry
 * took ~1.4 ms of a group's ~2 ms.
 */
function describedBy(d: Detector, e: ManifestEntry): boolean {
  if (d.heads !== undefined || d.id !== e.id || d.keywords.length !== e.keywords.length) return false;
  for (let i = 0; i < d.keywords.length; i++) if (d.keywords[i] !== e.keywords[i]) return false;
  return (
    (d.keywordsCaseSensitive === true) === (e.keywordsCaseSensitive === true) &&
    sameGateEntry(d.gate, e.gate) &&
    (d.fallback === true) === (e.fallback === true) &&
    (d.broad === true) === (e.broad === true) &&
    (d.context === true) === (e.context === true)
  );
}

function sameGateEntry(gate: Detector['gate'], entry: ManifestEntry['gate']): boolean {
  if (gate === undefined || entry === undefined) return gate === entry;
  const spec = gateSpec(gate);
  return spec === undefined ? entry === true : entry !== true && sameGate(spec, entry);
}

/** A group's rules, built on first need and checked against the group's manifest. */
class LazyGroup {
  private built: readonly Detector[] | undefined;

  constructor(
    private readonly name: string,
    readonly entries: readonly ManifestEntry[],
    private readonly build: () => readonly Detector[],
  ) {}

  rule(i: number): Detector {
    if (this.built === undefined) {
      const rules = this.build();
      const stale = rules.length !== this.entries.length || rules.some((r, k) => !describedBy(r, this.entries[k] as ManifestEntry));
      if (stale) throw new KeygateError('INTERNAL', `the rule manifest is stale for the ${this.name} rules (src/detectors/manifest.ts): run npm run build`);
      this.built = rules;
    }
    return this.built[i] as Detector;
  }
}

/**
 * A stand-in for one rule of a lazily built group: what the prefilter reads (keywords, whether
 * there is a gate) is the manifest's; what needs the rule itself (its gate, detect, examples,
 * patterns) builds the group. A class, not an object of closures: 400 of them are made at
 * every start.
 */
class LazyRule implements Detector {
  readonly id: string;
  readonly keywords: string[];
  readonly keywordsCaseSensitive?: boolean;
  readonly gate?: (text: string, keywordEnd: number) => boolean;
  readonly fallback?: boolean;
  readonly broad?: boolean;
  readonly context?: boolean;

  constructor(
    private readonly group: LazyGroup,
    private readonly index: number,
  ) {
    const entry = group.entries[index] as ManifestEntry;
    this.id = entry.id;
    this.keywords = entry.keywords as string[];
    if (entry.keywordsCaseSensitive) this.keywordsCaseSensitive = true;
    if (entry.gate === true) this.gate = (text, keywordEnd) => (this.real().gate as NonNullable<Detector['gate']>)(text, keywordEnd);
    else if (entry.gate !== undefined) this.gate = gateFrom(entry.gate);
    if (entry.fallback) this.fallback = true;
    if (entry.broad) this.broad = true;
    if (entry.context) this.context = true;
  }

  real(): Detector {
    return this.group.rule(this.index);
  }

  detect(fragment: Fragment): Candidate[] {
    return this.real().detect(fragment);
  }

  patterns(): readonly RegExp[] {
    return this.real().patterns?.() ?? [];
  }

  // What only a report or `keygate rules` reads: from the rule itself.
  get description(): string {
    return this.real().description;
  }

  get confidence(): Confidence | undefined {
    return this.real().confidence;
  }

  get knownForm(): boolean | undefined {
    return this.real().knownForm;
  }

  get examples(): Detector['examples'] {
    return this.real().examples;
  }

  get validates(): boolean | undefined {
    return this.real().validates;
  }
}

/** The rule a lazy stand-in stands for, built if it was not (any other detector: itself). */
export function realDetector(d: Detector): Detector {
  return d instanceof LazyRule ? d.real() : d;
}

/**
 * Stand-ins for a group of rules, one per manifest entry, in order; the first call that needs
 * a rule itself builds the whole group, once. A group that does not match its manifest (a rule
 * changed without a rebuild) is an error, never a rule with keywords the prefilter does not
 * know: that would be a secret never looked for.
 */
export function lazyGroup(name: string, entries: readonly ManifestEntry[], build: () => readonly Detector[]): readonly Detector[] {
  const group = new LazyGroup(name, entries, build);
  return entries.map((_, i) => new LazyRule(group, i));
}
