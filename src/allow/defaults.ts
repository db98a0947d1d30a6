import { crc32 } from '../detectors/checksums.js';

/**
 * Built-in allows that spare users the obvious. They are listed in the README, reported with
 * their reason when they apply (never silently), and turned off with "defaults": false in
 * .keygate.json.
 */
export interface DefaultAllow {
  id: string;
  /** Rules it applies to. */
  rules: readonly string[];
  /** Tested against the matched value. */
  value: RegExp | { test(value: string): boolean };
  reason: string;
}

// The generic rule sees AWS's example secret key too, wherever it is assigned to a secret name.
const AWS_RULES = ['aws-access-key-id', 'aws-secret-access-key', 'aws-session-token', 'generic-secret'];

/** The example tokens of the OAuth 2.0 RFCs (6749, 6750), quoted in every OAuth library's docs. */
const OAUTH_RFC_EXAMPLES =
  /^(?:2YotnFZFEjr1zCsicMWpAA|tGzv3JOkF0XG5Qx2TlKWIA|SplxlOBeZQQYbYS6WxSbIA|7Fjfp0ZBr1KtDRbnfVdmIw|mF_9\.B5f-4\.1JqM|8xLOxBtZp8|czZCaGRSa3F0MzpnWDFmQmF0M2JW)$/;

/** JWTs whose payload is a documentation example: jwt.io's "John Doe", PyJWT's {"some": "payload"}. */
const JWT_DOC_EXAMPLES = /^eyJ[A-Za-z0-9_-]*\.(?:eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ|eyJzb21lIjoicGF5bG9hZCJ9)\./;

/**
 * A JWT whose claims are placeholders: documentation's example tokens. AWS writes EXAMPLE and
 * accounts like 111111111111 into them, others repeated digits (d-3333333333, an all-zero
 * object id) or the names every identity provider's docs use (John Doe, Abe Lincoln).
 */
const JWT_PLACEHOLDER_CLAIMS = {
  test(token: string): boolean {
    const part = token.split('.')[1] ?? '';
    let payload: string;
    try {
      payload = Buffer.from(part, 'base64url').toString('utf8');
    } catch {
      return false;
    }
    return /EXAMPLE|"[^"]*?(\d)\1{9,}[^"]*"|"(?:John|Jane|Abe) (?:Doe|Lincoln)"/.test(payload);
  },
};

/**
 * A key its vendor publishes for a local emulator, in every local connection string and no
 * credential: known by its length, first characters and CRC32, not written here.
 */
function publishedKey(length: number, head: string, crc: number): { test(value: string): boolean } {
  return { test: (value) => value.length === length && value.startsWith(head) && crc32(value) === crc };
}

/** Azurite's devstoreaccount1 key (Microsoft Learn, "Use the Azurite emulator"). */
const AZURE_STORAGE_EMULATOR_KEY = publishedKey(88, 'Eby8', 3033257350);
/** The Cosmos DB emulator's key (Microsoft Learn, "What is the Azure Cosmos DB emulator?": a well-known key). */
const COSMOS_DB_EMULATOR_KEY = publishedKey(88, 'C2y6', 2272293728);

export const DEFAULT_ALLOWS: readonly DefaultAllow[] = [
  {
    // AKIAIOSFODNN7EXAMPLE, wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY and their kin: every
    // example in AWS's documentation carries EXAMPLE.
    id: 'aws-documentation-example',
    rules: AWS_RULES,
    value: /EXAMPLE/,
    reason: 'default: AWS documentation example key',
  },
  {
    id: 'oauth-rfc-example',
    rules: ['generic-secret', 'url-credentials', 'http-authorization'],
    value: OAUTH_RFC_EXAMPLES,
    reason: 'default: OAuth 2.0 RFC example token',
  },
  {
    id: 'jwt-documentation-example',
    rules: ['jwt'],
    value: JWT_DOC_EXAMPLES,
    reason: 'default: JWT documentation example (jwt.io, PyJWT)',
  },
  {
    id: 'jwt-placeholder-claims',
    rules: ['jwt'],
    value: JWT_PLACEHOLDER_CLAIMS,
    reason: 'default: JWT documentation example (its claims are placeholders)',
  },
  {
    id: 'azure-storage-emulator-key',
    rules: ['azure-storage-key', 'azure-storage-account-key', 'generic-secret'],
    value: AZURE_STORAGE_EMULATOR_KEY,
    reason: "default: the Azure storage emulator's published key (devstoreaccount1)",
  },
  {
    id: 'azure-cosmos-emulator-key',
    rules: ['azure-cosmosdb-key', 'azure-storage-key', 'generic-secret'],
    value: COSMOS_DB_EMULATOR_KEY,
    reason: "default: the Azure Cosmos DB emulator's published key",
  },
];
