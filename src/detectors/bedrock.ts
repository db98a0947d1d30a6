import type { Detector } from '../types.js';
import { accountIdFromKeyId, keyIdKind } from './aws-facts.js';
import { defineRule } from './define.js';
import { ALNUM, B32, fakeString } from './fake.js';

/**
 * Amazon Bedrock API keys (AWS, "Amazon Bedrock API keys", Bedrock user guide, July 2025):
 *  - long-term: `ABSK` + base64 of `BedrockAPIKey-<id>-at-<12-digit account>:<secret>`; the
 *    decoded form is checked, and the account reported;
 *  - short-term: `bedrock-api-key-` + base64 of a SigV4-presigned
 *    `bedrock.amazonaws.com/?Action=CallWithBearerToken&X-Amz-Credential=<key id>/...` URL;
 *    the decoded form is checked, and the access key ID inside it (and its account) reported.
 * Both grant Bedrock calls as the key's IAM identity: rotate them as access keys.
 */
function decode(b64: string): string {
  try {
    return Buffer.from(b64, 'base64').toString('latin1');
  } catch {
    return '';
  }
}

const LONG_TERM = /^BedrockAPIKey-[A-Za-z0-9]{1,64}-at-(?<account>\d{12}):[\x21-\x7e]{16,}$/;

/** A long-term key built as AWS builds them (for the examples: never a real key). */
function fakeLongTerm(seed: number): string {
  return 'ABSK' + Buffer.from(`BedrockAPIKey-${fakeString(ALNUM, 4, seed)}-at-123456789012:${fakeString(ALNUM, 40, seed + 1)}`).toString('base64');
}

function fakeShortTerm(seed: number): string {
  const keyId = 'ASIAQ' + fakeString(B32, 15, seed);
  const url =
    `bedrock.amazonaws.com/?Action=CallWithBearerToken&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${keyId}%2F20251201%2Fus-east-1%2Fbedrock%2Faws4_request` +
    `&X-Amz-Date=20251201T000000Z&X-Amz-Expires=43200&X-Amz-Security-Token=${fakeString(ALNUM, 120, seed + 1)}&X-Amz-Signature=${fakeString('0123456789abcdef', 64, seed + 2)}&X-Amz-SignedHeaders=host&Version=1`;
  return 'bedrock-api-key-' + Buffer.from(url).toString('base64');
}

export const bedrockLongTermKey: Detector = defineRule({
  id: 'aws-bedrock-api-key',
  description: 'Amazon Bedrock API key (long-term ABSK..., short-term bedrock-api-key-...)',
  keywords: ['ABSK'],
  keywordsCaseSensitive: true,
  regex: String.raw`(?<![A-Za-z0-9+/])(?<secret>ABSK[A-Za-z0-9+/]{40,800}={0,2})(?![A-Za-z0-9+/=])`,
  placeholders: false,
  validate: (secret) => (LONG_TERM.test(decode(secret.slice(4))) ? 'valid' : 'invalid'),
  severity: 'critical',
  confidence: 'high',
  facts: (secret) => {
    const account = LONG_TERM.exec(decode(secret.slice(4)))?.groups?.['account'];
    return { keyKind: 'Amazon Bedrock API key (long-term, tied to an IAM user)', ...(account ? { awsAccountId: account } : {}) };
  },
  get examples() {
    return {
      positives: [`AWS_BEARER_TOKEN_BEDROCK=${fakeLongTerm(301)}`],
      negatives: [`ABSK${Buffer.from('not a bedrock key at all, just text').toString('base64')}`, 'ABSKxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    };
  },
});

const SHORT_TERM_CREDENTIAL = /[?&]X-Amz-Credential=(?<keyId>A(?:SIA|KIA)[A-Z2-7]{16})(?:%2F|\/)/;

export const bedrockShortTermKey: Detector = defineRule({
  id: 'aws-bedrock-api-key',
  description: 'Amazon Bedrock API key (long-term ABSK..., short-term bedrock-api-key-...)',
  keywords: ['bedrock-api-key-'],
  regex: String.raw`(?<![A-Za-z0-9_-])(?<secret>bedrock-api-key-[A-Za-z0-9+/]{100,6000}={0,2})(?![A-Za-z0-9+/=])`,
  placeholders: false,
  validate: (secret) => {
    const url = decode(secret.slice('bedrock-api-key-'.length));
    return url.startsWith('bedrock.amazonaws.com/') && SHORT_TERM_CREDENTIAL.test(url) ? 'valid' : 'invalid';
  },
  severity: 'critical',
  confidence: 'high',
  facts: (secret) => {
    const keyId = SHORT_TERM_CREDENTIAL.exec(decode(secret.slice('bedrock-api-key-'.length)))?.groups?.['keyId'];
    if (keyId === undefined) return { keyKind: 'Amazon Bedrock API key (short-term, presigned)' };
    const account = accountIdFromKeyId(keyId);
    return {
      keyKind: `Amazon Bedrock API key (short-term, presigned by ${keyIdKind(keyId)} ${keyId.slice(0, 4)}...${keyId.slice(-4)})`,
      ...(account.kind === 'account' ? { awsAccountId: account.accountId } : {}),
    };
  },
  get examples() {
    return {
      positives: [`export AWS_BEARER_TOKEN_BEDROCK=${fakeShortTerm(311)}`],
      negatives: [`bedrock-api-key-${Buffer.from('example.com/?Action=Nothing'.repeat(5)).toString('base64')}`],
    };
  },
});
