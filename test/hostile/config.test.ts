import { describe, expect, it } from 'vitest';
import { installHook, withRepo } from '../helpers/repo.js';
import { fakeSecret } from '../helpers/secrets.js';

/** Broken and hostile .keygate.json: a clear error naming file, line and field, never a hang. */
describe('hostile .keygate.json', () => {
  it.each([
    [
      'rules[0].regex',
      '{\n  "rules": [\n    {"id": "acme", "regex": "(a+)+$", "keywords": ["a"]}\n  ]\n}\n',
      /\.keygate\.json:3:20: rules\[0\]\.regex: this regular expression can take exponential time/,
    ],
    [
      'allow[0].pattern',
      '{\n  "allow": [\n    {"pattern": "^(\\\\w+\\\\s?)*$", "reason": "r", "added": "2026-01-01"}\n  ]\n}\n',
      /\.keygate\.json:3:6: allow\[0\]\.pattern: this regular expression can take exponential time/,
    ],
  ])('a catastrophic %s is refused at load, naming file, line and field; the commit is blocked', (_field, config, message) =>
    withRepo((repo) => {
      installHook(repo);
      repo.write('.keygate.json', config);
      repo.write('a.txt', `${'a'.repeat(40)}!\n`);
      repo.git('add', '.');
      const started = Date.now();
      const r = repo.gitRun(['commit', '-m', 'x']);
      expect(r.status).not.toBe(0);
      expect(r.stderr).toMatch(message);
      expect(Date.now() - started).toBeLessThan(20_000);
    }),
  );

  it('100,000 nested brackets are a config error naming the file and position, not a stack overflow', () =>
    withRepo((repo) => {
      repo.write('.keygate.json', `{"allow": ${'['.repeat(100_000)}`);
      repo.write('a.txt', 'hello\n');
      repo.git('add', '.');
      const r = repo.keygate(['scan', '--staged']);
      expect(r.status).toBe(2);
      expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/\.keygate\.json:1:\d+: invalid JSON: values nested more than 64 deep/)]);
    }));

  it('40,000 allow entries load in linear time (was quadratic: 34-41 s); above 8 MB a clear error', () =>
    withRepo((repo) => {
      const allow = Array.from({ length: 40_000 }, (_, i) => ({ fingerprint: i.toString(16).padStart(16, '0'), reason: 'r', added: '2026-01-01' }));
      repo.write('.keygate.json', JSON.stringify({ allow }, null, 2) + '\n');
      const secret = fakeSecret();
      repo.write('k.env', `AWS_SECRET_ACCESS_KEY=${secret}\n`);
      repo.git('add', '.');
      const r = repo.keygate(['scan', '--staged']);
      expect(r.status, r.stderr).toBe(1);
      expect(r.stdout).toContain('k.env:1:23');
      const huge = {
        allow: Array.from({ length: 120_000 }, (_, i) => ({
          fingerprint: i.toString(16).padStart(16, '0'),
          reason: 'a reason long enough to be realistic',
          added: '2026-01-01',
        })),
      };
      repo.write('.keygate.json', JSON.stringify(huge, null, 2) + '\n');
      const big = repo.keygate(['scan', '--staged']);
      expect(big.status).toBe(2);
      expect(big.stderr).toMatch(/keygate: error: \.keygate\.json is \d+\.\d MB; keygate reads at most 8 MB of it/);
    }));
});
