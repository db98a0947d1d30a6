import type { Detector, Fragment } from '../types.js';
import { asAwsSecretKey, isAwsIdShaped } from './aws.js';
import { defineDetector, defineRule, type Found } from './define.js';
import { assignmentWithin } from './gates.js';
import { BASE64, shannonEntropy } from './entropy.js';
import { ALNUM, fakeBase64, fakeString, HEX, URLSAFE } from './fake.js';
import {
  hasSequentialRun,
  isPlaceholderPassword,
  sequentialShare,
  interleavedSequenceShare,
  isPlaceholderUrlPassword,
  spellsPasswordWords,
  isVersion,
  PLACEHOLDER_PASSWORDS,
  templated,
} from './heuristics.js';
import { jsonSegment } from './json-segment.js';
import { readsAsText } from './randomness.js';
import { identifierAround, nameRejection, namesAPassword, nameWords } from './names.js';
import { syntaxFamily } from './syntax.js';
import { isLockFile, lockFileValue } from './lockfiles.js';
import { regexHits } from './regex.js';
import { SECRET_WORD_HEADS } from './regex-parts.js';

/*
 * Secrets recognised by their structure rather than a vendor prefix: PEM private keys
 * (multi-line), JWTs (decoded), and URLs with a password in them.
 */

const PEM_BEGIN = /-----BEGIN (?<secret>(?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?)-----/dg;
const PEM_BODY_CHARS = /[A-Za-z0-9+/=]/;

/**
 * The body that follows a BEGIN line, as base64 characters: on lines of their own, inside a
 * JSON string with \n escapes, or in string literals joined with + (quotes, commas and the +
 * are dropped); headers (Proc-Type, Comment) are skipped. The body is the lines that follow
 * each other: the first line that is none of these ends it (code after a header in a string,
 * `const HEADER = "-----BEGIN PRIVATE KEY-----"`, has no body, whatever words come later).
 */
const ELISION = /\.\.\.|\u2026|^\[?(?:snip|truncated|redacted)\]?$/i;

function pemBody(text: string, from: number, inBlock = false): string {
  let body = '';
  const window = text.slice(from, from + 4096).replace(/\\n/g, '\n');
  for (const raw of window.split('\n')) {
    const line = raw
      .trim()
      .replace(/^[+\s]*["'`]?/, '')
      .replace(/["'`]?[\s,;+)]*$/, '');
    if (line.startsWith('-----END')) break;
    if (line === '' || /^[A-Za-z-]+:/.test(line)) continue;
    // Elided inside a BEGIN...END block, as documentation shows a key (a few lines, then ... or
    // U+2026): no key, whatever came before it. (A body without its block ends at such a line.)
    if (ELISION.test(line)) return inBlock ? '' : body;
    if (![...line].every((c) => PEM_BODY_CHARS.test(c))) break;
    body += line;
    if (body.length >= 256) break;
  }
  return body;
}

/** Where a PEM block's text ends: its END line, else as far as pemBody reads. */
function pemEnd(text: string, from: number): number {
  const end = text.indexOf('-----END', from);
  return end === -1 || end > from + 4096 ? Math.min(text.length, from + 4096) : end + 8;
}

// RFC 7468, sections 10 ("PRIVATE KEY", PKCS#8) and 11 ("ENCRYPTED PRIVATE KEY"); RFC 5915
// ("EC PRIVATE KEY"); OpenSSH's sshkey.c ("-----BEGIN OPENSSH PRIVATE KEY-----"); OpenPGP's
// armour (RFC 4880 section 6.2, "PGP PRIVATE KEY BLOCK"). unverified: "RSA PRIVATE KEY" and
// "DSA PRIVATE KEY" are OpenSSL's traditional labels, in no RFC (but in every OpenSSL).
export const privateKey: Detector = defineDetector({
  id: 'private-key',
  confidence: 'high',
  description: 'Private key (PEM / OpenSSH / PGP)',
  keywords: ['private key'],
  patterns: () => [PEM_BEGIN],
  get examples() {
    return {
      positives: [`-----BEGIN RSA PRIVATE KEY-----\n${fakeBase64(64, 90)}\n${fakeBase64(64, 91)}\n${fakeBase64(64, 92)}\n-----END RSA PRIVATE KEY-----`],
      negatives: [
        '-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----',
        `-----BEGIN RSA PRIVATE KEY-----\n${fakeBase64(64, 93)}\n${fakeBase64(64, 94)}\n...\n-----END RSA PRIVATE KEY-----`,
        '-----BEGIN OPENSSH PRIVATE KEY-----\nxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n-----END OPENSSH PRIVATE KEY-----',
        'const HEADER = "-----BEGIN PRIVATE KEY-----";',
      ],
    };
  },
  find(fragment: Fragment): Found[] {
    const out: Found[] = [];
    for (const hit of regexHits(PEM_BEGIN, fragment.text)) {
      const body = pemBody(fragment.text, hit.match.index + hit.match[0].length, true);
      // A real key body is long and varied; placeholders (..., xxxx, ****, a short sample) are not.
      if (body.length < 48 || shannonEntropy(body, BASE64) < 3.5) continue;
      out.push({
        start: hit.match.index,
        end: hit.match.index + hit.match[0].length,
        secret: hit.match[0],
        // The fingerprint must identify the key, not its BEGIN line.
        identity: `${hit.secret}\n${body}`,
        reach: pemEnd(fragment.text, hit.end),
        severity: 'critical',
        confidence: 'high',
        facts: { keyKind: hit.secret.toLowerCase() },
      });
    }
    return out;
  },
});

/**
 * "-----BEGIN" base64-encoded where a value starts (LS0tLS1CRUdJTi...): a PEM file stored whole
 * as base64, as a Kubernetes Secret's tls.key, a CI variable or a JSON config keeps it. Wrapped
 * base64 (76-character lines, as base64(1) writes it) is read on across its lines.
 */
/** The bytes of base64 text's whole groups of four (a trailing partial group is left out). */
function base64Groups(text: string): Buffer {
  return Buffer.from(text.slice(0, text.length - (text.length % 4)), 'base64');
}

/** How many base64 characters encode only the first `bytes` bytes (whole groups of three). */
function charsOnlyFor(bytes: number): number {
  return Math.floor(bytes / 3) * 4;
}

const PEM_BASE64 = /(?<![A-Za-z0-9+/])(?<secret>LS0tLS1CRUdJTi[A-Za-z0-9+/]{50,8192}={0,2})(?![A-Za-z0-9+/=])/dg;
const PEM_DECODED = /^-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY)-----\r?\n/;
const KUBECONFIG_KEY = /client-key-data["']?\s{0,3}:\s{0,3}["']?$/;
/** Lines that carry on wrapped base64: indentation, base64 characters, nothing else. */
const BASE64_LINE = /\r?\n[ \t]*([A-Za-z0-9+/]{16,}={0,2})(?=\r?\n|$)/y;

// The labels of private-key (RFC 7468) under base64 (RFC 4648): "LS0tLS1CRUdJTi" is what
// "-----BEGIN" encodes to, and the value is decoded and its BEGIN line checked.
export const privateKeyBase64: Detector = defineDetector({
  id: 'private-key-base64',
  confidence: 'high',
  description: 'Private key (PEM) stored base64-encoded (a Kubernetes tls.key, a CI variable)',
  keywords: ['LS0tLS1CRUdJTi'],
  keywordsCaseSensitive: true,
  patterns: () => [PEM_BASE64],
  get examples() {
    const pem = (kind: string, seed: number) =>
      `-----BEGIN ${kind}-----\n${fakeBase64(64, seed)}\n${fakeBase64(64, seed + 1)}\n${fakeBase64(64, seed + 2)}\n-----END ${kind}-----\n`;
    const b64 = (text: string) => Buffer.from(text).toString('base64');
    return {
      positives: [
        `  tls.key: ${b64(pem('RSA PRIVATE KEY', 94))}`,
        `{"privateKey": "${b64(pem('PRIVATE KEY', 97))}"}`,
        `SIGNING_KEY=${b64(pem('EC PRIVATE KEY', 100))}`,
      ],
      negatives: [
        `  tls.crt: ${b64(pem('CERTIFICATE', 103))}`,
        `  tls.key: ${b64('-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----\n')}`,
        `key: ${b64(`-----BEGIN PUBLIC KEY-----\n${fakeBase64(64, 106)}\n-----END PUBLIC KEY-----\n`)}`,
      ],
    };
  },
  find(fragment: Fragment): Found[] {
    const out: Found[] = [];
    const { text } = fragment;
    for (const hit of regexHits(PEM_BASE64, text)) {
      // A kubeconfig's client-key-data is its own rule's (kubeconfig-client-key-data).
      if (KUBECONFIG_KEY.test(text.slice(Math.max(0, hit.start - 40), hit.start))) continue;
      let encoded = hit.secret;
      let reach = hit.end;
      BASE64_LINE.lastIndex = hit.end;
      for (let m = BASE64_LINE.exec(text); m !== null && encoded.length < 8192; m = BASE64_LINE.exec(text)) {
        encoded += m[1];
        reach = BASE64_LINE.lastIndex;
      }
      const decoded = base64Groups(encoded).toString('latin1');
      const header = PEM_DECODED.exec(decoded);
      if (header === null) continue;
      const kind = header[1] as string;
      const body = pemBody(decoded, header[0].length, true);
      // As for a PEM key: a real body is long and varied, a placeholder is not.
      if (body.length < 48 || shannonEntropy(body, BASE64) < 3.5) continue;
      // Reported at the encoded header alone (the characters that encode only its bytes), a
      // marker as a PEM key's BEGIN line is: the key is its identity, never shown.
      const marker = charsOnlyFor(header[0].length);
      out.push({
        start: hit.start,
        end: hit.start + marker,
        secret: text.slice(hit.start, hit.start + marker),
        identity: `${kind}\n${body}`,
        // Through its wrapped lines: a key rotated in place may keep its first line (context).
        reach,
        severity: 'critical',
        confidence: 'high',
        facts: { keyKind: kind.toLowerCase(), encoding: 'base64: the decoded value is the secret' },
      });
    }
    return out;
  },
});

/**
 * The first line of a PEM private key's body, where its BEGIN line is not in the text: the
 * diff of a key file whose BEGIN and END lines stay while the body changes (a template key
 * replaced by a real one, a key rotated in place) shows only the body. Found by an
 * adversarial trial. The line is judged by what it decodes to: the DER of a private key (a
 * SEQUENCE whose first element is the version INTEGER 0, as PKCS#1, PKCS#8 and DSA keys start,
 * or 1 followed by the key's OCTET STRING, as an EC key starts), or OpenSSH's
 * "openssh-key-v1" magic. Certificates and public keys start with a SEQUENCE inside the
 * SEQUENCE instead, and are not found.
 */
const KEY_BODY_LINE = /^[ \t]*(?<secret>(?:M[A-I]|b3BlbnNzaC1rZXktdjE)[A-Za-z0-9+/]{38,74})[ \t]*\r?$/dgm;

/**
 * How many of the line's characters encode only the key's structure (its marker), if it is a
 * private key's first line: 16 (12 bytes) for PKCS#1, PKCS#8 and OpenSSH, whose first 12
 * bytes are headers, versions, algorithm ids and public values; for a SEC1 EC key only those
 * before its private value's OCTET STRING (4 with a 1-byte length: a review found 16 showed
 * 5 bytes of the private value).
 */
function privateKeyMarker(line: string): number | undefined {
  const bytes = base64Groups(line);
  if (bytes.subarray(0, 15).toString('latin1') === 'openssh-key-v1\0') return 16;
  if (bytes[0] !== 0x30) return undefined;
  const lengthByte = bytes[1] ?? 0;
  const at = lengthByte < 0x80 ? 2 : 2 + (lengthByte & 0x7f);
  if (bytes[at] !== 0x02 || bytes[at + 1] !== 0x01) return undefined;
  const version = bytes[at + 2];
  if (version === 0x00) return bytes[at + 3] === 0x02 || bytes[at + 3] === 0x30 ? 16 : undefined;
  // PKCS#8 v2 (RFC 5958): the algorithm's SEQUENCE next, its OID first (an RFC 3161 timestamp
  // request is SEQUENCE, INTEGER 1, SEQUENCE too, but of a SEQUENCE: the review found it).
  if (version === 0x01 && bytes[at + 3] === 0x30) return bytes[at + 5] === 0x06 ? 16 : undefined;
  return version === 0x01 && bytes[at + 3] === 0x04 ? charsOnlyFor(at + 3) : undefined;
}

export const privateKeyBody: Detector = defineDetector({
  id: 'private-key-body',
  confidence: 'high',
  description: "Private key body (a PEM key's base64 lines, shown without their BEGIN line)",
  // The version INTEGER (02 01 00, or 02 01 01 then 04 for EC) as base64 shows it at each
  // length form of the SEQUENCE before it: IBAAK and IBAD (a 2-byte length, then an INTEGER or
  // the algorithm's SEQUENCE: PKCS#1, DSA, PKCS#8), AgEAM (a 1-byte length, PKCS#8 EC), CAQAw
  // (short, PKCS#8 Ed25519), CAQEE and AgEBBD (SEC1 EC), and OpenSSH's magic. Two letters
  // (MI, MH) selected a rule for one fragment in five of real code: 81 ms of a 168 MB scan.
  // Version 1 then the algorithm's SEQUENCE is RFC 5958's v2 key (its public key inside):
  // CAQEw (a 1-byte length: Ed25519's, RFC 8410 section 10.3) and IBAT (a 2-byte length).
  // Sources: RFC 5958 (OneAsymmetricKey, version v1(0) or v2(1)), RFC 5208 (PKCS#8), RFC 8017
  // (RSAPrivateKey, version 0), RFC 5915 (ECPrivateKey, version 1 then the OCTET STRING), and
  // OpenSSH's PROTOCOL.key (AUTH_MAGIC "openssh-key-v1", NUL-terminated in sshkey.c).
  keywords: ['IBAAK', 'IBAD', 'IBAT', 'AgEAM', 'CAQAw', 'CAQEE', 'CAQEw', 'AgEBBD', 'b3BlbnNzaC1rZXktdjE'],
  keywordsCaseSensitive: true,
  patterns: () => [KEY_BODY_LINE],
  get examples() {
    const der = (head: number[], seed: number) =>
      Buffer.concat([Buffer.from(head), Buffer.from(fakeBase64(96, seed), 'base64')])
        .toString('base64')
        .slice(0, 64);
    return {
      positives: [
        // RSA (PKCS#1): 30 82 04 a4, INTEGER 0, INTEGER (the modulus)
        `${der([0x30, 0x82, 0x04, 0xa4, 0x02, 0x01, 0x00, 0x02, 0x82, 0x01, 0x01, 0x00], 120)}\n${fakeBase64(64, 121)}\n${fakeBase64(64, 122)}`,
        // PKCS#8: 30 82 04 bd, INTEGER 0, SEQUENCE (the algorithm)
        `  ${der([0x30, 0x82, 0x04, 0xbd, 0x02, 0x01, 0x00, 0x30, 0x0d, 0x06, 0x09, 0x2a], 123)}\n  ${fakeBase64(64, 124)}`,
        // EC: 30 77, INTEGER 1, OCTET STRING
        `${der([0x30, 0x77, 0x02, 0x01, 0x01, 0x04, 0x20], 125)}\n${fakeBase64(44, 126)}`,
        // PKCS#8 v2 (RFC 5958), Ed25519: 30 72, INTEGER 1, SEQUENCE (the algorithm, 1.3.101.112)
        `${der([0x30, 0x72, 0x02, 0x01, 0x01, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20], 15106)}\n${fakeBase64(52, 15107)}`,
        // PKCS#8 v2, RSA: 30 82 04 e5, INTEGER 1, SEQUENCE
        `${der([0x30, 0x82, 0x04, 0xe5, 0x02, 0x01, 0x01, 0x30, 0x0d, 0x06, 0x09, 0x2a], 15108)}\n${fakeBase64(64, 15109)}`,
      ],
      negatives: [
        // A certificate: SEQUENCE, then SEQUENCE (tbsCertificate)
        `${der([0x30, 0x82, 0x03, 0x55, 0x30, 0x82, 0x02, 0x3d, 0xa0, 0x03, 0x02, 0x01], 127)}\n${fakeBase64(64, 128)}`,
        // A public key: SEQUENCE, then SEQUENCE (the algorithm)
        `${der([0x30, 0x82, 0x01, 0x22, 0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86], 129)}\n${fakeBase64(64, 130)}`,
        'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA',
        // An RFC 3161 timestamp request: SEQUENCE, INTEGER 1, SEQUENCE (messageImprint) of a SEQUENCE
        `${der([0x30, 0x39, 0x02, 0x01, 0x01, 0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60], 15126)}\n${fakeBase64(64, 15127)}`,
      ],
    };
  },
  find(fragment: Fragment): Found[] {
    const out: Found[] = [];
    const { text } = fragment;
    for (const hit of regexHits(KEY_BODY_LINE, text)) {
      const marker = privateKeyMarker(hit.secret);
      if (marker === undefined) continue;
      // With its BEGIN line just above, the key is private-key's (or private-key-base64's).
      const lineStart = text.lastIndexOf('\n', hit.start) + 1;
      const previous = text.slice(text.lastIndexOf('\n', lineStart - 2) + 1, Math.max(0, lineStart - 1));
      if (/-----BEGIN /.test(previous)) continue;
      const body = pemBody(text, lineStart);
      if (body.length < 48 || shannonEntropy(body, BASE64) < 3.5) continue;
      // Reported at the characters that encode the key's structure only (an Ed25519 key's
      // whole seed is on this line): a marker, the body its identity.
      out.push({
        start: hit.start,
        end: hit.start + marker,
        secret: hit.secret.slice(0, marker),
        identity: `private key body\n${body}`,
        severity: 'critical',
        confidence: 'high',
        facts: { keyKind: 'private key (body only)' },
      });
    }
    return out;
  },
});

/**
 * A PuTTY private key file (.ppk), as PuTTY's manual describes the format (appendix C, "PPK
 * file format"): a "PuTTY-User-Key-File-2:" or "-3:" line naming the key's algorithm, then
 * Encryption, Comment, Public-Lines and its lines, then "Private-Lines: N" and N lines of
 * base64, the private key (encrypted when Encryption is not "none"). Found missing by a
 * newcomer's trial (ssh2's test fixtures). Reported at its first line, which is no secret;
 * the private lines are its identity.
 */
const PPK_HEADER = /(?<secret>PuTTY-User-Key-File-[23]: [A-Za-z0-9@.-]{3,64})/dg;
const PPK_PRIVATE = /^Private-Lines: ?(\d{1,3})\r?$/m;
/** A .ppk's last line: its private lines end just above it. */
const PPK_MAC = /^(?<secret>Private-MAC:) ?[0-9a-f]{40,64}\r?$/dgm;

export const puttyPrivateKey: Detector = defineDetector({
  id: 'putty-private-key',
  confidence: 'high',
  description: 'PuTTY private key file (.ppk)',
  keywords: ['PuTTY-User-Key-File-', 'Private-MAC:'],
  keywordsCaseSensitive: true,
  patterns: () => [PPK_HEADER, PPK_MAC],
  get examples() {
    const ppk = (version: number, encryption: string, privateLines: string[]) =>
      [
        `PuTTY-User-Key-File-${version}: ssh-rsa`,
        `Encryption: ${encryption}`,
        'Comment: rsa-key-20240101',
        'Public-Lines: 2',
        fakeBase64(64, 140),
        fakeBase64(44, 141),
        `Private-Lines: ${privateLines.length}`,
        ...privateLines,
        `Private-MAC: ${fakeString(HEX, 64, 142)}`,
      ].join('\n');
    return {
      positives: [
        ppk(3, 'none', [fakeBase64(64, 143), fakeBase64(64, 144), fakeBase64(32, 145)]),
        ppk(2, 'aes256-cbc', [fakeBase64(64, 146), fakeBase64(64, 147)]),
        // What the diff of a key replaced in a kept .ppk shows: its private lines and MAC.
        `${fakeBase64(48, 148)}\nPrivate-MAC: ${fakeString(HEX, 64, 149)}`,
      ],
      negatives: [ppk(3, 'none', ['AAAA', 'AAAA']), 'The header is "PuTTY-User-Key-File-3: <algorithm>"', 'PuTTY-User-Key-File-3: ssh-ed25519'],
    };
  },
  find(fragment: Fragment): Found[] {
    const out: Found[] = [];
    const { text } = fragment;
    for (const hit of regexHits(PPK_HEADER, text)) {
      const rest = text.slice(hit.match.index, hit.match.index + 16384);
      const lines = PPK_PRIVATE.exec(rest);
      if (lines === null) continue;
      const after = rest.slice(lines.index + lines[0].length + 1).split('\n');
      const body = after
        .slice(0, Number(lines[1]))
        .map((l) => l.trim())
        .join('');
      if (body.length < 32 || !/^[A-Za-z0-9+/=]+$/.test(body) || shannonEntropy(body, BASE64) < 3.5) continue;
      const encryption = /^Encryption: ?(\S+)/m.exec(rest.slice(0, lines.index))?.[1] ?? 'none';
      out.push({
        start: hit.match.index,
        end: hit.match.index + hit.match[0].length,
        secret: hit.match[0],
        identity: `ppk\n${body}`,
        // Through its last private line (the MAC line follows them).
        reach: hit.match.index + (rest.indexOf('\nPrivate-MAC:') + 1 || rest.length),
        severity: 'critical',
        confidence: 'high',
        facts: { keyKind: `putty ${hit.match[0].slice(hit.match[0].indexOf(':') + 2)}`, ...(encryption !== 'none' ? { encryption } : {}) },
      });
    }
    // Without its first line (a key replaced in a kept file: the diff shows the changed
    // private lines and MAC only), the base64 lines just above Private-MAC are the key. A MAC
    // with a PuTTY- line since the previous MAC belongs to that header (found above, or a
    // placeholder's).
    let previousMac = 0;
    for (const hit of regexHits(PPK_MAC, text)) {
      const since = text.slice(previousMac, hit.match.index);
      previousMac = hit.end;
      if (since.includes('PuTTY-')) continue;
      const above = text.slice(Math.max(0, hit.match.index - 16384), hit.match.index).split('\n');
      above.pop();
      const lines: string[] = [];
      while (above.length > 0 && /^[A-Za-z0-9+/=]{4,76}\r?$/.test(above[above.length - 1] as string)) lines.unshift((above.pop() as string).trim());
      const body = lines.join('');
      if (body.length < 32 || shannonEntropy(body, BASE64) < 3.5) continue;
      out.push({
        start: hit.start,
        end: hit.end,
        secret: hit.secret,
        identity: `ppk\n${body}`,
        severity: 'critical',
        confidence: 'high',
        facts: { keyKind: 'putty (private lines)' },
      });
    }
    return out;
  },
});

const JWT_RE = /(?<![A-Za-z0-9_-])(?<secret>eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{16,})(?![A-Za-z0-9_-])/dg;

function fakeJwt(seed: number): string {
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: fakeString(ALNUM, 12, seed), iat: 1700000000 })}.${fakeString(URLSAFE, 43, seed + 1)}`;
}

// RFC 7515, section 7.1 (compact JWS: base64url header, payload and signature joined by dots,
// no padding) and 4.1.1 ("alg" required); RFC 7519, section 6 (alg "none" is unsecured: not
// found). unverified: "eyJ" assumes JSON written with no leading space ({"...), as issuers do.
export const jwt: Detector = defineDetector({
  id: 'jwt',
  broad: true,
  confidence: 'high',
  validates: true,
  description: 'JSON Web Token (signed)',
  patterns: () => [JWT_RE],
  keywords: ['eyJ'],
  keywordsCaseSensitive: true,
  get examples() {
    return {
      positives: [`Authorization: Bearer ${fakeJwt(93)}`],
      negatives: [`token = "eyJ${fakeString(ALNUM, 20, 95)}.eyJ${fakeString(ALNUM, 20, 96)}.${fakeString(ALNUM, 20, 97)}"`],
    };
  },
  find(fragment: Fragment): Found[] {
    const out: Found[] = [];
    for (const hit of regexHits(JWT_RE, fragment.text)) {
      const [header] = hit.secret.split('.');
      const decoded = jsonSegment(header ?? '');
      if (decoded === undefined || typeof decoded['alg'] !== 'string' || decoded['alg'] === 'none') continue;
      out.push({
        start: hit.start,
        end: hit.end,
        secret: hit.secret,
        severity: 'medium',
        confidence: 'high',
        facts: { keyKind: `JWT signed with ${decoded['alg']} (valid until it expires; may grant access)` },
      });
    }
    return out;
  },
});

/** \xHH and \uHHHH escapes as code writes them in strings, decoded. */
function unescapeCode(s: string): string {
  return s.replace(/\\x([0-9a-fA-F]{2})|\\u([0-9a-fA-F]{4})/g, (_m, x: string | undefined, u: string | undefined) =>
    String.fromCharCode(parseInt(x ?? u ?? '0', 16)),
  );
}

/** What a URL's host is (a name with dots, localhost, an IPv6 literal): before ":443?", no user. */
const HOST_LIKE = /^(?:localhost|[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})+|\[[0-9a-fA-F:]+\])$/;

/** Whether some "://" in the text has an "@" after it, before the URL could have ended. */
function hasUserInfo(text: string): boolean {
  for (let i = text.indexOf('://'); i !== -1; i = text.indexOf('://', i + 3)) {
    for (let j = i + 3; j < text.length && j < i + 200; j++) {
      const c = text.charCodeAt(j);
      if (c === 64) return true; // @
      if (c <= 32 || c === 34 || c === 39 || c === 96 || c === 47) break; // space, quotes, /
    }
  }
  return false;
}

/**
 * Code is full of URLs; few carry a password. The regex runs only on text where a "://" has
 * an "@" after it, so a file of plain URLs costs an indexOf per URL.
 */
export const urlCredentials: Detector = defineRule({
  id: 'url-credentials',
  description: 'Password in a URL (database, broker or HTTP basic auth)',
  keywords: ['://'],
  broad: true,
  precondition: hasUserInfo,
  // RFC 3986, section 3.2.1: userinfo is user ":" password before the "@" (deprecated, still
  // written); section 3.2: the authority ends at "/", "?" or "#", so a user holds none of them,
  // and host:port?query@... (a host, a port, then a query holding an "@") is no password. A
  // password may hold a raw "?" or "#" (invalid, but written: parsers split it, people do not),
  // even after digits (admin:2024#Secret@db).
  regex: String.raw`(?<![A-Za-z0-9+.\-])(?<scheme>[a-zA-Z][a-zA-Z0-9+.\-]{1,20})://(?<user>[^\s:@/?#'"\x60<>()\[\]{}]{1,64}):(?<secret>[^\s/'"\x60<>\[\]{}]{3,128})@(?<host>[A-Za-z0-9.\-_]+|\[[0-9a-fA-F:]+\])`,
  placeholders: false,
  validate: (secret, match) => {
    if (/^[0-9]{1,5}[?#]/.test(secret) && HOST_LIKE.test(match.groups?.['user'] ?? '')) return 'invalid';
    const pw = decodeURIComponentSafe(unescapeCode(secret));
    if (PLACEHOLDER_PASSWORDS.has(pw.toLowerCase()) || templated(pw)) return 'invalid';
    if (pw.length < 4 || /^(.)\1+$/.test(pw)) return 'invalid';
    if (isPlaceholderUrlPassword(pw)) return 'invalid';
    // A constant's name where the password goes (USERNAME:PERSONAL_ACCESS_TOKEN@, DB_USER:DB_PASSWORD@): a placeholder.
    if (/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(pw)) return 'invalid';
    if (spellsPasswordWords(pw) && (EXAMPLE_HOST.test(match.groups?.['host'] ?? '') || EXAMPLE_USER.test(match.groups?.['user'] ?? ''))) return 'invalid';
    return 'unknown';
  },
  severity: 'high',
  confidence: 'high',
  facts: () => ({ keyKind: 'password embedded in a connection URL' }),
  get examples() {
    return {
      positives: [
        `DATABASE_URL=postgres://app:${fakeString(ALNUM, 16, 98)}@db.internal:5432/app`,
        `mongodb+srv://svc:${fakeString(ALNUM, 12, 99)}@cluster0.example.net/db`,
        `https://deploy:${fakeString(ALNUM, 14, 100)}@registry.example.com/v2`,
        `postgres://app:${fakeString(ALNUM, 8, 15090)}#${fakeString(ALNUM, 6, 15091)}@db.internal/app`,
        `postgres://admin:2024#${fakeString(ALNUM, 10, 15125)}@db.internal/app`,
        `amqp://svc:${fakeString('abcdefghijklmnopqrstuvwxyz', 12, 15155)}pass@mq.internal:5672`,
        // Spelled in filler and password words, but on a production host: weak, and real.
        `postgres://app:${['app', 'password'].join('')}@prod-db.internal:5432/app`,
      ],
      negatives: [
        'postgres://user:password@localhost/db',
        'mysql://user:${DB_PASSWORD}@db:3306/app',
        'postgres://$(PGUSER):$(PGPASSWORD)@$(PGHOST)/db',
        'https://example.com/path?a=b',
        'https://example.com:443?email=alice@example.org',
        'http://localhost:8080#contact=bob@corp.io',
        'https://cdn.example.com?user=a:b@example.org',
        'mongodb://localhost:27017/app',
        'redis://:abc@localhost:6379',
        'see https://user:p%40ss@host/ and https://user%3An%40me:p%40ss%3Aword@x.com/',
        'ftp://admin:pa$$word@ftp.example.org',
        'new Redis("redis://username:authpassword@127.0.0.1:6380/4")',
        'postgres://someuser:somepassword@somehost:381/somedatabase',
        'redis://alice:foobared@awesome.redis.server:6380',
        'git clone https://USERNAME:PERSONAL_ACCESS_TOKEN@github.com/org/repo.git',
        'mongodb://DB_USER:DB_PASSWORD@mongodb:27017',
      ],
    };
  },
});

/** Hosts and users of an example URL: localhost, loopback, somehost, *.example (RFC 2606), username, someuser. */
const EXAMPLE_HOST =
  /^(?:localhost|127(?:\.\d{1,3}){3}|0\.0\.0\.0|\[::1\]|(?:some|your|my)?host(?:name)?|server|(?:[\w-]+\.)*(?:example|test|invalid|localhost)(?:\.(?:com|org|net))?)$/i;
const EXAMPLE_USER = /^(?:user(?:name)?|some[a-z]*|my[a-z]*|your[a-z]*|foo|bar|test)$/i;

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Values that say "a secret goes here", or name one, rather than being one. */
const STOP_WORDS =
  /^(?:password|passwd|changeme|changeit|secret|example|sample|dummy|test|testing|none|null|nil|true|false|undefined|string|hidden|redacted|placeholder|default|required|optional|todo|fixme)$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** a.b.c, a.b[0].c, Shards[-1].ShardId: a property path, not a value. */
const DOTTED_IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*(?:\.[A-Za-z_$][A-Za-z0-9_$]*|\[-?\d+\])+$/;

/**
 * A property path, unless it looks generated: both cases, two digits or more, one between
 * letters (Xk9vQ2m.Lp7RtAb3dEf9 is a password with a dot in it, a.b[0].c and s3.bucketName are
 * paths). An adversarial trial found such passwords passed as paths in .env, YAML and Python.
 */
function propertyPath(value: string): boolean {
  if (!DOTTED_IDENTIFIER.test(value)) return false;
  const generated =
    /[a-z]/.test(value) &&
    /[A-Z]/.test(value) &&
    (value.match(/[0-9]/g)?.length ?? 0) >= 2 &&
    /[A-Za-z][0-9]+[A-Za-z]/.test(value) &&
    // Every part random-looking (a digit, or both cases): amzn1.account.AF6RHO7... has a word.
    value.split('.').every((part) => /[0-9]/.test(part) || (/[a-z]/.test(part) && /[A-Z]/.test(part)));
  return !generated;
}
/** ISO 8601 dates and timestamps ("PasswordLastUsed": "2016-09-08T21:47:36Z"). */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
/** A template or a reference, not a value: ${X} $(x) {{ x }} %(x)s %s {x} <x> #{x} $X. */
const TEMPLATE =
  /\$\{|\$\(|\{\{|\}\}|%\([^)]*\)[sd]|%[sd](?![A-Za-z0-9])|#\{|^\$[A-Za-z_][A-Za-z0-9_]*$|^<[^<>]+>$|^\{[A-Za-z_][\w.]*\}$|process\.env|environ|getenv|\bENV\[/;
/** Words people write in sample passwords (This-is-my-test-99!, my_example_pass). */
const SAMPLE_WORD = /(?:^|[^a-z])(?:test|example|sample|demo|dummy|fake|changeme|my)(?:[^a-z]|$)/i;

/** A path: ./x, ../x, ~/x, C:\x, or /segments/of/words (not a random value that starts with /). */
function isPath(value: string): boolean {
  if (/^(?:\.{1,2}\/|~\/|[A-Za-z]:\\)/.test(value)) return true;
  if (!/^\/[A-Za-z0-9._\-/]*$/.test(value)) return false;
  const segments = value.split('/').filter(Boolean);
  return (segments.length >= 2 || /\.[a-z]{1,5}$/.test(value)) && segments.every((s) => !(/[a-z]/.test(s) && /[A-Z]/.test(s) && /\d/.test(s)));
}

/**
 * An identifier spelled in words: letters and digits only, and nearly all of its letters in
 * runs of three to twenty that have a vowel (Staging, Location, String). Generated values break
 * into short runs (q7Lm2PzX9aB4) or vowel-less ones.
 */
function madeOfWords(value: string): boolean {
  if (!/^[A-Za-z0-9]+$/.test(value)) return false;
  const runs = value.match(/[A-Z]?[a-z]+|[A-Z]+(?![a-z])/g) ?? [];
  const letters = runs.reduce((n, r) => n + r.length, 0);
  // A word is 3-20 letters with a vowel: a random lower-case token (an Azure DevOps PAT's
  // base32, zpczok4kqgnw5prpfy3ehiylbqvgbjfk...) breaks at its digits into runs that have vowels
  // too, but some far longer than any word.
  const inWords = runs.filter((r) => r.length >= 3 && r.length <= 20 && /[aeiouy]/i.test(r)).reduce((n, r) => n + r.length, 0);
  return letters >= 8 && inWords >= letters * 0.8;
}

/**
 * Random though it has no digits (or only a few at its end): long, both cases, varied (bits
 * a character), not text's letter pairs (KOMaskqwiUqAewoC is a password, SensitiveString a
 * type name). The identifier check asks it of letters alone: KMS_DisabledException is a name.
 */
function randomLetters(value: string): boolean {
  // The floor grows with the length (16 random letters hold ~3.7 bits a character, 24 ~4.2).
  const floor = Math.min(3.8, 0.85 * Math.log2(value.length));
  return value.length >= 16 && /[a-z]/.test(value) && /[A-Z]/.test(value) && shannonEntropy(value) >= floor && !readsAsText(value);
}

/**
 * Sixteen random lower-case letters: an app password as Google issues them (shown in four
 * groups of four, pasted without the spaces) under EMAIL_HOST_PASSWORD or SMTP_PASSWORD.
 * Letters only fail the generic value checks (a word, an identifier); these do not read as text.
 */
function appPasswordShaped(value: string): boolean {
  return /^[a-z]{16}$/.test(value) && !readsAsText(value) && shannonEntropy(value) >= 3.3;
}

/** Its letters, read in lower case and apart from its digits, are mostly runs in sequence (abcd...). */
function alphabetTyped(value: string): boolean {
  const letters = value.replace(/[^A-Za-z]/g, '').toLowerCase();
  return letters.length >= 12 && sequentialShare(letters) >= 0.75;
}

/** Why a generic value is not a secret, if it is not. */
export function genericRejection(value: string): string | undefined {
  if (STOP_WORDS.test(value)) return 'stop word';
  // A value that names a secret (my_password_2, other:1password, api-token-v2) is a label.
  if (/passw(?:or)?d|secret|token|api.?key|access.?key/i.test(value)) return 'names a secret';
  if (TEMPLATE.test(value)) return 'templated or a reference';
  if (isPath(value) || /^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return 'path or URL';
  if (/^arn:aws[a-z-]*:/.test(value)) return 'an AWS resource name';
  if (isAwsIdShaped(value)) return 'an AWS key ID or unique ID: the AWS rule judges it';
  if (UUID.test(value)) return 'UUID';
  // A UUID typed by hand, not made (AWS's docs: 12cs345-67cd-890b-1cd2-c3a4567d89f1): its shape, letters past f.
  if (/^[0-9a-z]{7,8}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{12}$/i.test(value)) return 'UUID-shaped';
  if (TIMESTAMP.test(value)) return 'date or timestamp';
  if (isVersion(value)) return 'version';
  // An image tag (sealed-secrets-controller:0.31.0-debian-12-r0): a version and its build.
  if (/^v?\d+(?:\.\d+){1,3}(?:[-+][A-Za-z0-9.\-]+)?$/.test(value)) return 'version';
  if (propertyPath(value) || (/^[A-Za-z_$][A-Za-z_$]*\d{0,3}$/.test(value) && !(/^[A-Za-z]+\d{0,3}$/.test(value) && randomLetters(value)))) return 'identifier';
  // Type and variable names made of words, digits among them (SensitiveString2048,
  // NonEmptyMaxLength64String, S3StagingLocation).
  if (madeOfWords(value)) return 'identifier';
  if (!/[0-9]/.test(value) || !/[A-Za-z]/.test(value)) {
    // Letters only: a word or an identifier — unless it is long and random-looking.
    if (!randomLetters(value)) return 'needs letters and digits';
  }
  if (/^[A-Z0-9_]+$/.test(value) && value.includes('_')) return 'constant name';
  if (SAMPLE_WORD.test(value) && (value.match(/[A-Za-z]{2,}/g) ?? []).length >= 2) return 'a sample (its words say so)';
  // ... or starts with such a word, camelCase (examplePa$$w0rd, testSecret123, dummyToken9).
  if (/^(?:example|sample|test|demo|dummy|fake)(?=[A-Z0-9_$@!#-])/.test(value)) return 'a sample (its words say so)';
  // Found on real code by a newcomer's trial (keygate's own bundled examples, under
  // node_modules): a token-long value that is nearly all runs in sequence (pk_12345678_ABCD...)
  // is typed, not issued; a short one may be a real weak password (admin12345678) and is kept.
  // And a host name is where a token goes, not one.
  if (value.length >= 16 && hasSequentialRun(value, 8) && sequentialShare(value) >= 0.75) return 'a sequence (12345678, ABCDEFGH): made up';
  // The alphabet typed in, its case and digits shuffled in (AWS's docs: AB1C2defGHijkLMNo3PqQRst...).
  if (value.length >= 16 && alphabetTyped(value)) return 'the alphabet, case and digits mixed in: made up';
  // Two sequences interleaved (a1b2c3d4567890ab, abc123def456...): typed.
  if (value.length >= 16 && interleavedSequenceShare(value) >= 0.75) return 'two sequences interleaved: made up';
  // AWS's documented example values end so (AKIAIOSFODNN7EXAMPLE, so0eNA2u...GtEXAMPLE, 0xC_ukbC...example).
  if (/example$/i.test(value)) return 'ends in EXAMPLE, as documented example values do';
  if (HOST_NAME.test(value)) return 'a host name';
  return undefined;
}

/** logs-01.loggly.com, api.example.io: lower-case labels and a common top-level domain (a random token with a dot, case mixed, is not one: a review). */
const HOST_NAME =
  /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:com|net|org|io|dev|app|co|cloud|ai|me|us|uk|de|fr|eu|info|biz|local|internal|localhost|test|example)$/;

/*
 * A keyword-named value: password, secret, token, api key, access key, client secret, ...
 * assigned a literal in any common syntax. Gated by an entropy floor and the predicates
 * above, and reported at medium confidence: the name says "secret", the value must look it.
 */
// The name starts at its keyword (DB_PASSWORD matches from PASSWORD): a regex that begins with
// a literal alternation is searched for quickly, where a leading [A-Za-z0-9_]{0,30} is tried
// at every position.
// A bare name's branch gives way when a secret word follows in the same name
// (MYAPP_UPLOAD_KEY_PASSWORD, db_pass_secret): the search tries each head once, in order, and
// does not come back to a head inside a match, so the later word's own branch must get it (a
// review found these lost when the bare branch matched first and its verdict said no).
const NO_SECRET_WORD_AFTER = String.raw`(?![A-Za-z0-9_\-]{0,20}?(?:pass|pwd|secret|token|credential))`;
/** The bare names' heads, the rule's keywords too; pass and pw must end a word (not password, pwd). */
const BARE_HEADS = ['_key', '-key', '_pass', '-pass', '_pw', '-pw'];
const BARE_BRANCHES = BARE_HEADS.map((h) => h + (h.endsWith('key') ? '' : '(?![a-z])') + NO_SECRET_WORD_AFTER).join('|');
const GENERIC_NAME = String.raw`(?:password|passwd|passphrase|pwd|secret|token|credential|api[_\-]?key|access[_\-]?key|client[_\-]?secret|auth[_\-]?key|private[_\-]?key|${BARE_BRANCHES})[A-Za-z0-9_\-]{0,20}`;

/**
 * Words and identifiers with separators or digits (my-database-setting-here, Default_Endpoints_2)
 * under a token, key or secret name: their letter pairs are text's, and services issue no such
 * tokens. A password may well be words (purple-monkey-dishwasher-7): not judged so.
 */
export function readsAsTextFor(name: string, value: string): boolean {
  return !namesAPassword(name) && value.length >= 10 && /^[A-Za-z0-9_.\-]+$/.test(value) && readsAsText(value);
}

/**
 * Passwords can be short; tokens, keys and secrets that services issue are 16 characters and
 * more. The short values under those names in real code are made up: docstrings' and tests'
 * keyboard mash (access_token=kjfch2345sdf), not credentials. `alsoShort`: other names whose
 * values may be short where a shape reads them (curl's -u user:password).
 */
export function tooShortFor(name: string, value: string, alsoShort?: RegExp): boolean {
  return value.length < 16 && !namesAPassword(name) && alsoShort?.test(name) !== true;
}

/**
 * The text a base64 value encodes, when it is printable text (a password, a token); undefined
 * for anything else (binary, or not base64 at all: most random tokens are not).
 */
export function base64Text(value: string): string | undefined {
  if (value.length < 12 || value.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return undefined;
  const text = Buffer.from(value, 'base64').toString('latin1');
  if (text.length < 6 || !/^[\x21-\x7e]+$/.test(text)) return undefined;
  // Random base64 decodes to bytes, nearly never to printable text: that it does says it was encoded.
  return text;
}

/**
 * Whether a position of code is inside a string literal on its line (an odd number of
 * unescaped double quotes before it): "Server=db;Password=..." holds configuration syntax.
 */
function insideString(text: string, at: number): boolean {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  if (at - lineStart > 400) return false; // minified code: quote counts mean nothing there
  let quotes = 0;
  for (let i = lineStart; i < at; i++) if (text.charCodeAt(i) === 34 && text.charCodeAt(i - 1) !== 92) quotes++;
  return quotes % 2 === 1;
}

/** key=value; inside a string literal, ended by ; or the string's quote: a connection string. */
function inConnectionString(text: string, m: RegExpExecArray): boolean {
  const next = text.charCodeAt(m.index + m[0].length);
  return (next === 59 || next === 34) && insideString(text, m.index);
}

/**
 * Why a keyword-named value is not a generic secret, if it is not: the syntax (in code an
 * unquoted right-hand side is an expression or a type), the name's words, the value.
 */
export function genericVerdict(value: string, m: RegExpExecArray, fragment: Fragment): string | undefined {
  const inCode = syntaxFamily(fragment.path) === 'code';
  if (inCode && !m.groups?.['q'] && !inConnectionString(fragment.text, m)) return 'unquoted in code: an expression or a type';
  // "bad password: "+userInput+"!": the quotes close and open string literals around an
  // expression (a newcomer's trial, in minified and plain code).
  if (inCode && CONCATENATED.test(value)) return 'string concatenation: an expression';
  // token_stream::IntoIter, TokenStream::expand: a path's :: read as an assignment's : then a value.
  if (value.startsWith(':') && fragment.text.charCodeAt(fragment.text.lastIndexOf(value, m.index + m[0].length) - 1) === 58)
    return 'a path (a::b), not an assignment';
  const nameEnd = m.index + (/^[A-Za-z0-9_\-]+/.exec(m[0])?.[0].length ?? 0);
  const name = identifierAround(fragment.text, m.index, nameEnd);
  // AWS's rules own the AWS key names: they judge those values (and know encrypted blobs
  // and 56-char strings are not AWS secret keys).
  if (/aws.?secret|secret.?access.?key|session.?token/i.test(name)) return "AWS's rules judge it";
  const byName = nameRejection(name);
  if (byName !== undefined) return byName;
  // The last part of a type's path (AWS::ApiGateway::ApiKey, a CloudFormation resource type,
  // mapped to a schema hash in cfn-lint's 30-odd region files; Rust's and C++'s a::b::Token).
  const nameStart = fragment.text.lastIndexOf(name, m.index + 1);
  if (nameStart >= 2 && fragment.text.startsWith('::', nameStart - 2)) return "a type's name (A::B::Name), not a variable";
  // A bare name (BRANDFETCH_KEY, DB_PASS, SMTP_PW): the branch that starts at its _ or -.
  const bare = BARE_WORD.exec(m[0])?.[1]?.toLowerCase();
  const bareMinimum = bare !== undefined ? bareNameMinimum(name, bare) : 0;
  if (typeof bareMinimum === 'string') return bareMinimum;
  // Laravel's APP_KEY (and ENCRYPTION_KEY...) as `php artisan key:generate` writes it:
  // base64: then 32 random bytes; the prefix made it a namespaced name (a colon) to the checks.
  if (randomBytesInBase64(value)) return undefined;
  // base64 under a secret name (a Kubernetes Secret's data:, a docker config): the decoded
  // value is what is judged; the finding stays at the encoded text and says it was encoded.
  const decoded = base64Text(value);
  // An app password passes for a word or an identifier by its letters alone: not judged so under a password's name.
  const byValue = namesAPassword(name) && appPasswordShaped(value) ? undefined : genericRejection(decoded ?? value);
  if (byValue !== undefined) return byValue;
  // A bare name's floor is its own (bareNameMinimum, checked by looksIssued below): a login's pass may be short.
  if (bare === undefined && tooShortFor(name, decoded ?? value)) return 'too short for a token';
  if (readsAsTextFor(name, decoded ?? value)) return 'reads as text (its letter pairs are words)';
  if (bare !== undefined && !looksIssued(decoded ?? value, bareMinimum)) return 'too plain for a value under a bare key or pass name';
  if (isLockFile(fragment.path) && lockFileValue(value) !== undefined) return 'a lock file value';
  return undefined;
}

/**
 * A bare key name (BRANDFETCH_KEY, bitbucket-key, stripe_live_key): `<something>_key` names a
 * provider's key as often as it names a map's key, a sort key or a cache key, so the name must
 * end in key, the words before it must not say it is a lookup key or a public one, and the
 * value must look issued (below).
 */
const KEY_NOT_SECRET = new Set(
  (
    'primary foreign sort sorting partition hash range row column composite unique index lookup map dict cache ' +
    'object bucket s3 file upload download i18n translation locale message event query group react ' +
    'site publishable public pub ssh gpg pgp fingerprint host hotkey shortcut keyboard short long item list ' +
    'data field attr attribute prop property param config setting settings state redux store local ' +
    'registry feature flag experiment metric label tag name type kind enum lang language session encrypted wrapped sealed'
  ).split(' '),
);

const BARE_WORD = /^[_-](key|pass|pw)/i;
/** base64: then 16 or more bytes that are not text (a key as Laravel's key:generate writes it). */
function randomBytesInBase64(value: string): boolean {
  const m = /^base64:([A-Za-z0-9+/]{22,}={0,2})$/.exec(value);
  if (m === null) return false;
  const bytes = Buffer.from(m[1] as string, 'base64');
  if (bytes.length < 16) return false;
  const distinct = new Set(bytes).size;
  // Text decodes to printable bytes; a key's 32 random bytes hold ~28 distinct values.
  return distinct >= bytes.length * 0.6 && bytes.some((b) => b < 0x20 || b > 0x7e);
}

/** Words before pass or pw that name something one logs in to, or as. */
const LOGS_IN = new Set(
  'db database mysql mariadb postgres postgresql pg psql redis mongo mongodb smtp mail email imap pop3 ftp sftp ssh ldap root admin user login become sudo vault rabbit rabbitmq amqp mq broker proxy wifi basic http auth api app service svc'.split(
    ' ',
  ),
);

/** Words before key that say the key is a secret one: its value may be 16 characters. */
const STRONG_KEY = new Set('encryption decryption signing sign master jwt app hmac aes secret cookie crypt crypto'.split(' '));

/**
 * Why a bare name does not bear a secret, or how long its value must be: the name must end in
 * the word its branch matched (version words aside), with no word before a key that says
 * lookup, public or local. A key's value is 20 characters or more, a strong key's
 * (ENCRYPTION_KEY, APP_KEY) or a password's (DB_PASS, SMTP_PW) 16.
 */
function bareNameMinimum(name: string, word: string): string | number {
  const words = nameWords(name);
  let end = words.length;
  while (end > 0 && /^(?:v?\d+|old|new|prod|dev|test|staging|live|value|str|string|b64|base64|enc|raw)$/.test(words[end - 1] as string)) end--;
  if (end === 0 || words[end - 1] !== word) return `a bare ${word} name must end in ${word}`;
  const before = words.slice(0, end - 1);
  // A pass or pw of a service that logs in (DB_PASS, smtp_pass, ansible_become_pass): a
  // password, of any length a password has; of anything else (a compiler's or renderer's pass), 16.
  if (word !== 'key') return before.some((w) => LOGS_IN.has(w)) ? 8 : 16;
  if (before.some((w) => KEY_NOT_SECRET.has(w))) return 'names a lookup, public or local key';
  return before.some((w) => STRONG_KEY.has(w)) ? 16 : 20;
}

/**
 * What services issue under a bare name: long enough (above), letters and digits (or random
 * letters), random (up to 3.5 bits a character, by length), not typed as two sequences interleaved (a1b2c3d4e5f6...,
 * abc123def456...: a placeholder), not base64 of words.
 */
function looksIssued(value: string, minimum: number): boolean {
  return (
    value.length >= minimum &&
    ((/[0-9]/.test(value) && /[A-Za-z]/.test(value)) || randomLetters(value)) &&
    // 16 random characters hold ~3.7 bits each, 24 or more ~4.2: the floor follows the length.
    shannonEntropy(value) >= Math.min(3.5, 0.8 * Math.log2(value.length)) &&
    interleavedSequenceShare(value) < 0.75 &&
    !encodesWords(value) &&
    !namesAPlace(value)
  );
}

/**
 * A namespaced or path-like name: a colon or backslash (myApp:userPreferences:v2, a registry
 * key), or parts that are mostly words (emails/welcome_v2/BodyHtml, vendors~main~a1b2c3d4,
 * npm-run-build-production-v2). Services' keys are neither. Found by a review on ordinary code.
 */
function namesAPlace(value: string): boolean {
  if (/[:\\]/.test(value)) return true;
  const parts = value.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return parts.length >= 3 && parts.filter((p) => /^[A-Za-z]{3,}\d{0,4}$/.test(p)).length >= parts.length * 0.6;
}

/** A value that is + then an identifier or property path then more code: an expression between two literals. */
// The + that ends it must end the value too (the next literal's quote follows): a base64
// secret that starts with + has more base64 after its next + (a review: "+UqgNVy+YeC+w4R0").
const CONCATENATED = /^\+[A-Za-z_$][\w$.]*(?:[)};,(]|\+$)/;

/** base64 of words (ZHVtbXkgdGV4dA== is "dummy text"): sample data, not a key. */
function encodesWords(value: string): boolean {
  if (value.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return false;
  return /^[\x20-\x7e]* [A-Za-z][\x20-\x7e]*$/.test(Buffer.from(value, 'base64').toString('latin1'));
}

export const genericSecret = defineRule({
  id: 'generic-secret',
  description: 'Secret-looking literal assigned to a password / secret / token / API key name',
  // One per branch of GENERIC_NAME, written as the branch matches it, so that every match
  // starts with a keyword ending where the branch does (the gate below counts on it).
  keywords: [
    'password',
    'passwd',
    'passphrase',
    'pwd',
    'secret',
    'token',
    'credential',
    ...['api', 'access', 'auth', 'private'].flatMap((w) => [`${w}_key`, `${w}key`, `${w}-key`]),
    ...BARE_HEADS,
  ],
  // After the name: up to 20 more name characters, 2 quotes, 40 blanks (terraform fmt and
  // aligned code put the = of a block in one column: an adversarial trial's tfvars were missed
  // at 4 blanks), then = or : (of =, :=, :, =>), on the same line.
  gate: assignmentWithin(20 + 2 + 40),
  heads: SECRET_WORD_HEADS,
  // The name; a type annotation (const key: string = '...', Rust's let key: &str = "..."); the
  // assignment (=, :=, :, =>, and JS's and Ruby's ??= and ||=; values aligned in a column may
  // sit up to 16 blanks after it); a YAML tag or anchor (!!str, &pw); a Python string prefix
  // (r"...", b'...'); then either a
  // quoted value, read to its closing quote (any character but a quote or a blank: #, %, !,
  // ), } included), or an unquoted one, which ends at a blank or , ; & ) ] } - unless it runs
  // to the end of its line with none of ) ] } > = in it (DB_PASSWORD=Xk9v&Q2m... in a .env:
  // the value is the whole rest; not a badge's token=...)](https://...) or a query's &x=1).
  regex:
    String.raw`${GENERIC_NAME}["'\]]{0,2}(?:[ \t]?:[ \t]?[&*]?(?:'[a-z_]+[ \t])?[A-Za-z_][\w.<>\[\]| ]{0,32}?[ \t]?(?==))?[ \t]{0,40}(?:=|:=|:|=>|\?\?=|\|\|=)[ \t]{0,16}` +
    String.raw`(?:(?:!!?[a-z]+|&[a-z0-9_\-]+)[ \t]{1,3})?(?:[rbu]{1,2}(?=["']))?(?<q>["'\x60]?)(?<secret>(?<!["'\x60])[^\s"'\x60)\]}>=]{8,256}={0,2}(?=[ \t]*(?:\r?\n|$))|[^\s"'\x60,;&()\[\]{}]{8,256}|(?<=["'\x60])[^\s"'\x60]{8,256})\k<q>(?:(?<=["'\x60])|(?![^\s"'\x60,;&)\]}]))`,
  ignoreCase: true,
  entropy: 3.0,
  validate: (value, m, fragment) => (genericVerdict(value, m, fragment) === undefined ? 'unknown' : 'invalid'),
  refine: asAwsSecretKey,
  facts: (value): Record<string, string> => (base64Text(value) !== undefined ? { encoding: 'base64: the decoded value is the secret' } : {}),
  severity: 'medium',
  confidence: 'medium',
  fallback: true,
  get examples() {
    return {
      positives: [
        `DB_PASSWORD=${fakeString(ALNUM, 18, 101)}`,
        `  "api_key": "${fakeString(ALNUM, 32, 102)}",`,
        `client_secret: ${fakeString(URLSAFE, 22, 103)}7q`,
        `BRANDFETCH_KEY=${fakeString(ALNUM, 36, 104)}`,
        `  bitbucket-key: "${fakeString(URLSAFE, 32, 105)}"`,
        `DB_PASS=${fakeString(ALNUM, 16, 106)}`,
        `ansible_become_pass: ${fakeString(ALNUM, 12, 15169)}`,
        `APP_KEY=base64:${Buffer.from(fakeString('0123456789abcdef', 64, 15170), 'hex').toString('base64')}`,
        `ENCRYPTION_KEY=${fakeString(ALNUM, 16, 107)}`,
        `DB_PASSWORD=Xk9v${fakeString(ALNUM, 5, 15153)}.Lp7R${fakeString(ALNUM, 8, 15154)}`,
        `DB_PASSWORD = r"${fakeString(ALNUM, 18, 15156)}"`,
        `config.password ??= "${fakeString(ALNUM, 18, 15157)}";`,
        `let api_key: &str = "${fakeString(ALNUM, 24, 15158)}";`,
        `password: !!str ${fakeString(ALNUM, 18, 15159)}`,
        `DB_PASSWORD=${fakeString(ALNUM, 6, 15161)}&${fakeString(ALNUM, 10, 15162)}`,
        `EMAIL_HOST_PASSWORD = "${fakeString('abcdefghijklmnopqrstuvwxyz', 16, 15163)}"`,
        `environment                = "production"\nrds_master_password        = "${fakeString(ALNUM, 16, 15168)}"`,
      ],
      negatives: [
        'password = "changeme"',
        'password: ${DB_PASSWORD}',
        'token = getToken(user)',
        'secret = os.environ["SECRET"]',
        'api_key: process.env.API_KEY',
        'token = "a1b2c3d4-e5f6-7890-abcd-ef1234567890"',
        'secret_path = ./config/secret2.json',
        'password = self.password2',
        'https://example.com/protected?access_token=kjfch2345sdf',
        'oauth_token=lsdkfol23w&oauth_token_secret=qwe089234lkjsdf&realms=movies+pics',
        'password_hint = "Password1"',
        "'onepassword-token': 'other:1password',",
        'CLICKUP_API_TOKEN=pk_12345678_ABCDEFGHIJKLMNOPQRSTUVWXYZ',
        'loggly_token: logs-01.loggly.com',
        'cache_key = "d41d8cd98f00b204e9800998ecf8427e"',
        'sort_key: "createdAtTimestamp2024"',
        'weatherstack_key=a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6',
        '"encrypted_key": "pOMVA9_PtoRe7xXW1139NzzN1UhiFoio8lGto9cf0t8PyU-sjNXH8"',
        'STRIPE_KEY_NAME = "stripe_live_secret_key_v2"',
        'github_key = "ssh-ed25519"',
        'PUBLISHABLE_KEY="9x8Yq7Wv6Ut5Sr4Qp3On2Ml1Kj0Ih"',
        'key_path: /etc/ssl/private/server_key.pem',
        'first_pass = "initialize_buffers"',
        'LOCALSTORAGE_KEY = "myApp:userPreferences:v2"',
        'template_key = "emails/welcome_v2/BodyHtml"',
        'LINT_PASS = "go-vet/staticcheck/golint2"',
        'build-pass: npm-run-build-production-v2',
        'render-pass: shadowmap2d',
        `BYPASS_TOKEN_CHECK=${'x'.repeat(8)}`,
        `render_pass = "${fakeString(ALNUM, 12, 108)}"`,
        'client_secret: "app.s3.bucketName"',
        'token = "state.v2.session.currentToken2"',
        'SMTP_PASSWORD = "correcthorsebatt"',
        '"ChangeToken": "12cs345-67cd-890b-1cd2-c3a4567d89f1"',
        'password: examplePa$$w0rd',
        '  - image: docker.io/bitnami/sealed-secrets-controller:0.31.0-debian-12-r0',
        '  "UpdateAccessKey": "iam:UpdateAccessKey",',
        '<li><a href="token_stream/struct.IntoIter.html">token_stream::IntoIter</a></li></ul><h3 id="enums">',
        `"ClientToken": "${fakeString(ALNUM, 30, 15166)}example",`,
        '"token": "a1b2c3d4567890ab",',
        '"passphrase": "AB1C2defGHijkLMNo3PqQRstUvwxyzaBCDEfghh4ijklMN5opqrStuVWxyzAbCDEfghIJ"',
        `    "AWS::ApiGateway::ApiKey": "${fakeString('0123456789abcdef', 16, 15165)}",`,
        `api_token = "${fakeString('abcdefghijklmnopqrstuvwxyz', 16, 15164)}"`,
        `"SubjectFromWebIdentityToken": "amzn1.account.${fakeString('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 28, 15160)}"`,
      ],
    };
  },
});

/** base64 of "user:password": what docker and Kubernetes keep in "auth" fields. */
function isBasicAuthPair(value: string): boolean {
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  return /^[\x20-\x7e]{1,128}:[\x20-\x7e]{3,256}$/.test(decoded) && !/:(?:password|\$\{)/i.test(decoded);
}

// Docker's own client (docker/cli cli/config/configfile/file.go, decodeAuth): an "auth" value
// in config.json's "auths" is base64 of "username:password" (checked: it must decode so).
export const dockerConfigAuth = defineRule({
  id: 'docker-config-auth',
  description: 'Registry credentials in a docker / Kubernetes config ("auth": base64 of user:password)',
  keywords: ['"auth"'],
  regex: String.raw`"auth"\s*:\s*"(?<secret>[A-Za-z0-9+/]{8,512}={0,2})"`,
  validate: (value) => (isBasicAuthPair(value) ? 'valid' : 'invalid'),
  validatedAs: 'decodes to user:password',
  severity: 'critical',
  get examples() {
    const auth = Buffer.from(`robot:${fakeString(ALNUM, 20, 129)}`).toString('base64');
    return {
      positives: [`{"auths": {"registry.example.com": {"auth": "${auth}"}}}`],
      negatives: ['{"auths": {"r": {"auth": ""}}}', `{"auth": "${Buffer.from('no colon here').toString('base64')}"}`],
    };
  },
});

// netrc(5) (GNU inetutils, BSD): machine, login, password tokens separated by spaces, tabs or
// newlines; curl (everything.curl.dev/usingcurl/netrc) also reads quoted strings (7.84.0+).
// unverified: login before password and "#" ending a value are conventions, not the format.
export const netrcPassword = defineRule({
  id: 'netrc-password',
  description: 'Password in a .netrc entry',
  keywords: ['machine'],
  regex: String.raw`(?<![A-Za-z0-9_])machine[ \t]+\S{1,253}\s+login[ \t]+\S{1,128}\s+password[ \t]+(?<secret>[^\s#]{4,128})`,
  // Passwords from 8 characters, as for the generic rule: the short ones in .netrc text are
  // tests' and docs' (password pass1); and a template writing a .netrc (password
  // {self.password}) is not one.
  validate: (value) => {
    const pw = value.replace(/^"(.*)"$/, '$1');
    if (pw.length < 8 || isPlaceholderPassword(pw) || genericRejection(pw) === 'stop word' || /^\$|[{}()<>]/.test(pw)) return 'invalid';
    return 'unknown';
  },
  severity: 'high',
  confidence: 'high',
  get examples() {
    return {
      positives: [`machine api.example.com\n  login deploy\n  password ${fakeString(ALNUM, 18, 130)}`],
      negatives: [
        'machine example.com login me password changeme',
        "return f'machine {host} login {self.username} password {self.password}'",
        'machine host.domain.com login log1 password pass1 account acct1',
      ],
    };
  },
});

// Google Cloud IAM, "Create and delete service account keys" (cloud.google.com/iam/docs/
// keys-create-delete): a JSON key file with type "service_account", private_key_id,
// private_key (PEM: private-key's) and client_email. unverified: the 40 lower-case hex key id
// is the shape of Google's examples, not stated.
export const gcpServiceAccount = defineRule({
  id: 'gcp-service-account',
  description: 'GCP service-account key file (its private key ID; the key itself is reported as a private key)',
  keywords: ['private_key_id'],
  regex: String.raw`"private_key_id"\s*:\s*"(?<secret>[0-9a-f]{40})"`,
  entropy: 3.0,
  severity: 'critical',
  confidence: 'high',
  get examples() {
    return {
      positives: [`{"type": "service_account", "project_id": "demo", "private_key_id": "${fakeString(HEX, 40, 131)}"}`],
      negatives: ['{"private_key_id": "YOUR_KEY_ID"}'],
    };
  },
});

/*
 * An HTTP Authorization header with its credentials: curl commands in scripts and docs, CI
 * configs, request code. Basic must decode to user:password (validated); Bearer must look
 * random (a JWT is the jwt rule's; ${TOKEN}, $TOKEN and <token> are placeholders).
 */
// RFC 7617 (Basic: base64 of user-id ":" password, decoded and checked) and RFC 6750 (Bearer:
// a token68 value); RFC 9110 section 11.6.2 (the Authorization header).
export const httpAuthorization = defineRule({
  id: 'http-authorization',
  broad: true,
  description: 'Credentials in an HTTP Authorization header (Basic or Bearer)',
  keywords: ['authorization'],
  regex: String.raw`authorization["']?[ \t]{0,3}[:=,][ \t]{0,3}(?:["'][ \t]{0,2})?(?<scheme>basic|bearer|token)[ \t]{1,4}(?<secret>[A-Za-z0-9\-._~+/]{16,512}={0,2})(?![A-Za-z0-9\-._~+/=])`,
  ignoreCase: true,
  entropy: 3.2,
  validate: (value, m) => {
    const scheme = (m.groups?.['scheme'] ?? '').toLowerCase();
    if (scheme === 'basic') return isBasicAuthPair(value) ? 'valid' : 'invalid';
    return value.startsWith('eyJ') || genericRejection(value) !== undefined ? 'invalid' : 'unknown';
  },
  // Only Basic is ever valid here: it decoded to user:password.
  validatedAs: 'decodes to user:password',
  severity: 'high',
  confidence: 'medium',
  get examples() {
    const basic = Buffer.from(`deploy:${fakeString(ALNUM, 16, 141)}`).toString('base64');
    return {
      positives: [
        `curl -H "Authorization: Basic ${basic}" https://api.example.com/v1`,
        `curl -H 'Authorization: Bearer ${fakeString(ALNUM, 32, 142)}' https://api.example.com/v1`,
        `headers = {"Authorization": "token ${fakeString(HEX, 40, 143)}"}`,
      ],
      negatives: [
        'curl -H "Authorization: Bearer ${API_TOKEN}" https://api.example.com',
        'headers["Authorization"] = "Bearer " + token',
        `Authorization: Basic ${Buffer.from('no colon here at all').toString('base64')}`,
        'Authorization: Bearer <your-access-token>',
        `Authorization: Bearer ${fakeJwt(144)}`,
      ],
    };
  },
});

export const STRUCTURED_RULES: readonly Detector[] = [
  privateKey,
  privateKeyBase64,
  privateKeyBody,
  puttyPrivateKey,
  jwt,
  urlCredentials,
  dockerConfigAuth,
  netrcPassword,
  gcpServiceAccount,
  httpAuthorization,
  genericSecret,
];
