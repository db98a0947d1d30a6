import { lstatSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { KeygateError } from '../errors.js';
import type { Severity } from '../types.js';
import { loadMicromatch, type Micromatch } from '../allow/globs.js';
import { regexRisk } from './regex-risk.js';
import { RULE_ID_RE, unknownRuleMessage } from './rule-ids.js';
import { lineColumn, JsonSyntaxError, type JsonValue, parseJsonWithPositions } from './json.js';

/**
 * `.keygate.json` at the root of the work tree: the allowlist and a team's own rules. It is
 * committed and reviewed like code, holds fingerprints (hashes), never secrets, and is
 * validated on load: a broken file blocks the commit with file:line:column and the field.
 */
export const CONFIG_FILE = '.keygate.json';

/**
 * Past this, .keygate.json is not a reviewed allowlist any more (8 MB holds ~80,000 entries):
 * a clear error, not minutes of parsing at every commit.
 */
export const MAX_CONFIG_BYTES = 8 * 1024 * 1024;

export interface AllowEntry {
  /** Stable hash of rule + secret (see report/finding.ts); allows that secret wherever it moves. */
  fingerprint?: string;
  /** A rule id: alone, turns the rule off; with path, turns it off under that path. */
  rule?: string;
  /** A micromatch glob, relative to the repository root. */
  path?: string;
  /** A regular expression tested against the matched value. */
  pattern?: string;
  /**
   * Where the allowed finding was when it was allowed, redacted ("src/a.py:3 AKIA…Q7XZ"), so
   * the diff of .keygate.json says what a fingerprint stands for. Informational only.
   */
  seen?: string;
  reason: string;
  /** YYYY-MM-DD, when the entry was added. */
  added: string;
}

export interface CustomRule {
  id: string;
  description: string;
  /** A regular expression; a named group `secret` marks the secret, else the whole match. */
  regex: string;
  /** Lower-case literals, at least one of which occurs wherever the regex can match. */
  keywords: string[];
  /** Minimum Shannon entropy (bits per character) of the secret. */
  entropy?: number;
  severity: Severity;
}

export interface KeygateConfig {
  /** Built-in default allows (see allow/defaults.ts); true unless turned off. */
  defaults: boolean;
  allow: AllowEntry[];
  rules: CustomRule[];
}

export const EMPTY_CONFIG: KeygateConfig = { defaults: true, allow: [], rules: [] };

const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low'];
const FINGERPRINT_RE = /^[0-9a-f]{16}$/;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

export function configPath(root: string): string {
  return join(root, CONFIG_FILE);
}

/** Loads and validates the config; no file means the empty config (defaults on). */
export async function loadConfig(root: string | undefined, builtinRuleIds: readonly string[]): Promise<KeygateConfig> {
  if (root === undefined) return EMPTY_CONFIG;
  const file = configPath(root);
  let text: string;
  try {
    // Not opened unless it is a regular file: a symlink to /dev/zero or a FIFO (git commits
    // symlinks) would be read forever or block, where no timer can stop a synchronous read.
    if (lstatSync(file).isSymbolicLink()) {
      // Committed symlinks point anywhere (/etc/passwd, /dev/zero): the allowlist is the file itself.
      throw configError(`${CONFIG_FILE} is a symbolic link (not a regular file): keygate reads it only as a file of this repository`);
    }
    const st = statSync(file);
    if (!st.isFile())
      throw configError(`${CONFIG_FILE} is not a regular file (a ${st.isDirectory() ? 'directory' : st.isFIFO() ? 'FIFO' : 'device or special file'})`);
    if (st.size > MAX_CONFIG_BYTES) {
      throw configError(`${CONFIG_FILE} is ${(st.size / 1048576).toFixed(1)} MB; keygate reads at most ${MAX_CONFIG_BYTES / 1048576} MB of it`);
    }
    text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    if (error instanceof KeygateError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return EMPTY_CONFIG;
    throw new KeygateError('CONFIG', `cannot read ${CONFIG_FILE}: ${(error as Error).message}`);
  }
  return parseConfig(text, CONFIG_FILE, builtinRuleIds);
}

export async function parseConfig(text: string, name: string, builtinRuleIds: readonly string[]): Promise<KeygateConfig> {
  let parsed;
  try {
    parsed = parseJsonWithPositions(text);
  } catch (error) {
    if (error instanceof JsonSyntaxError) {
      throw configError(`${name}:${error.line}:${error.column}: invalid JSON: ${error.message}`);
    }
    throw error;
  }
  const hasGlobs = [...parsed.positions.keys()].some((k) => /^allow\[\d+\]\.path$/.test(k));
  const v = new Validator(name, text, parsed.positions, builtinRuleIds, hasGlobs ? await loadMicromatch() : undefined);
  return v.config(parsed.value);
}

function configError(message: string): KeygateError {
  return new KeygateError('CONFIG', message, {
    hint: `fix ${CONFIG_FILE}; the commit stays blocked until it is valid`,
  });
}

class Validator {
  constructor(
    private readonly name: string,
    private readonly text: string,
    private readonly positions: Map<string, number>,
    private readonly builtinRuleIds: readonly string[],
    private readonly micromatch: Micromatch | undefined,
  ) {}

  fail(path: string, message: string, shown = path): never {
    const p = lineColumn(this.text, this.positions.get(path) ?? 0);
    throw configError(`${this.name}:${p.line}:${p.column}: ${shown || '(top level)'}: ${message}`);
  }

  object(value: JsonValue, path: string, allowed: readonly string[]): Record<string, JsonValue> {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) this.fail(path, 'must be an object');
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) {
        // A field name is shown only if it looks like one: a pasted value may be a secret.
        const shownKey =
          key.length <= 40 && /^[A-Za-z_$][\w$.-]*$/.test(key) && !(key.length > 12 && /\d/.test(key)) ? key : '(a field name not shown: it may be a secret)';
        const full = path ? `${path}.${key}` : key;
        this.fail(full, `unknown field "${shownKey}" (known: ${allowed.join(', ')})`, path ? `${path}.${shownKey}` : shownKey);
      }
    }
    return value;
  }

  string(value: JsonValue | undefined, path: string, required: boolean): string | undefined {
    if (value === undefined) return required ? this.fail(path, 'is required') : undefined;
    if (typeof value !== 'string' || value.trim() === '') this.fail(path, 'must be a non-empty string');
    return value;
  }

  config(value: JsonValue): KeygateConfig {
    const top = this.object(value, '', ['$schema', 'version', 'defaults', 'allow', 'rules']);
    if (top['version'] !== undefined && top['version'] !== 1) this.fail('version', 'must be 1');
    const defaults = top['defaults'] ?? true;
    if (typeof defaults !== 'boolean') this.fail('defaults', 'must be true or false');
    const rules = this.list(top['rules'], 'rules').map((r, i) => this.rule(r, `rules[${i}]`));
    const ruleIds = [...this.builtinRuleIds, ...rules.map((r) => r.id)];
    const allow = this.list(top['allow'], 'allow').map((a, i) => this.allow(a, `allow[${i}]`, ruleIds));
    return { defaults, allow, rules };
  }

  list(value: JsonValue | undefined, path: string): JsonValue[] {
    if (value === undefined) return [];
    if (!Array.isArray(value)) this.fail(path, 'must be an array');
    return value;
  }

  allow(value: JsonValue, path: string, ruleIds: readonly string[]): AllowEntry {
    const o = this.object(value, path, ['fingerprint', 'rule', 'path', 'pattern', 'seen', 'reason', 'added']);
    const entry: AllowEntry = {
      reason: this.string(o['reason'], `${path}.reason`, true) as string,
      added: this.string(o['added'], `${path}.added`, true) as string,
    };
    if (!DATE_RE.test(entry.added)) this.fail(`${path}.added`, 'must be a date, YYYY-MM-DD');
    const seen = this.string(o['seen'], `${path}.seen`, false);
    if (seen !== undefined) entry.seen = seen;
    const fingerprint = this.string(o['fingerprint'], `${path}.fingerprint`, false);
    if (fingerprint !== undefined) {
      if (!FINGERPRINT_RE.test(fingerprint)) this.fail(`${path}.fingerprint`, 'must be 16 hex digits, as keygate prints it');
      entry.fingerprint = fingerprint;
    }
    const rule = this.string(o['rule'], `${path}.rule`, false);
    if (rule !== undefined) {
      if (!ruleIds.includes(rule)) this.fail(`${path}.rule`, unknownRuleMessage(rule, ruleIds));
      entry.rule = rule;
    }
    const glob = this.string(o['path'], `${path}.path`, false);
    if (glob !== undefined) {
      this.glob(glob, `${path}.path`);
      entry.path = glob;
    }
    const pattern = this.string(o['pattern'], `${path}.pattern`, false);
    if (pattern !== undefined) {
      this.regex(pattern, `${path}.pattern`);
      entry.pattern = pattern;
    }
    if (!fingerprint && !rule && !glob && !pattern) {
      this.fail(path, 'needs at least one of fingerprint, rule, path, pattern');
    }
    return entry;
  }

  glob(glob: string, path: string): void {
    if (glob.startsWith('/') || glob.includes('\\')) this.fail(path, 'must be a glob relative to the repository root, with /');
    try {
      this.micromatch?.makeRe(glob, { dot: true, strictBrackets: true });
    } catch (error) {
      this.fail(path, `invalid glob: ${(error as Error).message}`);
    }
  }

  regex(source: string, path: string): RegExp {
    let re: RegExp;
    try {
      re = new RegExp(source, 'd');
    } catch (error) {
      return this.fail(path, `invalid regular expression: ${(error as Error).message}`);
    }
    const risk = regexRisk(source);
    if (risk !== undefined) {
      this.fail(path, `this regular expression can take exponential time on some input (${risk}); rewrite it so that each part can match in one way only`);
    }
    return re;
  }

  rule(value: JsonValue, path: string): CustomRule {
    const o = this.object(value, path, ['id', 'description', 'regex', 'keywords', 'entropy', 'severity']);
    const id = this.string(o['id'], `${path}.id`, true) as string;
    if (!RULE_ID_RE.test(id)) this.fail(`${path}.id`, 'must be lower-case words joined by -');
    if (this.builtinRuleIds.includes(id)) this.fail(`${path}.id`, `"${id}" is a built-in rule`);
    const regex = this.string(o['regex'], `${path}.regex`, true) as string;
    this.regex(regex, `${path}.regex`);
    const keywords = this.list(o['keywords'], `${path}.keywords`);
    if (keywords.length === 0) this.fail(`${path}.keywords`, 'needs at least one keyword (the prefilter runs the rule only where one occurs)');
    const words = keywords.map((k, i) => (this.string(k, `${path}.keywords[${i}]`, true) as string).toLowerCase());
    const rule: CustomRule = {
      id,
      description: this.string(o['description'], `${path}.description`, false) ?? id,
      regex,
      keywords: words,
      severity: 'high',
    };
    const entropy = o['entropy'];
    if (entropy !== undefined) {
      if (typeof entropy !== 'number' || entropy < 0 || entropy > 8) this.fail(`${path}.entropy`, 'must be a number of bits per character, 0..8');
      rule.entropy = entropy;
    }
    const severity = o['severity'];
    if (severity !== undefined) {
      if (typeof severity !== 'string' || !SEVERITIES.includes(severity as Severity)) {
        this.fail(`${path}.severity`, `must be one of ${SEVERITIES.join(', ')}`);
      }
      rule.severity = severity as Severity;
    }
    return rule;
  }
}
