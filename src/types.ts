/**
 * The seams of the pipeline. Each stage consumes one of these and produces the next:
 *
 *   source (git/, scan/files.ts)   SourceFile + added lines (LineSink)
 *   fragments (scan/fragments.ts)  Fragment
 *   detect (scan/detect.ts)        Candidate -> Detected: placed (line, column), with its secret
 *   findings (scan/scanner.ts)     Finding, fingerprinted (report/finding.ts)
 *   allow (allow/)                 kept Finding[] + Suppressed[] (with the reason)
 *   pairs (scan/pairs.ts)          Finding[] with credential pairs linked
 *   report (report/)               text | json | sarif
 *
 * composed in src/index.ts, one function per source (scanStaged, scanHistory, ...). The secret
 * goes no further than the allow stage: after it, only its redaction and fingerprint remain.
 */

/**
 * One file a source reads: as git's raw diff names it (the staged change, a commit), or a
 * work-tree or named file read whole (status A, mode 100644, no object id).
 */
export interface SourceFile {
  /** Path in the new tree, relative to the repository root, always with `/`. */
  path: string;
  /** For renames and copies: the path it came from. */
  oldPath?: string;
  /** git's status letter: A, M, R, C, T, D, U, X. */
  status: string;
  /** Mode in the index, e.g. 100644, 120000 (symlink), 160000 (submodule). */
  mode: string;
  /** Object id of the staged content (the blob, or the commit of a submodule). */
  oid: string;
}

/** A run of added lines from one file. Detectors never know where text came from. */
export interface Fragment {
  path: string;
  /** 1-based line number (in the new file) of the first line of `text`. */
  startLine: number;
  /** 0-based column offset of the first line: non-zero only for a slice of a huge line. */
  startColumn: number;
  text: string;
  /** The commit that added it, when scanning commits (pre-push) rather than the index. */
  commit?: string;
  /**
   * Lines of `text` (by number, ascending) that a diff showed as unchanged context: read for
   * what is around an added line, never reported (Detection keeps what touches an added line).
   */
  context?: readonly number[];
  /**
   * The text strings of a binary file (printable ASCII, other bytes spaces): read by the rules
   * of a known, specific form only (a key ID, a prefixed token, a private key), not the
   * catch-alls, which would take a binary's strings for assignments.
   */
  binary?: boolean;
}

export type Severity = 'critical' | 'high' | 'medium' | 'low';
export type Confidence = 'high' | 'medium' | 'low';

/**
 * What can be known offline about a match. The known facts are named here, each shown by
 * report/facts.ts in words; a fact a rule records beyond them is shown as `name: value`, so
 * every renderer shows every fact. JSON carries them as they are.
 */
export interface Facts {
  /** What it is, in words: "AWS secret access key (the private half of an access key)". */
  keyKind?: string;
  /** Which of a provider's tokens: "GitHub fine-grained personal access token". */
  tokenKind?: string;
  /** Set when the rule's checksum or structure check passed. */
  validated?: string;
  /** How the text was encoded where it was found (a JSON string's escapes, base64). */
  encoding?: string;
  /** The AWS account an access key ID belongs to, decoded from the ID. */
  awsAccountId?: string;
  /** Why no account is given, where an ID does not encode one. */
  awsAccount?: string;
  /** That it is one half of a credential pair found together (both reports say so on a line of its own). */
  credentialPair?: string;
  [other: string]: string | undefined;
}

export interface Candidate {
  ruleId: string;
  fragment: Fragment;
  /** Offsets into fragment.text; text.slice(start, end) === secret. */
  start: number;
  end: number;
  secret: string;
  /**
   * What identifies the secret when it is more than the matched span — a PEM key's body, whose
   * BEGIN line is what is reported. Fingerprints are made from it (else from `secret`).
   */
  identity?: string;
  /**
   * Where the secret's text ends when the reported span is only its marker (a PEM key's BEGIN
   * line, whose body follows): the lines up to here are the secret's, for telling whether it
   * was added or is unchanged context. Defaults to `end`.
   */
  reach?: number;
  severity: Severity;
  confidence: Confidence;
  entropy?: number;
  facts?: Facts;
}

export interface Location {
  rule: string;
  file: string;
  line: number;
  column: number;
}

/** A reportable match. Never holds the secret itself. */
export interface Finding {
  ruleId: string;
  description: string;
  path: string;
  line: number;
  /** 1-based, in characters (code points) of the line. */
  column: number;
  redacted: string;
  fingerprint: string;
  severity: Severity;
  confidence: Confidence;
  entropy?: number;
  facts: Facts;
  /** Findings that form a credential pair with this one (key ID + secret key). */
  pairedWith: Location[];
  /** The commit that added it, when scanning commits (pre-push, history). */
  commit?: string;
  /** When scanning history: the commit's author and author date (ISO 8601). */
  author?: string;
  date?: string;
  /** When scanning history: whether the secret is still in the tracked files (else only in history). */
  inHead?: boolean;
  /** What the user should know about it beyond the facts (an inline allow that did not apply). */
  notes?: string[];
}

export interface ScanStats {
  files: number;
  addedLines: number;
  bytes: number;
  binarySkipped: number;
  binaryFiles: string[];
  submodulesSkipped: number;
  /** When commits were scanned (pre-push): how many. */
  commits?: number;
  /** Threads that read and scanned, when a large scan used more than one (src/scan/shards.ts). */
  threads?: number;
}

export interface Suppressed {
  finding: Finding;
  reason: string;
}

/** What a scan read: the staged changes (a commit), files named to it, or commits (a push). */
export type ScanSource = 'staged' | 'files' | 'commits' | 'history';

export interface Report {
  findings: Finding[];
  suppressed: Suppressed[];
  stats: ScanStats;
  /** What was scanned, for the words of the report; unset means the staged changes. */
  source?: ScanSource;
}

export interface Detector {
  id: string;
  description: string;
  /** Lower-case literals; the detector runs on a fragment only if one of them occurs in it. */
  keywords: string[];
  detect(fragment: Fragment): Candidate[];
  /** The regular expressions it runs, for the ReDoS check in the test suite. */
  patterns?: () => readonly RegExp[];
  /** Keywords are matched case-sensitively (for short keywords such as "SG." or "eyJ"). */
  keywordsCaseSensitive?: boolean;
  /**
   * A cheap necessary condition at a keyword occurrence (`keywordEnd` is the index after it):
   * on big fragments the detector runs only if the gate holds at one. Never a judgement: it
   * must hold wherever the detector could match, so it only saves time.
   */
  gate?: (text: string, keywordEnd: number) => boolean;
  /** A catch-all: its matches are dropped where a specific rule matched the same text. */
  fallback?: boolean;
  /**
   * Its keywords name the context, not the match (a Twilio key is `SK` and hex, found only
   * where Twilio is named): detect() itself holds to them, as the prefilter does.
   */
  context?: boolean;
  /**
   * Its matches start where one of these literals occurs (lower-case, one regex: /a|b/g): the
   * prefilter records where they do in its keyword search, and the detector tries its regex
   * only there (detectors/regex.ts, headStarts).
   */
  heads?: RegExp;
  /**
   * It finds a shape many providers' credentials share (a secret key under an S3-style name, a
   * password in a URL or connection string, a bearer token, a JWT): where a rule that knows the
   * provider finds the same secret, that rule reports it instead.
   */
  broad?: boolean;
  /** Its own examples, checked by one test that loops over every detector. */
  examples: { positives: string[]; negatives: string[] };
  /** The confidence of a typical finding (listed by keygate rules; findings carry their own). */
  confidence?: Confidence;
  /**
   * Its format identifies it with no name beside it (a prefix or structure seen nowhere else),
   * though only part of that format is published (the prefix, not the length), so it is not at
   * high confidence: like the rules at high confidence, it also reads a binary's strings, file
   * names and the messages keygate prints (to redact them).
   */
  knownForm?: boolean;
  /**
   * Whether it checks a checksum or the structure of what it finds (listed by keygate rules).
   * Unset for declarative rules: keygate rules sees it on their own examples (a validated match
   * says so in its facts).
   */
  validates?: boolean;
}
