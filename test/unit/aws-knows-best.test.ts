import { describe, expect, it } from 'vitest';
import { DETECTORS } from '../../src/detectors/index.js';
import { Prefilter } from '../../src/scan/prefilter.js';
import type { Candidate, Fragment } from '../../src/types.js';
import { fakeKeyId, fakeSecret, pick } from '../helpers/secrets.js';

/**
 * Issue 11, "AWS knows best": what the AWS rules know about AWS values holds for every rule.
 * A value with the AWS secret key's shape under any secret-bearing name is reported as an AWS
 * secret key; an AWS unique ID or an impossible key ID is reported by no rule.
 */
const prefilter = new Prefilter(DETECTORS);

function found(path: string, text: string): Candidate[] {
  const fragment: Fragment = { path, startLine: 1, startColumn: 0, text };
  const specific: Candidate[] = [];
  const fallback: Candidate[] = [];
  for (const d of prefilter.select(text)) (d.fallback ? fallback : specific).push(...d.detect(fragment));
  return [...specific, ...fallback.filter((c) => !specific.some((s) => c.start < s.end && s.start < c.end))];
}

describe('a 40-character AWS-shaped secret under a name the AWS rule does not know', () => {
  it.each([
    ['.env', (s: string) => `BACKUP_STORAGE_SECRET=${s}`],
    ['config/app.yaml', (s: string) => `s3:\n  credential: "${s}"`],
    ['src/upload.ts', (s: string) => `const uploaderToken: string = '${s}';`],
    ['main.go', (s: string) => `os.Setenv("S3_PASSWORD", "${s}")`],
    ['Dockerfile', (s: string) => `ENV MINIO_SECRET ${s}`],
  ])('%s: reported as aws-secret-access-key at its position', (path, line) => {
    const secret = fakeSecret().replace(/^(.{10})./, '$17'); // a digit, as AWS keys nearly always have
    const text = line(secret);
    const hits = found(path, text);
    expect(hits.map((c) => c.ruleId)).toEqual(['aws-secret-access-key']);
    expect(text.slice(hits[0]!.start, hits[0]!.end)).toBe(secret);
    expect(hits[0]!.facts?.['keyKind']).toMatch(/AWS secret access key/);
  });

  it('other 40-character values under secret names stay generic (hex digests are not AWS keys; words are nothing)', () => {
    const hex = pick('0123456789abcdef', 40);
    expect(found('.env', `BACKUP_TOKEN=${hex}`).map((c) => c.ruleId)).toEqual(['generic-secret']);
    expect(found('.env', 'BACKUP_TOKEN=ThisIsNotARealTokenButAVeryLongSentence12')).toEqual([]);
  });
});

describe('AWS unique IDs and impossible key IDs are reported by no rule', () => {
  const body = () => fakeKeyId().slice(4);
  it.each(['AIDA', 'AROA', 'AGPA', 'AIPA', 'ANPA', 'ANVA', 'APKA', 'ASCA'])('%s… under secret-bearing names', (prefix) => {
    const id = prefix + body();
    for (const text of [`aws_access_key = ${id}`, `"accessKey": "${id}"`, `api_token: ${id}`, `os.Setenv("AWS_TOKEN", "${id}")`]) {
      expect(found('conf/app.yaml', text), text).toEqual([]);
    }
  });

  it('a key ID with 0, 1, 8 or 9 in its base32 part', () => {
    for (const bad of ['0', '1', '8', '9']) {
      const id = fakeKeyId().slice(0, 12) + bad + fakeKeyId().slice(13);
      expect(found('.env', `SERVICE_ACCESS_KEY=${id}`), id).toEqual([]);
    }
  });
});
