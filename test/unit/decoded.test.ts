import { describe, expect, it } from 'vitest';
import { EMPTY_CONFIG } from '../../src/config/config.js';
import { DETECTORS } from '../../src/detectors/index.js';
import { decodedViews } from '../../src/scan/decoded.js';
import { Scanner } from '../../src/scan/scanner.js';
import type { Finding } from '../../src/types.js';
import { draw, fakeKeyId, fakeSecret, pick } from '../helpers/secrets.js';

/**
 * Issue 11, decoding: a credential written encoded (string escapes, a base64 value in a
 * configuration file) is found, at the encoded text's position, saying it was encoded.
 */
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const b64 = (s: string) => Buffer.from(s).toString('base64');

async function scan(path: string, text: string): Promise<Finding[]> {
  const scanner = new Scanner(DETECTORS);
  scanner.scan({ path, startLine: 1, startColumn: 0, text });
  return (await scanner.result(EMPTY_CONFIG)).findings;
}
const at = (fs: Finding[]) => fs.map((f) => `${f.ruleId} ${f.line}:${f.column}${f.facts?.['encoding'] ? ' encoded' : ''}`);

describe('base64 values in configuration: a Kubernetes Secret', () => {
  it('finds the key pair inside data:, by the AWS rules, at the encoded values', async () => {
    const id = fakeKeyId();
    const secret = fakeSecret();
    const text = `apiVersion: v1\nkind: Secret\ndata:\n  AWS_ACCESS_KEY_ID: ${b64(id)}\n  AWS_SECRET_ACCESS_KEY: "${b64(secret)}"\n  region: ${b64('us-east-1')}\n`;
    expect(at(await scan('k8s/secret.yaml', text))).toEqual(['aws-access-key-id 4:22 encoded', 'aws-secret-access-key 5:27 encoded']);
  });

  it("only a whole value after the line's first : or =, after a key: CRLF, list items, quotes, not a : inside a value", async () => {
    const secret = fakeSecret();
    const lines = [
      `AWS_SECRET_ACCESS_KEY: ${b64(secret)}\r`,
      `  - "aws_secret_access_key" = '${b64(secret)}' ,`,
      `note: "see aws_secret_access_key:${b64(secret)}"`,
      `a b: aws_secret_access_key=${b64(secret)}`,
      `aws_secret_access_key=${b64(secret)}=${b64('x')}`,
    ];
    expect(at(await scan('cfg/creds.yaml', lines.join('\n') + '\n'))).toEqual(['aws-secret-access-key 1:24 encoded', 'aws-secret-access-key 2:32 encoded']);
  });

  it('lines ended by a lone CR, U+2028 or U+2029 are lines too (as the value regex reads them)', async () => {
    const id = fakeKeyId();
    const secret = fakeSecret();
    for (const end of ['\r', '\u2028', '\u2029']) {
      const text = `kind: Secret${end}data:${end}  AWS_ACCESS_KEY_ID: ${b64(id)}${end}  AWS_SECRET_ACCESS_KEY: ${b64(secret)}${end}`;
      const found = (await scan('k8s/secret.yaml', text)).map((f) => `${f.ruleId} ${f.facts?.['encoding'] ? 'encoded' : ''}`);
      expect(found, JSON.stringify(end)).toEqual(['aws-access-key-id encoded', 'aws-secret-access-key encoded']);
    }
  });

  it('decodes nothing in code, and nothing that is not printable text', async () => {
    expect(decodedViews({ path: 'src/a.ts', startLine: 1, startColumn: 0, text: `id: ${b64(fakeKeyId())}\n` })).toEqual([]);
    const binary = Buffer.from(Array.from({ length: 30 }, (_, i) => (i * 37) % 256)).toString('base64');
    expect(decodedViews({ path: 'a.yaml', startLine: 1, startColumn: 0, text: `blob: ${binary}\n` })).toEqual([]);
  });
});

describe('string escapes', () => {
  it('\\/ in a JSON URL, \\u in a JS string, \\" around a nested JSON pair', async () => {
    const hook = `https:\\/\\/hooks.slack.com\\/services\\/T${pick(ALNUM, 8)}\\/B${pick(ALNUM, 8)}\\/${pick(ALNUM, 24)}`;
    const id = fakeKeyId();
    const token = pick(ALNUM, 28);
    const text = [`{"webhook": "${hook}",`, ` "bundle": "x = '\\u0041${id.slice(1)}'",`, ` "env": "{\\"api_token\\": \\"${token}\\"}"}`, ''].join('\n');
    expect(at(await scan('app/settings.json', text))).toEqual(['slack-webhook 1:14 encoded', 'aws-access-key-id 2:18 encoded', 'generic-secret 3:28']);
  });

  it('a key pair right after a \\n or \\t escape: a credentials CSV pasted into a JSON, JS or YAML string', async () => {
    const [id, secret] = [fakeKeyId(), fakeSecret()];
    const csv = `{"csv": "Access key ID,Secret access key\\n${id},${secret}\\n"}\n`;
    expect(at(await scan('creds.json', csv))).toEqual(['aws-access-key-id 1:43', 'aws-secret-access-key 1:64']);
    const tabs = `const csv = "id\\tsecret\\r\\n${id}\\t${secret}";\n`;
    expect(at(await scan('a.js', tabs))).toEqual(['aws-access-key-id 1:28', 'aws-secret-access-key 1:50']);
    expect(at(await scan('a.yaml', `creds: "\\n${id}"\n`))).toEqual(['aws-access-key-id 1:11']);
    // A \\n before a word is no escape to decode around (minified code is full of them).
    expect(decodedViews({ path: 'a.js', startLine: 1, startColumn: 0, text: 'throw new Error("bad\\nTry again\\nOr not");\n' })).toEqual([]);
  });

  it('percent-encoded after a secret name (a form body, a logged request): decoded there, not at every %2F', async () => {
    const [id, secret] = [fakeKeyId(), `${fakeSecret().slice(0, 36)}/+Zq`];
    const body = `POST /login body=aws_access_key_id%3D${id}%26aws_secret_access_key%3D${encodeURIComponent(secret)}%26region%3Dus-east-1\n`;
    expect(at(await scan('logs/req.log', body))).toEqual(['aws-access-key-id 1:38', 'aws-secret-access-key 1:85 encoded']);
    // A URL full of encodings and no secret name before an encoded = or : has no view.
    expect(decodedViews({ path: 'a.md', startLine: 1, startColumn: 0, text: 'see https://x.io/a%2Fb%3Dc?q=%20x%3Ay\n' })).toEqual([]);
  });

  it('text without encodings has no views; a plain finding is reported once, not also as encoded', async () => {
    expect(decodedViews({ path: 'a.json', startLine: 1, startColumn: 0, text: '{"a": "b"}\n' })).toEqual([]);
    const id = fakeKeyId();
    expect(at(await scan('a.json', `{"id": "${id}", "url": "a\\/b"}\n`))).toEqual(['aws-access-key-id 1:9']);
  });

  it('a huge minified line is decoded only around its escapes', () => {
    const line = 'a'.repeat(200_000) + '"\\u0041"' + 'b'.repeat(200_000);
    const views = decodedViews({ path: 'dist/x.js', startLine: 1, startColumn: 0, text: line });
    expect(views).toHaveLength(1);
    expect(views[0]!.fragment.text.length).toBeLessThan(600);
  });
});

describe('review findings (issue 11/14 changes)', () => {
  it('a key ID and its secret key inside one base64 value are two findings', async () => {
    const id = fakeKeyId();
    const secret = fakeSecret();
    const text = `data:\n  creds: ${b64(JSON.stringify({ aws_access_key_id: id, aws_secret_access_key: secret }))}\n`;
    expect(at(await scan('k8s/s.yaml', text)).sort()).toEqual(['aws-access-key-id 2:10 encoded', 'aws-secret-access-key 2:10 encoded']);
  });

  it('a long line full of escapes is decoded in linear time', () => {
    const unit = '"\\u0041b"';
    const time = (n: number): number => {
      const text = unit.repeat(n);
      const t0 = performance.now();
      decodedViews({ path: 'm.js', startLine: 1, startColumn: 0, text });
      return performance.now() - t0;
    };
    time(1000);
    // Quadratic, 8x the text would take 64x the time; linear, 8x (slack for timer noise).
    const small = Math.max(time(20_000), 1);
    expect(time(160_000) / small).toBeLessThan(30);
  });
});

describe('code and values inside JSON strings (notebooks, JSON written by PHP)', () => {
  it('finds key = \\"value\\" and f(key=\\"value\\") in a notebook cell, and a JSON value with an escaped slash', async () => {
    // Found by an adversarial trial: a notebook's cells are code inside JSON strings, and only a
    // quoted name before = or : was decoded.
    const secret = fakeSecret().replace(/^(.{10})./, '$1/');
    const id = fakeKeyId();
    const cells = [
      `"os.environ[\\"AWS_SECRET_ACCESS_KEY\\"] = \\"${secret}\\"\\n",`,
      `"!export AWS_SECRET_ACCESS_KEY=\\"${secret}\\"\\n",`,
      `"boto3.client(\\"s3\\", aws_secret_access_key=\\"${secret}\\")\\n",`,
      `"secret_key = \\"${secret}\\"\\n"`,
    ];
    const notebook = `{"cells": [{"cell_type": "code", "source": [\n${cells.join('\n')}\n]}]}\n`;
    expect((await scan('analysis.ipynb', notebook)).map((f) => `${f.ruleId} ${f.line}`)).toEqual([
      'aws-secret-access-key 2',
      'aws-secret-access-key 3',
      'aws-secret-access-key 4',
      'aws-secret-access-key 5',
    ]);
    const php = `{"aws_access_key_id":"${id}","aws_secret_access_key":"${secret.replace('/', '\\/')}"}\n`;
    expect(at(await scan('creds.json', php))).toEqual(['aws-access-key-id 1:23', `aws-secret-access-key 1:${php.indexOf(secret.slice(0, 10)) + 1} encoded`]);
  });
});

describe('a view maps each of its characters back onto the text it was decoded from', () => {
  // The oracle: each run of view characters that share one place in the original is that
  // place's text as written (one character) or decoded (an escape, a base64 value).
  const SIMPLE: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };
  const unescape = (s: string): string =>
    s.replace(/\\(?:u([0-9a-fA-F]{4})|u\{([0-9a-fA-F]{1,6})\}|x([0-9a-fA-F]{2})|(.))/g, (_, u4?: string, ub?: string, x2?: string, c?: string) => {
      const code = u4 ?? ub ?? x2;
      return code !== undefined ? String.fromCodePoint(Math.min(parseInt(code, 16), 0x10ffff)) : (SIMPLE[c as string] ?? (c as string));
    });
  const decodes = (written: string, shown: string): boolean =>
    written === shown || unescape(written) === shown || Buffer.from(written, 'base64').toString('utf8') === shown;

  function check(path: string, text: string): number {
    let checked = 0;
    for (const view of decodedViews({ path, startLine: 1, startColumn: 0, text })) {
      const shown = view.fragment.text;
      expect(view.map.length).toBe(shown.length);
      expect(view.map.start(-1)).toBeUndefined();
      expect(view.map.end(shown.length)).toBeUndefined();
      let i = 0;
      let covered = view.map.start(0)!;
      while (i < shown.length) {
        const start = view.map.start(i)!;
        const end = view.map.end(i)!;
        let j = i + 1;
        while (j < shown.length && view.map.start(j) === start && view.map.end(j) === end) j++;
        // Runs follow each other in the original, with nothing skipped.
        expect(start, JSON.stringify(text)).toBe(covered);
        expect(decodes(text.slice(start, end), shown.slice(i, j)), `${JSON.stringify(text.slice(start, end))} -> ${JSON.stringify(shown.slice(i, j))}`).toBe(
          true,
        );
        covered = end;
        checked += j - i;
        i = j;
      }
    }
    return checked;
  }

  it('string escapes of every kind, mixed with plain and non-ASCII text, in random lines', () => {
    const pieces = [
      'abc',
      ' = ',
      '"',
      '\\u0041',
      '\\u00e9',
      '\\u{1F600}',
      '\\u{110000}',
      '\\x2F',
      '\\n',
      '\\"',
      '\\\\',
      '\\/',
      ':\\/\\/',
      '\\"key\\": \\"',
      'é',
      '\u{1F600}',
      '\n',
      'token',
      '\\q',
    ];
    let checked = 0;
    for (let n = 0; n < 300; n++) {
      const text = Array.from({ length: 5 + draw(60) }, () => pieces[draw(pieces.length)]).join('');
      checked += check('m.js', text);
    }
    expect(checked).toBeGreaterThan(10_000);
  });

  it('base64 values after a key, quoted or not, with what follows them', () => {
    let checked = 0;
    for (let n = 0; n < 50; n++) {
      const value = Buffer.from(`user=${pick(ALNUM, 8 + draw(20))};pass=${pick(ALNUM, 12)}`).toString('base64');
      const quote = ['', '"', "'"][draw(3)]!;
      checked += check('c.yaml', `name: x\n  ${'secret'.slice(0, 1 + draw(6))}: ${quote}${value}${quote} ,\n`);
    }
    expect(checked).toBeGreaterThan(1_000);
  });
});
