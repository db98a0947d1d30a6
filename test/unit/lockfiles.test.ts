import { describe, expect, it } from 'vitest';
import { isVersion } from '../../src/detectors/heuristics.js';
import { DETECTORS } from '../../src/detectors/index.js';
import { isLockFile, lockFileValue } from '../../src/detectors/lockfiles.js';
import { ALNUM, fakeString, HEX } from '../../src/detectors/fake.js';

const generic = DETECTORS.find((d) => d.id === 'generic-secret')!;
const findIn = (path: string, text: string) => generic.detect({ path, startLine: 1, startColumn: 0, text });

describe('isVersion', () => {
  it.each([
    '0.15.0rc1-beta2',
    '1.2.3-beta.4',
    '==3.3.3',
    '~=2.0',
    '^1.2.3',
    'v2.0.0-next.12',
    '2.16.0a7',
    '3.3.3.post1',
    '1.2.3+build.5',
    '1.2.3-4-g1a2b3c4',
    '4.0.0',
  ])('takes %s for a version', (v) => expect(isVersion(v)).toBe(true));
  it.each(['Zx9vQ2mK7pL4', '1a2B3c4D5e6F7g8H', 'v1.2.3-Zx9vQ2mK7pL4w', '2024Summer', 'hunter2hunter2', 'abc1.2.3'])('does not take %s for a version', (v) =>
    expect(isVersion(v)).toBe(false),
  );
});

it('isVersion and lockFileValue stay linear on long hostile values (no backtracking blow-up)', () => {
  for (const hostile of [
    '1' + 'a'.repeat(100_000) + '!',
    '1' + 'a1'.repeat(50_000) + '!',
    'sha512-' + 'A'.repeat(100_000) + '!',
    `h1:${'A'.repeat(100_000)}!`,
  ]) {
    expect(isVersion(hostile)).toBe(false);
    expect(lockFileValue(hostile)).toBeUndefined();
  }
});

describe('lock files', () => {
  it('knows lock files by name, wherever they are', () => {
    for (const p of ['package-lock.json', 'web/yarn.lock', 'a/b/pnpm-lock.yaml', 'Cargo.lock', 'py/poetry.lock', 'go.sum', 'Gemfile.lock']) {
      expect(isLockFile(p), p).toBe(true);
    }
    for (const p of ['package.json', 'locks.txt', 'yarn.lock.bak', 'poetry.lock/notes.md']) expect(isLockFile(p), p).toBe(false);
  });

  it('recognises what their grammar puts in values', () => {
    expect(lockFileValue('0.15.0rc1-beta2')).toBe('version');
    expect(lockFileValue(`sha512-${'Ab9+/'.repeat(17)}==`)).toBe('integrity hash');
    expect(lockFileValue(`h1:${'Zx9v'.repeat(11)}=`)).toBe('checksum');
    expect(lockFileValue(`sha256:${'0f'.repeat(32)}`)).toBe('checksum');
    expect(lockFileValue(fakeString(ALNUM, 32, 7))).toBeUndefined();
    // Bare hex is not a checksum here: a hex key pasted under a secret's name must be found.
    expect(lockFileValue('0f'.repeat(20))).toBeUndefined();
  });

  it('lets a package named like a secret have its version and hashes, and still finds a pasted secret', () => {
    const pasted = fakeString(ALNUM, 28, 41);
    const digest = `sha256:${fakeString(HEX, 64, 42)}`;
    const lock = [
      '[package.dependencies]',
      'tokenizers = "0.15.0rc1-beta2"',
      'secretstorage = "3.3.3.post1"',
      'python-keycloak-token = "2.16.0a7"',
      `api_key = "${pasted}"`,
      `secret_checksum = "${digest}"`,
    ].join('\n');
    expect(findIn('poetry.lock', lock).map((c) => c.secret)).toEqual([pasted]);
    // Outside a lock file the digest is judged like any value; versions are versions anywhere.
    expect(findIn('settings.toml', lock).map((c) => c.secret)).toEqual([pasted, digest]);
  });
});
