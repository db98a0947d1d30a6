import { describe, expect, it } from 'vitest';
import { accountIdFromKeyId, keyIdKind } from '../../src/detectors/aws-facts.js';
import { isDefined } from '../../src/detectors/define.js';
import { realDetector } from '../../src/detectors/lazy.js';
import { DETECTORS } from '../../src/detectors/index.js';
import { fakeBase64, fakeString, HEX } from '../../src/detectors/fake.js';
import { Prefilter } from '../../src/scan/prefilter.js';
import type { Detector, Fragment } from '../../src/types.js';
import { fakeKeyId, fakeSecret, fakeSessionToken, pick } from '../helpers/secrets.js';

/** Regex only, and automaton only. */
const PREFILTERS = [new Prefilter(DETECTORS, Infinity), new Prefilter(DETECTORS, 0)];

function fragment(text: string): Fragment {
  return { path: 'x', startLine: 1, startColumn: 0, text };
}

function run(d: Detector, text: string) {
  return d.detect(fragment(text));
}

/** What a rule finds in its own positive examples that its check validated. */
function validatedExamples(d: Detector) {
  return d.examples.positives.flatMap((p) => run(d, p)).filter((c) => c.facts?.validated !== undefined);
}

function byId(id: string): Detector {
  const d = DETECTORS.find((x) => x.id === id);
  if (!d) throw new Error(id);
  return d;
}

it('every built-in detector is made through the one definition path (defineDetector, or defineRule over it)', () => {
  expect(DETECTORS.filter((d) => !isDefined(realDetector(d))).map((d) => d.id)).toEqual([]);
});

describe.each(DETECTORS.map((d) => [d.id, d] as const))('detector %s', (_id, d) => {
  it.each(d.examples.positives.map((p) => [p]))('finds a secret in: %s', (text) => {
    const found = run(d, text);
    expect(found.length).toBeGreaterThan(0);
    for (const c of found) {
      expect(c.ruleId).toBe(d.id);
      expect(c.fragment.text.slice(c.start, c.end)).toBe(c.secret);
    }
  });

  it.each(d.examples.negatives.map((n) => [n]))('finds nothing in: %s', (text) => {
    expect(run(d, text)).toEqual([]);
  });

  it('is selected by the prefilter for every positive, by both keyword searches', () => {
    // The regex (a commit's first MBs) and the automaton (after) must both find the keyword,
    // and the rule's gate must hold there: neither may hide a positive.
    const padding = 'const value = compute(items);\n'.repeat(300);
    for (const p of d.examples.positives) {
      for (const prefilter of PREFILTERS) {
        expect(prefilter.select(p)).toContain(d);
        expect(prefilter.select(padding + p + '\n' + padding)).toContain(d);
      }
    }
  });
});

describe('a validated match is one confidence step above its rule, never past it', () => {
  // A low rule's check is on a structure seen in issued tokens, not one the provider published:
  // passing it makes the finding medium. A medium rule whose checksum holds is high.
  it.each([
    ['intercom-access-token', 'low', 'medium'],
    ['calendly-personal-access-token', 'low', 'medium'],
    ['pinata-api-secret', 'low', 'medium'],
    ['packagist-token', 'medium', 'high'],
  ] as const)('%s (%s) validated: %s', (id, rule, validated) => {
    const d = byId(id);
    expect(d.confidence).toBe(rule);
    const confidences = validatedExamples(d).map((c) => c.confidence);
    expect(confidences.length).toBeGreaterThan(0);
    expect(new Set(confidences)).toEqual(new Set([validated]));
  });
});

it('grafana-token: a glc_ token (no published format) is at low, a glsa_ token (published, checksummed) at high', () => {
  const d = byId('grafana-token');
  const byPrefix = new Map(d.examples.positives.flatMap((p) => run(d, p)).map((c) => [c.secret.slice(0, 4), c.confidence]));
  expect(byPrefix.get('glc_')).toBe('low');
  expect(byPrefix.get('glsa')).toBe('high');
});

it('github-token and npm-token: a token whose checksum fails (none the provider issued) is at medium, one whose checksum holds at high', () => {
  for (const id of ['github-token', 'npm-token']) {
    const d = byId(id);
    const valid = validatedExamples(d)[0];
    expect(valid?.confidence).toBe('high');
    const secret = valid?.secret ?? '';
    const broken = secret.slice(0, -1) + (secret.endsWith('A') ? 'B' : 'A');
    expect(run(d, `TOKEN=${broken}`).map((c) => c.confidence)).toEqual(['medium']);
  }
});

describe('checksummed tokens packed between the fields of a binary (a SQLite row)', () => {
  it.each(['github-token', 'npm-token', 'age-secret-key', 'matrix-synapse-token', 'grafana-token'])('%s: found where its checksum holds', (id) => {
    const d = byId(id);
    const secrets = validatedExamples(d).map((c) => c.secret);
    expect(secrets.length).toBeGreaterThan(0);
    for (const secret of secrets) {
      const text = `\x05alice${secret}Repo1\x07`;
      const found = d.detect({ path: 'x.db', startLine: 1, startColumn: 0, text, binary: true });
      expect(found.map((c) => c.secret)).toEqual([secret]);
      // The same bytes as text: boundaries hold, nothing is found.
      expect(d.detect({ path: 'x.txt', startLine: 1, startColumn: 0, text })).toEqual([]);
    }
  });
});

describe('aws-access-key-id', () => {
  const d = byId('aws-access-key-id');

  it('accepts every credential prefix and rejects unique-ID prefixes', () => {
    for (const p of ['AKIA', 'ASIA', 'ABIA', 'ACCA']) expect(run(d, fakeKeyId(p))).toHaveLength(1);
    for (const p of ['AIDA', 'AROA', 'AGPA', 'AIPA', 'ANPA', 'ANVA', 'APKA', 'ASCA']) {
      expect(run(d, `id: ${fakeKeyId(p)}`)).toEqual([]);
    }
  });

  it('only takes base32 after the prefix (never 0, 1, 8, 9)', () => {
    const id = fakeKeyId();
    for (const bad of ['0', '1', '8', '9']) expect(run(d, id.slice(0, 19) + bad)).toEqual([]);
  });

  it('reports older A3T IDs at lower confidence', () => {
    const id = 'A3TQ' + fakeKeyId().slice(4);
    const [c] = run(d, `key=${id}`);
    expect(c?.confidence).toBe('low');
  });

  it('decodes the account from a published example and says so for old-generation IDs', () => {
    // Published example (Aidan Steele, 2020): split so this file holds no key-shaped literal.
    expect(accountIdFromKeyId('ASIA' + 'Y34FZKBOKMUTVV7A')).toEqual({ kind: 'account', accountId: '609629065308' });
    expect(accountIdFromKeyId('AKIA' + 'IOSFODNN7EXAMPLE')).toEqual({ kind: 'old-generation' });
    expect(accountIdFromKeyId('AKIA' + 'JOSFODNN7QWERTYU')).toEqual({ kind: 'old-generation' });
    const [c] = run(d, 'ASIA' + 'Y34FZKBOKMUTVV7A');
    expect(c?.facts).toMatchObject({ awsAccountId: '609629065308', keyKind: keyIdKind('ASIA' + 'Y34FZKBOKMUTVV7A') });
    expect(keyIdKind('ASIA' + 'Y34FZKBOKMUTVV7A')).toMatch(/temporary/);
  });

  it('never claims an account outside the 12-digit range (40 bits reach 13 digits)', () => {
    // P7... sets every bit the account is read from: the decoded number is past 999,999,999,999.
    expect(accountIdFromKeyId('AKIA' + 'P777777777777777')).toEqual({ kind: 'unknown' });
    for (const id of ['AKIA' + 'Q' + 'A'.repeat(15), 'AKIA' + 'Y34FZKBOKMUTVV7A', 'AKIA' + '5'.repeat(16)]) {
      const r = accountIdFromKeyId(id);
      if (r.kind === 'account') expect(r.accountId).toMatch(/^\d{12}$/);
    }
  });

  it('zero-pads short account IDs to 12 digits', () => {
    const r = accountIdFromKeyId('AKIA' + 'AAAAAAAAAAAAAAAA');
    expect(r).toEqual({ kind: 'account', accountId: '000000000000' });
  });
});

describe('aws-secret-access-key', () => {
  const d = byId('aws-secret-access-key');

  it('finds a fresh random secret in each syntax, at the right offsets', () => {
    const s = fakeSecret();
    const syntaxes = [
      `aws_secret_access_key=${s}`,
      `AWS_SECRET_ACCESS_KEY: "${s}"`,
      `{"SecretAccessKey":"${s}"}`,
      `secretAccessKey = '${s}';`,
      `secret_access_key => "${s}"`,
      `aws.secret.key=${s}`,
      `$awsSecret = "${s}";`,
    ];
    for (const text of syntaxes) {
      const found = run(d, text);
      expect(found, text).toHaveLength(1);
      expect(text.slice(found[0]!.start, found[0]!.end)).toBe(s);
    }
  });

  it('finds a bare secret only near a key ID', () => {
    const s = fakeSecret();
    const id = fakeKeyId();
    expect(run(d, `creds = ["${id}",\n "${s}"]`)).toHaveLength(1);
    expect(run(d, `creds = ["${id}",\n${'\n'.repeat(10)} "${s}"]`)).toHaveLength(0);
    expect(run(d, `value = "${s}"`)).toHaveLength(0);
  });
});

describe('aws-session-token', () => {
  it('finds a long token in a session-token context', () => {
    const t = fakeSessionToken();
    const d = byId('aws-session-token');
    const [c] = run(d, `aws_session_token = ${t}`);
    expect(c?.secret).toBe(t);
    expect(run(d, `X-Amz-Security-Token: ${t}`)).toHaveLength(1);
  });
});

describe('private-key: the body that follows a BEGIN line', () => {
  const d = byId('private-key');
  const lines = [fakeBase64(64, 501), fakeBase64(64, 502), fakeBase64(40, 503)];
  it('is read from lines of their own (headers skipped), from \\n escapes, and from string literals joined with +', () => {
    const own = `-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,${fakeString(HEX, 32, 504)}\n\n${lines.join('\n')}\n-----END RSA PRIVATE KEY-----\n`;
    const escaped = `{"key": "-----BEGIN RSA PRIVATE KEY-----\\n${lines.join('\\n')}\\n-----END RSA PRIVATE KEY-----\\n"}`;
    const joined = `const key =\n  "-----BEGIN RSA PRIVATE KEY-----\\n" +\n${lines.map((l) => `  "${l}\\n" +`).join('\n')}\n  "-----END RSA PRIVATE KEY-----\\n";\n`;
    for (const text of [own, escaped, joined]) expect(run(d, text), text).toHaveLength(1);
  });

  it('is the lines that follow each other: code after a header in a string is no body, whatever words it holds', () => {
    const code = `const HEADER = "-----BEGIN PRIVATE KEY-----";\n      ],\n    };\n  },\n${'  return\n  detect\n  Candidate\n  fragment\n  positives\n'.repeat(12)}`;
    expect(run(d, code)).toEqual([]);
  });
});

describe('generic-secret: names that say password', () => {
  const d = DETECTORS.find((x) => x.id === 'generic-secret')!;
  const all = DETECTORS.filter((x) => x.id === 'generic-secret');
  const found = (text: string) => all.flatMap((x) => x.detect({ path: 'app.env', startLine: 1, startColumn: 0, text }));
  it('a short value is a password under a password or passphrase name, and too short for a token under any other', () => {
    expect(d).toBeDefined();
    const value = `Q${fakeString(HEX, 6, 601)}k!Z`;
    for (const name of ['DB_PASSWORD', 'PASSWD', 'smtp_pwd', 'GPG_PASSPHRASE']) expect(found(`${name}=${value}\n`), name).toHaveLength(1);
    for (const name of ['API_TOKEN', 'CLIENT_SECRET', 'AUTH_KEY']) expect(found(`${name}=${value}\n`), name).toEqual([]);
  });
});

describe('generic-secret on random passwords and keys (an adversarial trial measured ~9% of them missed)', () => {
  // The seed is the suite's (printed at the start of every run), through pick.
  const generic = DETECTORS.filter((d) => d.id === 'generic-secret');
  const envFragment = (text: string): Fragment => ({ path: 'deploy/.env', startLine: 1, startColumn: 0, text });
  const found = (line: string) => generic.some((d) => d.detect(envFragment(line)).length > 0);
  const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

  it.each(['MYAPP_UPLOAD_KEY_PASSWORD', 'SSH_KEY_PASSPHRASE', 'CONSUMER_KEY_SECRET', 'db_pass_secret', 'x_pw_token', 'RELEASE-KEY-PASSWORD'])(
    'a bare word before a secret word gives way to it: %s (a review found these lost)',
    (name) => {
      // A fixed random-looking value, joined here so that it is no literal in this file.
      expect(found(`${name}=${['Zq8x', 'T3mL', 'p9Vw', '2Rk7', 'Nf4H', 's6Jd'].join('')}`)).toBe(true);
    },
  );

  it.each(['DB_PASSWORD', 'DB_PASS', 'SMTP_PW', 'ENCRYPTION_KEY', 'APP_KEY', 'STRIPE_KEY'])(
    'finds at least 97%% of 400 random 16-24 character values under %s',
    (name) => {
      let hits = 0;
      for (let i = 0; i < 400; i++) if (found(`${name}=${pick(ALNUM, (name === 'STRIPE_KEY' ? 20 : 16) + (i % 5))}`)) hits++;
      expect(hits / 400).toBeGreaterThanOrEqual(0.97);
    },
  );
});

describe('generic-secret in code: an expression between two string literals is no value', () => {
  // Found by a newcomer's trial in jsrsasign's and next's minified code.
  const generic = DETECTORS.filter((d) => d.id === 'generic-secret');
  const inCode = (text: string) => generic.flatMap((d) => d.detect({ path: 'lib/app.js', startLine: 1, startColumn: 0, text }));
  it.each([
    'msg = "bad password: "+userInputValue123+"!"',
    'throw"Mac: wrong hex password: "+h.hex}function f(){throw"x"}',
    'e="includes credentials: "+A)}s=r(e);n="cors"',
  ])('not found: %s', (text) => {
    expect(inCode(text)).toEqual([]);
  });
  it('base64 secrets that start with + and hold more + are still found (a review)', () => {
    const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
    expect(inCode(`secret_key = "+${pick(B64, 6)}+${pick(B64, 3)}+${pick(B64, 10)}"`).length).toBe(1);
    expect(inCode(`api_token = "+${pick(B64, 1)}+${pick(B64, 22)}"`).length).toBe(1);
  });
  it('a quoted value starting with + is still found', () => {
    expect(inCode(`const password = "+${pick('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 20)}";`).length).toBe(1);
  });
});
