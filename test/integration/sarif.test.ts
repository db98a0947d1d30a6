import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { CLI, gitEnv, type JsonReport, type Repo, ROOT, withRepo } from '../helpers/repo.js';
import { assertNoSecret, fakeKeyId, fakeSecret, pick } from '../helpers/secrets.js';

/**
 * SARIF 2.1.0's JSON schema, from oasis-tcs/sarif-spec (at e058381), in its two editions:
 * - sarif-schema-2.1.0.json: sarif-2.1/prose/sarif-schema-2.1.0.json, draft-07, the one
 *   SARIF tools and GitHub's docs link to (its $id: .../Schemata/sarif-schema-2.1.0.json);
 * - sarif-schema-2.1.0-errata01.json: sarif-2.1/schema/sarif-schema-2.1.0.json, the OASIS
 *   standard as published (errata01), draft-04: stricter (a region needs a start, a language
 *   tag's pattern fixed) and where the two disagree it is the standard (suppression.status,
 *   called state in the draft-07 edition; keygate writes neither).
 * Both are compiled with ajv's default (draft-07) export. The draft-04 one uses no keyword
 * whose meaning changed between the drafts (checked below), only its `id` and `$schema`.
 */
const fixture = (name: string): Record<string, unknown> => JSON.parse(readFileSync(join(ROOT, 'test/fixtures/sarif', name), 'utf8')) as Record<string, unknown>;
// The patterns are ECMAScript regexes without the u flag (the draft-07 edition's language-tag
// pattern is not valid with it); strict off: the schemas use keywords ajv's strict mode questions.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats.default(ajv);
const draft07 = fixture('sarif-schema-2.1.0.json');
const { $schema: draft04, id, ...errata } = fixture('sarif-schema-2.1.0-errata01.json');
const validators = [
  { name: 'draft-07 edition', validate: ajv.compile(draft07) },
  { name: 'OASIS errata01', validate: ajv.compile({ ...errata, $id: id as string }) },
];

it('ships both editions of the schema, as published', () => {
  expect(draft07['$schema']).toBe('http://json-schema.org/draft-07/schema#');
  expect(draft04).toBe('http://json-schema.org/draft-04/schema#');
  expect(id).toBe('https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json');
  // Keywords whose meaning differs between draft-04 and draft-07: none in the standard's schema.
  expect(JSON.stringify(errata)).not.toMatch(/"(exclusiveMinimum|exclusiveMaximum)"/);
});

function expectValidSarif(text: string): Sarif {
  const log = JSON.parse(text) as Sarif;
  for (const { name, validate } of validators) {
    const ok = validate(log);
    expect(ok ? [] : ajv.errorsText(validate.errors, { separator: '\n' }).split('\n'), name).toEqual([]);
  }
  return log;
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: { startLine: number; startColumn: number } } }[];
  relatedLocations?: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
  partialFingerprints: Record<string, string>;
  suppressions?: { kind: string; justification: string }[];
  properties: { confidence: string; severity: string; facts: Record<string, string>; commit?: string; author?: string; date?: string };
}

interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string };
  defaultConfiguration: { level: string };
  properties: { 'security-severity': string; tags: string[] };
}

interface Sarif {
  version: string;
  runs: { tool: { driver: { name: string; version: string; informationUri: string; rules: SarifRule[] } }; results: SarifResult[] }[];
}

const B62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A repository with a key pair, a generic password, and an inline-allowed key; every secret in it. */
function plant(repo: Repo): string[] {
  const id = fakeKeyId();
  const secret = fakeSecret();
  const allowedId = fakeKeyId();
  const password = `${pick(B62, 10)}-${pick(B62, 10)}`;
  repo.write('config/credentials', `[default]\naws_access_key_id = ${id}\naws_secret_access_key = ${secret}\n`);
  repo.write('src/db settings.py', `import os\n\nDB_PASSWORD = "${password}"\n`);
  repo.write('test/fixture.ini', `key = ${allowedId}  # keygate:allow aws-access-key-id -- parser fixture\n`);
  repo.git('add', '.');
  return [id, secret, allowedId, password];
}

const SEVERITY_SCORE: Record<string, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0' };
const LEVEL: Record<string, string> = { critical: 'error', high: 'error', medium: 'warning', low: 'note' };

function json(repo: Repo, args: string[]): JsonReport {
  const r = repo.keygate([args[0] as string, '--format', 'json', ...args.slice(1)]);
  expect(r.status, r.stderr).toBe(1);
  return JSON.parse(r.stdout) as JsonReport;
}

describe('keygate scan --format sarif (real repositories, built CLI)', () => {
  it('is valid SARIF 2.1.0 with rule metadata, locations, fingerprints and suppressions, and no secret', () =>
    withRepo((repo) => {
      const secrets = plant(repo);
      const r = repo.keygate(['scan', '--staged', '--format', 'sarif']);
      expect(r.status, r.stderr).toBe(1);
      const log = expectValidSarif(r.stdout);
      assertNoSecret([r.stdout, r.stderr], secrets);
      const report = json(repo, ['scan', '--staged']);
      expect(report.findings.length).toBeGreaterThanOrEqual(3);
      expect(report.suppressed.length).toBe(1);

      expect(log.version).toBe('2.1.0');
      const run = log.runs[0]!;
      const { driver } = run.tool;
      expect(driver.name).toBe('keygate');
      expect(driver.version).toMatch(/^\d+\.\d+\.\d+/);
      expect(driver.informationUri).toMatch(/^https:\/\//);
      // One rule per rule id with results, each result pointing at its own.
      const ruleIds = [...new Set([...report.findings, ...report.suppressed].map((f) => f.rule))].sort();
      expect(driver.rules.map((x) => x.id)).toEqual(ruleIds);
      for (const rule of driver.rules) {
        expect(rule.name).toMatch(/^[A-Z][A-Za-z0-9]*$/);
        expect(rule.shortDescription.text.length).toBeGreaterThan(0);
        expect(rule.fullDescription.text).toContain(rule.id);
        expect(rule.help.text).toMatch(/rotate/i);
        expect(rule.help.text).toMatch(/remove/i);
        expect(rule.properties.tags).toContain('security');
        expect(Object.values(SEVERITY_SCORE)).toContain(rule.properties['security-severity']);
      }
      expect(run.results.length).toBe(report.findings.length + report.suppressed.length);

      const reported = [
        ...report.findings.map((f) => ({ f, reason: undefined as string | undefined })),
        ...report.suppressed.map((f) => ({ f, reason: f.reason })),
      ];
      reported.forEach(({ f, reason }, i) => {
        const res = run.results[i]!;
        expect(res.ruleId).toBe(f.rule);
        expect(driver.rules[res.ruleIndex]?.id).toBe(f.rule);
        expect(res.level).toBe(LEVEL[f.severity]);
        const loc = res.locations[0]!.physicalLocation;
        expect(decodeURIComponent(loc.artifactLocation.uri)).toBe(f.file);
        expect(loc.artifactLocation.uriBaseId).toBe('%SRCROOT%');
        expect(loc.region).toEqual({ startLine: f.line, startColumn: f.column });
        expect(res.partialFingerprints).toEqual({ 'keygate/v1': f.fingerprint });
        expect(res.message.text).toContain(f.match);
        expect(res.properties.confidence).toBe(f.confidence);
        expect(res.properties.facts).toEqual(f.facts);
        if (reason === undefined) expect(res.suppressions).toBeUndefined();
        else expect(res.suppressions).toEqual([{ kind: 'inSource', justification: reason }]);
      });
      // A rule's level and score are its most severe result's: the key pair is critical.
      const keyRule = driver.rules.find((x) => x.id === 'aws-access-key-id')!;
      expect(keyRule.properties['security-severity']).toBe('9.5');
      expect(keyRule.defaultConfiguration.level).toBe('error');
      // The file name with a space is a URI reference, percent-encoded.
      expect(run.results.some((x) => x.locations[0]!.physicalLocation.artifactLocation.uri === 'src/db%20settings.py')).toBe(true);
      // The pair is linked both ways.
      const pair = run.results.find((x) => x.ruleId === 'aws-access-key-id' && x.suppressions === undefined)!;
      expect(pair.relatedLocations?.[0]?.physicalLocation.region.startLine).toBe(3);
    }));

  it('says the same about a clean change: a valid log with no results', () =>
    withRepo((repo) => {
      repo.write('a.txt', 'hello\n');
      repo.git('add', '.');
      const r = repo.keygate(['scan', '--staged', '--format', 'sarif']);
      expect(r.status, r.stderr).toBe(0);
      const log = expectValidSarif(r.stdout);
      expect(log.runs[0]!.results).toEqual([]);
      expect(log.runs[0]!.tool.driver.rules).toEqual([]);
    }));

  it('works for files named to it, and for pre-push (with the commit of each finding)', () =>
    withRepo((repo) => {
      const secrets = plant(repo);
      const files = repo.keygate(['scan', '--format', 'sarif', '--', 'config/credentials']);
      expect(files.status, files.stderr).toBe(1);
      const fromFiles = expectValidSarif(files.stdout);
      expect(fromFiles.runs[0]!.results.map((x) => x.ruleId)).toEqual(['aws-access-key-id', 'aws-secret-access-key']);

      repo.git('commit', '-q', '--no-verify', '-m', 'leak');
      const head = repo.git('rev-parse', 'HEAD').trim();
      const push = spawnSync(process.execPath, [CLI, 'pre-push', 'origin', 'file:///nowhere', '--format', 'sarif'], {
        cwd: repo.dir,
        env: gitEnv(),
        encoding: 'utf8',
        input: `refs/heads/main ${head} refs/heads/main ${'0'.repeat(40)}\n`,
      });
      expect(push.status, push.stderr).toBe(1);
      const log = expectValidSarif(push.stdout);
      const results = log.runs[0]!.results.filter((x) => x.suppressions === undefined);
      expect(results.length).toBeGreaterThanOrEqual(3);
      expect(results.every((x) => x.properties.commit === head)).toBe(true);
      assertNoSecret([files.stdout, push.stdout, push.stderr], secrets);
    }));
});

describe('keygate scan --history / --range / the work tree, --format sarif', () => {
  it('each a valid log; history results carry their commit, author and date', () =>
    withRepo((repo) => {
      repo.write('README.md', 'hello\n');
      repo.git('add', '.');
      repo.git('commit', '-q', '-m', 'first');
      const first = repo.git('rev-parse', 'HEAD').trim();
      const secrets = plant(repo);
      repo.git('commit', '-q', '-m', 'leak');
      const head = repo.git('rev-parse', 'HEAD').trim();
      for (const args of [['--history'], ['--range', `${first}..HEAD`], []]) {
        const r = repo.keygate(['scan', '--format', 'sarif', ...args]);
        expect(r.status, `${args.join(' ')}: ${r.stderr}`).toBe(1);
        const log = expectValidSarif(r.stdout);
        const results = log.runs[0]!.results.filter((x) => x.suppressions === undefined);
        expect(results.length).toBeGreaterThanOrEqual(3);
        if (args[0] === '--history') {
          for (const x of results) {
            expect(x.properties.commit).toBe(head);
            expect(x.properties.author).toMatch(/Test/);
            expect(x.properties.date).toMatch(/^\d{4}-\d{2}-\d{2}/);
          }
        }
        assertNoSecret([r.stdout, r.stderr], secrets);
      }
    }));
});

describe('--output FILE', () => {
  it('writes the report to the file, whole, and nothing to stdout; exit codes as without it', () =>
    withRepo((repo) => {
      const secrets = plant(repo);
      mkdirSync(join(repo.dir, 'out'));
      for (const format of ['sarif', 'json', 'text']) {
        const file = `out/report.${format}`;
        const r = repo.keygate(['scan', '--staged', '--format', format, '--output', file]);
        expect(r.status, r.stderr).toBe(1);
        expect(r.stdout).toBe('');
        const written = readFileSync(join(repo.dir, file), 'utf8');
        const printed = repo.keygate(['scan', '--staged', '--format', format, '--no-color']).stdout;
        expect(written).toBe(printed);
        assertNoSecret([written, r.stderr], secrets);
      }
      expectValidSarif(readFileSync(join(repo.dir, 'out/report.sarif'), 'utf8'));
      // Again over the file of the last run (it exists now), in the --output=FILE spelling.
      const again = repo.keygate(['scan', '--staged', '--format', 'sarif', '--output=out/report.sarif']);
      expect(again.status).toBe(1);
      expect(again.stdout).toBe('');
      // No temp file left behind.
      expect(readdirSync(join(repo.dir, 'out')).sort()).toEqual(['report.json', 'report.sarif', 'report.text']);
      // keygate's own reports, left in the work tree, are no findings for the next scan.
      const reports = repo.keygate(['scan', '--', 'out/report.json', 'out/report.sarif', 'out/report.text']);
      expect(reports.status, reports.stdout).toBe(0);
    }));

  it('a clean scan to a file exits 0; files named after it are still scanned', () =>
    withRepo((repo) => {
      repo.write('a.txt', 'hello\n');
      repo.git('add', '.');
      const r = repo.keygate(['scan', '--format', 'json', '--output', 'r.json', '--', 'a.txt']);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toBe('');
      const report = JSON.parse(readFileSync(join(repo.dir, 'r.json'), 'utf8')) as JsonReport;
      expect(report.stats.files).toBe(1);
    }));

  it('--output into a device or a FIFO (or a link to one) writes into it; a link to a file is replaced, never followed', () =>
    withRepo((repo) => {
      // Found by an adversarial trial: the report's rename replaced /dev/full (as root) and links.
      plant(repo);
      writeFileSync(join(repo.dir, 'real.sarif'), '');
      symlinkSync('real.sarif', join(repo.dir, 'link.sarif'));
      symlinkSync('/dev/null', join(repo.dir, 'null.sarif'));
      for (const file of ['link.sarif', 'null.sarif', '/dev/null']) {
        const r = repo.keygate(['scan', '--staged', '--format', 'sarif', '--output', file]);
        expect(r.status, r.stderr).toBe(1);
      }
      // A link to a file is replaced by the report, never followed: its target is left alone.
      expect(lstatSync(join(repo.dir, 'link.sarif')).isFile()).toBe(true);
      expectValidSarif(readFileSync(join(repo.dir, 'link.sarif'), 'utf8'));
      expect(readFileSync(join(repo.dir, 'real.sarif'), 'utf8')).toBe('');
      expect(lstatSync(join(repo.dir, 'null.sarif')).isSymbolicLink()).toBe(true);
      expect(lstatSync('/dev/null').isCharacterDevice()).toBe(true);
      if (process.platform !== 'win32') {
        execFileSync('mkfifo', [join(repo.dir, 'fifo')]);
        const reader = spawn('cat', [join(repo.dir, 'fifo')]);
        let read = '';
        reader.stdout.on('data', (d: Buffer) => (read += d.toString()));
        const r = repo.keygate(['scan', '--staged', '--format', 'sarif', '--output', 'fifo']);
        expect(r.status, r.stderr).toBe(1);
        expect(lstatSync(join(repo.dir, 'fifo')).isFIFO()).toBe(true);
        return new Promise<void>((done) =>
          reader.on('close', () => {
            expectValidSarif(read);
            done();
          }),
        );
      }
      return undefined;
    }));

  it('a file that cannot be written is an error, exit 2, in one line naming it', () =>
    withRepo((repo) => {
      plant(repo);
      mkdirSync(join(repo.dir, 'adir'));
      for (const file of ['no/such/dir/report.sarif', 'adir']) {
        const r = repo.keygate(['scan', '--staged', '--format', 'sarif', '--output', file]);
        expect(r.status).toBe(2);
        expect(r.stdout).toBe('');
        const lines = r.stderr.trim().split('\n');
        expect(lines).toHaveLength(1);
        expect(lines[0]).toContain(file);
        expect(lines[0]).toMatch(/^keygate: error: cannot write the report to/);
      }
      expect(existsSync(join(repo.dir, 'no'))).toBe(false);
      expect(readdirSync(join(repo.dir, 'adir'))).toEqual([]);
    }));

  it('pre-push writes its report to the file too', () =>
    withRepo((repo) => {
      plant(repo);
      repo.git('commit', '-q', '--no-verify', '-m', 'leak');
      const head = repo.git('rev-parse', 'HEAD').trim();
      const push = spawnSync(process.execPath, [CLI, 'pre-push', 'origin', 'file:///nowhere', '--format', 'sarif', '--output', 'push.sarif'], {
        cwd: repo.dir,
        env: gitEnv(),
        encoding: 'utf8',
        input: `refs/heads/main ${head} refs/heads/main ${'0'.repeat(40)}\n`,
      });
      expect(push.status, push.stderr).toBe(1);
      expect(push.stdout).toBe('');
      expectValidSarif(readFileSync(join(repo.dir, 'push.sarif'), 'utf8'));
    }));

  it('refuses an unknown format, naming the three', () =>
    withRepo((repo) => {
      const r = repo.keygate(['scan', '--staged', '--format', 'xml']);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/unknown format "xml" \(use text, json or sarif\)/);
    }));
});
