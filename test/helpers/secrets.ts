import { hasSequentialRun, isPlaceholder } from '../../src/detectors/heuristics.js';
import { testSeed } from './seed.js';

/**
 * Fake AWS credentials made at test time: random-looking, never issued by AWS, and never
 * present as literals in this repository (keygate scans its own commits). Drawn from a
 * seeded generator (test/helpers/seed.ts: the seed is printed at the start of every run and
 * set with KEYGATE_TEST_SEED), so any failing draw can be reproduced.
 */
const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** mulberry32: a small, well-mixed 32-bit generator; one stream per test file, from the seed. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

const next = generator(testSeed());

/** n characters of `alphabet` from the seeded stream. */
export function pick(alphabet: string, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[next() % alphabet.length];
  return s;
}

/** A whole number in [0, n) from the seeded stream. */
export function draw(n: number): number {
  return next() % n;
}

function mixed(make: () => string, ok: (s: string) => boolean): string {
  for (;;) {
    const s = make();
    if (ok(s)) return s;
  }
}

/** A fake key ID (5th char not I/J, so it decodes to an account). */
export function fakeKeyId(prefix = 'AKIA'): string {
  return mixed(
    () => prefix + 'Q' + pick(B32, 15),
    // Random values that happen to look typed (XXXX, YOUR, ABCDEF...) are redrawn: a real
    // generated key would not be one, and the gates that reject them are tested on their own.
    (s) => !isPlaceholder(s.slice(4)) && !hasSequentialRun(s.slice(4)) && !/EXAMPLE/.test(s),
  );
}

export function fakeSecret(): string {
  return mixed(
    () => pick(B64, 40),
    (s) => /[a-z]/.test(s) && /[A-Z]/.test(s) && !isPlaceholder(s) && !hasSequentialRun(s, 8) && !/EXAMPLE/.test(s),
  );
}

export function fakeSessionToken(): string {
  return 'IQoJb3JpZ2luX2Vj' + pick(B64, 380);
}

/** Every stream must be free of the whole secret. */
export function assertNoSecret(texts: string[], secrets: string[]): void {
  for (const t of texts) {
    for (const s of secrets) {
      if (t.includes(s)) throw new Error(`a full secret appeared in output: ${s.slice(0, 4)}…`);
    }
  }
}

/**
 * A fake key pair in test/fixtures/creds.env (lines 2 and 3), and a .keygate.json whose allow
 * entry covers test/fixtures/**: what the tests of moves out of an allowed path start from.
 */
export function writeAllowedFixture(repo: { write(path: string, content: string): void }): [id: string, secret: string] {
  const [id, secret] = [fakeKeyId(), fakeSecret()];
  repo.write('test/fixtures/creds.env', `# fixture\naws_access_key_id = ${id}\naws_secret_access_key = ${secret}\n`);
  repo.write('.keygate.json', JSON.stringify({ version: 1, allow: [{ path: 'test/fixtures/**', reason: 'recorded fixtures', added: '2026-12-01' }] }));
  return [id, secret];
}
