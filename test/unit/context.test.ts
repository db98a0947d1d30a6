import { describe, expect, it } from 'vitest';
import { customDetector } from '../../src/detectors/custom.js';
import { DETECTORS } from '../../src/detectors/index.js';
import { redactedContext, secretSpans, tokenAt } from '../../src/report/context.js';
import { assertNoSecret, fakeKeyId, fakeSecret, pick } from '../helpers/secrets.js';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

describe('review context: no secret shown, whatever sits next to the finding', () => {
  it('masks a bare secret key after its ID, a team rule’s token, every PEM body line, on every context window', () => {
    const id = fakeKeyId();
    const bare = fakeSecret();
    const acme = `acme_${pick('abcdefghijklmnopqrstuvwxyz0123456789', 32)}`;
    const pem = Array.from({ length: 6 }, () => pick(B64, 64));
    const text = [
      `aws_access_key_id = ${id}`,
      bare,
      `ACME = "${acme}"`,
      '-----BEGIN RSA PRIVATE KEY-----',
      ...pem,
      '-----END RSA PRIVATE KEY-----',
      'done = true',
      '',
    ].join('\n');
    const detectors = [
      ...DETECTORS,
      customDetector({ id: 'acme-token', description: 'ACME', regex: 'acme_[a-z0-9]{32}', keywords: ['acme_'], severity: 'high' }),
    ];
    const spans = secretSpans(text, 'conf/app.ini', detectors);
    const lines = text.split('\n').length;
    for (let line = 1; line <= lines; line++) {
      const own = tokenAt(text, line, 1);
      const shown = redactedContext(text, line, [...spans, ...(own ? [own] : [])]).join('\n');
      assertNoSecret([shown], [id, bare, acme, ...pem, ...pem.map((p) => p.slice(0, 40))]);
      expect(shown).toMatch(/\| /);
    }
    const around = redactedContext(text, 2, spans).join('\n');
    expect(around).toMatch(/aws_access_key_id = AKIA…/);
    expect(around).toMatch(/ACME = "acme…/);
    expect(redactedContext(text, 6, spans).join('\n')).toMatch(/\[redacted\]/);
  });

  it('keeps ordinary code readable', () => {
    const text = 'import os\nregion = "eu-west-1"\nsecret = os.environ["APP_SECRET"]\n';
    expect(redactedContext(text, 2, secretSpans(text, 'a.py', DETECTORS))).toEqual([
      '      1 | import os',
      '>     2 | region = "eu-west-1"',
      '      3 | secret = os.environ["APP_SECRET"]',
      '      4 | ',
    ]);
  });
});

describe('a value assigned to a secret-bearing name is masked, found by a rule or not', () => {
  it('short or wordy passwords no rule reports; references to a secret stay readable', () => {
    const text =
      'smtp:\n  pass: Winter55xyzQ\n  DB_PASSWORD=hunter2hunter\n  "token": "abc.def"\n  secret = os.environ["APP_SECRET"]\n  key = process.env.API_KEY\n';
    const shown = redactedContext(text, 3, []).join('\n');
    for (const value of ['Winter55xyzQ', 'hunter2hunter', 'abc.def']) expect(shown).not.toContain(value);
    expect(shown).toContain('os.environ["APP_SECRET"]');
    expect(redactedContext(text, 6, []).join('\n')).toContain('process.env.API_KEY');
  });
});
