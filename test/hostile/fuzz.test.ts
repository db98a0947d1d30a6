import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanJson, withRepo } from '../helpers/repo.js';
import { fakeSecret } from '../helpers/secrets.js';
import { testSeed } from '../helpers/seed.js';

/**
 * Property: whatever the file contents and names around them, a fake secret staged on a line
 * of its own is found at that line and file, keygate exits 1 with a whole JSON report, never
 * an error, in bounded time. Random and adversarial contents: invalid UTF-8, CRLF, tabs,
 * lines up to 300 KB, control characters, unicode; names with spaces, unicode, quotes, tabs,
 * newlines, leading dashes. Seeded (the run's printed seed); KEYGATE_FUZZ_RUNS runs more
 * (npm run bench does).
 */
const RUNS = Number(process.env['KEYGATE_FUZZ_RUNS'] ?? 20);
const PER_INPUT_MS = 20_000;

const nameChar = fc.constantFrom(...'abcXYZ019 -_.#@+=,~é日本'.split(''), '\t', '\n', '"', "'", '\\');
const fileName = fc
  .array(nameChar, { minLength: 1, maxLength: 12 })
  .map((cs) => cs.join(''))
  .filter((n) => n.trim() !== '' && n !== '.' && n !== '..' && !n.endsWith('.lock') && !n.includes('\n.') && !/^\.git/.test(n));

/**
 * A line of random content, as bytes: unicode text, raw bytes (invalid UTF-8 included), huge
 * lines, fragments of assignments. Never a NUL (git would call the file binary) or a newline.
 */
const textLine = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 80 }).map((s) => Buffer.from(s.replace(/[\0\n]/g, ' '), 'utf8')),
  fc.uint8Array({ minLength: 0, maxLength: 120 }).map((b) => Buffer.from(b.map((x) => (x === 0 || x === 10 ? 32 : x)))),
  fc.integer({ min: 1000, max: 300_000 }).map((n) => Buffer.from('x='.padEnd(n, 'ab1/+'))),
  fc.constantFrom('', '\r', '\t\t', 'password = ', 'secret: "', '"key": "', '-----BEGIN', 'AKIA').map((t) => Buffer.from(t)),
);

interface Planted {
  file: string;
  line: number;
  secret: string;
}

const scenario = fc.record({
  files: fc.uniqueArray(fc.record({ name: fileName, lines: fc.array(textLine, { maxLength: 30 }), at: fc.nat(), crlf: fc.boolean() }), {
    minLength: 1,
    maxLength: 4,
    selector: (f) => f.name,
  }),
});

describe('fuzz: random and hostile files around planted fake secrets', () => {
  it(`finds every planted secret at its file and line (${RUNS} runs, seed ${testSeed()})`, async () => {
    const result = await fc.check(
      fc.asyncProperty(scenario, async ({ files }) =>
        withRepo((repo) => {
          const planted: Planted[] = [];
          for (const f of files) {
            const secret = fakeSecret();
            const at = f.at % (f.lines.length + 1);
            const lines = [...f.lines.slice(0, at), Buffer.from(`aws_secret_access_key = ${secret}`), ...f.lines.slice(at)];
            const eol = Buffer.from(f.crlf ? '\r\n' : '\n');
            repo.write(f.name, Buffer.concat(lines.flatMap((l) => [l, eol])));
            planted.push({ file: f.name, line: at + 1, secret });
          }
          repo.git('add', '-A', '--', '.');
          const started = Date.now();
          const { status, report, stderr } = scanJson(repo);
          expect(Date.now() - started).toBeLessThan(PER_INPUT_MS);
          expect(status, stderr).toBe(1);
          for (const p of planted) {
            const hit = report.findings.find((x) => x.rule === 'aws-secret-access-key' && x.file === p.file && x.line === p.line);
            expect(
              hit,
              `${JSON.stringify(p.file)}:${p.line} not found; findings: ${report.findings.map((x) => `${JSON.stringify(x.file)}:${x.line}`).join(' ')}`,
            ).toBeDefined();
            expect(JSON.stringify(report)).not.toContain(p.secret);
          }
        }),
      ),
      { numRuns: RUNS, seed: testSeed(), endOnFailure: true },
    );
    // A short account of a failure: the counterexample can hold 300 KB lines.
    if (result.failed) {
      const example = JSON.stringify(result.counterexample, (_k, v: unknown) =>
        v instanceof Uint8Array || (v as { type?: string })?.type === 'Buffer' ? `<${(v as Uint8Array).length ?? '?'} bytes>` : v,
      ).slice(0, 600);
      throw new Error(
        `fuzz failed (seed ${result.seed}, path ${result.counterexamplePath}): ${String(result.errorInstance).slice(0, 800)}\ncounterexample: ${example}`,
      );
    }
  }, 600_000);
});
