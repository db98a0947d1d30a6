import { B32 } from './fake.js';

/**
 * What can be known offline about an AWS access key ID.
 *
 * Kind: the 4-character prefix (AWS IAM User Guide, "Understanding unique ID prefixes").
 * Account: for current-generation IDs, the 16 characters after the prefix are base32; the first
 * 6 decoded bytes, read big-endian, hold the account ID in bits 7..46 (mask 0x7fffffffff80,
 * shift right 7). Published by Aidan Steele (2020) and Tal Be'ery (2023); verified here on
 * their examples. IDs whose 5th character is I or J are older-generation and carry no account.
 */

/**
 * How near (in lines, in one file) an AWS key ID and its secret key sit, as credentials files,
 * .env files and code write them: the AWS rule looks for a bare 40-character secret only this
 * near a key ID (aws.ts), and such a pair is linked as one credential (scan/pairs.ts).
 */
export const PAIR_WINDOW = 5;

export const KEY_ID_KINDS: Readonly<Record<string, string>> = {
  AKIA: 'long-term access key (IAM user or root)',
  ASIA: 'temporary access key (AWS STS session)',
  ABIA: 'AWS STS service bearer token',
  ACCA: 'context-specific credential',
};

export function keyIdKind(keyId: string): string {
  if (keyId.startsWith('A3T')) return 'older-format access key ID (A3T prefix)';
  return KEY_ID_KINDS[keyId.slice(0, 4)] ?? 'unknown AWS key ID prefix';
}

function base32Decode(s: string): number[] {
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of s) {
    const v = B32.indexOf(ch);
    if (v < 0) throw new RangeError(`not base32: ${ch}`);
    value = (value << 5) | v;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return out;
}

export type AccountResult = { kind: 'account'; accountId: string } | { kind: 'old-generation' } | { kind: 'unknown' };

export function accountIdFromKeyId(keyId: string): AccountResult {
  if (!/^A(KIA|SIA|BIA|CCA)[A-Z2-7]{16}$/.test(keyId)) return { kind: 'unknown' };
  const fifth = keyId[4];
  if (fifth === 'I' || fifth === 'J') return { kind: 'old-generation' };
  const bytes = base32Decode(keyId.slice(4)).slice(0, 6);
  // 48 bits fit exactly in a double; (z & 0x7fffffffff80) >> 7 without 32-bit bit operators.
  let z = 0;
  for (const b of bytes) z = z * 256 + b;
  const account = Math.floor(z / 128) % 2 ** 40;
  // 40 bits reach 1,099,511,627,775; account IDs are 12 digits. A key ID that decodes past
  // them names no account: say nothing rather than a 13-digit "account".
  if (account > 999_999_999_999) return { kind: 'unknown' };
  return { kind: 'account', accountId: String(account).padStart(12, '0') };
}
