import { defineRule } from '../define.js';
import { assignmentWithin, followedBy } from '../gates.js';
import type { Detector } from '../../types.js';
import { ALNUM, fakeBase64, fakeString, fakeUuid, HEX, LOWER_ALNUM, UPPER_ALNUM, URLSAFE } from '../fake.js';
import { B, E, UUID } from '../regex-parts.js';

/*
 * Payments and crypto, AI providers, databases, and the password hashes people paste. Each
 * rule cites, in a comment above it, where the provider (or the format's own specification)
 * describes the format; a rule whose format no published source states exactly says so
 * (`unverified:`) and reports at low confidence. Every example is generated from a seed
 * (14000-14999): no key-shaped literal sits in this file.
 */

const B32_LOWER = 'abcdefghijklmnopqrstuvwxyz234567';
/** Crockford base32, lower case: the alphabet of ULIDs. */
const ULID = '0123456789abcdefghjkmnpqrstvwxyz';
/** The alphabet of crypt(3) salts and hashes, bcrypt's included. */
const CRYPT64 = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * Words an assigned name may go on with after the provider's (MISTRAL_API_KEY, plaidSecret,
 * REDIS_CLOUD_API_SECRET_KEY): a fixed vocabulary, not "any name characters", which keeps the
 * patterns cheap to check for ReDoS (a free [\w.-]{0,24} gap costs recheck seconds).
 */
const NAME_WORDS = 'api|key|token|secret|access|private|admin|client|account|auth|transaction|cloud|atlas|user|live|test|prod|sandbox|service|[0-9]{1,2}';

/**
 * `<name>... = value`, the value in a `secret` group: the provider's name (a regex), up to four
 * name words, up to two quotes or a bracket, and = or : (=> too). How prefix-less keys are
 * found: only where the assigned name says whose key it is. `caseSensitive`: the rule's regex
 * is case-sensitive (for its value), so the name words are spelled in any case here.
 */
function assigned(name: string, value: string, caseSensitive = false): string {
  const words = caseSensitive
    ? NAME_WORDS.split('|')
        .map((w) => (w.startsWith('[') ? w : anyCase(w)))
        .join('|')
    : NAME_WORDS;
  return `(?:${name})(?:[_.\\-]?(?:${words})){0,4}["'\\]]{0,2}\\s{0,3}[:=]>?\\s{0,3}["']?(?<secret>${value})(?![A-Za-z0-9])`;
}

/** The assigned name (the match before the secret) says `what` (secret, private key, ...). */
function nameSays(m: RegExpExecArray, secret: string, what: RegExp): boolean {
  return what.test(m[0].slice(0, m[0].length - secret.length));
}

/** A word in any case, inside a case-sensitive regex (the value after it keeps its case). */
function anyCase(word: string): string {
  return [...word].map((c) => (/[a-z]/i.test(c) ? `[${c.toLowerCase()}${c.toUpperCase()}]` : c)).join('');
}

/** MD4 of the empty UTF-16 string: the NT hash of an account with no password. */
const EMPTY_NT_HASH = ['31d6cfe0', 'd16ae931', 'b73c59d7', 'e0c089c0'].join('');

/** RFC 4122: version 1-5 in the 13th hex digit, variant 8-b in the 17th. */
function isRfc4122(uuid: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i.test(uuid);
}

/** Connection-string passwords that only say where a password goes. */
function isPlaceholderPassword(pw: string): boolean {
  return (
    /^(?:my|your|the|db|sql|some)?_?(?:pass(?:word)?|pwd|secret)\d{0,3}$/i.test(pw) ||
    /^(?:password|passwd|secret|changeme|example|sample|test|xxx+|\*+|\?+)$/i.test(pw) ||
    /^(.)\1*$/.test(pw) ||
    /\$\{|\$\(|\{\{|%\w+%|^<.*>$|placeholder|here$/i.test(pw)
  );
}

export const paymentsAiDataRules = (): readonly Detector[] => [
  // ---------------------------------------------------------------------------------------
  // Payments and crypto
  // ---------------------------------------------------------------------------------------

  // https://plaid.com/docs/quickstart/glossary/ - "Plaid tokens are in the format
  // [type]-[environment]-[uuid] ... The UUID is a 32 character hexadecimal string in the pattern
  // of 8-4-4-4-12 characters and conforms to the RFC 4122 standard."
  defineRule({
    id: 'plaid-access-token',
    description: 'Plaid access token (access-<environment>-<uuid>)',
    keywords: ['access-production-', 'access-development-', 'access-sandbox-'],
    regex: `${B}(?<secret>access-(?:production|development|sandbox)-${UUID})(?![0-9a-f-])`,
    validate: (s) => (isRfc4122(s.replace(/^access-[a-z]+-/, '')) ? 'valid' : 'invalid'),
    severity: 'critical',
    severityFor: (s) => (s.startsWith('access-production-') ? 'critical' : s.startsWith('access-development-') ? 'high' : 'low'),
    confidence: 'high',
    get examples() {
      return {
        positives: [`PLAID_ACCESS_TOKEN=access-production-${fakeUuid(14001)}`, `"access_token": "access-sandbox-${fakeUuid(14002)}"`],
        negatives: [
          'access-sandbox-00000000-0000-0000-0000-000000000000',
          `access-production-${fakeString(HEX, 8, 14003)}-${fakeString(HEX, 4, 14004)}-7${fakeString(HEX, 3, 14005)}-0${fakeString(HEX, 3, 14006)}-${fakeString(HEX, 12, 14007)}`,
          `public-sandbox-${fakeUuid(14008)}`,
        ],
      };
    },
  }),
  // https://plaid.com/docs/quickstart/glossary/ names the secret (PLAID_SECRET) but not its shape.
  // unverified: 30 lower-case hex characters is the length Plaid issues, not a published format.
  // Plaid's own OpenAPI description (plaid/plaid-openapi 2020-09-14.yml, schema APISecret) says
  // only "Your Plaid API secret", a string: no length, alphabet or pattern.
  defineRule({
    id: 'plaid-secret',
    description: 'Plaid API secret (named as such)',
    keywords: ['plaid'],
    regex: assigned('plaid', '[a-f0-9]{30}'),
    validate: (s, m) => (nameSays(m, s, /secret/i) ? 'unknown' : 'invalid'),
    ignoreCase: true,
    entropy: 3.0,
    gate: assignmentWithin(40),
    severity: 'critical',
    confidence: 'low',
    get examples() {
      return {
        positives: [`PLAID_SECRET=${fakeString(HEX, 30, 14009)}`, `plaidSecret: '${fakeString(HEX, 30, 14010)}'`],
        negatives: [`PLAID_CLIENT_ID=${fakeString(HEX, 24, 14011)}`, `PLAID_SECRET=${'0'.repeat(30)}`, 'PLAID_SECRET=${PLAID_SECRET}'],
      };
    },
  }),
  // https://developer.flutterwave.com/docs/integration-guides/authentication - keys are
  // FLWSECK-/FLWPUBK- (FLWSECK_TEST-/FLWPUBK_TEST- in test mode), 32 hex characters, then -X
  // (example given: FLWPUBK_TEST-32193bba8dab84e3d9c4525c85ea7a12-X).
  defineRule({
    id: 'flutterwave-secret-key',
    description: 'Flutterwave secret key',
    keywords: ['flwseck'],
    regex: `${B}(?<secret>FLWSECK(?:_TEST)?-[a-f0-9]{32}-X)${E}`,
    severity: 'critical',
    severityFor: (s) => (s.startsWith('FLWSECK_TEST') ? 'medium' : 'critical'),
    confidence: 'high',
    get examples() {
      return {
        positives: [`FLW_SECRET_KEY=FLWSECK-${fakeString(HEX, 32, 14012)}-X`, `secretKey: "FLWSECK_TEST-${fakeString(HEX, 32, 14013)}-X"`],
        negatives: [`FLWSECK-${'x'.repeat(32)}-X`, `FLWPUBK-${fakeString(HEX, 32, 14014)}-X`, `FLWSECK-${fakeString(HEX, 30, 14015)}-X`],
      };
    },
  }),
  // https://docs.klarna.com/api-reference/authentication - "An API key has the following
  // format: klarna_<live|test>_<api>_<random>" (example klarna_live_api_elZGI1B5dHBI...).
  defineRule({
    id: 'klarna-api-key',
    description: 'Klarna API key',
    keywords: ['klarna_live_api_', 'klarna_test_api_'],
    regex: `${B}(?<secret>klarna_(?:live|test)_api_[A-Za-z0-9+/_\\-]{40,}={0,2})(?![A-Za-z0-9+/=_\\-])`,
    entropy: 3.5,
    severity: 'critical',
    severityFor: (s) => (s.startsWith('klarna_test_') ? 'medium' : 'critical'),
    confidence: 'high',
    get examples() {
      return {
        positives: [
          `KLARNA_API_KEY=klarna_live_api_${fakeBase64(80, 14016).replace(/[+/]/g, 'k')}`,
          `'Authorization': 'Basic klarna_test_api_${fakeString(URLSAFE, 64, 14017)}'`,
        ],
        negatives: ['klarna_live_api_<random>', `klarna_live_api_${fakeString(ALNUM, 20, 14018)}`, `my_klarna_live_api_${fakeString(ALNUM, 60, 14019)}`],
      };
    },
  }),
  // https://developer.paddle.com/api-reference/about/authentication - Bearer
  // tokens: pdl_, live or sdbx, _apikey_, a 26-character ULID, then two random parts (22 and 3
  // characters), joined by underscores.
  defineRule({
    id: 'paddle-api-key',
    description: 'Paddle Billing API key',
    keywords: ['pdl_live_apikey_', 'pdl_sdbx_apikey_'],
    regex: `${B}(?<secret>pdl_(?:live|sdbx)_apikey_[0-9a-hjkmnp-tv-z]{26}_[A-Za-z0-9]{22}_[A-Za-z0-9]{3})${E}`,
    severity: 'critical',
    severityFor: (s) => (s.startsWith('pdl_sdbx_') ? 'medium' : 'critical'),
    confidence: 'high',
    get examples() {
      return {
        positives: [
          `PADDLE_API_KEY=pdl_live_apikey_01${fakeString(ULID, 24, 14020)}_${fakeString(ALNUM, 22, 14021)}_${fakeString(ALNUM, 3, 14022)}`,
          `apiKey: "pdl_sdbx_apikey_01${fakeString(ULID, 24, 14023)}_${fakeString(ALNUM, 22, 14024)}_${fakeString(ALNUM, 3, 14025)}"`,
        ],
        negatives: ['pdl_sdbx_apikey_0123456789abcdefghij', 'pdl_live_apikey_mock_not_real', `pdl_live_apikey_01${fakeString(ULID, 24, 14026)}_short_AQO`],
      };
    },
  }),
  // https://developer.paddle.com/api-reference/notification-settings/create-notification-setting
  // (endpoint_secret_key: "Webhook destination secret key, prefixed with pdl_ntfset_", used for
  // signature verification). Partly unverified: the <ULID>_ after the prefix and the length of the
  // random part are not published; 32+ base64 characters seen.
  defineRule({
    id: 'paddle-webhook-secret',
    description: 'Paddle webhook endpoint secret key',
    keywords: ['pdl_ntfset_'],
    regex: `${B}(?<secret>pdl_ntfset_[0-9a-hjkmnp-tv-z]{26}_[A-Za-z0-9+/]{32,}={0,2})(?![A-Za-z0-9+/=_])`,
    entropy: 3.5,
    severity: 'medium',
    confidence: 'medium',
    get examples() {
      return {
        positives: [
          `PADDLE_WEBHOOK_SECRET=pdl_ntfset_01${fakeString(ULID, 24, 14027)}_${fakeBase64(32, 14028)}`,
          `"endpoint_secret_key": "pdl_ntfset_01${fakeString(ULID, 24, 14210)}_${fakeBase64(44, 14211)}"`,
        ],
        negatives: [
          'pdl_ntfset_secret',
          `pdl_ntfset_01${fakeString(ULID, 24, 14029)}_suiteonly`,
          `"id": "ntfset_01${fakeString(ULID, 24, 14212)}"`,
          `PADDLE_WEBHOOK_SECRET=pdl_ntfset_01${'x'.repeat(24)}_${'x'.repeat(32)}`,
        ],
      };
    },
  }),
  // Checkout.com's own SDK (github.com/checkout/checkout-sdk-ruby, CheckoutStaticKeysSdkBuilder)
  // accepts secret keys matching ^sk_(sbox_)?[a-z2-7]{26}[a-z2-7*#$=]$: sk_, sbox_ in the
  // sandbox, 26 base32 characters and a check character.
  defineRule({
    id: 'checkout-secret-key',
    description: 'Checkout.com secret API key',
    keywords: ['sk_'],
    keywordsCaseSensitive: true,
    regex: `${B}(?<secret>sk_(?:sbox_)?[a-z2-7]{26}[a-z2-7*#$=])(?![A-Za-z0-9_*#$=])`,
    entropy: 3.5,
    severity: 'critical',
    severityFor: (s) => (s.startsWith('sk_sbox_') ? 'medium' : 'critical'),
    confidence: 'medium',
    get examples() {
      return {
        positives: [`CKO_SECRET_KEY=sk_${fakeString(B32_LOWER, 27, 14030)}`, `secretKey: "sk_sbox_${fakeString(B32_LOWER, 26, 14031)}="`],
        negatives: [`sk_sbox_${'x'.repeat(27)}`, `task_${fakeString(B32_LOWER, 27, 14032)}`, `sk_${fakeString(B32_LOWER, 20, 14033)}`],
      };
    },
  }),
  // The same SDK (checkout_previous_static_keys_sdk_builder.rb) accepts the previous platform's
  // keys as ^sk_(test_)?<uuid>$.
  defineRule({
    id: 'checkout-legacy-secret-key',
    description: 'Checkout.com secret API key (previous platform, UUID form)',
    keywords: ['sk_'],
    keywordsCaseSensitive: true,
    regex: `${B}(?<secret>sk_(?:test_)?${UUID})(?![0-9a-f-])`,
    entropy: 3.0,
    severity: 'critical',
    severityFor: (s) => (s.startsWith('sk_test_') ? 'medium' : 'critical'),
    confidence: 'high',
    get examples() {
      return {
        positives: [`CHECKOUT_SECRET_KEY=sk_test_${fakeUuid(14034)}`, `"secretKey": "sk_${fakeUuid(14035)}"`],
        negatives: ['sk_test_00000000-0000-0000-0000-000000000000', `pk_test_${fakeUuid(14036)}`, `ask_${fakeUuid(14037)}`],
      };
    },
  }),
  // https://razorpay.com/docs/api/authentication/ - requests use Basic auth with
  // YOUR_KEY_ID:YOUR_KEY_SECRET; key IDs start rzp_live_ or rzp_test_.
  // unverified: the lengths (14 after the prefix, a 24-character secret) are not published.
  defineRule({
    id: 'razorpay-key-pair',
    description: 'Razorpay key ID with its key secret (key_id:key_secret)',
    keywords: ['rzp_live_', 'rzp_test_'],
    regex: `${B}rzp_(?:live|test)_[A-Za-z0-9]{14}:(?<secret>[A-Za-z0-9]{24})(?![A-Za-z0-9])`,
    entropy: 3.3,
    severity: 'critical',
    confidence: 'low',
    get examples() {
      return {
        positives: [`curl -u rzp_live_${fakeString(ALNUM, 14, 14038)}:${fakeString(ALNUM, 24, 14039)} https://api.razorpay.com/v1/payments`],
        negatives: [`key_id: rzp_live_${fakeString(ALNUM, 14, 14040)}`, `rzp_test_${fakeString(ALNUM, 14, 14041)}:[YOUR_KEY_SECRET]`],
      };
    },
  }),
  // https://razorpay.com/docs/payments/dashboard/account-settings/api-keys/ - an API key is a
  // key_id and a key_secret. unverified: the secret's shape (24 alphanumerics) is not published.
  defineRule({
    id: 'razorpay-key-secret',
    description: 'Razorpay key secret (named as such)',
    keywords: ['razorpay'],
    regex: assigned('razorpay', '[A-Za-z0-9]{24}'),
    validate: (s, m) => (nameSays(m, s, /secret/i) ? 'unknown' : 'invalid'),
    ignoreCase: true,
    entropy: 3.3,
    gate: assignmentWithin(40),
    severity: 'critical',
    confidence: 'low',
    get examples() {
      return {
        positives: [`RAZORPAY_KEY_SECRET=${fakeString(ALNUM, 24, 14042)}`, `razorpaySecret: "${fakeString(ALNUM, 24, 14043)}"`],
        negatives: [`RAZORPAY_KEY_ID=rzp_live_${fakeString(ALNUM, 14, 14044)}`, 'RAZORPAY_KEY_SECRET=${RAZORPAY_SECRET}', `RAZORPAY_SECRET=${'a'.repeat(24)}`],
      };
    },
  }),
  // https://docs.mollie.com/reference/authentication - each website profile has a Live API key
  // and a Test API key (live_..., test_...). unverified: 30 alphanumerics after the prefix is
  // the length Mollie issues, not a published format; named, as live_/test_ alone is common.
  defineRule({
    id: 'mollie-api-key',
    description: 'Mollie API key (live_/test_, named as such)',
    keywords: ['mollie'],
    regex: assigned('mollie', '(?:live|test)_[A-Za-z0-9]{30}'),
    ignoreCase: true,
    entropy: 3.5,
    gate: assignmentWithin(40),
    severity: 'critical',
    severityFor: (s) => (s.toLowerCase().startsWith('test_') ? 'medium' : 'critical'),
    confidence: 'low',
    get examples() {
      return {
        positives: [`MOLLIE_API_KEY=live_${fakeString(ALNUM, 30, 14045)}`, `'mollie_key' => 'test_${fakeString(ALNUM, 30, 14046)}'`],
        negatives: [`MOLLIE_API_KEY=live_${'x'.repeat(30)}`, `MOLLIE_PROFILE_ID=pfl_${fakeString(ALNUM, 10, 14047)}`],
      };
    },
  }),
  // https://docs.mollie.com/reference/authentication - organization access tokens (access_...).
  // unverified: 40 alphanumerics after access_ is the length issued, not a published format.
  defineRule({
    id: 'mollie-access-token',
    description: 'Mollie organization access token (access_, named as such)',
    keywords: ['mollie'],
    regex: assigned('mollie', 'access_[A-Za-z0-9]{40}'),
    ignoreCase: true,
    entropy: 3.5,
    gate: assignmentWithin(40),
    severity: 'critical',
    confidence: 'low',
    get examples() {
      return {
        positives: [`MOLLIE_ACCESS_TOKEN=access_${fakeString(ALNUM, 40, 14048)}`],
        negatives: [`MOLLIE_ACCESS_TOKEN=access_${'0'.repeat(40)}`, 'MOLLIE_ACCESS_TOKEN=access_token'],
      };
    },
  }),
  // https://developer.gocardless.com/getting-started/set-up - access tokens are created per
  // environment (sandbox, live). unverified: the live_/sandbox_ prefix and 40-character body
  // are what GoCardless issues, not a published format; named, as the prefixes are common.
  defineRule({
    id: 'gocardless-access-token',
    description: 'GoCardless access token (named as such)',
    keywords: ['gocardless', 'gc_access_token'],
    regex: assigned('gocardless|gc_access_token', '(?:live|sandbox)_[A-Za-z0-9_\\-]{40}'),
    ignoreCase: true,
    entropy: 3.5,
    gate: assignmentWithin(40),
    severity: 'critical',
    severityFor: (s) => (s.toLowerCase().startsWith('sandbox_') ? 'medium' : 'critical'),
    confidence: 'low',
    get examples() {
      return {
        positives: [`GOCARDLESS_ACCESS_TOKEN=live_${fakeString(URLSAFE, 40, 14049)}`, `GC_ACCESS_TOKEN: "sandbox_${fakeString(URLSAFE, 40, 14050)}"`],
        negatives: ['GOCARDLESS_ENVIRONMENT=sandbox', `GOCARDLESS_ACCESS_TOKEN=sandbox_${'x'.repeat(40)}`],
      };
    },
  }),
  // https://docs.wise.com/api-docs/features/authentication-access/personal-tokens - personal
  // API tokens; they are UUIDs. unverified: the UUID shape is not stated in the docs.
  defineRule({
    id: 'wise-api-token',
    description: 'Wise (TransferWise) API token (named as such)',
    keywords: ['transferwise', 'wise_api', 'wise-api', 'wise_token', 'wiseapi', 'wisetoken'],
    regex: assigned('transferwise|(?<![A-Za-z0-9])wise', UUID),
    ignoreCase: true,
    entropy: 3.0,
    gate: assignmentWithin(40),
    severity: 'critical',
    confidence: 'low',
    validate: (s, m) => (isRfc4122(s) && nameSays(m, s, /token|key/i) ? 'unknown' : 'invalid'),
    get examples() {
      return {
        positives: [`WISE_API_TOKEN=${fakeUuid(14051)}`, `transferwise_api_key: "${fakeUuid(14052)}"`],
        negatives: ['WISE_API_TOKEN=00000000-0000-0000-0000-000000000000', `WISE_PROFILE_ID=${fakeString('0123456789', 8, 14053)}`],
      };
    },
  }),
  // https://docs.recurly.com/docs/api-keys - private API keys. unverified: 32 hex characters is
  // the length Recurly issues, not a published format.
  defineRule({
    id: 'recurly-api-key',
    description: 'Recurly private API key (named as such)',
    keywords: ['recurly'],
    regex: assigned('recurly', '[a-f0-9]{32}'),
    ignoreCase: true,
    entropy: 3.0,
    gate: assignmentWithin(40),
    severity: 'critical',
    confidence: 'low',
    get examples() {
      return {
        positives: [`RECURLY_API_KEY=${fakeString(HEX, 32, 14054)}`],
        negatives: [`RECURLY_API_KEY=${'0'.repeat(32)}`, 'RECURLY_SUBDOMAIN=mycompany'],
      };
    },
  }),
  // https://www.chargebee.com/docs/2.0/api_keys.html - API keys are live_... or test_....
  // unverified: the body (alphanumerics, 26-40 of them) is not published; named.
  defineRule({
    id: 'chargebee-api-key',
    description: 'Chargebee API key (named as such)',
    keywords: ['chargebee'],
    regex: assigned('chargebee', '(?:live|test)_[A-Za-z0-9]{26,40}'),
    ignoreCase: true,
    entropy: 3.5,
    gate: assignmentWithin(40),
    severity: 'critical',
    severityFor: (s) => (s.toLowerCase().startsWith('test_') ? 'medium' : 'critical'),
    confidence: 'low',
    get examples() {
      return {
        positives: [`CHARGEBEE_API_KEY=live_${fakeString(ALNUM, 34, 14055)}`],
        negatives: ['CHARGEBEE_SITE=acme-test', `CHARGEBEE_API_KEY=live_${'x'.repeat(34)}`],
      };
    },
  }),
  // https://developer.authorize.net/api/reference/ - merchantAuthentication: name (API login
  // ID) and transactionKey. unverified: the 16-character transaction key is not a published
  // format; named.
  defineRule({
    id: 'authorizenet-transaction-key',
    description: 'Authorize.Net transaction key (named as such)',
    keywords: ['transactionkey', 'authorizenet', 'authorize.net', 'authorize_net', 'authorize-net', 'authnet'],
    regex: assigned('authori[sz]e[_.\\-]?net|authnet|transaction', '[A-Za-z0-9]{16}'),
    ignoreCase: true,
    entropy: 3.0,
    // The bare field name (merchantAuthentication.transactionKey) only where Authorize.Net is named.
    validate: (s, m, fragment) =>
      nameSays(m, s, /trans(?:action)?[_.\-]?key/i) && /authori[sz]e[_.\-]?net|authnet|merchantAuthentication/i.test(fragment.text) ? 'unknown' : 'invalid',
    severity: 'critical',
    confidence: 'low',
    get examples() {
      return {
        positives: [
          `AUTHORIZE_NET_TRANSACTION_KEY=${fakeString(ALNUM, 16, 14056)}`,
          `"merchantAuthentication": {"name": "${fakeString(ALNUM, 10, 14057)}", "transactionKey": "${fakeString(ALNUM, 16, 14058)}"}`,
        ],
        negatives: [`transaction_key = "${fakeString(ALNUM, 16, 14059)}"`, `AUTHNET_TRANSACTION_KEY=${'a'.repeat(16)}`],
      };
    },
  }),
  // https://developers.binance.com/docs/binance-spot-api-docs/rest-api/endpoint-security-type -
  // API key in X-MBX-APIKEY, HMAC secret key. unverified: 64 alphanumerics for both is the
  // length Binance issues, not a published format; named.
  defineRule({
    id: 'binance-api-key',
    description: 'Binance API key or secret key (named as such)',
    keywords: ['binance', 'x-mbx-apikey'],
    regex: assigned('binance|x-mbx-apikey', '[A-Za-z0-9]{64}'),
    ignoreCase: true,
    entropy: 4.0,
    gate: assignmentWithin(40),
    severity: 'critical',
    confidence: 'low',
    get examples() {
      return {
        positives: [`BINANCE_API_SECRET=${fakeString(ALNUM, 64, 14060)}`, `"X-MBX-APIKEY": "${fakeString(ALNUM, 64, 14061)}"`],
        negatives: [`BINANCE_API_KEY=${fakeString(HEX, 8, 14062).repeat(8)}`, 'BINANCE_API_KEY=${BINANCE_API_KEY}'],
      };
    },
  }),
  // https://docs.kraken.com/api/docs/guides/spot-rest-auth - the private key is base64 and is
  // base64-decoded to sign requests (HMAC-SHA512). unverified: 64 bytes (88 base64 characters)
  // is the size Kraken issues, not a published format; named.
  defineRule({
    id: 'kraken-private-key',
    description: 'Kraken API private key (named as such)',
    keywords: ['kraken'],
    regex: assigned('kraken', '[A-Za-z0-9+/]{86}=='),
    validate: (s, m) => (nameSays(m, s, /private|secret/i) ? 'unknown' : 'invalid'),
    ignoreCase: true,
    entropy: 4.5,
    gate: assignmentWithin(40),
    severity: 'critical',
    confidence: 'low',
    get examples() {
      return {
        positives: [`KRAKEN_PRIVATE_KEY=${fakeBase64(86, 14063)}==`],
        negatives: [`KRAKEN_API_KEY=${fakeBase64(56, 14064)}`, `KRAKEN_SECRET=${'A'.repeat(86)}==`],
      };
    },
  }),
  // https://docs.cdp.coinbase.com/get-started/authentication/cdp-api-keys - new CDP API keys
  // are Ed25519 by default, their secret a base64-encoded key. unverified: 64 bytes (88
  // characters with padding) is the size issued, not a published format; named.
  defineRule({
    id: 'coinbase-cdp-api-key-secret',
    description: 'Coinbase Developer Platform API key secret (Ed25519, named as such)',
    keywords: ['coinbase', 'cdp_api', 'cdp-api', 'cdp_private', 'cdpapi'],
    regex: assigned('coinbase|cdp', '[A-Za-z0-9+/]{86}=='),
    validate: (s, m) => (nameSays(m, s, /private|secret/i) ? 'unknown' : 'invalid'),
    ignoreCase: true,
    entropy: 4.5,
    gate: assignmentWithin(40),
    severity: 'critical',
    confidence: 'low',
    get examples() {
      return {
        positives: [`CDP_API_KEY_SECRET=${fakeBase64(86, 14065)}==`, `COINBASE_PRIVATE_KEY="${fakeBase64(86, 14066)}=="`],
        negatives: [`CDP_API_KEY_ID=${fakeUuid(14067)}`, 'COINBASE_PRIVATE_KEY="-----BEGIN EC PRIVATE KEY-----\\n..."'],
      };
    },
  }),
  // https://docs.cdp.coinbase.com/coinbase-app/authentication-authorization/api-key-authentication -
  // CDP keys for the Coinbase App and Advanced Trade are named organizations/{org_id}/apiKeys/
  // {key_id}, an ECDSA private key beside them. The name is not secret by itself: it says whose
  // key the private key next to it is, and where one leaked the other usually did too.
  defineRule({
    id: 'coinbase-cdp-api-key-name',
    description: 'Coinbase CDP API key name (organizations/<id>/apiKeys/<id>)',
    keywords: ['/apikeys/'],
    regex: `${B}(?<secret>organizations/${UUID}/apiKeys/${UUID})(?![0-9a-f-])`,
    entropy: 3.0,
    severity: 'low',
    confidence: 'high',
    get examples() {
      return {
        positives: [`COINBASE_API_KEY="organizations/${fakeUuid(14068)}/apiKeys/${fakeUuid(14069)}"`],
        negatives: ['API_KEY = "organizations/{org_id}/apiKeys/{key_id}"', `organizations/${fakeUuid(14070)}/members/${fakeUuid(14071)}`],
      };
    },
  }),
  // https://docs.etherscan.io/getting-started/viewing-api-usage-statistics - API key tokens.
  // unverified: 34 upper-case alphanumerics is the length issued, not a published format; named.
  // Etherscan's docs (set-up-your-api-key) give no shape; its own CLI (etherscan/etherscan-cli)
  // checks a key by calling the API, and its skills (etherscan/skills etherscan-flow SKILL.md)
  // accept any ^[A-Za-z0-9]{1,64}$: an input check, not the issued format.
  defineRule({
    id: 'etherscan-api-key',
    description: 'Etherscan API key (named as such)',
    keywords: ['etherscan'],
    regex: assigned(anyCase('etherscan'), '[A-Z0-9]{34}', true),
    entropy: 3.5,
    gate: assignmentWithin(40),
    severity: 'medium',
    confidence: 'low',
    get examples() {
      return {
        positives: [`etherscan_api_key=${fakeString(UPPER_ALNUM, 34, 14072)}`, `etherscanApiKey: "${fakeString(UPPER_ALNUM, 34, 14073)}"`],
        negatives: ['etherscan_url=https://api.etherscan.io/api', `etherscan_api_key=${'A'.repeat(34)}`],
      };
    },
  }),
  // https://docs.metamask.io/services/get-started/infura/ - endpoints are
  // https://<network>.infura.io/v3/<YOUR-API-KEY>, the key a 32-character hex string.
  defineRule({
    id: 'infura-api-key',
    description: 'Infura API key in an endpoint URL',
    keywords: ['infura.io/v3/'],
    regex: `infura\\.io/v3/(?<secret>[a-f0-9]{32})(?![A-Za-z0-9])`,
    entropy: 3.0,
    severity: 'medium',
    confidence: 'medium',
    get examples() {
      return {
        positives: [
          `RPC_URL=https://mainnet.infura.io/v3/${fakeString(HEX, 32, 14074)}`,
          `new JsonRpcProvider("https://sepolia.infura.io/v3/${fakeString(HEX, 32, 14075)}")`,
        ],
        negatives: [
          'https://mainnet.infura.io/v3/YOUR-API-KEY',
          'https://mainnet.infura.io/v3/${INFURA_KEY}',
          `https://mainnet.infura.io/v3/${'0'.repeat(32)}`,
        ],
      };
    },
  }),
  // https://www.alchemy.com/docs/how-to-create-access-keys - endpoints are
  // https://<network>.g.alchemy.com/v2/<api-key>. unverified: 32 URL-safe characters is the
  // length issued, not a published format.
  defineRule({
    id: 'alchemy-api-key',
    description: 'Alchemy API key in an endpoint URL',
    keywords: ['alchemy.com/v2/'],
    regex: `\\.g\\.alchemy\\.com/v2/(?<secret>[A-Za-z0-9_\\-]{32})(?![A-Za-z0-9_\\-])`,
    entropy: 3.5,
    severity: 'medium',
    confidence: 'low',
    get examples() {
      return {
        positives: [`ALCHEMY_URL=https://eth-mainnet.g.alchemy.com/v2/${fakeString(URLSAFE, 32, 14076)}`],
        negatives: [
          'https://eth-mainnet.g.alchemy.com/v2/your-api-key',
          'https://eth-mainnet.g.alchemy.com/v2/${ALCHEMY_KEY}',
          `https://eth-mainnet.g.alchemy.com/v2/${'x'.repeat(32)}`,
        ],
      };
    },
  }),
  // https://developer.paypal.com/api/rest/ - REST apps have a client ID and a secret.
  // unverified: 80 URL-safe characters for the secret is the length issued, not a published
  // format; named. PayPal's docs (api/rest, api/rest/authentication) and its own code
  // (paypal/PayPal-TypeScript-Server-SDK, paypal/agent-toolkit) take the secret as an opaque
  // string: no length or alphabet.
  defineRule({
    id: 'paypal-client-secret',
    description: 'PayPal REST app client secret (named as such)',
    keywords: ['paypal'],
    regex: assigned('paypal', '[A-Za-z0-9_\\-]{80}'),
    validate: (s, m) => (nameSays(m, s, /secret/i) ? 'unknown' : 'invalid'),
    ignoreCase: true,
    entropy: 4.0,
    gate: assignmentWithin(40),
    severity: 'critical',
    confidence: 'low',
    get examples() {
      return {
        positives: [`PAYPAL_CLIENT_SECRET=E${fakeString(URLSAFE, 79, 14077)}`, `paypalSecret: "${fakeString(URLSAFE, 80, 14078)}"`],
        negatives: [`PAYPAL_CLIENT_ID=A${fakeString(URLSAFE, 79, 14079)}`, 'PAYPAL_CLIENT_SECRET=${PAYPAL_SECRET}'],
      };
    },
  }),
  // https://docs.adyen.com/development-resources/api-credentials - an API credential is a
  // ws_...@Company.<account> username and an API key. unverified: the key's shape (AQE, base64,
  // then -separated base64 parts) is what Adyen issues, not a published format.
  defineRule({
    id: 'adyen-api-key',
    description: 'Adyen API key',
    keywords: ['AQE'],
    keywordsCaseSensitive: true,
    regex: `(?<![A-Za-z0-9_+/\\-])(?<secret>AQE[A-Za-z0-9+/]{40,}={0,2}-[A-Za-z0-9+/]{43}=)(?![A-Za-z0-9+/=])`,
    entropy: 4.0,
    severity: 'critical',
    confidence: 'low',
    get examples() {
      return {
        positives: [`ADYEN_API_KEY=AQE${fakeBase64(110, 14080)}==-${fakeBase64(43, 14081)}=-${fakeString(ALNUM, 16, 14082)}`],
        negatives: ['ADYEN_API_KEY=AQE_YOUR_KEY', `AQE${fakeBase64(20, 14083)}==-${fakeBase64(43, 14084)}=`],
      };
    },
  }),

  // ---------------------------------------------------------------------------------------
  // AI providers
  // ---------------------------------------------------------------------------------------

  // https://replicate.com/docs/topics/security/api-tokens - "40-character strings that always
  // start with r8_".
  defineRule({
    id: 'replicate-api-token',
    description: 'Replicate API token',
    keywords: ['r8_'],
    regex: `${B}(?<secret>r8_[A-Za-z0-9]{37})${E}`,
    entropy: 3.5,
    severity: 'high',
    confidence: 'high',
    get examples() {
      return {
        positives: [`REPLICATE_API_TOKEN=r8_${fakeString(ALNUM, 37, 14085)}`, `Authorization: Bearer r8_${fakeString(ALNUM, 37, 14086)}`],
        negatives: [`r8_${'x'.repeat(37)}`, 'r8_short', `ar8_${fakeString(ALNUM, 37, 14087)}`],
      };
    },
  }),
  // https://docs.langchain.com/langsmith/llm-gateway-authentication ("a LangSmith API key, which
  // starts with lsv2_": personal access tokens "prefixed lsv2_pt_", service keys "prefixed
  // lsv2_sk_"). Partly unverified: the body (32 hex, _, 10 hex) is not stated; it is what LangSmith
  // issues, as users' configuration shows.
  defineRule({
    id: 'langsmith-api-key',
    description: 'LangSmith API key (personal access token or service key)',
    keywords: ['lsv2_pt_', 'lsv2_sk_'],
    regex: `${B}(?<secret>lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10})${E}`,
    entropy: 3.0,
    severity: 'high',
    confidence: 'medium',
    get examples() {
      return {
        positives: [
          `LANGSMITH_API_KEY=lsv2_pt_${fakeString(HEX, 32, 14088)}_${fakeString(HEX, 10, 14089)}`,
          `LANGCHAIN_API_KEY="lsv2_sk_${fakeString(HEX, 32, 14090)}_${fakeString(HEX, 10, 14091)}"`,
        ],
        negatives: [
          'LANGSMITH_API_KEY=lsv2_sk_your_api_key_here',
          `lsv2_pt_${'0'.repeat(32)}_${'0'.repeat(10)}`,
          `LANGSMITH_API_KEY=lsv2_pt_${fakeString(HEX, 32, 14213)}`,
          `LANGSMITH_API_KEY=lsv2_xx_${fakeString(HEX, 32, 14214)}_${fakeString(HEX, 10, 14215)}`,
        ],
      };
    },
  }),
  // https://openrouter.ai/docs/guides/overview/auth/api-keys (Bearer API keys; "OpenRouter treats
  // a bearer that starts with sk-or-v1- as an API key"). Partly unverified: 64 hex characters after
  // the prefix is what OpenRouter issues, not stated.
  defineRule({
    id: 'openrouter-api-key',
    description: 'OpenRouter API key',
    keywords: ['sk-or-v1-'],
    regex: `${B}(?<secret>sk-or-v1-[a-f0-9]{64})${E}`,
    entropy: 3.3,
    severity: 'high',
    confidence: 'medium',
    get examples() {
      return {
        positives: [`OPENROUTER_API_KEY=sk-or-v1-${fakeString(HEX, 64, 14092)}`, `Authorization: Bearer sk-or-v1-${fakeString(HEX, 64, 14216)}`],
        negatives: [
          'OPENROUTER_API_KEY=sk-or-v1-your-key-here',
          `sk-or-v1-${'0'.repeat(64)}`,
          `sk-or-v1-${fakeString(HEX, 40, 14093)}`,
          `OPENROUTER_API_KEY=sk-or-v2-${fakeString(HEX, 64, 14217)}`,
        ],
      };
    },
  }),
  // https://docs.nvidia.com/nemo/retriever/latest/extraction/api-keys/ - keys from
  // build.nvidia.com "typically start with nvapi-". unverified: 64 URL-safe characters after it
  // is the length issued.
  defineRule({
    id: 'nvidia-api-key',
    description: 'NVIDIA API key (build.nvidia.com, nvapi-)',
    keywords: ['nvapi-'],
    regex: `(?<![A-Za-z0-9_\\-])(?<secret>nvapi-[A-Za-z0-9_\\-]{64})(?![A-Za-z0-9_\\-])`,
    entropy: 3.8,
    severity: 'high',
    confidence: 'medium',
    get examples() {
      return {
        positives: [`export NVIDIA_API_KEY="nvapi-${fakeString(URLSAFE, 64, 14094)}"`],
        negatives: ['export NVIDIA_API_KEY="nvapi-..."', `nvapi-${fakeString(URLSAFE, 30, 14095)}`],
      };
    },
  }),
  // https://docs.x.ai/developers/quickstart - keys from the xAI console. unverified: the xai-
  // prefix is stated only in third-party guides, and 80 alphanumerics after it is the length
  // issued.
  defineRule({
    id: 'xai-api-key',
    description: 'xAI (Grok) API key',
    keywords: ['xai-'],
    regex: `${B}(?<secret>xai-[A-Za-z0-9]{80})${E}`,
    entropy: 4.0,
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [`XAI_API_KEY=xai-${fakeString(ALNUM, 80, 14096)}`],
        negatives: ['XAI_API_KEY="xai-your-key-here"', `xai-${fakeString(ALNUM, 40, 14097)}`],
      };
    },
  }),
  // Perplexity API keys (https://docs.perplexity.ai/docs/getting-started/quickstart) begin pplx-.
  // unverified: 48 alphanumerics after the prefix is the length issued.
  defineRule({
    id: 'perplexity-api-key',
    description: 'Perplexity API key',
    keywords: ['pplx-'],
    regex: `${B}(?<secret>pplx-[A-Za-z0-9]{48})${E}`,
    entropy: 3.5,
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [`PERPLEXITY_API_KEY=pplx-${fakeString(ALNUM, 48, 14098)}`],
        negatives: [`pplx-${'x'.repeat(48)}`, `pplx-${fakeString(ALNUM, 20, 14099)}`],
      };
    },
  }),
  // Pinecone's Admin API (https://docs.pinecone.io/reference/api/2025-10/admin/create_api_key,
  // APIKeyWithSecret.value): "New keys will have the format pckey_<public-label>_<unique-key>";
  // keys from the console read pcsk_<label>_<key>. unverified: the lengths of the two parts.
  defineRule({
    id: 'pinecone-api-key',
    description: 'Pinecone API key (pcsk_ / pckey_)',
    keywords: ['pcsk_', 'pckey_'],
    regex: `${B}(?<secret>pc(?:sk|key)_[A-Za-z0-9]{4,12}_[A-Za-z0-9]{40,90})${E}`,
    entropy: 3.8,
    severity: 'high',
    confidence: 'medium',
    get examples() {
      return {
        positives: [
          `PINECONE_API_KEY=pcsk_${fakeString(ALNUM, 6, 14100)}_${fakeString(ALNUM, 63, 14101)}`,
          `api_key="pckey_${fakeString(ALNUM, 8, 14102)}_${fakeString(ALNUM, 48, 14103)}"`,
        ],
        negatives: ['pckey_<public-label>_<unique-key>', `pcsk_${fakeString(ALNUM, 6, 14104)}_short`],
      };
    },
  }),
  // https://api-docs.deepseek.com/ - keys are passed as Bearer sk-...; the prefix is shared with
  // OpenAI's, so named. unverified: 32 hex characters after sk- is the length issued.
  defineRule({
    id: 'deepseek-api-key',
    description: 'DeepSeek API key (named as such)',
    keywords: ['deepseek'],
    regex: assigned('deepseek', 'sk-[a-f0-9]{32}'),
    ignoreCase: true,
    entropy: 3.0,
    gate: assignmentWithin(40),
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [`DEEPSEEK_API_KEY=sk-${fakeString(HEX, 32, 14105)}`, `deepseek_key: "sk-${fakeString(HEX, 32, 14106)}"`],
        negatives: ['DEEPSEEK_API_KEY=sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'DEEPSEEK_BASE_URL=https://api.deepseek.com'],
      };
    },
  }),
  // https://docs.mistral.ai/getting-started/quickstart - API keys from La Plateforme. The shape
  // from Mistral's own API description: mistralai/platform-docs-public public/openapi.yaml,
  // schema APIKeyOUT (since 2f0dd463, July 2026): the plaintext key, returned once at creation,
  // has as its example 32 letters and digits of both cases (hidden_key: first and last four).
  // An example, not a stated rule; named.
  defineRule({
    id: 'mistral-api-key',
    description: 'Mistral AI API key (named as such)',
    keywords: ['mistral'],
    regex: assigned('mistral', '[A-Za-z0-9]{32}'),
    ignoreCase: true,
    entropy: 3.5,
    gate: assignmentWithin(40),
    severity: 'high',
    confidence: 'medium',
    validate: (s) => (/[0-9]/.test(s) && /[A-Z]/.test(s) && /[a-z]/.test(s) ? 'unknown' : 'invalid'),
    get examples() {
      return {
        positives: [`MISTRAL_API_KEY=${fakeString(ALNUM, 32, 14107)}`, `mistralApiKey: "${fakeString(ALNUM, 32, 14400)}"`],
        negatives: [
          'MISTRAL_MODEL=mistral-large-latest',
          `MISTRAL_API_KEY=${'a'.repeat(32)}`,
          'MISTRAL_API_KEY=abcdefghijklmnopqrstuvwxyzabcdef',
          `MISTRAL_API_KEY=${fakeString(ALNUM, 31, 14401)}`,
          `MISTRAL_API_KEY=${fakeString(ALNUM, 33, 14402)}`,
          `MISTRAL_API_KEY=${fakeString(ALNUM, 16, 14403)}-${fakeString(ALNUM, 16, 14404)}`,
          'MISTRAL_API_KEY=<your-api-key>',
        ],
      };
    },
  }),
  // https://docs.cohere.com/reference/about - API keys from the dashboard, Bearer auth.
  // unverified: 40 alphanumerics is the length issued; named. Cohere's docs source
  // (cohere-ai/cohere-developer-experience) and its own code (cohere-ai/cohere-python,
  // cohere-toolkit) take the key as an opaque Bearer string: no length or alphabet.
  defineRule({
    id: 'cohere-api-key',
    description: 'Cohere API key (named as such)',
    keywords: ['cohere', 'co_api_key'],
    regex: assigned('cohere|co_api_key', '[A-Za-z0-9]{40}'),
    ignoreCase: true,
    entropy: 3.7,
    gate: assignmentWithin(40),
    severity: 'high',
    confidence: 'low',
    validate: (s) => (/[0-9]/.test(s) && /[A-Z]/.test(s) && /[a-z]/.test(s) ? 'unknown' : 'invalid'),
    get examples() {
      return {
        positives: [`COHERE_API_KEY=${fakeString(ALNUM, 40, 14108)}`, `CO_API_KEY="${fakeString(ALNUM, 40, 14109)}"`],
        negatives: ['COHERE_MODEL=command-r-plus', `COHERE_API_KEY=${fakeString(HEX, 40, 14110).toLowerCase()}`],
      };
    },
  }),
  // https://docs.together.ai/reference/authentication - Bearer API keys. unverified: tgp_v1_
  // plus 43 URL-safe characters is what Together issues now.
  defineRule({
    id: 'together-api-key',
    description: 'Together AI API key (tgp_v1_)',
    keywords: ['tgp_v1_'],
    regex: `${B}(?<secret>tgp_v1_[A-Za-z0-9_\\-]{43})(?![A-Za-z0-9_\\-])`,
    entropy: 3.8,
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [`TOGETHER_API_KEY=tgp_v1_${fakeString(URLSAFE, 43, 14111)}`],
        negatives: [`tgp_v1_${fakeString(URLSAFE, 20, 14181)}`, `tgp_v1_${'x'.repeat(43)}`],
      };
    },
  }),
  // https://docs.together.ai/reference/authentication - older keys. unverified: 64 hex
  // characters is what Together issued; named ("together" alone is a word, so the name must be
  // together[_ai][_api]_key).
  defineRule({
    id: 'together-legacy-api-key',
    description: 'Together AI API key (legacy 64-hex, named as such)',
    keywords: ['together_api', 'together-api', 'togetherai', 'together_ai', 'together_key'],
    regex: `together[_\\-]?(?:ai[_\\-]?)?(?:api[_\\-]?)?key["'\\]]{0,2}\\s{0,3}[:=]>?\\s{0,3}["']?(?<secret>[a-f0-9]{64})(?![A-Za-z0-9])`,
    ignoreCase: true,
    entropy: 3.3,
    gate: assignmentWithin(40),
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [`TOGETHER_API_KEY=${fakeString(HEX, 64, 14182)}`, `together_ai_key: "${fakeString(HEX, 64, 14183)}"`],
        negatives: ['TOGETHER_API_KEY=${TOGETHER_API_KEY}', `TOGETHER_API_KEY=${'0'.repeat(64)}`],
      };
    },
  }),
  // https://docs.fireworks.ai/api-reference/introduction - Bearer API keys. unverified: fw_
  // plus 24 alphanumerics is what Fireworks issues; named.
  defineRule({
    id: 'fireworks-api-key',
    description: 'Fireworks AI API key (named as such)',
    keywords: ['fireworks'],
    regex: assigned('fireworks', 'fw_[A-Za-z0-9]{24}'),
    ignoreCase: true,
    entropy: 3.5,
    gate: assignmentWithin(40),
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [`FIREWORKS_API_KEY=fw_${fakeString(ALNUM, 24, 14113)}`],
        negatives: ['FIREWORKS_API_KEY=your_fireworks_api_key_here', `FIREWORKS_API_KEY=fw_${'x'.repeat(24)}`],
      };
    },
  }),
  // https://www.assemblyai.com/docs/api-reference/overview - the API key in the authorization
  // header. unverified: 32 hex characters is the length issued; named.
  defineRule({
    id: 'assemblyai-api-key',
    description: 'AssemblyAI API key (named as such)',
    keywords: ['assemblyai', 'assembly_ai', 'assembly-ai'],
    regex: assigned('assembly[_\\-]?ai', '[a-f0-9]{32}'),
    ignoreCase: true,
    entropy: 3.0,
    gate: assignmentWithin(40),
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [`ASSEMBLYAI_API_KEY=${fakeString(HEX, 32, 14114)}`, `aai.settings.api_key = assemblyai_key = "${fakeString(HEX, 32, 14115)}"`],
        negatives: [`ASSEMBLYAI_API_KEY=${'0'.repeat(32)}`, 'ASSEMBLYAI_API_KEY=<YOUR_API_KEY>'],
      };
    },
  }),
  // https://developers.deepgram.com/guides/fundamentals/authenticating - Authorization: Token
  // <key>. unverified: 40 hex characters is the length issued; named.
  defineRule({
    id: 'deepgram-api-key',
    description: 'Deepgram API key (named as such)',
    keywords: ['deepgram'],
    regex: assigned('deepgram', '[a-f0-9]{40}'),
    ignoreCase: true,
    entropy: 3.0,
    gate: assignmentWithin(40),
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [`DEEPGRAM_API_KEY=${fakeString(HEX, 40, 14116)}`],
        negatives: [`DEEPGRAM_API_KEY=${'0'.repeat(40)}`, `DEEPGRAM_PROJECT_ID=${fakeUuid(14117)}`],
      };
    },
  }),
  // https://elevenlabs.io/docs/api-reference/authentication - the xi-api-key header.
  // unverified: sk_ plus 48 hex characters (current) and 32 hex (older) are what ElevenLabs
  // issues; named.
  defineRule({
    id: 'elevenlabs-api-key',
    description: 'ElevenLabs API key (named as such, or in xi-api-key)',
    keywords: ['elevenlabs', 'eleven_labs', 'xi-api-key', 'xi_api_key'],
    regex: assigned('eleven[_\\-]?labs|xi[_\\-]api[_\\-]key', 'sk_[a-f0-9]{48}|[a-f0-9]{32}'),
    ignoreCase: true,
    entropy: 3.0,
    gate: assignmentWithin(40),
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [`ELEVENLABS_API_KEY=sk_${fakeString(HEX, 48, 14118)}`, `headers = {"xi-api-key": "${fakeString(HEX, 32, 14119)}"}`],
        negatives: ['ELEVENLABS_VOICE_ID=21m00Tcm4TlvDq8ikWAM', `ELEVENLABS_API_KEY=sk_${'0'.repeat(48)}`],
      };
    },
  }),
  // https://platform.stability.ai/docs/getting-started/authentication - Bearer sk-... keys.
  // unverified: sk- plus 48 alphanumerics is the length issued; named (sk- is shared). Only the
  // prefix is Stability's own: the REST spec's example (Stability-AI/rest-api-support
  // spec/v1alpha.yaml, sk-KT...) and StableStudio's placeholder (sk-...); no length stated.
  defineRule({
    id: 'stability-api-key',
    description: 'Stability AI API key (named as such)',
    keywords: ['stability'],
    regex: assigned('stability', 'sk-[A-Za-z0-9]{48}'),
    ignoreCase: true,
    entropy: 3.5,
    gate: assignmentWithin(40),
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [`STABILITY_API_KEY=sk-${fakeString(ALNUM, 48, 14120)}`],
        negatives: ['STABILITY_API_KEY=sk-...', `STABILITY_API_KEY=sk-${'x'.repeat(48)}`],
      };
    },
  }),
  // https://inference-docs.cerebras.ai/console/api-keys - static API keys, Bearer.
  // unverified: csk- plus 48 lower-case alphanumerics is what Cerebras issues.
  defineRule({
    id: 'cerebras-api-key',
    description: 'Cerebras API key',
    keywords: ['csk-'],
    regex: `${B}(?<secret>csk-[a-z0-9]{48})${E}`,
    entropy: 3.5,
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [`CEREBRAS_API_KEY=csk-${fakeString(LOWER_ALNUM, 48, 14121)}`],
        negatives: [`csk-${'x'.repeat(48)}`, `csk-${fakeString(LOWER_ALNUM, 20, 14122)}`, `desk-${fakeString(LOWER_ALNUM, 48, 14123)}`],
      };
    },
  }),
  // https://docs.voyageai.com/docs/api-key-and-installation - Bearer VOYAGE_API_KEY.
  // unverified: pa- plus 43 URL-safe characters is what Voyage issues; named. Voyage's own SDK
  // (voyage-ai/voyageai-python voyageai/util.py get_default_base_url, since 0.3.7, Dec 2025)
  // knows two prefixes, pa- (api.voyageai.com) and al- (MongoDB Atlas model API keys), and no
  // length; al- keys, of unknown length, are not matched here.
  defineRule({
    id: 'voyage-api-key',
    description: 'Voyage AI API key (named as such)',
    keywords: ['voyage'],
    regex: assigned('voyage', 'pa-[A-Za-z0-9_\\-]{43}'),
    ignoreCase: true,
    entropy: 3.5,
    gate: assignmentWithin(40),
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [`VOYAGE_API_KEY=pa-${fakeString(URLSAFE, 43, 14124)}`],
        negatives: ['VOYAGE_API_KEY=pa-your-key', 'VOYAGE_MODEL=voyage-3-large'],
      };
    },
  }),
  // https://jina.ai/ (API key & billing) - keys are passed as Bearer. unverified: jina_ plus
  // 60 alphanumerics is what Jina issues.
  defineRule({
    id: 'jina-api-key',
    description: 'Jina AI API key',
    keywords: ['jina_'],
    regex: `${B}(?<secret>jina_[A-Za-z0-9]{60})${E}`,
    entropy: 3.8,
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [`JINA_API_KEY=jina_${fakeString(ALNUM, 60, 14125)}`],
        negatives: [`jina_${fakeString(ALNUM, 20, 14126)}`, `jina_${'x'.repeat(60)}`],
      };
    },
  }),
  // https://docs.wandb.ai/support/models/articles/why-does-my-api-key-fail-with-must-be-40-characters -
  // legacy W&B API keys are exactly 40 characters (hex); newer ones are about 86, in a format
  // not published, so not matched here.
  defineRule({
    id: 'wandb-api-key',
    description: 'Weights & Biases API key (legacy 40-character, named as such)',
    keywords: ['wandb'],
    regex: assigned('wandb', '[a-f0-9]{40}'),
    ignoreCase: true,
    entropy: 3.0,
    gate: assignmentWithin(40),
    severity: 'high',
    confidence: 'medium',
    get examples() {
      return {
        positives: [`WANDB_API_KEY=${fakeString(HEX, 40, 14127)}`, `wandb_key: "${fakeString(HEX, 40, 14128)}"`],
        negatives: ['WANDB_PROJECT=my-project', `WANDB_API_KEY=${'0'.repeat(40)}`, 'WANDB_API_KEY=[API-KEY]'],
      };
    },
  }),

  // Langfuse projects have a public key (pk-lf-...) and a secret key (sk-lf-...), used as Basic
  // auth (https://langfuse.com/docs/api-and-data-platform/features/public-api). unverified: a
  // UUID after the prefix is what Langfuse issues, not a published format.
  defineRule({
    id: 'langfuse-secret-key',
    description: 'Langfuse project secret key',
    keywords: ['sk-lf-'],
    regex: `${B}(?<secret>sk-lf-${UUID})(?![0-9a-f-])`,
    entropy: 3.0,
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [`LANGFUSE_SECRET_KEY="sk-lf-${fakeUuid(14205)}"`],
        negatives: [
          'LANGFUSE_SECRET_KEY=sk-lf-00000000-0000-0000-0000-000000000000',
          `LANGFUSE_PUBLIC_KEY=pk-lf-${fakeUuid(14206)}`,
          'LANGFUSE_SECRET_KEY=sk-lf-your-secret-key-here',
        ],
      };
    },
  }),
  // ---------------------------------------------------------------------------------------
  // Databases
  // ---------------------------------------------------------------------------------------

  // https://neon.com/docs/changelog/2025-01-31 ("Newly created Neon API keys are now prefixed with
  // napi_", for secret scanning; older unprefixed keys stay valid and are not matched) and
  // https://neon.com/docs/manage/api-keys (API keys, shown once). Partly unverified: 64 lower-case
  // alphanumerics after the prefix is the length issued, not stated.
  defineRule({
    id: 'neon-api-key',
    description: 'Neon API key',
    keywords: ['napi_'],
    regex: `${B}(?<secret>napi_[a-z0-9]{64})${E}`,
    entropy: 3.8,
    severity: 'critical',
    confidence: 'medium',
    get examples() {
      return {
        positives: [`NEON_API_KEY=napi_${fakeString(LOWER_ALNUM, 64, 14129)}`, `-H "Authorization: Bearer napi_${fakeString(LOWER_ALNUM, 64, 14218)}"`],
        negatives: [
          `napi_${fakeString(LOWER_ALNUM, 30, 14130)}`,
          `napi_${'x'.repeat(64)}`,
          'NEON_API_KEY=napi_your_api_key_here',
          'status = napi_create_threadsafe_function(env, fn, nullptr, name, 0, 1, nullptr, nullptr, nullptr, cb, &tsfn);',
        ],
      };
    },
  }),
  // https://docs.aws.amazon.com/secretsmanager/latest/userguide/mes-partner-MongoDBAtlasServiceAccount.html -
  // Atlas service account client IDs are mdb_sa_id_ plus a 24-character hex string; the client
  // secret is what Atlas shows next to it. unverified: the secret's mdb_sa_sk_ prefix and 40
  // URL-safe characters after it are what Atlas issues, not a published format.
  defineRule({
    id: 'mongodb-atlas-service-account-secret',
    description: 'MongoDB Atlas service account client secret',
    keywords: ['mdb_sa_sk_'],
    regex: `${B}(?<secret>mdb_sa_sk_[A-Za-z0-9_\\-]{40})(?![A-Za-z0-9_\\-])`,
    entropy: 3.8,
    severity: 'critical',
    confidence: 'low',
    get examples() {
      return {
        positives: [`ATLAS_CLIENT_SECRET=mdb_sa_sk_${fakeString(URLSAFE, 40, 14131)}`],
        negatives: ['ATLAS_CLIENT_SECRET=mdb_sa_sk_...', `ATLAS_CLIENT_ID=mdb_sa_id_${fakeString(HEX, 24, 14132)}`],
      };
    },
  }),
  // https://www.mongodb.com/docs/atlas/configure-api-access/ - programmatic API keys: a public
  // key and a private key (a UUID). Named, as a UUID alone is everywhere.
  defineRule({
    id: 'mongodb-atlas-api-key',
    description: 'MongoDB Atlas programmatic API private key (named as such)',
    keywords: ['mongodb', 'atlas_private', 'atlas-private', 'atlasprivate', 'atlas_api_private'],
    regex: assigned('mongodb|atlas', UUID),
    ignoreCase: true,
    entropy: 3.0,
    gate: assignmentWithin(40),
    validate: (s, m) => (isRfc4122(s) && nameSays(m, s, /private/i) ? 'unknown' : 'invalid'),
    severity: 'critical',
    confidence: 'medium',
    get examples() {
      return {
        positives: [`MONGODB_ATLAS_PRIVATE_KEY=${fakeUuid(14133)}`, `atlas_private_api_key: "${fakeUuid(14134)}"`],
        negatives: [`MONGODB_ATLAS_PUBLIC_KEY=${fakeString(LOWER_ALNUM, 8, 14135)}`, 'ATLAS_PRIVATE_KEY=00000000-0000-0000-0000-000000000000'],
      };
    },
  }),
  // https://www.prisma.io/docs/accelerate/getting-started - the Accelerate connection string is
  // prisma://accelerate.prisma-data.net/?api_key=__API_KEY__ (a JWT).
  defineRule({
    id: 'prisma-accelerate-api-key',
    description: 'Prisma Accelerate API key in its connection string',
    keywords: ['accelerate.prisma-data.net'],
    regex: `prisma(?:\\+postgres)?://accelerate\\.prisma-data\\.net/\\?api_key=(?<secret>eyJ[A-Za-z0-9_\\-]{10,}\\.eyJ[A-Za-z0-9_\\-]{10,}\\.[A-Za-z0-9_\\-]{10,})`,
    severity: 'critical',
    confidence: 'high',
    get examples() {
      const part = (n: number, seed: number) => fakeString(URLSAFE, n, seed);
      return {
        positives: [`DATABASE_URL="prisma://accelerate.prisma-data.net/?api_key=eyJ${part(30, 14136)}.eyJ${part(120, 14137)}.${part(43, 14138)}"`],
        negatives: [
          'DATABASE_URL="prisma://accelerate.prisma-data.net/?api_key=__API_KEY__"',
          'DATABASE_URL="prisma://accelerate.prisma-data.net/?api_key=..."',
        ],
      };
    },
  }),
  // https://docs.convex.dev/cli/deploy-key-types - CONVEX_DEPLOY_KEY names its kind and
  // deployment (prod:, dev:, preview:, project:) before the key; Convex's examples show
  // <kind>:<deployment name>|<token>: "prod:qualified-jaguar-123|eyJ2...0=" there and
  // "dev:happy-animal-123|ey..." at https://docs.convex.dev/management-api/create-deploy-key.
  // Partly unverified: the token's length is not given (the examples elide it), nor the part
  // between preview:/project: and the |.
  defineRule({
    id: 'convex-deploy-key',
    description: 'Convex deploy key',
    keywords: ['prod:', 'dev:', 'preview:', 'project:'],
    regex: `${B}(?<secret>(?:prod|dev|preview|project):[a-z0-9]+(?:-[a-z0-9]+){1,4}\\|[A-Za-z0-9+/=_\\-]{40,})(?![A-Za-z0-9+/=_\\-])`,
    entropy: 4.0,
    validate: (_s, _m, fragment) => (/convex/i.test(fragment.text) ? 'unknown' : 'invalid'),
    severity: 'critical',
    confidence: 'medium',
    get examples() {
      return {
        positives: [
          `CONVEX_DEPLOY_KEY=prod:happy-otter-${fakeString('0123456789', 3, 14139)}|${fakeBase64(80, 14140)}`,
          `CONVEX_DEPLOY_KEY='dev:quiet-heron-${fakeString('0123456789', 3, 14219)}|eyJ2${fakeBase64(76, 14220)}='`,
        ],
        negatives: [
          'CONVEX_DEPLOY_KEY=prod:famous-cricket-102|...',
          'CONVEX_DEPLOY_KEY=prod:qualified-jaguar-123|eyJ2...0=',
          `CONVEX_DEPLOYMENT=prod:fleet-goldfish-${fakeString('0123456789', 3, 14141)}`,
          `VITE_CONVEX_URL=https://quiet-heron-${fakeString('0123456789', 3, 14221)}.convex.cloud`,
        ],
      };
    },
  }),
  // https://docs.fauna.com/fauna/current/learn/security/keys/ - key secrets. unverified: fn
  // plus 38 URL-safe characters is what Fauna issues; named.
  defineRule({
    id: 'fauna-secret',
    description: 'Fauna key secret (named as such)',
    keywords: ['fauna'],
    regex: assigned('fauna', 'fn[A-Za-z0-9_\\-]{38}'),
    ignoreCase: true,
    entropy: 3.8,
    gate: assignmentWithin(40),
    severity: 'critical',
    confidence: 'low',
    get examples() {
      return {
        positives: [`FAUNA_SECRET=fnA${fakeString(URLSAFE, 37, 14142)}`, `FAUNA_ADMIN_KEY="fnE${fakeString(URLSAFE, 37, 14143)}"`],
        negatives: ['FAUNA_DB_DOMAIN=db.fauna.com', `FAUNA_SECRET=fn${'x'.repeat(38)}`],
      };
    },
  }),
  // https://xata.io/docs/getting-started/api-keys - API keys. unverified: xau_ plus 32+
  // alphanumerics is what Xata issued.
  defineRule({
    id: 'xata-api-key',
    description: 'Xata API key',
    keywords: ['xau_'],
    regex: `${B}(?<secret>xau_[A-Za-z0-9]{32,60})${E}`,
    entropy: 3.8,
    severity: 'critical',
    confidence: 'low',
    get examples() {
      return {
        positives: [`XATA_API_KEY=xau_${fakeString(ALNUM, 36, 14144)}`],
        negatives: [`xau_${fakeString(ALNUM, 10, 14145)}`, `xau_${'x'.repeat(36)}`],
      };
    },
  }),
  // https://redis.io/docs/latest/operate/rc/api/get-started/manage-api-keys/ - the Redis Cloud
  // API uses an account key and a user key (x-api-key / x-api-secret-key). unverified: the
  // shapes (alphanumerics, 40-60) are what Redis issues; named.
  defineRule({
    id: 'redis-cloud-api-key',
    description: 'Redis Cloud API account or user key (named as such)',
    keywords: ['rediscloud', 'redis_cloud', 'redis-cloud', 'x-api-secret-key'],
    regex: assigned('redis[_\\-]?cloud|x-api-secret-key', '[A-Za-z0-9]{40,60}'),
    ignoreCase: true,
    entropy: 3.8,
    gate: assignmentWithin(40),
    severity: 'critical',
    confidence: 'low',
    validate: (s) => (/[0-9]/.test(s) && /[a-z]/i.test(s) ? 'unknown' : 'invalid'),
    get examples() {
      return {
        positives: [`REDIS_CLOUD_API_SECRET_KEY=${fakeString(ALNUM, 50, 14146)}`, `-H "x-api-secret-key: ${fakeString(ALNUM, 50, 14147)}"`],
        negatives: ['REDIS_CLOUD_URL=redis://localhost:6379', `REDIS_CLOUD_API_KEY=${'a'.repeat(50)}`],
      };
    },
  }),
  // ADO.NET (https://learn.microsoft.com/dotnet/api/system.data.sqlclient.sqlconnection.connectionstring:
  // "Password -or- PWD") and ODBC (https://learn.microsoft.com/sql/odbc/reference/syntax/sqldriverconnect-function:
  // UID=...;PWD=...) connection strings: a literal password right after the user.
  defineRule({
    id: 'connection-string-password',
    broad: true,
    description: 'Password in an ADO.NET or ODBC connection string',
    keywords: ['password=', 'pwd='],
    regex: `(?:User ?ID|UID|User(?: ?Name)?)\\s{0,2}=\\s{0,2}[^;\\n"'=]{1,128};\\s{0,2}(?:Password|PWD)=(?<secret>\\{[^}\\n;=]{4,128}\\}|[^;\\s"'{}$<>%\\\\]{4,128})(?=[;"'\\s]|$)`,
    ignoreCase: true,
    validate: (s) => (isPlaceholderPassword(s.replace(/^\{|\}$/g, '')) ? 'invalid' : 'unknown'),
    severity: 'high',
    confidence: 'medium',
    get examples() {
      return {
        positives: [
          `"Server=db01;Database=orders;User Id=svc_orders;Password=${fakeString(ALNUM, 14, 14148)};"`,
          `Driver={ODBC Driver 18 for SQL Server};Server=tcp:db;UID=app;PWD={${fakeString(URLSAFE, 16, 14149)}};`,
        ],
        negatives: [
          'Server=myServerAddress;Database=myDataBase;User Id=myUsername;Password=myPassword;',
          'Server=db;User ID=sa;Password=${DB_PASSWORD};',
          'Data Source=.;User Id=app;Password=<password>;',
          'password=hunter22',
        ],
      };
    },
  }),
  // JDBC URLs (https://jdbc.postgresql.org/documentation/use/#connection-parameters: password=;
  // https://learn.microsoft.com/sql/connect/jdbc/building-the-connection-url: ;password=):
  // a literal password parameter.
  defineRule({
    id: 'jdbc-url-password',
    context: true,
    description: 'Password parameter in a JDBC URL',
    keywords: ['jdbc:'],
    // The password parameter is the match; the URL it belongs to is checked after: jdbc: earlier
    // on the same URL (no space or quote between). A regex spanning jdbc:...password= backtracks
    // polynomially on text full of jdbc: prefixes.
    regex: `[?&;]password=(?<secret>[^&;?=\\s"'{}$<>%]{4,128})(?=[&;"'\\s]|$)`,
    ignoreCase: true,
    placeholders: false,
    validate: (s, m, fragment) => {
      // Only the 400 characters before the match are looked at: linear however many matches.
      const before = fragment.text.slice(Math.max(0, m.index - 400), m.index);
      const start = before.toLowerCase().lastIndexOf('jdbc:');
      if (start === -1 || /[\s"'`]/.test(before.slice(start))) return 'invalid';
      return isPlaceholderPassword(s) ? 'invalid' : 'unknown';
    },
    severity: 'high',
    confidence: 'medium',
    get examples() {
      return {
        positives: [
          `spring.datasource.url=jdbc:postgresql://db:5432/app?user=app&password=${fakeString(ALNUM, 14, 14150)}&ssl=true`,
          `jdbc:sqlserver://db01:1433;databaseName=orders;user=svc;password=${fakeString(URLSAFE, 16, 14151)};encrypt=true`,
        ],
        negatives: [
          'jdbc:postgresql://localhost/test?user=fred&password=secret&ssl=true',
          'jdbc:mysql://db/app?password=${DB_PASS}',
          'jdbc:mysql://db/app?user=root',
        ],
      };
    },
  }),

  // ---------------------------------------------------------------------------------------
  // Password hashes
  // ---------------------------------------------------------------------------------------

  // bcrypt, as OpenBSD's bcrypt(3) writes it: $2a$/$2b$/$2y$, a two-digit cost, then 22
  // characters of salt and 31 of hash in bcrypt's base64 (./A-Za-z0-9). Only where the name
  // says it is a password's hash: libraries' test vectors sit under other names.
  defineRule({
    id: 'bcrypt-password-hash',
    description: 'bcrypt password hash assigned to a password field',
    keywords: ['$2a$', '$2b$', '$2y$'],
    regex: `(?:pass(?:word|wd)?|pwd)(?:[_\\-]?(?:hash|digest|crypt))?["'\\]]{0,2}\\s{0,3}[:=]>?\\s{0,3}["']?(?<secret>\\$2[aby]\\$(?:0[4-9]|[12][0-9]|3[01])\\$[./A-Za-z0-9]{53})(?![./A-Za-z0-9])`,
    ignoreCase: true,
    entropy: 4.0,
    severity: 'medium',
    confidence: 'high',
    get examples() {
      return {
        positives: [`ADMIN_PASSWORD_HASH='$2b$12$${fakeString(CRYPT64, 53, 14152)}'`, `"password": "$2y$10$${fakeString(CRYPT64, 53, 14153)}"`],
        negatives: [
          `const hash = '$2a$10$${fakeString(CRYPT64, 53, 14154)}';`,
          `password: "$2b$12$${fakeString(CRYPT64, 40, 14155)}"`,
          `password_hash = '$2b$12$${'.'.repeat(53)}'`,
        ],
      };
    },
  }),
  // Apache htpasswd lines (https://httpd.apache.org/docs/current/misc/password_encryptions.html):
  // user:$2y$<cost>$<53> (bcrypt) or user:$apr1$<salt>$<22> (Apache MD5).
  defineRule({
    id: 'htpasswd-hash',
    description: 'htpasswd entry (bcrypt or Apache MD5 password hash)',
    keywords: ['$2y$', '$2a$', '$2b$', '$apr1$'],
    regex: `(?<![^\\n])[ \\t]{0,8}[A-Za-z0-9._@\\-]{1,64}:(?<secret>\\$2[aby]\\$(?:0[4-9]|[12][0-9]|3[01])\\$[./A-Za-z0-9]{53}|\\$apr1\\$[./A-Za-z0-9]{1,8}\\$[./A-Za-z0-9]{22})(?=[ \\t\\r]*(?:\\n|$))`,
    entropy: 3.5,
    severity: 'medium',
    confidence: 'high',
    get examples() {
      return {
        positives: [
          `admin:$2y$05$${fakeString(CRYPT64, 53, 14156)}`,
          `deploy:$apr1$${fakeString(CRYPT64, 8, 14157)}$${fakeString(CRYPT64, 22, 14158)}`,
          // A .htpasswd written on Windows: CRLF line ends (an adversarial trial found these passed).
          `admin:$2y$05$${fakeString(CRYPT64, 53, 14162)}\r\n`,
        ],
        negatives: [
          `echo "admin:$2y$05$${fakeString(CRYPT64, 53, 14159)}" | tee`,
          `admin:$apr1$${fakeString(CRYPT64, 8, 14160)}$${fakeString(CRYPT64, 10, 14161)}`,
        ],
      };
    },
  }),
  // /etc/shadow entries (shadow(5): name:password:lastchange:...), the password in crypt(5)
  // format: $6$ (SHA-512, salt up to 16, hash 86), $5$ (SHA-256, hash 43), $1$ (MD5, salt up to
  // 8, hash 22), $y$ (yescrypt: params, salt, hash 43). The name must start a line.
  defineRule({
    id: 'shadow-password-hash',
    description: 'Unix shadow password entry (crypt SHA-512/SHA-256/MD5/yescrypt hash)',
    keywords: ['$6$', '$5$', '$1$', '$y$'],
    regex: `(?<![^\\n])[a-z_][a-z0-9_.\\-]{0,31}\\$?:(?<secret>\\$6\\$(?:rounds=[0-9]{4,9}\\$)?[./A-Za-z0-9]{1,16}\\$[./A-Za-z0-9]{86}|\\$5\\$(?:rounds=[0-9]{4,9}\\$)?[./A-Za-z0-9]{1,16}\\$[./A-Za-z0-9]{43}|\\$1\\$[./A-Za-z0-9]{1,8}\\$[./A-Za-z0-9]{22}|\\$y\\$[./A-Za-z0-9]{1,16}\\$[./A-Za-z0-9]{1,64}\\$[./A-Za-z0-9]{43}):[0-9]*:`,
    entropy: 3.5,
    severity: 'medium',
    confidence: 'high',
    get examples() {
      return {
        positives: [
          `root:$6$${fakeString(CRYPT64, 16, 14162)}$${fakeString(CRYPT64, 86, 14163)}:19500:0:99999:7:::`,
          `deploy:$y$j9T$${fakeString(CRYPT64, 22, 14164)}$${fakeString(CRYPT64, 43, 14165)}:19850::::::`,
        ],
        negatives: ['root:*:19500:0:99999:7:::', 'daemon:!:19500::::::', `hash = "$6$${fakeString(CRYPT64, 16, 14166)}$${fakeString(CRYPT64, 86, 14167)}"`],
      };
    },
  }),
  // hashcat's AS-REP roast formats (mode 18200 $krb5asrep$23$user@realm:<32 hex>$<hex>; 32100
  // and 32200 $krb5asrep$17/18$user$realm$<24 hex>$<hex>), as listed in hashcat's example
  // hashes (https://hashcat.net/wiki/doku.php?id=example_hashes).
  defineRule({
    id: 'kerberos-asrep-hash',
    description: 'Kerberos AS-REP roast hash (crackable to the account password)',
    keywords: ['$krb5asrep$'],
    regex: `(?<secret>\\$krb5asrep\\$(?:23\\$[^:$\\s]{1,128}:[a-fA-F0-9]{32}\\$[a-fA-F0-9]{64,}|1[78]\\$[^$\\s]{1,64}\\$[^$\\s]{1,128}\\$[a-fA-F0-9]{24}\\$[a-fA-F0-9]{64,}))(?![a-fA-F0-9])`,
    severity: 'high',
    confidence: 'high',
    get examples() {
      return {
        positives: [`$krb5asrep$23$svc_backup@CORP.LOCAL:${fakeString(HEX, 32, 14168)}$${fakeString(HEX, 464, 14169)}`],
        negatives: [
          '$krb5asrep$23$user@domain.com:<checksum>$<edata2>',
          `$krb5asrep$23$user@CORP.LOCAL:${fakeString(HEX, 20, 14170)}$${fakeString(HEX, 80, 14171)}`,
        ],
      };
    },
  }),
  // hashcat's Kerberoast formats (mode 13100 $krb5tgs$23$*user$realm$spn*$<32 hex>$<hex>;
  // 19600/19700 $krb5tgs$17/18$user$realm$[*spn*$]<24 hex>$<hex>), hashcat example hashes.
  defineRule({
    id: 'kerberos-tgs-hash',
    description: 'Kerberos TGS-REP (Kerberoast) hash (crackable to the service account password)',
    keywords: ['$krb5tgs$'],
    regex: `(?<secret>\\$krb5tgs\\$(?:23\\$\\*[^*\\s]{1,256}\\*\\$[a-fA-F0-9]{32}\\$[a-fA-F0-9]{64,}|1[78]\\$[^$*\\s]{1,64}\\$[^$*\\s]{1,128}\\$(?:\\*[^*\\s]{1,256}\\*\\$)?[a-fA-F0-9]{24}\\$[a-fA-F0-9]{64,}))(?![a-fA-F0-9])`,
    severity: 'high',
    confidence: 'high',
    get examples() {
      return {
        positives: [
          `$krb5tgs$23$*svc_sql$CORP.LOCAL$MSSQLSvc/db01.corp.local*$${fakeString(HEX, 32, 14172)}$${fakeString(HEX, 600, 14173)}`,
          `$krb5tgs$18$svc_web$CORP.LOCAL$*HTTP/web01*$${fakeString(HEX, 24, 14174)}$${fakeString(HEX, 400, 14175)}`,
        ],
        negatives: ['$krb5tgs$23$*user$realm$spn*$<checksum>$<edata2>', `$krb5tgs$23$*u$R$s*$${fakeString(HEX, 30, 14176)}$${fakeString(HEX, 80, 14177)}`],
      };
    },
  }),
  // hashcat's Kerberos pre-authentication formats (mode 7500 $krb5pa$23$user$realm$salt$<hex>;
  // 19800/19900 $krb5pa$17/18$user$realm$<hex>), hashcat example hashes.
  defineRule({
    id: 'kerberos-preauth-hash',
    description: 'Kerberos AS-REQ pre-authentication hash (crackable to the account password)',
    keywords: ['$krb5pa$'],
    regex: `(?<secret>\\$krb5pa\\$(?:23\\$[^$\\s]{1,64}\\$[^$\\s]{1,128}\\$[^$\\s]{0,128}\\$[a-fA-F0-9]{72,}|1[78]\\$[^$\\s]{1,64}\\$[^$\\s]{1,128}\\$[a-fA-F0-9]{72,}))(?![a-fA-F0-9])`,
    severity: 'high',
    confidence: 'high',
    get examples() {
      return {
        positives: [`$krb5pa$18$jdoe$CORP.LOCAL$${fakeString(HEX, 112, 14184)}`, `$krb5pa$23$jdoe$CORP.LOCAL$salt$${fakeString(HEX, 104, 14185)}`],
        negatives: ['$krb5pa$23$user$realm$salt$edata2checksum', `$krb5pa$18$jdoe$CORP.LOCAL$${fakeString(HEX, 40, 14186)}`],
      };
    },
  }),
  // NetNTLMv2 challenge responses as Responder and hashcat (mode 5600) write them:
  // user::DOMAIN:<16 hex server challenge>:<32 hex NTProofStr>:<hex blob>, hashcat example
  // hashes (https://hashcat.net/wiki/doku.php?id=example_hashes). The line must start with it.
  defineRule({
    id: 'netntlmv2-hash',
    description: 'NetNTLMv2 challenge response (crackable to the account password)',
    keywords: ['::'],
    regex: `(?<![^\\n])[ \\t]{0,8}(?<secret>[^:\\s]{1,64}::[^:\\s]{1,64}:[a-fA-F0-9]{16}:[a-fA-F0-9]{32}:[a-fA-F0-9]{48,})(?![a-fA-F0-9])`,
    gate: followedBy(/[^:\s]{1,64}:[a-fA-F0-9]{16}:/y),
    severity: 'high',
    confidence: 'high',
    get examples() {
      return {
        positives: [`jdoe::CORP:${fakeString(HEX, 16, 14187)}:${fakeString(HEX, 32, 14188)}:0101000000000000${fakeString(HEX, 240, 14189)}`],
        negatives: ['std::vector<int> v;', `ns::Type:${fakeString(HEX, 16, 14190)}:${fakeString(HEX, 32, 14191)}:${fakeString(HEX, 20, 14192)}`],
      };
    },
  }),
  // PostgreSQL stores SCRAM verifiers as SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>,
  // salt and keys in base64 (https://www.postgresql.org/docs/current/catalog-pg-authid.html);
  // a 16-byte salt and 32-byte keys are what PostgreSQL generates.
  defineRule({
    id: 'postgres-scram-hash',
    description: 'PostgreSQL SCRAM-SHA-256 password verifier',
    keywords: ['scram-sha-256$'],
    regex: `(?<secret>SCRAM-SHA-256\\$[0-9]{4,7}:[A-Za-z0-9+/]{16,64}={0,2}\\$[A-Za-z0-9+/]{43}=:[A-Za-z0-9+/]{43}=)`,
    severity: 'medium',
    confidence: 'high',
    get examples() {
      return {
        positives: [`ALTER ROLE app PASSWORD 'SCRAM-SHA-256$4096:${fakeBase64(22, 14193)}==$${fakeBase64(43, 14194)}=:${fakeBase64(43, 14195)}=';`],
        negatives: ["password_encryption = 'scram-sha-256'", 'SCRAM-SHA-256$<iterations>:<salt>$<storedkey>:<serverkey>'],
      };
    },
  }),
  // MySQL's mysql_native_password hash: * and 40 upper-case hex digits (SHA1(SHA1(password))),
  // https://dev.mysql.com/doc/refman/8.0/en/password-hashing.html; found where an account is
  // created or altered with it (IDENTIFIED BY PASSWORD '*...', IDENTIFIED WITH ... AS '*...').
  defineRule({
    id: 'mysql-native-password-hash',
    description: 'MySQL native password hash in an IDENTIFIED clause',
    keywords: ['identified'],
    regex: `IDENTIFIED\\s{1,3}(?:WITH\\s{1,3}'?mysql_native_password'?\\s{1,3}AS|BY\\s{1,3}PASSWORD)\\s{1,3}'(?<secret>\\*[A-F0-9]{40})'`,
    ignoreCase: true,
    entropy: 3.0,
    severity: 'medium',
    confidence: 'high',
    get examples() {
      return {
        positives: [
          `CREATE USER 'app'@'%' IDENTIFIED WITH mysql_native_password AS '*${fakeString(HEX, 40, 14196).toUpperCase()}';`,
          `GRANT ALL ON db.* TO 'u'@'%' IDENTIFIED BY PASSWORD '*${fakeString(HEX, 40, 14197).toUpperCase()}';`,
        ],
        negatives: ["CREATE USER 'app'@'%' IDENTIFIED BY 'changeme';", `IDENTIFIED BY PASSWORD '*${'0'.repeat(40)}'`],
      };
    },
  }),
  // Django's password field: <algorithm>$<iterations>$<salt>$<hash>, PBKDF2's hash 32 bytes in
  // base64 (https://docs.djangoproject.com/en/stable/topics/auth/passwords/). Fixtures and dumps
  // of auth_user carry them.
  defineRule({
    id: 'django-password-hash',
    description: 'Django PBKDF2 password hash',
    keywords: ['pbkdf2_sha256$', 'pbkdf2_sha1$'],
    regex: `${B}(?<secret>pbkdf2_sha(?:256|1)\\$[0-9]{4,7}\\$[A-Za-z0-9./+]{4,64}\\$[A-Za-z0-9+/]{27,43}=)(?![A-Za-z0-9+/=])`,
    entropy: 3.8,
    severity: 'medium',
    confidence: 'high',
    get examples() {
      return {
        positives: [`"password": "pbkdf2_sha256$870000$${fakeString(ALNUM, 22, 14198)}$${fakeBase64(43, 14199)}="`],
        negatives: ['PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]', `pbkdf2_sha256$870000$${fakeString(ALNUM, 22, 14200)}$short=`],
      };
    },
  }),
  // Argon2 in the PHC string format ($argon2id$v=19$m=..,t=..,p=..$<salt>$<hash>, unpadded
  // base64; https://github.com/P-H-C/phc-string-format/blob/master/phc-sf-spec.md), where the
  // name says it is a password's hash.
  defineRule({
    id: 'argon2-password-hash',
    description: 'Argon2 password hash assigned to a password field',
    keywords: ['$argon2'],
    regex: `(?:pass(?:word|wd)?|pwd)(?:[_\\-]?(?:hash|digest))?["'\\]]{0,2}\\s{0,3}[:=]>?\\s{0,3}["']?(?<secret>\\$argon2(?:id|i|d)\\$v=[0-9]{2}\\$m=[0-9]{1,8},t=[0-9]{1,4},p=[0-9]{1,3}\\$[A-Za-z0-9+/]{11,64}\\$[A-Za-z0-9+/]{22,128})(?![A-Za-z0-9+/])`,
    ignoreCase: true,
    entropy: 4.0,
    severity: 'medium',
    confidence: 'high',
    get examples() {
      return {
        positives: [`ADMIN_PASSWORD_HASH='$argon2id$v=19$m=65536,t=3,p=4$${fakeBase64(22, 14201)}$${fakeBase64(43, 14202)}'`],
        negatives: [
          `hash = '$argon2id$v=19$m=65536,t=3,p=4$${fakeBase64(22, 14203)}$${fakeBase64(43, 14204)}'`,
          "password_hash = '$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA'",
        ],
      };
    },
  }),
  // pwdump / secretsdump output (user:RID:LM hash:NT hash:::), the NT hash 32 hex characters
  // (https://learn.microsoft.com/windows/win32/secauthn/ntlm-user-authentication; the line
  // format as impacket's secretsdump writes it). The NT hash of the empty password is no secret.
  defineRule({
    id: 'ntlm-pwdump-hash',
    description: 'NTLM hash in a pwdump/secretsdump line',
    keywords: [':::'],
    regex: `(?<![^\\n])[^:\\s]{1,64}:[0-9]{1,10}:[a-fA-F0-9]{32}:(?<secret>[a-fA-F0-9]{32}):::`,
    validate: (s) => (s.toLowerCase() === EMPTY_NT_HASH ? 'invalid' : 'unknown'),
    entropy: 3.0,
    severity: 'high',
    confidence: 'high',
    get examples() {
      const emptyLm = 'aad3b435b51404ee'.repeat(2);
      return {
        positives: [
          `Administrator:500:${emptyLm}:${fakeString(HEX, 32, 14178)}:::`,
          `CORP\\svc_backup:1104:${emptyLm}:${fakeString(HEX, 32, 14179).toUpperCase()}:::`,
        ],
        negatives: [
          `Guest:501:${emptyLm}:${EMPTY_NT_HASH}:::`,
          `Administrator:500:${emptyLm}:${'0'.repeat(32)}:::`,
          `user:500:${fakeString(HEX, 32, 14180)}:::`,
        ],
      };
    },
  }),
];
