import type { Candidate, Detector, Fragment } from '../types.js';
import { accountIdFromKeyId, keyIdKind, PAIR_WINDOW } from './aws-facts.js';
import { BASE32, BASE64, shannonEntropy } from './entropy.js';
import { hasMixedCase, hasSequentialRun, isPlaceholder } from './heuristics.js';
import { fakeAwsKeyId, fakeAwsSecret, fakeBase64 } from './fake.js';
import { defineDetector, type Found } from './define.js';
import { lineIndexAt, type RegexHit, regexHits, spanOf } from './regex.js';

/*
 * Entropy gates, chosen from measurement (200,000 random values each, see test/unit/entropy):
 * - key ID body, 16 base32 chars: 13 in 2,000,000 random values fall below 2.5 bits, none
 *   below 2.25; TESTTESTTESTTEST is 1.5, so 2.25 keeps every generated ID and drops the typed.
 * - secret key, 40 base64 chars: random values span 4.13..5.27; a 40-char hex SHA-1 never
 *   exceeds 4.0 (16 symbols), so 4.0 keeps git hashes out while losing no random key.
 * - a bare 40-char string (no key name beside it) must clear 4.2 (0.1% of random keys fall
 *   below 4.35, so the loss is tiny) and sit within PAIR_WINDOW lines of a key ID.
 * - session tokens are hundreds of base64 chars: random ones measure > 5.6; 4.5 is lenient.
 */
export const KEY_ID_MIN_ENTROPY = 2.25;
export const SECRET_MIN_ENTROPY = 4.0;
export const BARE_SECRET_MIN_ENTROPY = 4.2;
export const SESSION_TOKEN_MIN_ENTROPY = 4.5;

/** A key ID: a long-term or temporary key's prefix (or the oldest form's A3T) and 16 base32 characters. */
const KEY_ID = '(?<secret>(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}|A3T[A-Z0-9][A-Z2-7]{16})';
/**
 * The text rule's key ID; what may come before it is checked in code (afterBoundary). A
 * lookbehind that let a %XX through ((?:(?<![A-Za-z0-9])|(?<=%[0-9A-Fa-f]{2}))) made irregexp
 * try the pattern at every character: 30x slower over real code (0.5 s a 60 MB).
 */
const KEY_ID_RE = new RegExp(`${KEY_ID}(?![A-Za-z0-9])`, 'dg');

/**
 * Not glued to a letter or digit before it, unless that is a percent-encoded character's last
 * hex digit (aws_access_key_id%3DAKIA..., a request body or HAR file, URL-encoded).
 */
function afterBoundary(text: string, at: number): boolean {
  if (at === 0 || !isAlnum(text.charCodeAt(at - 1))) return true;
  return at >= 3 && text.charCodeAt(at - 3) === 0x25 && isHex(text.charCodeAt(at - 2)) && isHex(text.charCodeAt(at - 1));
}

const isAlnum = (c: number): boolean => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
const isHex = (c: number): boolean => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
/**
 * In a binary file's strings, a key ID with no word boundary before it: binary formats pack
 * fields with nothing between them (a SQLite row is its values back to back, `aliceAKIA…prod`,
 * its header's size bytes printable digits), so the text rule's boundaries missed a key stored
 * in a database. After it, no more of its alphabet: without that end, 2.1 GB of this machine's
 * binaries (/usr/bin, shared libraries, node) gave 29 false findings in runs of capitals
 * (`ARMYARTSASIA…AUTOAVER`, base64 tables); with it, none. So a key ID packed straight before
 * capitals or the digits 2-7 (`AKIA…PROD`) is not found in a binary.
 */
const PACKED_KEY_ID_RE = new RegExp(`${KEY_ID}(?![A-Z2-7])`, 'dg');

/** Does this 20-char ID look generated, not typed? */
function keyIdRejection(keyId: string): string | undefined {
  const body = keyId.slice(4);
  if (isPlaceholder(body)) return 'placeholder';
  if (hasSequentialRun(body)) return 'sequential characters';
  if (shannonEntropy(body, BASE32) < KEY_ID_MIN_ENTROPY) return 'low entropy';
  return undefined;
}

export function keyIdFacts(keyId: string): Record<string, string> {
  const facts: Record<string, string> = { keyKind: keyIdKind(keyId) };
  const account = accountIdFromKeyId(keyId);
  if (account.kind === 'account') facts['awsAccountId'] = account.accountId;
  else if (account.kind === 'old-generation') {
    facts['awsAccount'] = 'not encoded (older-generation key ID)';
  }
  return facts;
}

/** The access key IDs in a text: what the key-ID rule reports, and what a bare secret key must sit beside. */
function* keyIdsIn(text: string, packed = false): Generator<RegexHit> {
  for (const hit of regexHits(packed ? PACKED_KEY_ID_RE : KEY_ID_RE, text)) {
    if ((packed || afterBoundary(text, hit.start)) && keyIdRejection(hit.secret) === undefined) yield hit;
  }
}

function findKeyIds(fragment: Fragment): Found[] {
  const out: Found[] = [];
  for (const hit of keyIdsIn(fragment.text, fragment.binary === true)) {
    const old = hit.secret.startsWith('A3T');
    out.push({
      ...spanOf(hit),
      severity: old ? 'medium' : 'high',
      confidence: old ? 'low' : 'high',
      entropy: shannonEntropy(hit.secret.slice(4), BASE32),
      facts: keyIdFacts(hit.secret),
    });
  }
  return out;
}

// AWS IAM User Guide, "IAM identifiers", "Understanding unique ID prefixes"
// (docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html): AKIA access key, ASIA
// temporary (STS) key, ABIA STS service bearer token (also id_credentials_bearer), ACCA
// context-specific credential; AWS's guides: "a 20-character, alphanumeric sequence" (example
// AKIAIOSFODNN7EXAMPLE). unverified: the base32 alphabet of the 16 after the prefix, and A3T
// (at low), as issued; the IAM API promises only 16-128 word characters.
export const awsAccessKeyId: Detector = defineDetector({
  id: 'aws-access-key-id',
  description: 'AWS access key ID',
  confidence: 'high',
  validates: true,
  keywords: ['akia', 'asia', 'abia', 'acca', 'a3t'],
  find: findKeyIds,
  patterns: () => [KEY_ID_RE, PACKED_KEY_ID_RE],
  get examples() {
    return {
      positives: [
        `aws_access_key_id = ${fakeAwsKeyId(1)}`,
        `const id = "${fakeAwsKeyId(2, 'ASIA')}";`,
        `key: ${fakeAwsKeyId(3, 'ABIA')}`,
        `<AccessKeyId>${fakeAwsKeyId(4, 'ACCA')}</AccessKeyId>`,
        `id=${fakeAwsKeyId(5)}&x=1`,
        `body=aws_access_key_id%3D${fakeAwsKeyId(20)}%26region%3Dus-east-1`,
      ],
      negatives: [
        'AKIAXXXXXXXXXXXXXXXX',
        'AKIATESTTESTTESTTEST',
        'AKIAABCDEFGHIJKLMNOP',
        `role: ${fakeAwsKeyId(6, 'AROA')}`,
        `user: ${fakeAwsKeyId(7, 'AIDA')}`,
        `policy: ${fakeAwsKeyId(8, 'ANPA')}`,
        `${fakeAwsKeyId(9)}0`,
        `x${fakeAwsKeyId(10)}`,
        'AKIAY34FZKBOKMUTVV18',
      ],
    };
  },
});

/*
 * The key name, in any common syntax: aws_secret_access_key, AWS_SECRET_ACCESS_KEY,
 * SecretAccessKey, secretAccessKey, secret_key, aws.secretKey, secret-access-key, aws_secret.
 * Then what joins a name to its value: = : => := <- , > (XML) or whitespace (Dockerfile ENV),
 * with optional quotes, brackets and a function call opening: setSecret("...").
 */
const SECRET_NAME = String.raw`(?:secret[_.\- ]?(?:access[_.\- ]?)?key|aws[_.\-]?secret)`;
const JOIN = String.raw`[A-Za-z0-9_\-]{0,20}["'\x60\]]{0,2}[ \t]{0,40}(?:=>|:=|<-|[=:,>(]|[ \t])[ \t]{0,4}(?:value[ \t]?=[ \t]?)?["'\x60]?`;
const SECRET_KEY_RE = new RegExp(String.raw`${SECRET_NAME}${JOIN}(?<secret>[A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])`, 'dgi');
const BARE_SECRET_RE = /(?<![A-Za-z0-9/+=])(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/dg;

function secretRejection(secret: string, minEntropy: number): string | undefined {
  if (isPlaceholder(secret)) return 'placeholder';
  if (!hasMixedCase(secret)) return 'not mixed case';
  if (hasSequentialRun(secret, 8)) return 'sequential characters';
  if (shannonEntropy(secret, BASE64) < minEntropy) return 'low entropy';
  return undefined;
}

function findSecretKeys(fragment: Fragment): Found[] {
  const out: Found[] = [];
  const seen = new Set<number>();
  for (const hit of regexHits(SECRET_KEY_RE, fragment.text)) {
    if (secretRejection(hit.secret, SECRET_MIN_ENTROPY) !== undefined) continue;
    seen.add(hit.start);
    out.push(secretKeyFound(hit, 'high'));
  }
  const keyIdLines = Array.from(keyIdsIn(fragment.text), (hit) => lineIndexAt(fragment.text, hit.start));
  if (keyIdLines.length === 0) return out;
  for (const hit of regexHits(BARE_SECRET_RE, fragment.text)) {
    if (seen.has(hit.start)) continue;
    const line = lineIndexAt(fragment.text, hit.start);
    if (!keyIdLines.some((k) => Math.abs(k - line) <= PAIR_WINDOW)) continue;
    if (secretRejection(hit.secret, BARE_SECRET_MIN_ENTROPY) !== undefined) continue;
    out.push(secretKeyFound(hit, 'medium'));
  }
  return out;
}

/**
 * Any 20-character value with an AWS key-ID or unique-ID prefix: a credential ID that the key-ID
 * rule accepts is reported by it; every other one (a user's or role's unique ID, an ID with a
 * 0, 1, 8 or 9 in its base32 part, a typed placeholder) is no credential, whatever rule sees it.
 */
const AWS_ID_SHAPE = /^(?:AKIA|ASIA|ABIA|ACCA|AIDA|AROA|AGPA|AIPA|ANPA|ANVA|APKA|ASCA|A3T[A-Z0-9])[A-Z0-9]{16}$/;

export function isAwsIdShaped(value: string): boolean {
  return AWS_ID_SHAPE.test(value);
}

/**
 * Whether a value another rule found under a secret-bearing name has the AWS secret key's
 * shape: 40 base64 characters, mixed case, a digit, generated-looking (the gates above). Such a
 * value is reported as an AWS secret key, whatever name it is under (my_s3_secret,
 * storageCredential, BACKUP_PASSWORD): that tells the developer what to rotate.
 */
export function isAwsSecretShaped(value: string): boolean {
  return value.length === 40 && /^[A-Za-z0-9/+]+$/.test(value) && /[0-9]/.test(value) && secretRejection(value, SECRET_MIN_ENTROPY) === undefined;
}

/** A generic candidate whose value is an AWS secret key's shape, reported as one. */
export function asAwsSecretKey(c: Candidate): Candidate {
  if (!isAwsSecretShaped(c.secret)) return c;
  return {
    ...c,
    ruleId: 'aws-secret-access-key',
    severity: 'high',
    confidence: 'medium',
    entropy: shannonEntropy(c.secret, BASE64),
    facts: { keyKind: 'AWS secret access key (the private half of an access key), by its shape under a secret name' },
  };
}

function secretKeyFound(hit: RegexHit, confidence: 'high' | 'medium'): Found {
  return {
    ...spanOf(hit),
    severity: 'high',
    confidence,
    entropy: shannonEntropy(hit.secret, BASE64),
    facts: { keyKind: 'AWS secret access key (the private half of an access key)' },
  };
}

// AWS's guides (the SQS Getting Started Guide, 2008-01-01, AWSCredentials): "Secret Access Key
// (a 40-character sequence)"; AWS's examples (aws.amazon.com/developers/access-keys) use
// A-Z a-z 0-9 / +. unverified: today's IAM and STS API references give it no length or pattern.
export const awsSecretAccessKey: Detector = defineDetector({
  id: 'aws-secret-access-key',
  description: 'AWS secret access key',
  // S3-compatible services (Wasabi, Yandex, ...) take keys under AWS's names: their rules know them.
  broad: true,
  confidence: 'high',
  // Every way SECRET_NAME can start (not just "secret": code is full of that word), and the key
  // ID prefixes for a bare secret beside an ID.
  keywords: [
    ...['', '_', '.', '-', ' '].flatMap((sep) => [`secret${sep}key`, `secret${sep}access`]),
    ...['', '_', '.', '-'].map((sep) => `aws${sep}secret`),
    'akia',
    'asia',
    'abia',
    'acca',
    'a3t',
  ],
  find: findSecretKeys,
  patterns: () => [SECRET_KEY_RE, BARE_SECRET_RE, KEY_ID_RE],
  get examples() {
    const S = fakeAwsSecret(12);
    return {
      positives: [
        `aws_secret_access_key = ${S}`,
        `aws_region                 = "eu-west-1"\naws_secret_access_key      = "${S}"`,
        `AWS_SECRET_ACCESS_KEY=${S}`,
        `"SecretAccessKey": "${S}",`,
        `  secretAccessKey: '${S}',`,
        `terraform:  secret_key = "${S}"`,
        `<add key="AWSSecretKey" value="${S}" />`,
        `secret_key: ${S}`,
        `aws.secretKey=${S}`,
        `  secret_key = "${S}"`,
        `ENV AWS_SECRET_ACCESS_KEY ${S}`,
        `export AWS_SECRET_ACCESS_KEY="${S}"`,
        `<SecretAccessKey>${S}</SecretAccessKey>`,
        `id = "${fakeAwsKeyId(11)}"\nkey = "${S}"`,
      ],
      negatives: [
        'aws_secret_access_key = ${AWS_SECRET_ACCESS_KEY}',
        'secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY,',
        'aws_secret_access_key = os.environ["AWS_SECRET_ACCESS_KEY"]',
        'aws_secret_access_key = <your-secret-access-key>',
        'secret_key = "da39a3ee5e6b4b0d3255bfef95601890afd80709"',
        'aws_secret_access_key = XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX',
        'aws_secret_access_key = abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN',
        `key = "${S}"`,
        `aws_secret_access_key = ${S}ZZ`,
      ],
    };
  },
});

const SESSION_TOKEN_RE =
  /(?:aws[_.\-]?)?(?:session|security)[_.\-]?token[A-Za-z0-9_\-]{0,20}["'\x60\]]{0,2}[ \t]{0,4}(?:=>|:=|<-|[=:,>(]|[ \t])[ \t]{0,4}["'\x60]?(?<secret>[A-Za-z0-9/+=]{100,8192})(?![A-Za-z0-9/+=])/dgi;

function findSessionTokens(fragment: Fragment): Found[] {
  const out: Found[] = [];
  for (const hit of regexHits(SESSION_TOKEN_RE, fragment.text)) {
    if (isPlaceholder(hit.secret) || !hasMixedCase(hit.secret)) continue;
    const entropy = shannonEntropy(hit.secret, BASE64);
    if (entropy < SESSION_TOKEN_MIN_ENTROPY) continue;
    out.push({
      ...spanOf(hit),
      severity: 'high',
      confidence: 'high',
      entropy,
      facts: { keyKind: 'AWS STS session token (valid until it expires)' },
    });
  }
  return out;
}

const SESSION_KEYWORDS = ['session', 'security'].flatMap((w) => ['token', '_token', '-token', '.token'].map((t) => w + t));

// AWS STS API Reference, "Credentials" (docs.aws.amazon.com/STS/latest/APIReference/
// API_Credentials.html): SessionToken is a string; the SDKs' docs: its size "is not fixed".
// Found by its name (AWS's own field names), so no shape is assumed beyond base64 and a floor.
export const awsSessionToken: Detector = defineDetector({
  id: 'aws-session-token',
  description: 'AWS session token',
  confidence: 'high',
  keywords: SESSION_KEYWORDS,
  find: findSessionTokens,
  patterns: () => [SESSION_TOKEN_RE],
  get examples() {
    return {
      positives: [`aws_session_token = FwoGZXIvYXdz${fakeBase64(300, 13)}`, `"SessionToken": "IQoJb3JpZ2luX2Vj${fakeBase64(400, 14)}"`],
      negatives: ['aws_session_token = ${AWS_SESSION_TOKEN}', `aws_session_token = ${'A'.repeat(200)}`, 'sessionToken: credentials.sessionToken,'],
    };
  },
});
