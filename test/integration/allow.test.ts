import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { installHook, type Repo, withRepo } from '../helpers/repo.js';
import { assertNoSecret, fakeKeyId, fakeSecret, writeAllowedFixture } from '../helpers/secrets.js';

function commit(repo: Repo) {
  const r = repo.gitRun(['commit', '-m', 'change']);
  return { status: r.status, output: r.stdout + r.stderr };
}

function fingerprintsIn(output: string): string[] {
  return [...output.matchAll(/fingerprint ([0-9a-f]{16})/g)].map((m) => m[1] as string);
}

/** Every file keygate may have written: the allowlist and its state under .git/keygate. */
function keygateFiles(repo: Repo): string[] {
  const out = [join(repo.dir, '.keygate.json')];
  const state = join(repo.dir, '.git', 'keygate');
  try {
    for (const f of readdirSync(state)) out.push(join(state, f));
  } catch {
    /* no state yet */
  }
  return out.filter((f) => {
    try {
      return statSync(f).isFile();
    } catch {
      return false;
    }
  });
}

function assertNoSecretOnDisk(repo: Repo, secrets: string[]): void {
  for (const f of keygateFiles(repo)) {
    const text = readFileSync(f, 'utf8');
    for (const s of secrets) expect(text.includes(s), `${f} holds a secret`).toBe(false);
  }
}

const TODAY = new Date().toISOString().slice(0, 10);

describe('allowing false positives, end to end with real commits', () => {
  it('by fingerprint: blocked, allowed with the printed command, then the commit passes', () =>
    withRepo((repo) => {
      installHook(repo);
      const secret = fakeSecret();
      repo.write('test/parser.test.ini', `aws_secret_access_key = ${secret}\n`);
      repo.git('add', '.');
      const blocked = commit(repo);
      expect(blocked.status).not.toBe(0);
      const [fp] = fingerprintsIn(blocked.output);
      expect(blocked.output).toContain(`npx keygate allow ${fp} --reason "..."`);
      const allow = repo.keygate(['allow', fp as string, '--reason', 'parser fixture, not a real key']);
      expect(allow.status, allow.stderr).toBe(0);
      expect(allow.stdout).toContain(`added to .keygate.json: fingerprint ${fp}`);
      // What a reviewer sees: the fingerprint, what it stood for (redacted), the reason and the date.
      repo.git('add', '.keygate.json');
      const diff = repo.git('diff', '--cached', '-U0', '--', '.keygate.json');
      const added = diff.split('\n').filter((l) => l.startsWith('+') && !l.startsWith('+++'));
      expect(added).toEqual(
        expect.arrayContaining([
          `+      "fingerprint": "${fp}",`,
          '+      "rule": "aws-secret-access-key",',
          `+      "seen": "test/parser.test.ini:1 ${secret.slice(0, 4)}…${secret.slice(-4)}",`,
          '+      "reason": "parser fixture, not a real key",',
          `+      "added": "${TODAY}"`,
        ]),
      );
      const ok = commit(repo);
      expect(ok.status, ok.output).toBe(0);
      expect(ok.output).toMatch(/1 allowed/);
      assertNoSecretOnDisk(repo, [secret]);
    }));

  it('a fingerprint follows the secret when it moves, and never covers a different secret on its line', () =>
    withRepo((repo) => {
      installHook(repo);
      const secret = fakeSecret();
      repo.write('a.ini', `x = 1\naws_secret_access_key = ${secret}\n`);
      repo.git('add', '.');
      const [fp] = fingerprintsIn(commit(repo).output);
      repo.keygate(['allow', fp as string, '--reason', 'fixture']);
      repo.git('add', '.');
      expect(commit(repo).status).toBe(0);
      // Moved to another file, lines above it: still allowed.
      repo.write('b/moved.ini', `\n\n\n[section]\nsecret_key = ${secret}\n`);
      repo.git('add', '.');
      expect(commit(repo).status).toBe(0);
      // A different secret on the allowed line: blocked.
      const other = fakeSecret();
      repo.write('a.ini', `x = 1\naws_secret_access_key = ${other}\n`);
      repo.git('add', '.');
      const blocked = commit(repo);
      expect(blocked.status).not.toBe(0);
      expect(blocked.output).toContain('a.ini:2:25');
      assertNoSecretOnDisk(repo, [secret, other]);
    }));

  it('--last allows every finding of the last blocked run, after showing them', () =>
    withRepo((repo) => {
      installHook(repo);
      const s1 = fakeSecret();
      const s2 = fakeSecret();
      repo.write('fixtures/one.env', `AWS_SECRET_ACCESS_KEY=${s1}\n`);
      repo.write('fixtures/two.env', `AWS_SECRET_ACCESS_KEY=${s2}\n`);
      repo.git('add', '.');
      const blocked = commit(repo);
      const fps = fingerprintsIn(blocked.output);
      expect(fps).toHaveLength(2);
      const r = repo.keygate(['allow', '--last', '--reason', 'fixtures for the env loader']);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain('fixtures/one.env:1:23');
      expect(r.stdout).toContain('fixtures/two.env:1:23');
      const config = readFileSync(join(repo.dir, '.keygate.json'), 'utf8');
      for (const fp of fps) expect(config).toContain(`"fingerprint": "${fp}"`);
      // Twice is the same as once.
      repo.keygate(['allow', '--last', '--reason', 'fixtures for the env loader']);
      expect(readFileSync(join(repo.dir, '.keygate.json'), 'utf8')).toBe(config);
      repo.git('add', '.');
      expect(commit(repo).status).toBe(0);
      assertNoSecretOnDisk(repo, [s1, s2]);
    }));

  it('by path glob, and by rule under a path: a real secret elsewhere is still blocked', () =>
    withRepo((repo) => {
      installHook(repo);
      repo.write('test/fixtures/keys.ini', `aws_secret_access_key = ${fakeSecret()}\n`);
      repo.write('docs/sts.md', `aws_session_token = IQoJb3JpZ2luX2Vj${fakeSecret().repeat(8)}\n`);
      repo.write('src/config.ts', `const secretAccessKey = "${fakeSecret()}";\n`);
      repo.git('add', '.');
      expect(commit(repo).status).not.toBe(0);
      expect(repo.keygate(['allow', '--path', 'test/fixtures/**', '--reason', 'fixtures']).status).toBe(0);
      expect(repo.keygate(['allow', '--rule', 'aws-session-token', '--path', 'docs/**', '--reason', 'docs samples']).status).toBe(0);
      repo.git('add', '.');
      const still = commit(repo);
      expect(still.status).not.toBe(0);
      expect(still.output).toContain('src/config.ts:1:26');
      expect(still.output).not.toMatch(/^ {2}test\/fixtures\/keys\.ini:1/m);
      expect(still.output).not.toMatch(/^ {2}docs\/sts\.md:1/m);
      expect(still.output).toMatch(
        /^ {2}allowed: test\/fixtures\/keys\.ini:1:25 aws-secret-access-key — \.keygate\.json allow: path test\/fixtures\/\*\* — fixtures$/m,
      );
      expect(still.output).toMatch(/2 allowed/);
    }));

  it('by pattern on the matched value, and refuses a pattern that is the secret itself', () =>
    withRepo((repo) => {
      const id = fakeKeyId();
      repo.write('k.txt', `key: ${id}\n`);
      repo.git('add', '.');
      const refused = repo.keygate(['allow', '--pattern', id, '--reason', 'x']);
      expect(refused.status).toBe(2);
      expect(refused.stderr).toMatch(/that pattern was not written to .keygate.json/);
      expect(repo.keygate(['allow', '--pattern', '^AKIAQ', '--rule', 'aws-access-key-id', '--reason', 'our test IDs']).status).toBe(0);
      expect(repo.keygate(['scan', '--staged']).status).toBe(0);
    }));

  it('a broken .keygate.json blocks the commit with file, line and field — never turns the hook off', () =>
    withRepo((repo) => {
      installHook(repo);
      repo.write('k.env', `AWS_SECRET_ACCESS_KEY=${fakeSecret()}\n`);
      repo.git('add', 'k.env');
      const cases: [string, RegExp][] = [
        ['{\n  "allow": [\n    {"path": "x/**", "reason": "r", "added": "2026-01-01"},\n  ]\n}\n', /\.keygate\.json:4:3: invalid JSON/],
        ['{\n  "allow": [\n    {"path": "x/**", "reasn": "r", "added": "2026-01-01"}\n  ]\n}\n', /\.keygate\.json:3:22: allow\[0\]\.reasn: unknown field/],
        [
          '{\n  "allow": [\n    {"path": "/abs/**", "reason": "r", "added": "2026-01-01"}\n  ]\n}\n',
          /\.keygate\.json:3:6: allow\[0\]\.path: must be a glob relative/,
        ],
        [
          '{\n  "allow": [\n    {"pattern": "(unclosed", "reason": "r", "added": "2026-01-01"}\n  ]\n}\n',
          /\.keygate\.json:3:6: allow\[0\]\.pattern: invalid regular expression/,
        ],
        ['{\n  "allow": [\n    {"rule": "aws-secret-key", "reason": "r", "added": "2026-01-01"}\n  ]\n}\n', /allow\[0\]\.rule: unknown rule "aws-secret-key"/],
        ['{"allow": [{"path": "x", "reason": "", "added": "2026-01-01"}]}', /\.keygate\.json:1:26: allow\[0\]\.reason: must be a non-empty string/],
        ['{"allow": [{"reason": "r", "added": "yesterday", "path": "x"}]}', /allow\[0\]\.added: must be a date/],
        ['{"rules": [{"id": "acme", "regex": "acme_[a-z]+", "keywords": []}]}', /rules\[0\]\.keywords: needs at least one keyword/],
        ['[]', /\(top level\): must be an object/],
      ];
      for (const [text, message] of cases) {
        repo.write('.keygate.json', text);
        const scan = repo.keygate(['scan', '--staged']);
        expect(scan.status, text).toBe(2);
        expect(scan.stderr, text).toMatch(message);
        expect(scan.stderr.trim().split('\n')).toHaveLength(1);
        const c = commit(repo);
        expect(c.status).not.toBe(0);
        expect(c.output).toMatch(message);
      }
    }));

  it('runs a team rule from .keygate.json, with its entropy floor', () =>
    withRepo((repo) => {
      repo.write(
        '.keygate.json',
        JSON.stringify({
          rules: [
            {
              id: 'acme-api-token',
              description: 'Acme API token',
              regex: 'acme_(?<secret>[A-Za-z0-9]{32})',
              keywords: ['acme_'],
              entropy: 3.5,
              severity: 'high',
            },
          ],
        }),
      );
      const token = fakeSecret().replace(/[+/]/g, 'a').slice(0, 32);
      repo.write('app.py', `TOKEN = "acme_${token}"\nPLACEHOLDER = "acme_${'a'.repeat(32)}"\n`);
      repo.git('add', '.');
      const r = repo.keygate(['scan', '--staged', '--format', 'json']);
      expect(r.status).toBe(1);
      const report = JSON.parse(r.stdout) as { findings: { rule: string; file: string; line: number }[] };
      expect(report.findings.map((f) => `${f.rule} ${f.file}:${f.line}`)).toEqual(['acme-api-token app.py:1']);
    }));

  it('shows the default allows and lets them be turned off', () =>
    withRepo((repo) => {
      repo.write('README.md', 'aws_access_key_id = AKIAIOSFODNN7EXAMPLE\n');
      repo.git('add', '.');
      const on = repo.keygate(['scan', '--staged']);
      expect(on.status).toBe(0);
      expect(on.stdout).toMatch(/allowed: README\.md:1:21 aws-access-key-id — default: AWS documentation example key/);
      repo.write('.keygate.json', '{"defaults": false}\n');
      expect(repo.keygate(['scan', '--staged']).status).toBe(1);
    }));

  // Keys Microsoft publishes for its local emulators: in every local setup, and no credential.
  it.each([
    {
      name: 'Azure storage (Azurite, devstoreaccount1)',
      key: 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==',
      text: (key: string) =>
        `AZURE_STORAGE_CONNECTION_STRING="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${key};BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;"\n`,
      allowed: ["azure-storage-key: default: the Azure storage emulator's published key (devstoreaccount1)"],
    },
    {
      name: 'Cosmos DB',
      key: 'C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==',
      text: (key: string) => `COSMOS_CONNECTION="AccountEndpoint=https://localhost:8081/;AccountKey=${key};"\nCOSMOS_KEY=${key}\n`,
      allowed: [
        "azure-storage-key: default: the Azure Cosmos DB emulator's published key",
        "azure-cosmosdb-key: default: the Azure Cosmos DB emulator's published key",
      ],
    },
  ])("allows the $name emulator's published key by default, and nothing one character from it", ({ key, text, allowed }) =>
    withRepo((repo) => {
      const near = key.slice(0, 40) + (key[40] === 'a' ? 'b' : 'a') + key.slice(41);
      repo.write('local.env', text(key));
      repo.git('add', '.');
      const on = repo.keygate(['scan', '--staged', '--format', 'json']);
      expect(on.status, on.stdout).toBe(0);
      const report = JSON.parse(on.stdout) as { suppressed: { rule: string; reason: string }[] };
      expect(report.suppressed.map((x) => `${x.rule}: ${x.reason}`)).toEqual(allowed);
      repo.write('local.env', text(near));
      repo.git('add', '.');
      expect(repo.keygate(['scan', '--staged']).status).toBe(1);
    }),
  );

  it('lists entries with what they still match, removes them, and prunes stale ones', () =>
    withRepo((repo) => {
      const secret = fakeSecret();
      repo.write('fx/a.ini', `aws_secret_access_key = ${secret}\n`);
      repo.git('add', '.');
      repo.keygate(['scan', '--staged']);
      repo.keygate(['allow', '--last', '--reason', 'fixture a']);
      repo.keygate(['allow', '--path', 'old/**', '--reason', 'gone long ago']);
      repo.keygate(['allow', '--rule', 'aws-session-token', '--reason', 'not used here']);
      const list = repo.keygate(['allowlist']);
      expect(list.status, list.stderr).toBe(0);
      expect(list.stdout).toMatch(/1\. fingerprint [0-9a-f]{16}, rule aws-secret-access-key\n\s+fixture a \(added \d{4}-\d{2}-\d{2}\) — matches 1 finding/);
      expect(list.stdout).toMatch(/path old\/\*\*\n\s+gone long ago .* — matches nothing/);
      // Entries that match nothing go only once they are old: these two were added long ago.
      const file = join(repo.dir, '.keygate.json');
      writeFileSync(file, readFileSync(file, 'utf8').replace(/("reason": "(?:gone long ago|not used here)",\n\s+"added": )"[\d-]+"/g, '$1"2026-01-01"'));
      repo.keygate(['allow', '--path', 'new/**', '--reason', 'files coming in the next commit']);
      const pruned = repo.keygate(['allowlist', 'prune']);
      expect(pruned.stdout).toMatch(/pruned: path old\/\*\*/);
      expect(pruned.stdout).toMatch(/pruned: rule aws-session-token/);
      expect(pruned.stdout).toMatch(/kept, added [\d-]+ \(under 14 days ago\): path new\/\*\*/);
      const after = readFileSync(join(repo.dir, '.keygate.json'), 'utf8');
      expect(after).not.toContain('old/**');
      expect(after).toContain('fixture a');
      expect(repo.keygate(['allowlist', 'remove', '1']).stdout).toMatch(/removed: fingerprint/);
      expect(readFileSync(join(repo.dir, '.keygate.json'), 'utf8')).not.toContain('"fingerprint"');
      expect(repo.keygate(['scan', '--staged']).status).toBe(1);
      expect(repo.keygate(['allowlist', 'remove', 'nope']).status).toBe(2);
    }));
});

describe('a file moved out of a path an allow entry covers', () => {
  it('is read whole at the move, by the staged scan and the hook: its secrets are no longer allowed there', () =>
    withRepo((repo) => {
      // Found by an adversarial trial: a rename counted only its changed lines, and the path
      // allow had covered the rest where the file was.
      const [id, secret] = writeAllowedFixture(repo);
      repo.git('add', '.');
      expect(repo.keygate(['scan', '--staged']).status).toBe(0);
      repo.git('commit', '-qm', 'fixtures', '--no-verify');
      mkdirSync(join(repo.dir, 'deploy'));
      repo.git('mv', 'test/fixtures/creds.env', 'deploy/prod.env');
      const moved = JSON.parse(repo.keygate(['scan', '--staged', '--format', 'json']).stdout) as {
        findings: { rule: string; file: string; line: number }[];
        stats: { files: number };
      };
      expect(moved.findings.map((f) => `${f.rule} ${f.file}:${f.line}`)).toEqual([
        'aws-access-key-id deploy/prod.env:2',
        'aws-secret-access-key deploy/prod.env:3',
      ]);
      expect(moved.stats.files).toBe(1);
      installHook(repo);
      const r = repo.gitRun(['commit', '-m', 'move']);
      expect(r.status).not.toBe(0);
      // A move within the allowed path stays allowed; a move of an unallowed file is not rescanned.
      repo.git('reset', '-q', '--hard');
      repo.git('mv', 'test/fixtures/creds.env', 'test/fixtures/old-creds.env');
      expect(repo.keygate(['scan', '--staged']).status).toBe(0);
      assertNoSecret([r.stdout + r.stderr, JSON.stringify(moved)], [id, secret]);
    }));
});
