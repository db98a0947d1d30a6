import { defineRule } from '../define.js';
import { assignmentWithin, followedBy } from '../gates.js';
import { hasSequentialRun } from '../heuristics.js';
import type { Detector } from '../../types.js';
import { ALNUM, DIGITS, fakeString, fakeToken, fakeUuid, HEX, LOWER_ALNUM, UPPER_ALNUM, URLSAFE } from '../fake.js';
import { B, E, UUID } from '../regex-parts.js';
import { jsonSegment } from '../json-segment.js';

/*
 * Monitoring, logging, analytics, feature flags, CMS and productivity SaaS. Prefixed formats
 * match on their prefix; bare hex/base62/UUID values only when the provider's name is part of
 * the name they are assigned to. Each rule cites where the provider describes its format.
 * Every example is generated here from a seed (13000-13999).
 */

/**
 * `<provider>...<kind> = value`: the provider's name, up to 24 more name characters, a word for
 * the kind of credential (key, token, secret...), then = or : and the value.
 */
function named(provider: string, kind: string, value: string, after = '(?![A-Za-z0-9_\\-])'): string {
  return `(?:${provider})[A-Za-z0-9_.\\-]{0,24}?(?:${kind})(?:[_.\\-]?key)?["'\\]]{0,2}\\s{0,3}[:=]\\s{0,3}["']?(?<secret>${value})${after}`;
}

function b64url(o: unknown): string {
  return Buffer.from(JSON.stringify(o)).toString('base64url');
}

/** A JWT-shaped fake: header and payload as given, a random signature. */
function fakeJwt(payload: object, seed: number): string {
  return `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url(payload)}.${fakeString(URLSAFE, 43, seed)}`;
}

const JWT_RE = 'eyJ[A-Za-z0-9_\\-]{10,400}\\.eyJ[A-Za-z0-9_\\-]{10,1200}\\.[A-Za-z0-9_\\-]{20,400}';

export const monitoringSaasRules = (): readonly Detector[] => [
  // https://docs.dynatrace.com/docs/manage/access-control/access-tokens-legacy ("Token format":
  // prefix dt0<type><2 digits>, a 24-character public portion, a 64-character secret portion).
  defineRule({
    id: 'dynatrace-api-token',
    description: 'Dynatrace API, PaaS, personal access or platform token',
    keywords: ['dt0'],
    keywordsCaseSensitive: true,
    regex: `${B}(?<secret>dt0[a-z][0-9]{2}\\.[A-Z0-9]{24}\\.[A-Z0-9]{64})${E}`,
    severity: 'critical',
    confidence: 'high',
    get examples() {
      return {
        positives: [
          `DT_API_TOKEN=dt0c01.${fakeString(UPPER_ALNUM, 24, 13000)}.${fakeString(UPPER_ALNUM, 64, 13001)}`,
          `"token": "dt0s16.${fakeString(UPPER_ALNUM, 24, 13002)}.${fakeString(UPPER_ALNUM, 64, 13003)}"`,
        ],
        negatives: [
          `dt0c01.${fakeString(UPPER_ALNUM, 24, 13004)}.<masked>`,
          `dt0c01.${fakeString(UPPER_ALNUM, 24, 13005)}.${fakeString(UPPER_ALNUM, 40, 13006)}`,
          `dt0c01.${'X'.repeat(24)}.${'X'.repeat(64)}`,
        ],
      };
    },
  }),
  // https://launchdarkly.com/docs/home/account/environment/keys ("SDK keys always start with the
  // prefix sdk-"; keep secret). The rest is a UUID.
  // Partly unverified: the UUID after sdk- is from issued keys.
  defineRule({
    id: 'launchdarkly-sdk-key',
    description: 'LaunchDarkly server-side SDK key',
    keywords: ['sdk-'],
    regex: `(?<![A-Za-z0-9_\\-])(?<secret>sdk-${UUID})(?![0-9a-f\\-])`,
    entropy: 3.0,
    severity: 'medium',
    confidence: 'medium',
    get examples() {
      return {
        positives: [`LAUNCHDARKLY_SDK_KEY=sdk-${fakeUuid(13010)}`, `ldClient.init("sdk-${fakeUuid(13011)}")`],
        negatives: ['LAUNCHDARKLY_SDK_KEY=sdk-00000000-0000-0000-0000-000000000000', `aws-sdk-${fakeUuid(13012)}`, 'sdk-version-1.2.3'],
      };
    },
  }),
  // https://launchdarkly.com/docs/home/account/api (API access tokens: "api-" and a UUID);
  // unprefixed-looking in code, so only when named LaunchDarkly.
  // unverified: the api-<UUID> shape is from issued tokens; the page cited names the token type only.
  defineRule({
    id: 'launchdarkly-access-token',
    description: 'LaunchDarkly REST API access token (named as such)',
    keywords: ['launchdarkly'],
    regex: named('launchdarkly', 'token|key', `api-${UUID}`),
    ignoreCase: true,
    entropy: 3.0,
    gate: assignmentWithin(40),
    severity: 'critical',
    confidence: 'low',
    get examples() {
      return {
        positives: [`LAUNCHDARKLY_ACCESS_TOKEN=api-${fakeUuid(13013)}`],
        negatives: ['LAUNCHDARKLY_ACCESS_TOKEN=${LD_TOKEN}', 'launchdarkly_api_key: api-00000000-0000-0000-0000-000000000000'],
      };
    },
  }),
  // https://posthog.com/docs/api/personal-api-keys (personal API keys, phx_; project keys phc_
  // are public by design and not flagged).
  // Partly unverified: the length after phx_ is from issued keys, not stated by PostHog.
  defineRule({
    id: 'posthog-personal-api-key',
    description: 'PostHog personal API key',
    keywords: ['phx_'],
    regex: `${B}(?<secret>phx_[A-Za-z0-9]{39,48})${E}`,
    entropy: 3.5,
    severity: 'critical',
    confidence: 'medium',
    get examples() {
      return {
        positives: [`POSTHOG_PERSONAL_API_KEY=${fakeToken('phx_', ALNUM, 43, 13020)}`],
        negatives: [`POSTHOG_KEY=${fakeToken('phc_', ALNUM, 43, 13021)}`, 'POSTHOG_PERSONAL_API_KEY=phx_xyz789', `myphx_${fakeString(ALNUM, 43, 13022)}`],
      };
    },
  }),
  // https://contentful.com/help/token-management/personal-access-tokens (CMA personal access
  // tokens, CFPAT- followed by 43 URL-safe characters).
  // Partly unverified: Contentful's pages seen describe PATs but not the CFPAT- prefix or length; both are from issued tokens.
  defineRule({
    id: 'contentful-personal-access-token',
    description: 'Contentful Content Management API personal access token',
    keywords: ['cfpat-'],
    regex: `${B}(?<secret>CFPAT-[A-Za-z0-9_\\-]{43})(?![A-Za-z0-9_\\-])`,
    entropy: 3.5,
    severity: 'critical',
    confidence: 'low',
    get examples() {
      return {
        positives: [`CONTENTFUL_MANAGEMENT_TOKEN=${fakeToken('CFPAT-', URLSAFE, 43, 13030)}`],
        negatives: [`CFPAT-${'x'.repeat(43)}`, `CFPAT-${fakeString(URLSAFE, 20, 13031)}`],
      };
    },
  }),
  // https://developers.hubspot.com/docs/apps/legacy-apps/authentication/intro-to-auth (private
  // app access tokens, shown as ***-***-<UUID>: pat-<region>-<UUID>).
  // Partly unverified: HubSpot shows the token only masked; pat-<region>-<UUID> is from issued tokens.
  defineRule({
    id: 'hubspot-private-app-token',
    description: 'HubSpot private app access token',
    keywords: ['pat-na', 'pat-eu', 'pat-ap'],
    regex: `${B}(?<secret>pat-(?:na|eu|ap)[0-9]-${UUID})(?![0-9a-f\\-])`,
    entropy: 3.0,
    severity: 'critical',
    confidence: 'medium',
    get examples() {
      return {
        positives: [`HUBSPOT_ACCESS_TOKEN=pat-na1-${fakeUuid(13040)}`, `"token": "pat-eu1-${fakeUuid(13041)}"`],
        negatives: ['pat-na1-00000000-0000-0000-0000-000000000000', `pat-na1-${fakeString(HEX, 20, 13042)}`],
      };
    },
  }),
  // https://docs.mapbox.com/help/dive-deeper/access-tokens/ ("All public access tokens start with
  // pk while all secret access tokens start with sk"). Public pk. tokens are not flagged.
  // Partly unverified: that the middle part is base64url JSON naming the user ("u") and the token
  // id ("a") is from issued tokens, not from Mapbox's docs.
  defineRule({
    id: 'mapbox-secret-token',
    description: 'Mapbox secret access token',
    keywords: ['sk.eyj'],
    regex: `${B}(?<secret>sk\\.eyJ[A-Za-z0-9_\\-]{10,300}\\.[A-Za-z0-9_\\-]{20,40})${E}`,
    validate: (s) => {
      const payload = jsonSegment(s.split('.')[1] ?? '');
      if (payload === undefined) return 'unknown';
      return typeof payload['u'] === 'string' && typeof payload['a'] === 'string' ? 'valid' : 'invalid';
    },
    severity: 'critical',
    get examples() {
      return {
        positives: [`MAPBOX_SECRET_TOKEN=sk.${b64url({ u: 'someuser', a: fakeString(LOWER_ALNUM, 25, 13050) })}.${fakeString(URLSAFE, 22, 13051)}`],
        negatives: [
          `MAPBOX_TOKEN=pk.${b64url({ u: 'someuser', a: fakeString(LOWER_ALNUM, 25, 13052) })}.${fakeString(URLSAFE, 22, 13053)}`,
          `sk.${b64url({ name: 'not mapbox', id: 7 })}.${fakeString(URLSAFE, 22, 13054)}`,
        ],
      };
    },
  }),
  // https://typeform.com/developers/get-started/personal-access-token (personal access tokens
  // start with tfp_, e.g. tfp_ and 40 hex; newer ones are longer, URL-safe).
  // Partly unverified: Typeform shows one 40-hex example; the wider range is from issued tokens.
  defineRule({
    id: 'typeform-personal-access-token',
    description: 'Typeform personal access token',
    keywords: ['tfp_'],
    regex: `${B}(?<secret>tfp_[A-Za-z0-9_\\-]{40,64})(?![A-Za-z0-9_\\-])`,
    entropy: 3.3,
    severity: 'high',
    confidence: 'medium',
    get examples() {
      return {
        positives: [`TYPEFORM_TOKEN=${fakeToken('tfp_', HEX, 40, 13060)}`, `"token": "tfp_${fakeString(ALNUM, 44, 13061)}_${fakeString(ALNUM, 14, 13062)}"`],
        negatives: [`tfp_${'x'.repeat(40)}`, `tfp_${fakeString(HEX, 20, 13063)}`, 'ACCESS_TOKEN=tfp_ACCESS_TOKEN'],
      };
    },
  }),
  // https://docs.goshippo.com/guides/authentication ("Live keys begin with shippo_live_", "Test
  // keys begin with shippo_test_"), 40 hex characters follow.
  // Partly unverified: the 40 hex characters after the prefix are from issued tokens.
  defineRule({
    id: 'shippo-api-token',
    description: 'Shippo API token (live or test)',
    keywords: ['shippo_live_', 'shippo_test_'],
    regex: `${B}(?<secret>shippo_(?:live|test)_[a-f0-9]{40})${E}`,
    entropy: 3.0,
    severity: 'high',
    severityFor: (s) => (s.startsWith('shippo_test_') ? 'low' : 'high'),
    confidence: 'medium',
    get examples() {
      return {
        positives: [`SHIPPO_API_KEY=${fakeToken('shippo_live_', HEX, 40, 13070)}`, `Authorization: ShippoToken ${fakeToken('shippo_test_', HEX, 40, 13071)}`],
        negatives: ['SHIPPO_API_KEY=shippo_live_<API_TOKEN>', `shippo_live_${'0'.repeat(40)}`, `shippo_live_${fakeString(HEX, 30, 13072)}`],
      };
    },
  }),
  // https://duffel.com/docs/api/overview/test-mode (testing tokens start with duffel_test_, live
  // tokens with duffel_live_); 43 URL-safe characters follow.
  // Partly unverified: the length after the prefix is from issued tokens.
  defineRule({
    id: 'duffel-access-token',
    description: 'Duffel API access token (live or test)',
    keywords: ['duffel_live_', 'duffel_test_'],
    regex: `${B}(?<secret>duffel_(?:live|test)_[A-Za-z0-9_\\-]{43})(?![A-Za-z0-9_\\-])`,
    entropy: 3.5,
    severity: 'high',
    severityFor: (s) => (s.startsWith('duffel_test_') ? 'low' : 'critical'),
    confidence: 'medium',
    get examples() {
      return {
        positives: [`DUFFEL_ACCESS_TOKEN=${fakeToken('duffel_live_', URLSAFE, 43, 13080)}`, `token: "${fakeToken('duffel_test_', URLSAFE, 43, 13081)}"`],
        negatives: [`duffel_test_${'x'.repeat(43)}`, `duffel_live_${fakeString(URLSAFE, 12, 13082)}`],
      };
    },
  }),
  // https://docs.readme.com/main/openapi/readme-api-v2-beta.json (createAPIKey: token pattern
  // rdme_\w+); issued keys carry 70 lower-case letters and digits.
  // Partly unverified: the length is from issued keys; the OpenAPI pattern says only rdme_\w+.
  defineRule({
    id: 'readme-api-key',
    description: 'ReadMe API key',
    keywords: ['rdme_'],
    regex: `${B}(?<secret>rdme_[a-z0-9]{60,80})${E}`,
    entropy: 3.5,
    severity: 'high',
    confidence: 'medium',
    get examples() {
      return {
        positives: [`README_API_KEY=${fakeToken('rdme_', LOWER_ALNUM, 70, 13090)}`],
        negatives: [`rdme_${'x'.repeat(70)}`, `rdme_${fakeString(LOWER_ALNUM, 20, 13091)}`, 'npx rdme_openapi'],
      };
    },
  }),
  defineRule({
    id: 'clickup-personal-token',
    description: 'ClickUp personal API token',
    keywords: ['pk_'],
    keywordsCaseSensitive: true,
    // ClickUp, Authentication (developer.clickup.com/docs/authentication): personal tokens begin
    // with pk_. unverified: the <user id>_<32 upper-case letters and digits> body, as issued.
    regex: `${B}(?<secret>pk_[0-9]{4,12}_[A-Z0-9]{32})${E}`,
    entropy: 3.5,
    severity: 'high',
    confidence: 'medium',
    get examples() {
      return {
        positives: [`CLICKUP_API_TOKEN=pk_${fakeString(DIGITS, 8, 13100)}_${fakeString(UPPER_ALNUM, 32, 13101)}`],
        negatives: ['CLICKUP_API_TOKEN=pk_12345678_ABCDEFGHIJKLMNOPQRSTUVWXYZ', `pk_live_${fakeString(ALNUM, 24, 13102)}`, `pk_1234_${'X'.repeat(32)}`],
      };
    },
  }),
  // https://docs.honeycomb.io/api/authentication ("API Key Format": hc<x>ik_ ingest keys, the
  // key ID and secret concatenated, as in the docs' example of 58 characters after the prefix).
  defineRule({
    id: 'honeycomb-ingest-key',
    description: 'Honeycomb ingest API key',
    keywords: [...'abcdefghijklmnopqrstuvwxyz'].map((c) => `hc${c}ik_`),
    regex: `${B}(?<secret>hc[a-z]ik_[a-z0-9]{58})${E}`,
    entropy: 3.3,
    validate: (s) => (hasSequentialRun(s.slice(6), 8) ? 'invalid' : 'unknown'),
    severity: 'medium',
    confidence: 'high',
    get examples() {
      return {
        positives: [`X-Honeycomb-Team: hcaik_${fakeString(LOWER_ALNUM, 58, 13110)}`, `HONEYCOMB_API_KEY=hcxik_${fakeString(LOWER_ALNUM, 58, 13111)}`],
        negatives: ['X-Honeycomb-Team: hcxik_1234567890123456789012345612345678901234567890123456789012', `hcaik_${fakeString(LOWER_ALNUM, 26, 13112)}`],
      };
    },
  }),
  // https://docs.honeycomb.io/api/authentication ("API Key Format": hc[x]lk_ configuration and
  // hc[x]mk_ management key IDs, [x] assigned at creation; a configuration key is passed whole in
  // X-Honeycomb-Team, its example 58 characters after the prefix; a management key is the key ID, a
  // colon and the secret, its example hcxmk_ + 26, ":", 32). A management key ID alone is a label.
  // Partly unverified: the alphabet (the docs' examples are digits); lower-case letters and digits
  // as in ingest keys.
  defineRule({
    id: 'honeycomb-configuration-key',
    description: 'Honeycomb configuration or management API key',
    keywords: [...'abcdefghijklmnopqrstuvwxyz'].flatMap((c) => [`hc${c}lk_`, `hc${c}mk_`]),
    regex: `${B}(?<secret>hc[a-z]lk_[a-z0-9]{58}|hc[a-z]mk_[a-z0-9]{26}:[a-z0-9]{32})${E}`,
    entropy: 3.3,
    validate: (s) => (hasSequentialRun(s.slice(6), 8) ? 'invalid' : 'unknown'),
    severity: 'high',
    confidence: 'medium',
    get examples() {
      return {
        positives: [
          `X-Honeycomb-Team: hcalk_${fakeString(LOWER_ALNUM, 58, 13720)}`,
          `HONEYCOMB_CONFIG_KEY=hcxlk_${fakeString(LOWER_ALNUM, 58, 13721)}`,
          `Authorization: Bearer hcamk_${fakeString(LOWER_ALNUM, 26, 13722)}:${fakeString(LOWER_ALNUM, 32, 13723)}`,
        ],
        negatives: [
          'X-Honeycomb-Team: hcxlk_1234567890123456789012345612345678901234567890123456789012',
          // The docs' digit-run example, spelt at run time (keygate's own tree passes its own scan).
          `Authorization: Bearer hcxmk_${'1234567890'.repeat(2)}123456:${'1234567890'.repeat(3)}12`,
          `HONEYCOMB_KEY_ID=hcamk_${fakeString(LOWER_ALNUM, 26, 13724)}`,
          `hcalk_${'0'.repeat(58)}`,
          `hcalk_${fakeString(LOWER_ALNUM, 32, 13725)}`,
        ],
      };
    },
  }),
  // https://support.pagerduty.com/main/docs/api-access-keys (REST API keys and user tokens, 20
  // characters; user tokens start with u+).
  defineRule({
    id: 'pagerduty-api-key',
    description: 'PagerDuty REST API key or user token (named as such)',
    keywords: ['pagerduty'],
    regex: named('pagerduty', 'key|token', '[A-Za-z0-9_+\\-]{20}', '(?![A-Za-z0-9_+\\-])'),
    ignoreCase: true,
    entropy: 3.3,
    gate: assignmentWithin(40),
    severity: 'critical',
    get examples() {
      return {
        positives: [`PAGERDUTY_API_KEY=${fakeString(URLSAFE, 20, 13200)}`, `pagerduty_token: "u+${fakeString(ALNUM, 18, 13201)}"`],
        negatives: ['PAGERDUTY_API_KEY=${PD_KEY}', `PAGERDUTY_API_KEY=${fakeString(URLSAFE, 32, 13202)}`, 'pagerduty_token: aaaaaaaaaaaaaaaaaaab'],
      };
    },
  }),
  // https://developer.pagerduty.com/docs/events-api-v2/overview/ (Events API v2: the 32-character
  // integration/routing key of a service integration).
  // unverified: the provider gives no format; 32 letters and digits as in the example routing key of Sensu's PagerDuty docs.
  defineRule({
    id: 'pagerduty-integration-key',
    description: 'PagerDuty Events API integration (routing) key (named as such)',
    keywords: ['pagerduty'],
    regex: named('pagerduty', 'integration[_\\-]?key|routing[_\\-]?key|service[_\\-]?key', '[A-Za-z0-9]{32}'),
    ignoreCase: true,
    entropy: 3.0,
    gate: assignmentWithin(40),
    severity: 'medium',
    confidence: 'low',
    get examples() {
      return {
        positives: [`PAGERDUTY_ROUTING_KEY=${fakeString(ALNUM, 32, 13203)}`, `pagerduty_integration_key: "${fakeString(HEX, 32, 13204)}"`],
        negatives: [`PAGERDUTY_ROUTING_KEY=${'0'.repeat(32)}`, 'pagerduty_integration_key: https://events.pagerduty.com/v2/enqueue'],
      };
    },
  }),
  // https://support.atlassian.com/opsgenie/docs/api-key-management/ (API keys, used as
  // "GenieKey <key>", are UUIDs).
  // unverified: the UUID shape is from issued keys. Searched Opsgenie's docs (API key management,
  // API overview) and its own code (opsgenie/opsgenie-go-sdk-v2 client/config.go, opsgenie/oec,
  // opsgenie/opsgenie-integration, opsgenie/terraform-provider-opsgenie, cloudformation-resources):
  // the key is checked only for being non-empty, no format anywhere.
  defineRule({
    id: 'opsgenie-api-key',
    description: 'Opsgenie API key (named as such, or as a GenieKey header)',
    keywords: ['opsgenie', 'geniekey'],
    regex: `(?:opsgenie[A-Za-z0-9_.\\-]{0,24}?(?:key|token)["'\\]]{0,2}\\s{0,3}[:=]\\s{0,3}["']?|GenieKey\\s)(?<secret>${UUID})(?![0-9a-f\\-])`,
    ignoreCase: true,
    entropy: 3.0,
    severity: 'critical',
    confidence: 'low',
    get examples() {
      return {
        positives: [`OPSGENIE_API_KEY=${fakeUuid(13210)}`, `Authorization: GenieKey ${fakeUuid(13211)}`],
        negatives: [
          'OPSGENIE_API_KEY=00000000-0000-0000-0000-000000000000',
          'opsgenie_api_key: ${OPSGENIE_KEY}',
          `opsgenie_team_id=${fakeString(HEX, 12, 13212)}`,
        ],
      };
    },
  }),
  // https://www.elastic.co/guide/en/elasticsearch/reference/current/security-api-create-api-key.html
  // (the "encoded" API key is base64 of <id>:<api_key>, sent as "Authorization: ApiKey ..."): the
  // decoded value is checked for that shape.
  defineRule({
    id: 'elastic-api-key',
    description: 'Elasticsearch / Elastic Cloud API key, encoded form (named as such)',
    keywords: ['elastic'],
    regex: named('elastic', 'key|token|credentials', '[A-Za-z0-9+/]{40,120}={0,2}', '(?![A-Za-z0-9+/=])'),
    ignoreCase: true,
    entropy: 4.0,
    gate: assignmentWithin(40),
    validate: (s) => {
      const text = Buffer.from(s, 'base64').toString('latin1');
      if (/^[A-Za-z0-9_\-]{20}:[A-Za-z0-9_\-]{22}$/.test(text)) return 'valid';
      return /^[A-Za-z0-9_\-]{8,64}:[A-Za-z0-9_\-]{8,128}$/.test(text) ? 'unknown' : 'invalid';
    },
    severity: 'critical',
    get examples() {
      return {
        positives: [`ELASTIC_API_KEY=${Buffer.from(`${fakeString(URLSAFE, 20, 13220)}:${fakeString(URLSAFE, 22, 13221)}`).toString('base64')}`],
        negatives: [`ELASTIC_API_KEY=${Buffer.from('this is just some longer text, not a key').toString('base64')}`, 'elasticsearch_api_key: ${ES_API_KEY}'],
      };
    },
  }),
  // https://www.algolia.com/doc/guides/security/api-keys/ (the Admin API key, 32 hex characters,
  // manages the whole application; search-only keys are public and not flagged).
  // unverified: 32 hex characters is from issued keys; Algolia's docs give no format.
  defineRule({
    id: 'algolia-admin-api-key',
    description: 'Algolia Admin API key (named as such)',
    keywords: ['algolia'],
    regex: named('algolia', 'admin[_\\-]?(?:api[_\\-]?)?key|write[_\\-]?(?:api[_\\-]?)?key', '[a-f0-9]{32}'),
    ignoreCase: true,
    entropy: 3.0,
    gate: assignmentWithin(40),
    severity: 'critical',
    confidence: 'low',
    get examples() {
      return {
        positives: [`ALGOLIA_ADMIN_API_KEY=${fakeString(HEX, 32, 13230)}`, `algoliaAdminKey: '${fakeString(HEX, 32, 13231)}'`],
        negatives: [`ALGOLIA_SEARCH_API_KEY=${fakeString(HEX, 32, 13232)}`, `ALGOLIA_ADMIN_API_KEY=${'f'.repeat(32)}`],
      };
    },
  }),
  // https://segment.com/docs/connections/find-writekey/ (a source's write key, 32 letters and
  // digits; sent with every call, so medium).
  // unverified: 32 letters and digits is from issued keys. Segment's find-writekey page calls it
  // only "a unique identifier"; segmentio/analytics-next checks presence only (packages/node
  // src/app/settings.ts), typewriter and public-api-sdk-go state nothing; the one 32-character
  // example is in an old segment-docs PR (#1080), not a format statement.
  defineRule({
    id: 'segment-write-key',
    description: 'Segment source write key (named as such)',
    keywords: ['segment_write', 'segmentwrite', 'segment-write', 'segment.write'],
    regex: `segment[_.\\-]?write[_.\\-]?key["'\\]]{0,2}\\s{0,3}[:=]\\s{0,3}["']?(?<secret>[A-Za-z0-9]{32})(?![A-Za-z0-9_\\-])`,
    ignoreCase: true,
    entropy: 3.5,
    severity: 'medium',
    confidence: 'low',
    get examples() {
      return {
        positives: [`SEGMENT_WRITE_KEY=${fakeString(ALNUM, 32, 13240)}`, `segmentWriteKey: "${fakeString(ALNUM, 32, 13241)}"`],
        negatives: ['SEGMENT_WRITE_KEY=${SEGMENT_KEY}', `SEGMENT_WRITE_KEY=${fakeString(ALNUM, 12, 13242)}`],
      };
    },
  }),
  // https://docs.mixpanel.com/docs/orgs-and-projects/service-accounts (service account secrets)
  // and the project API secret (32 hex); the project token is public and not flagged.
  // unverified: 32 characters is from issued secrets. Mixpanel's docs (project-secret,
  // service-accounts; mixpanel/docs repo) and its own code (mixpanel/terraform-provider-mixpanel,
  // mixpanel/mixpanel-utils) state no length or alphabet for either secret.
  defineRule({
    id: 'mixpanel-api-secret',
    description: 'Mixpanel API secret or service account secret (named as such)',
    keywords: ['mixpanel'],
    regex: named('mixpanel', 'secret', '[A-Za-z0-9]{32}'),
    ignoreCase: true,
    entropy: 3.3,
    gate: assignmentWithin(40),
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [`MIXPANEL_API_SECRET=${fakeString(HEX, 32, 13250)}`, `mixpanel_service_account_secret: "${fakeString(ALNUM, 32, 13251)}"`],
        negatives: [`MIXPANEL_TOKEN=${fakeString(HEX, 32, 13252)}`, 'MIXPANEL_API_SECRET=${MIXPANEL_SECRET}'],
      };
    },
  }),
  // https://amplitude.com/docs/apis/keys-and-tokens (the secret key, 32 hex characters, is
  // private; the API key is public).
  // unverified: 32 hex characters is from issued keys. Amplitude's keys-and-tokens page and
  // amplitude/amplitude-docs give no format for the secret key; amplitude/wizard
  // src/lib/safety-scanner.ts states [a-f0-9]{32} for the public project API key only.
  defineRule({
    id: 'amplitude-secret-key',
    description: 'Amplitude secret key (named as such)',
    keywords: ['amplitude'],
    regex: named('amplitude', 'secret', '[a-f0-9]{32}'),
    ignoreCase: true,
    entropy: 3.0,
    gate: assignmentWithin(40),
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [`AMPLITUDE_SECRET_KEY=${fakeString(HEX, 32, 13260)}`],
        negatives: [`AMPLITUDE_API_KEY=${fakeString(HEX, 32, 13261)}`, `AMPLITUDE_SECRET_KEY=${'a'.repeat(32)}`],
      };
    },
  }),
  // https://help.sumologic.com/docs/manage/security/access-keys/ (an access ID of 14 characters
  // and an access key of 64 letters and digits).
  // unverified: Sumo Logic's docs give no length; 64 letters and digits is from issued keys.
  defineRule({
    id: 'sumologic-access-key',
    description: 'Sumo Logic access key (named as such)',
    keywords: ['sumo'],
    regex: named('sumo', 'access[_\\-]?key|secret', '[A-Za-z0-9]{64}'),
    ignoreCase: true,
    entropy: 3.8,
    gate: assignmentWithin(40),
    severity: 'critical',
    confidence: 'low',
    get examples() {
      return {
        positives: [`SUMOLOGIC_ACCESS_KEY=${fakeString(ALNUM, 64, 13270)}`, `sumo_access_key: "${fakeString(ALNUM, 64, 13271)}"`],
        negatives: [`SUMOLOGIC_ACCESS_ID=su${fakeString(ALNUM, 12, 13272)}`, `SUMOLOGIC_ACCESS_KEY=${fakeString(HEX, 40, 13273)}`],
      };
    },
  }),
  // https://docs.rollbar.com/docs/access-tokens (project and account access tokens). The format is
  // from Rollbar's own setup wizard: rollbar/rollbar-js-wizard src/nextjs/wizard.ts (the server and
  // client access-token prompts' validate: hex of 32, 96 or 128 characters, /^[a-fA-F0-9]{32,128}$/
  // "for flexibility"). Only the three stated lengths are matched, so a 40-hex commit SHA is not; the
  // post_server_item_/post_client_item_ values that prompt also takes have no stated body.
  defineRule({
    id: 'rollbar-access-token',
    description: 'Rollbar access token (named as such)',
    keywords: ['rollbar'],
    regex: named('rollbar', 'token|key', '[a-f0-9]{32}(?:[a-f0-9]{64}(?:[a-f0-9]{32})?)?'),
    ignoreCase: true,
    entropy: 3.0,
    gate: assignmentWithin(40),
    severity: 'high',
    confidence: 'medium',
    get examples() {
      return {
        positives: [
          `ROLLBAR_ACCESS_TOKEN=${fakeString(HEX, 32, 13280)}`,
          `rollbar_post_server_item_token: "${fakeString(HEX, 32, 13281)}"`,
          `ROLLBAR_SERVER_TOKEN=${fakeString(HEX, 96, 13283)}`,
          `rollbarClientToken: '${fakeString(HEX, 128, 13284).toUpperCase()}'`,
        ],
        negatives: [
          'ROLLBAR_ACCESS_TOKEN=${ROLLBAR_TOKEN}',
          `ROLLBAR_ACCESS_TOKEN=${fakeString(HEX, 16, 13282)}`,
          'ROLLBAR_ACCESS_TOKEN=<POST_SERVER_ITEM_ACCESS_TOKEN>',
          `ROLLBAR_ACCESS_TOKEN=${'0'.repeat(32)}`,
          `ROLLBAR_ACCESS_TOKEN=${fakeString(HEX, 40, 13285)}`,
          `ROLLBAR_ACCESS_TOKEN=${fakeString(HEX, 64, 13286)}`,
          `ROLLBAR_ACCESS_TOKEN=${fakeString(ALNUM, 32, 13287)}`,
        ],
      };
    },
  }),
  // https://docs.bugsnag.com/product/getting-started/#api-key (the project notifier API key) and
  // https://bugsnagapiv2.docs.apiary.io/ (personal auth tokens). The notifier key's format is from
  // Bugsnag's own notifier: bugsnag/bugsnag-js packages/core/client.js (Client config check: an
  // apiKey not /^[0-9a-f]{32}$/i "should be a string of 32 hexadecimal characters").
  // Partly unverified: the auth token's 40 URL-safe characters are from issued tokens; neither
  // bugsnag-js nor bugsnag/bugsnag-cli checks a token's shape, and the docs give none.
  defineRule({
    id: 'bugsnag-api-key',
    description: 'Bugsnag notifier API key or auth token (named as such)',
    keywords: ['bugsnag'],
    regex: named('bugsnag', 'key|token', '[a-f0-9]{32}|[A-Za-z0-9_\\-]{40}'),
    ignoreCase: true,
    entropy: 3.0,
    gate: assignmentWithin(40),
    severity: 'medium',
    confidence: 'medium',
    get examples() {
      return {
        positives: [
          `BUGSNAG_API_KEY=${fakeString(HEX, 32, 13290)}`,
          `bugsnag_auth_token: "${fakeString(URLSAFE, 40, 13291)}"`,
          `config.bugsnag.apiKey = '${fakeString(HEX, 32, 13292).toUpperCase()}'`,
        ],
        negatives: [
          `BUGSNAG_API_KEY=${'0'.repeat(32)}`,
          'bugsnag_api_key: ${BUGSNAG_KEY}',
          'BUGSNAG_API_KEY=<YOUR_API_KEY>',
          `BUGSNAG_API_KEY=${fakeString(HEX, 31, 13293)}`,
          `BUGSNAG_API_KEY=${fakeString(ALNUM, 32, 13294)}`,
        ],
      };
    },
  }),
  // https://airbrake.io/docs/api/#authentication (project keys, 32 hex; user keys and tokens,
  // 40 hex).
  // unverified: lengths are from issued keys. Airbrake's API docs (airbrake/slate
  // source/index.html.md, Authentication) name the key kinds only; airbrake/airbrake-ruby
  // config/validator.rb checks project_key is a non-empty String; airbrake-js, gobrake and
  // airbrake-cli state no format.
  defineRule({
    id: 'airbrake-api-key',
    description: 'Airbrake project key or user key (named as such)',
    keywords: ['airbrake'],
    regex: named('airbrake', 'key|token', '[a-f0-9]{40}|[a-f0-9]{32}'),
    ignoreCase: true,
    entropy: 3.0,
    gate: assignmentWithin(40),
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [`AIRBRAKE_PROJECT_KEY=${fakeString(HEX, 32, 13300)}`, `airbrake_user_key: "${fakeString(HEX, 40, 13301)}"`],
        negatives: ['AIRBRAKE_PROJECT_ID=123456', `AIRBRAKE_PROJECT_KEY=${fakeString(HEX, 36, 13302)}`],
      };
    },
  }),
  // https://docs.appsignal.com/appsignal/terminology.html#push-api-key (the Push API key; front-end
  // keys are public and not flagged). AppSignal's own docs (appsignal/appsignal-docs
  // source/elixir/installation/index.html.md: "the hexadecimal Push API key";
  // source/ruby/configuration/load-order.html.md: a push_api_key example in UUID form, as is the
  // all-zero placeholder in source/metrics/dashboards.html.md).
  // Partly unverified: the 8-4-4-4-12 grouping is from the docs' examples, not stated in words.
  defineRule({
    id: 'appsignal-push-api-key',
    description: 'AppSignal Push API key (named as such)',
    keywords: ['appsignal'],
    regex: named('appsignal', 'push[_\\-]?api[_\\-]?key|api[_\\-]?key|token', UUID),
    ignoreCase: true,
    entropy: 3.0,
    gate: assignmentWithin(40),
    severity: 'high',
    confidence: 'medium',
    get examples() {
      return {
        positives: [`APPSIGNAL_PUSH_API_KEY=${fakeUuid(13310)}`, `appsignal_push_api_key: "${fakeUuid(13311).toUpperCase()}"`],
        negatives: [
          'APPSIGNAL_PUSH_API_KEY=00000000-0000-0000-0000-000000000000',
          'APPSIGNAL_PUSH_API_KEY=${APPSIGNAL_KEY}',
          'APPSIGNAL_PUSH_API_KEY=<PUSH_API_KEY>',
          'APPSIGNAL_PUSH_API_KEY=xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx',
          `APPSIGNAL_PUSH_API_KEY=${fakeString(HEX, 32, 13312)}`,
          `APPSIGNAL_PUSH_API_KEY=${fakeUuid(13313).slice(0, 35)}`,
        ],
      };
    },
  }),
  // https://docs.logz.io/docs/user-guide/admin/authentication-tokens/ (log shipping tokens; API
  // tokens). The shipping token's format is from Logz.io's own code and docs: logzio/okta-events-hook
  // handler/handler.go getCredentialsFromHeaders (a logzio_token must match [a-zA-Z]{32}) and
  // logzio/documentation docs/shipping/Access-Management/okta.md ("Logz.io shipping token (32
  // characters)").
  // Partly unverified: API tokens as UUIDs are from issued tokens; Logz.io's docs give no format.
  defineRule({
    id: 'logzio-token',
    description: 'Logz.io shipping or API token (named as such)',
    keywords: ['logz'],
    regex: named('logz(?:[_.\\-]?io)?', 'token|key', `[A-Za-z]{32}|${UUID}`),
    ignoreCase: true,
    entropy: 3.0,
    gate: assignmentWithin(40),
    severity: 'high',
    confidence: 'medium',
    get examples() {
      const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
      return {
        positives: [
          `LOGZIO_TOKEN=${fakeString(letters, 32, 13320)}`,
          `logzio_api_token: "${fakeUuid(13321)}"`,
          `logzio_token: ${fakeString(letters, 32, 13322)}`,
        ],
        negatives: [
          'LOGZIO_TOKEN=${LOGZ_TOKEN}',
          'logzio_token: https://listener.logz.io:8071',
          'LOGZIO_SHIPPING_TOKEN=<<LOGZIO_SHIPPING_TOKEN>>',
          `LOGZIO_TOKEN=${'x'.repeat(32)}`,
          `LOGZIO_TOKEN=${fakeString(letters, 31, 13323)}`,
          `LOGZIO_TOKEN=${fakeString(letters, 31, 13324)}7`,
        ],
      };
    },
  }),
  // https://documentation.solarwinds.com/en/success_center/loggly/content/admin/customer-token-authentication-token.htm
  // (customer tokens, "alpha-numeric"). The shape is from Loggly's own installer:
  // loggly/install-script configure-syslog.py get_installed_syslog_configuration (reads the
  // customer token back from the syslog template as
  // [a-z0-9]{8}-[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{12}, case-insensitive); issued tokens
  // are hex UUIDs, the wider alphabet is Loggly's own.
  defineRule({
    id: 'loggly-token',
    description: 'Loggly customer or API token (named as such)',
    keywords: ['loggly'],
    regex: named('loggly', 'token|key', '[a-z0-9]{8}-[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{12}'),
    ignoreCase: true,
    entropy: 3.0,
    gate: assignmentWithin(40),
    severity: 'high',
    confidence: 'medium',
    get examples() {
      const grouped = [8, 4, 4, 4, 12].map((n, i) => fakeString(LOWER_ALNUM, n, 13332 + i)).join('-');
      return {
        positives: [
          `LOGGLY_TOKEN=${fakeUuid(13330)}`,
          `"logglyCustomerToken": "${fakeUuid(13331)}"`,
          `loggly_customer_token: ${grouped}`,
          `LOGGLY_TOKEN=${fakeUuid(13337).toUpperCase()}`,
        ],
        negatives: [
          'LOGGLY_TOKEN=00000000-0000-0000-0000-000000000000',
          'loggly_token: logs-01.loggly.com',
          'LOGGLY_TOKEN=xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx',
          'LOGGLY_TOKEN=<customer-token>',
          `LOGGLY_TOKEN=${fakeString(HEX, 32, 13338)}`,
          `LOGGLY_TOKEN=${grouped.slice(0, -1)}`,
        ],
      };
    },
  }),
  // https://help.splunk.com/splunk-enterprise/get-data-in/collect-http-event-data/format-events-for-http-event-collector
  // (HEC tokens are generated "in the form of a globally unique identifier (GUID)" and sent as
  // "Authorization: Splunk <hec_token>").
  defineRule({
    id: 'splunk-hec-token',
    description: 'Splunk HTTP Event Collector token (named as such, or in a Splunk auth header)',
    keywords: ['splunk'],
    regex: `(?:splunk[A-Za-z0-9_.\\-]{0,24}?(?:token|key)["'\\]]{0,2}\\s{0,3}[:=]\\s{0,3}["']?|Splunk\\s)(?<secret>[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12})(?![0-9A-Fa-f\\-])`,
    ignoreCase: true,
    entropy: 3.0,
    severity: 'high',
    confidence: 'medium',
    get examples() {
      return {
        positives: [`SPLUNK_HEC_TOKEN=${fakeUuid(13340)}`, `Authorization: Splunk ${fakeUuid(13341).toUpperCase()}`],
        negatives: ['SPLUNK_HEC_TOKEN=00000000-0000-0000-0000-000000000000', 'splunk_hec_token: ${SPLUNK_TOKEN}'],
      };
    },
  }),
  // https://coralogix.com/docs/user-guides/account-management/api-keys/send-your-data-api-key/
  // (Send-Your-Data and legacy private keys are UUIDs; newer API keys start with cxtp_ or cxup_).
  // unverified: the length after cxtp_/cxup_ is not published; 30 letters and digits assumed.
  defineRule({
    id: 'coralogix-api-key',
    description: 'Coralogix private / Send-Your-Data API key (named as such)',
    keywords: ['coralogix'],
    regex: named('coralogix', 'key|token', `${UUID}|cx[tu]p_[A-Za-z0-9]{30}`),
    ignoreCase: true,
    entropy: 3.0,
    gate: assignmentWithin(40),
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [`CORALOGIX_PRIVATE_KEY=${fakeUuid(13350)}`, `coralogix_api_key: "cxtp_${fakeString(ALNUM, 30, 13351)}"`],
        negatives: ['CORALOGIX_PRIVATE_KEY=00000000-0000-0000-0000-000000000000', 'coralogix_domain_key: coralogix.com'],
      };
    },
  }),
  // https://betterstack.com/docs/logs/start/ (source tokens, 24 letters and digits; Logtail is
  // the former name).
  // unverified: 24-32 letters and digits is from issued tokens. Better Stack's API-token and
  // source pages give no format; nor do BetterStackHQ/collector, terraform-provider-logtail or
  // logtail/logtail-js.
  defineRule({
    id: 'betterstack-token',
    description: 'Better Stack (Logtail) source or API token (named as such)',
    keywords: ['logtail', 'betterstack', 'better_stack', 'better-stack'],
    regex: named('logtail|better[_\\-]?stack', 'token|key', '[A-Za-z0-9]{24,32}'),
    ignoreCase: true,
    entropy: 3.3,
    gate: assignmentWithin(40),
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [`LOGTAIL_SOURCE_TOKEN=${fakeString(ALNUM, 24, 13360)}`, `BETTERSTACK_API_TOKEN="${fakeString(ALNUM, 24, 13361)}"`],
        negatives: ['LOGTAIL_SOURCE_TOKEN=${LOGTAIL_TOKEN}', `LOGTAIL_SOURCE_TOKEN=${fakeString(ALNUM, 12, 13362)}`],
      };
    },
  }),
  // https://docs.statsig.com/access-management/api-keys (server secret, console and client keys;
  // client keys are public and not flagged) and https://docs.statsig.com/api-reference/keys/create-key
  // (a server key is returned as "secret-..."). unverified: the length; 30-50 letters and digits.
  defineRule({
    id: 'statsig-server-secret',
    description: 'Statsig server secret or console API key (named as such)',
    keywords: ['statsig'],
    regex: named('statsig', 'key|secret|token', '(?:secret|console)-[A-Za-z0-9]{30,50}'),
    ignoreCase: true,
    entropy: 3.3,
    gate: assignmentWithin(40),
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [`STATSIG_SERVER_SECRET=secret-${fakeString(ALNUM, 43, 13370)}`, `statsig_console_key: "console-${fakeString(ALNUM, 43, 13371)}"`],
        negatives: [`STATSIG_CLIENT_KEY=client-${fakeString(ALNUM, 43, 13372)}`, 'STATSIG_SERVER_SECRET=secret-key'],
      };
    },
  }),
  // https://www.zendesk.com/api/v2 / https://developer.zendesk.com/api-reference/introduction/security-and-auth/
  // (API tokens, 40 letters and digits, used as <email>/token:<token>).
  // unverified: no format in Zendesk's docs; 40 letters and digits is from issued tokens.
  defineRule({
    id: 'zendesk-api-token',
    description: 'Zendesk API token (named as such)',
    keywords: ['zendesk'],
    regex: named('zendesk', 'token|key', '[A-Za-z0-9]{40}'),
    ignoreCase: true,
    entropy: 3.5,
    gate: assignmentWithin(40),
    severity: 'critical',
    confidence: 'low',
    get examples() {
      return {
        positives: [`ZENDESK_API_TOKEN=${fakeString(ALNUM, 40, 13380)}`],
        negatives: ['ZENDESK_API_TOKEN=${ZENDESK_TOKEN}', `ZENDESK_API_TOKEN=${fakeString(HEX, 32, 13381)}`],
      };
    },
  }),
  // https://legacydocs.hubspot.com/docs/methods/auth/oauth-overview (legacy API keys, UUIDs, sent
  // as ?hapikey=; sunset but still found in code).
  // unverified: legacy key shape (UUID) is from issued keys. HubSpot's pages on the (sunset) API key
  // give no format; HubSpot/hubspot-cli lib/validation.ts and hubspot-local-dev-lib config/utils.ts
  // check only that an apiKey is present.
  defineRule({
    id: 'hubspot-api-key',
    description: 'HubSpot legacy API key (named as such, or as hapikey)',
    keywords: ['hubspot', 'hapikey'],
    regex: `(?:hubspot[A-Za-z0-9_.\\-]{0,24}?(?:key|token)["'\\]]{0,2}\\s{0,3}[:=]\\s{0,3}["']?|hapikey=)(?<secret>${UUID})(?![0-9a-f\\-])`,
    ignoreCase: true,
    entropy: 3.0,
    severity: 'critical',
    confidence: 'low',
    get examples() {
      return {
        positives: [`HUBSPOT_API_KEY=${fakeUuid(13390)}`, `https://api.hubapi.com/contacts/v1/lists?hapikey=${fakeUuid(13391)}`],
        negatives: ['HUBSPOT_API_KEY=00000000-0000-0000-0000-000000000000', 'hapikey=demo'],
      };
    },
  }),
  // https://developers.freshdesk.com/api/#authentication (the API key, used as the basic-auth user
  // name) and https://support.freshdesk.com/support/solutions/articles/225435 ("a unique
  // alphanumeric identifier, for each agent").
  // unverified: Freshdesk states the alphabet only; 20 is from issued keys (its docs, support articles and the freshworks/fresh-samples and marketplace-sample-apps code give no length).
  defineRule({
    id: 'freshdesk-api-key',
    description: 'Freshdesk API key (named as such)',
    keywords: ['freshdesk'],
    regex: named('freshdesk', 'key|token', '[A-Za-z0-9]{20}'),
    ignoreCase: true,
    entropy: 3.3,
    gate: assignmentWithin(40),
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [`FRESHDESK_API_KEY=${fakeString(ALNUM, 20, 13400)}`],
        negatives: ['FRESHDESK_API_KEY=${FRESHDESK_KEY}', 'freshdesk_api_key: yourcompanykey12345'],
      };
    },
  }),
  defineRule({
    id: 'airtable-personal-access-token',
    description: 'Airtable personal access token',
    keywords: ['pat'],
    keywordsCaseSensitive: true,
    // "pat" is in every "path": the rule runs only where 14 letters or digits and a . follow.
    gate: followedBy(/[A-Za-z0-9]{14}\./y),
    // Airtable's authentication and personal access token guides (airtable.com/developers/web/api/
    // authentication) publish no format. unverified: pat + 14 characters + . + 64 hex, as issued.
    regex: `${B}(?<secret>pat[A-Za-z0-9]{14}\\.[a-f0-9]{64})${E}`,
    entropy: 3.5,
    severity: 'critical',
    confidence: 'low',
    get examples() {
      return {
        positives: [`AIRTABLE_TOKEN=pat${fakeString(ALNUM, 14, 13410)}.${fakeString(HEX, 64, 13411)}`],
        negatives: [
          `pat${fakeString(ALNUM, 14, 13412)}.${fakeString(HEX, 32, 13413)}`,
          `my_pat${fakeString(ALNUM, 14, 13414)}.${fakeString(HEX, 64, 13415)}`,
          'AIRTABLE_TOKEN=patXXXXXXXXXXXXXX',
        ],
      };
    },
  }),
  // https://www.dropboxforum.com/t5/API-Support-Feedback/Access-Token/m-p/351869 (Dropbox staff:
  // "Short-lived access tokens can be identified by their sl. prefix"); issued ones carry 130+
  // URL-safe characters (sl.u. ones over a thousand).
  // Partly unverified: the minimum length is from issued tokens.
  defineRule({
    id: 'dropbox-short-lived-token',
    description: 'Dropbox short-lived access token',
    keywords: ['sl.'],
    keywordsCaseSensitive: true,
    regex: `${B}(?<secret>sl\\.(?:u\\.)?[A-Za-z0-9_\\-]{130,})(?![A-Za-z0-9_\\-])`,
    entropy: 4.0,
    severity: 'critical',
    confidence: 'medium',
    get examples() {
      return {
        positives: [`DROPBOX_ACCESS_TOKEN=sl.${fakeString(URLSAFE, 138, 13420)}`, `dbx = dropbox.Dropbox("sl.u.${fakeString(URLSAFE, 900, 13421)}")`],
        negatives: [`sl.${fakeString(URLSAFE, 60, 13422)}`, `isl.${fakeString(URLSAFE, 138, 13423)}`, `sl.${'A'.repeat(140)}`],
      };
    },
  }),
  // https://www.dropbox.com/developers/reference/auth-types (app key and app secret, 15 lower-case
  // letters and digits; legacy long-lived access tokens, 64 URL-safe characters).
  // unverified: Dropbox's docs and forum staff answers give no length; its Java SDK (dropbox/dropbox-sdk-java DbxAppInfo.getTokenPartError) checks only that key and secret are printable ASCII.
  defineRule({
    id: 'dropbox-app-secret',
    description: 'Dropbox app secret or long-lived access token (named as such)',
    keywords: ['dropbox'],
    regex: named('dropbox', 'secret|token', '[a-z0-9]{15}|[A-Za-z0-9_\\-]{64}'),
    ignoreCase: true,
    entropy: 3.3,
    gate: assignmentWithin(40),
    severity: 'critical',
    confidence: 'low',
    get examples() {
      return {
        positives: [
          `DROPBOX_APP_SECRET=${fakeString(LOWER_ALNUM, 15, 13424)}`,
          `dropbox_access_token: "${fakeString(URLSAFE, 11, 13425)}AAAAAAAAAA${fakeString(URLSAFE, 43, 13426)}"`,
        ],
        negatives: ['DROPBOX_APP_SECRET=${DROPBOX_SECRET}', `DROPBOX_APP_KEY=${fakeString(LOWER_ALNUM, 15, 13427)}`],
      };
    },
  }),
  // https://developer.box.com/guides/authentication/tokens/developer-tokens/ (developer tokens)
  // and https://developer.box.com/guides/authentication/client-credentials/ (client secrets):
  // 32 letters and digits.
  // unverified: Box's docs (box/developer.box.com) give no format; their access-token examples (guides/authentication/tokens/access-tokens) are made up, 64 and 33 characters.
  defineRule({
    id: 'box-api-secret',
    description: 'Box developer token, access token or client secret (named as such)',
    keywords: [
      'box_developer',
      'boxdeveloper',
      'box-developer',
      'box_client_secret',
      'boxclientsecret',
      'box-client-secret',
      'box_access_token',
      'boxaccesstoken',
    ],
    regex: `box[_.\\-]?(?:developer[_.\\-]?token|client[_.\\-]?secret|access[_.\\-]?token)["'\\]]{0,2}\\s{0,3}[:=]\\s{0,3}["']?(?<secret>[A-Za-z0-9]{32})(?![A-Za-z0-9_\\-])`,
    ignoreCase: true,
    entropy: 3.5,
    severity: 'critical',
    confidence: 'low',
    get examples() {
      return {
        positives: [`BOX_DEVELOPER_TOKEN=${fakeString(ALNUM, 32, 13430)}`, `box_client_secret: "${fakeString(ALNUM, 32, 13431)}"`],
        negatives: ['BOX_CLIENT_SECRET=${BOX_SECRET}', `BOX_CLIENT_ID=${fakeString(LOWER_ALNUM, 32, 13432)}`],
      };
    },
  }),
  // https://zapier.com/help/create/code-webhooks/trigger-zaps-from-webhooks (Catch Hook: a unique
  // https://hooks.zapier.com/hooks/catch/<account>/<hook>/ URL that anyone holding it can post to).
  defineRule({
    id: 'zapier-webhook-url',
    description: 'Zapier catch-hook webhook URL',
    keywords: ['hooks.zapier.com'],
    regex: `(?<secret>https://hooks\\.zapier\\.com/hooks/catch/[0-9]{3,12}/[A-Za-z0-9]{5,12}/?)(?![A-Za-z0-9_\\-])`,
    severity: 'medium',
    confidence: 'high',
    get examples() {
      return {
        positives: [`ZAPIER_WEBHOOK=https://hooks.zapier.com/hooks/catch/${fakeString(DIGITS, 7, 13440)}/${fakeString(LOWER_ALNUM, 6, 13441)}/`],
        negatives: ['ZAPIER_WEBHOOK=https://hooks.zapier.com/hooks/catch/123/', 'https://hooks.zapier.com/hooks/catch/<account>/<hook>/'],
      };
    },
  }),
  // https://developers.lokalise.com/reference/api-authentication (API tokens, 40 hex characters,
  // sent as X-Api-Token).
  // unverified: no format stated (docs.lokalise.com API tokens article, node-lokalise-api, lokalise-cli-2-go check none); the reference's X-Api-Token example is lower-case hex but 39 characters, 40 is from issued tokens.
  defineRule({
    id: 'lokalise-api-token',
    description: 'Lokalise API token (named as such)',
    keywords: ['lokalise'],
    regex: named('lokalise', 'token|key', '[a-f0-9]{40}'),
    ignoreCase: true,
    entropy: 3.0,
    gate: assignmentWithin(40),
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [`LOKALISE_API_TOKEN=${fakeString(HEX, 40, 13450)}`],
        negatives: [`LOKALISE_PROJECT_ID=${fakeString(DIGITS, 12, 13451)}.${fakeString(HEX, 8, 13452)}`, 'LOKALISE_API_TOKEN=${LOKALISE_TOKEN}'],
      };
    },
  }),
  // https://developer.crowdin.com/creating-a-personal-access-token/ (personal access tokens, 80 hex
  // characters).
  // unverified: Crowdin's docs (crowdin/docs, API v2 spec: "Authorization: Bearer <ACCESS_TOKEN>") and crowdin-cli, vscode-crowdin give no format; 80 hex is from issued tokens.
  defineRule({
    id: 'crowdin-personal-access-token',
    description: 'Crowdin personal access token (named as such)',
    keywords: ['crowdin'],
    regex: named('crowdin', 'token|key', '[a-f0-9]{80}'),
    ignoreCase: true,
    entropy: 3.0,
    gate: assignmentWithin(40),
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [`CROWDIN_PERSONAL_TOKEN=${fakeString(HEX, 80, 13460)}`, `"crowdinApiToken": "${fakeString(HEX, 80, 13461)}"`],
        negatives: ['CROWDIN_PERSONAL_TOKEN=${CROWDIN_TOKEN}', `CROWDIN_PERSONAL_TOKEN=${fakeString(HEX, 64, 13462)}`],
      };
    },
  }),
  // https://docs.pinata.cloud/account-management/api-keys: a key comes as an API key, an API
  // secret and a JWT. As issued, not published: 20 hex, 64 hex, and "userInformation" in the JWT.
  // unverified: Pinata's docs (PinataCloud/docs, its OpenAPI files' generateApiKey examples are KEY/SECRET/JWT) and SDKs (PinataCloud/pinata, Pinata-SDK) state no lengths nor the JWT's claims.
  defineRule({
    id: 'pinata-api-secret',
    description: 'Pinata API secret or JWT (named as such)',
    keywords: ['pinata'],
    regex: named('pinata', 'secret|jwt|token', `[a-f0-9]{64}|${JWT_RE}`),
    ignoreCase: true,
    entropy: 3.0,
    gate: assignmentWithin(40),
    validate: (s) => {
      if (!s.startsWith('eyJ')) return 'unknown';
      const payload = jsonSegment(s.split('.')[1] ?? '');
      return payload !== undefined && 'userInformation' in payload ? 'valid' : 'invalid';
    },
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [
          `PINATA_API_SECRET=${fakeString(HEX, 64, 13470)}`,
          `PINATA_JWT=${fakeJwt({ userInformation: { id: fakeUuid(13471), email: 'dev@example.com' }, authenticationType: 'scopedKey' }, 13472)}`,
        ],
        negatives: [`PINATA_JWT=${fakeJwt({ sub: '1234567890', name: 'John Doe' }, 13473)}`, `PINATA_API_KEY=${fakeString(HEX, 20, 13474)}`],
      };
    },
  }),
  // https://developer.calendly.com/how-to-authenticate-with-personal-access-tokens. As issued,
  // not published: personal access tokens are JWTs whose "iss" is https://auth.calendly.com.
  // unverified: Calendly's docs (PAT and OAuth pages, release note 2021-04-23 "Access tokens now contain more characters") and sample app calendly/buzzwordcrm say nothing of JWTs or iss.
  defineRule({
    id: 'calendly-personal-access-token',
    description: 'Calendly personal access token (named as such)',
    keywords: ['calendly'],
    regex: named('calendly', 'token|key|pat', JWT_RE),
    ignoreCase: true,
    gate: assignmentWithin(40),
    validate: (s) => {
      const payload = jsonSegment(s.split('.')[1] ?? '');
      if (payload === undefined) return 'invalid';
      return typeof payload['iss'] === 'string' && payload['iss'].includes('calendly.com') ? 'valid' : 'unknown';
    },
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [
          `CALENDLY_API_TOKEN=${fakeJwt({ iss: 'https://auth.calendly.com', iat: 1700000000, jti: fakeUuid(13480), user_uuid: fakeUuid(13481) }, 13482)}`,
        ],
        negatives: [
          'CALENDLY_API_TOKEN=${CALENDLY_TOKEN}',
          `CALENDLY_API_TOKEN=eyJ${fakeString(URLSAFE, 30, 13483)}.eyJ${fakeString(URLSAFE, 40, 13484)}.${fakeString(URLSAFE, 43, 13485)}`,
        ],
      };
    },
  }),
  // https://developer.monday.com/api-reference/docs/authentication (personal V2 API tokens, "no
  // explicit length"). monday.com's own MCP toolkit reads them as JWTs: mondaycom/mcp
  // packages/agent-toolkit/src/utils/token.utils.ts (MondayTokenPayload: tid account, aai app,
  // uid user, iad, per, actid, rgn region; decodeJwtToken). A JWT whose payload has tid and uid
  // validates; the JWT bounds stay those of the other JWT rules (no length is published).
  defineRule({
    id: 'monday-api-token',
    description: 'monday.com API token (named as such)',
    keywords: ['monday'],
    // monday.com, Authentication (developer.monday.com/api-reference/docs/authentication): personal
    // V2 tokens, no explicit length; mondaycom/mcp (agent-toolkit token.utils.ts) decodes them as
    // JWTs. unverified: the claims checked (tid, uid), as issued.
    regex: named('monday(?:[_.\\-]?com)?', 'token|key', JWT_RE),
    ignoreCase: true,
    gate: assignmentWithin(40),
    validate: (s) => {
      const payload = jsonSegment(s.split('.')[1] ?? '');
      if (payload === undefined) return 'invalid';
      return 'tid' in payload && 'uid' in payload ? 'valid' : 'unknown';
    },
    severity: 'high',
    confidence: 'medium',
    get examples() {
      return {
        positives: [
          `MONDAY_API_TOKEN=${fakeJwt({ tid: 312345678, aai: 11, uid: 45678901, iad: '2024-01-01T00:00:00.000Z', per: 'me:write', rgn: 'use1' }, 13490)}`,
          `"mondayApiKey": "${fakeJwt({ tid: 498765432, aai: 11, uid: 61234567, iad: '2025-03-04T05:06:07.000Z', per: 'me:write', actid: 23456789, rgn: 'euc1' }, 13491)}"`,
        ],
        negatives: [
          'MONDAY_API_TOKEN=${MONDAY_TOKEN}',
          'monday_start_key: 2024-01-01',
          'MONDAY_API_TOKEN=<your_api_token>',
          // JWT-shaped, but its payload is no JSON: not a token monday.com's toolkit could read.
          `MONDAY_API_TOKEN=eyJ${fakeString(URLSAFE, 30, 13492)}.eyJ${fakeString(URLSAFE, 40, 13493)}.${fakeString(URLSAFE, 43, 13494)}`,
        ],
      };
    },
  }),
  // https://next.developer.frame.io/platform/v2/authentication (developer tokens, persistent
  // bearer tokens). unverified: the fio-u- prefix and 64-character body are from issued tokens,
  // not from Frame.io's docs.
  defineRule({
    id: 'frameio-developer-token',
    description: 'Frame.io developer token',
    keywords: ['fio-u-'],
    regex: `${B}(?<secret>fio-u-[A-Za-z0-9_\\-]{64})(?![A-Za-z0-9_\\-])`,
    entropy: 3.5,
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [`FRAMEIO_TOKEN=${fakeToken('fio-u-', URLSAFE, 64, 13500)}`],
        negatives: [`fio-u-${'x'.repeat(64)}`, `fio-u-${fakeString(URLSAFE, 30, 13501)}`],
      };
    },
  }),
  // https://docs.easypost.com/docs/authentication (test and production API keys). unverified: the
  // EZAK (production) / EZTK (test) prefixes and 54-character body are from issued keys, not from
  // EasyPost's docs.
  defineRule({
    id: 'easypost-api-key',
    description: 'EasyPost API key (production or test)',
    keywords: ['EZAK', 'EZTK'],
    keywordsCaseSensitive: true,
    regex: `${B}(?<secret>EZ[AT]K[a-zA-Z0-9]{54})${E}`,
    entropy: 3.5,
    severity: 'high',
    severityFor: (s) => (s.startsWith('EZTK') ? 'low' : 'high'),
    confidence: 'low',
    get examples() {
      return {
        positives: [`EASYPOST_API_KEY=${fakeToken('EZAK', ALNUM, 54, 13510)}`],
        negatives: [`EZAK${'x'.repeat(54)}`, `EZAK${fakeString(ALNUM, 20, 13511)}`],
      };
    },
  }),
  // https://www.sanity.io/docs/http-auth (API tokens, sent as Bearer; issued ones start with sk and
  // run to about 180 letters and digits). unverified: the sk prefix and length are from issued
  // tokens, so named only.
  defineRule({
    id: 'sanity-api-token',
    description: 'Sanity API token (named as such)',
    keywords: ['sanity'],
    regex: named('sanity', 'token|key', 'sk[A-Za-z0-9]{150,200}'),
    ignoreCase: true,
    entropy: 4.0,
    gate: assignmentWithin(40),
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [`SANITY_API_TOKEN=sk${fakeString(ALNUM, 180, 13520)}`],
        negatives: ['SANITY_API_TOKEN=${SANITY_TOKEN}', `SANITY_API_TOKEN=sk${fakeString(ALNUM, 40, 13521)}`],
      };
    },
  }),
  // https://www.storyblok.com/docs/api/content-delivery/v2/getting-started/authentication (preview
  // and public access tokens, 22-24 letters and digits, some ending tt) and management
  // personal access tokens. unverified: lengths are from issued tokens.
  defineRule({
    id: 'storyblok-access-token',
    description: 'Storyblok preview or personal access token (named as such)',
    keywords: ['storyblok'],
    regex: named('storyblok', 'token|key', '[A-Za-z0-9]{22,24}|[A-Za-z0-9]{20,30}-[0-9]{4,10}-[A-Za-z0-9]{20,30}'),
    ignoreCase: true,
    entropy: 3.3,
    gate: assignmentWithin(40),
    severity: 'medium',
    confidence: 'low',
    get examples() {
      return {
        positives: [`STORYBLOK_PREVIEW_TOKEN=${fakeString(ALNUM, 22, 13530)}tt`],
        negatives: ['STORYBLOK_PREVIEW_TOKEN=${STORYBLOK_TOKEN}', `STORYBLOK_SPACE_ID=${fakeString(DIGITS, 8, 13531)}`],
      };
    },
  }),
  // https://developers.intercom.com/docs/build-an-integration/learn-more/authentication (access
  // tokens, sent as Bearer). unverified structure: issued tokens are base64 of "tok:<uuid>:...".
  defineRule({
    id: 'intercom-access-token',
    description: 'Intercom access token (named as such)',
    keywords: ['intercom'],
    regex: named('intercom', 'token|key', '[A-Za-z0-9+/]{56,80}={0,2}', '(?![A-Za-z0-9+/=])'),
    ignoreCase: true,
    entropy: 4.0,
    gate: assignmentWithin(40),
    validate: (s) => (Buffer.from(s, 'base64').toString('latin1').startsWith('tok:') ? 'valid' : 'unknown'),
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [`INTERCOM_ACCESS_TOKEN=${Buffer.from(`tok:${fakeUuid(13540)}:1:0`).toString('base64')}`],
        negatives: ['INTERCOM_ACCESS_TOKEN=${INTERCOM_TOKEN}', `INTERCOM_APP_ID=${fakeString(LOWER_ALNUM, 8, 13541)}`],
      };
    },
  }),
  // https://developers.asana.com/docs/personal-access-token (PATs; Asana calls the format opaque).
  // unverified: the <n>/<id>[/<id>]:<32 hex> shape is from issued tokens, so named only.
  defineRule({
    id: 'asana-personal-access-token',
    description: 'Asana personal access token (named as such)',
    keywords: ['asana'],
    regex: named('asana', 'token|pat|key', '[0-9]/[0-9]{10,20}(?:/[0-9]{10,20})?:[a-f0-9]{32}'),
    ignoreCase: true,
    entropy: 3.0,
    gate: assignmentWithin(40),
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [
          `ASANA_ACCESS_TOKEN=2/${fakeString(DIGITS, 16, 13550)}/${fakeString(DIGITS, 16, 13551)}:${fakeString(HEX, 32, 13552)}`,
          `asana_pat: "1/${fakeString(DIGITS, 16, 13553)}:${fakeString(HEX, 32, 13554)}"`,
        ],
        negatives: ['ASANA_ACCESS_TOKEN=${ASANA_TOKEN}', `ASANA_WORKSPACE_ID=${fakeString(DIGITS, 16, 13555)}`],
      };
    },
  }),
  // https://developer.atlassian.com/cloud/trello/guides/rest-api/authorization/ (user tokens,
  // 64 hex characters in the older form; newer ones start with ATTA: ATTA, 64 hex, 8 hex).
  // unverified: 64 hex / ATTA forms are from issued tokens; Trello's docs give no format.
  defineRule({
    id: 'trello-api-token',
    description: 'Trello API token (named as such)',
    keywords: ['trello'],
    regex: named('trello', 'token|secret', 'ATTA[a-f0-9]{64}[A-F0-9]{8}|[a-f0-9]{64}'),
    ignoreCase: true,
    entropy: 3.0,
    gate: assignmentWithin(40),
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [
          `TRELLO_TOKEN=ATTA${fakeString(HEX, 64, 13560)}${fakeString('0123456789ABCDEF', 8, 13561)}`,
          `trello_api_token: "${fakeString(HEX, 64, 13562)}"`,
        ],
        negatives: [`TRELLO_API_KEY=${fakeString(HEX, 32, 13563)}`, 'TRELLO_TOKEN=${TRELLO_TOKEN}'],
      };
    },
  }),
  // https://developers.miro.com/v1.0/reference/get-new-access-token-using-refresh-token (Miro's
  // own example response: access_token and refresh_token are both base64url of
  // {"miro.origin":"eu01"}, an underscore, then 27 URL-safe characters). The head is decoded and
  // must carry miro.origin; the tail is bounded 20-60 around the 27 of Miro's example.
  defineRule({
    id: 'miro-access-token',
    description: 'Miro OAuth access or refresh token',
    keywords: ['eyjtaxjvlm9yawdpbii6'],
    regex: `${B}(?<secret>eyJtaXJvLm9yaWdpbiI6I[A-Za-z0-9]{6,20}_[A-Za-z0-9_\\-]{20,60})(?![A-Za-z0-9_\\-])`,
    validate: (s) => {
      const head = jsonSegment(s.slice(0, s.indexOf('_')));
      return head !== undefined && typeof head['miro.origin'] === 'string' ? 'valid' : 'invalid';
    },
    severity: 'high',
    confidence: 'medium',
    get examples() {
      return {
        positives: [
          `MIRO_ACCESS_TOKEN=${b64url({ 'miro.origin': 'eu01' })}_${fakeString(URLSAFE, 27, 13570)}`,
          `Authorization: Bearer ${b64url({ 'miro.origin': 'eu01' })}_${fakeString(URLSAFE, 27, 13572)}`,
          `"refresh_token": "${b64url({ 'miro.origin': 'us01' })}_-${fakeString(URLSAFE, 26, 13573)}"`,
        ],
        negatives: [
          `MIRO_ACCESS_TOKEN=${b64url({ 'miro.origin': 'eu01' })}_short`,
          `my${b64url({ 'miro.origin': 'eu01' })}_${fakeString(URLSAFE, 27, 13571)}`,
          `MIRO_ACCESS_TOKEN=${b64url({ 'miro.origin': 'eu01' })}_${'x'.repeat(27)}`,
          // Miro's prefix, but the rest of the head decodes to no JSON: not a token Miro issued.
          `MIRO_ACCESS_TOKEN=eyJtaXJvLm9yaWdpbiI6I${fakeString(ALNUM, 9, 13574)}_${fakeString(URLSAFE, 27, 13575)}`,
        ],
      };
    },
  }),
  // https://docs.developers.optimizely.com/web-experimentation/docs/api-conventions (personal
  // tokens, Bearer); their shape, 2: and about 50 URL-safe characters, is that of the demo token
  // in Optimizely's own github.com/optimizely/labs notebooks.
  defineRule({
    id: 'optimizely-personal-token',
    description: 'Optimizely personal access token (named as such)',
    keywords: ['optimizely'],
    regex: named('optimizely', 'token|key', '2:[A-Za-z0-9_\\-]{40,64}'),
    ignoreCase: true,
    entropy: 3.5,
    gate: assignmentWithin(40),
    severity: 'high',
    get examples() {
      return {
        positives: [`OPTIMIZELY_API_TOKEN=2:${fakeString(URLSAFE, 52, 13600)}`],
        negatives: ['OPTIMIZELY_API_TOKEN=<personal_access_token>', `OPTIMIZELY_SDK_KEY=${fakeString(ALNUM, 22, 13601)}`],
      };
    },
  }),
  // https://docs.honeycomb.io/api/authentication (Honeycomb Classic API keys, team-level).
  // Honeycomb's own OTLP code tells a Classic key by its shape: honeycombio/husky otlp/common.go
  // IsClassicApiKey (32 characters of ^[0-9a-f]*$, or a Classic ingest key of 64: ^hc[a-z]ic_[0-9a-z]*$,
  // the prefix and 58 lower-case letters and digits). Both are matched where Honeycomb is named.
  defineRule({
    id: 'honeycomb-classic-api-key',
    description: 'Honeycomb Classic API key, write key or Classic ingest key (named as such)',
    keywords: ['honeycomb'],
    regex: named('honeycomb', 'key|team', '[a-f0-9]{32}|hc[a-z]ic_[a-z0-9]{58}'),
    ignoreCase: true,
    entropy: 3.0,
    gate: assignmentWithin(40),
    // The name is matched ignoring case, the key is not: husky's patterns are lower-case only.
    validate: (s) => (/^(?:[a-f0-9]{32}|hc[a-z]ic_[a-z0-9]{58})$/.test(s) ? 'unknown' : 'invalid'),
    severity: 'high',
    confidence: 'medium',
    get examples() {
      return {
        positives: [
          `HONEYCOMB_WRITEKEY=${fakeString(HEX, 32, 13610)}`,
          `honeycomb_api_key: "${fakeString(HEX, 32, 13611)}"`,
          `HONEYCOMB_API_KEY=hcaic_${fakeString(LOWER_ALNUM, 58, 13612)}`,
        ],
        negatives: [
          'HONEYCOMB_API_KEY=${HONEYCOMB_KEY}',
          'honeycomb_api_key: https://api.honeycomb.io',
          `HONEYCOMB_WRITEKEY=${fakeString('0123456789ABCDEF', 32, 13613)}`,
          `HONEYCOMB_WRITEKEY=${fakeString(HEX, 31, 13614)}`,
          `HONEYCOMB_API_KEY=hcaic_${fakeString(LOWER_ALNUM, 40, 13615)}`,
          `HONEYCOMB_API_KEY=hcaix_${fakeString(LOWER_ALNUM, 58, 13616)}`,
          `HONEYCOMB_WRITEKEY=${'0'.repeat(32)}`,
        ],
      };
    },
  }),
  // https://www.contentful.com/developers/docs/references/authentication/ (Content Delivery and
  // Preview API access tokens, 43 URL-safe characters, read-only).
  // unverified: the page's own example is the 12-character cfexampleapi demo token; contentful/contentful-cli lib/cmds/login.ts checks management tokens only (43-64 URL-safe); 43 is from issued tokens.
  defineRule({
    id: 'contentful-delivery-token',
    description: 'Contentful Delivery or Preview API access token (named as such)',
    keywords: ['contentful'],
    regex: named('contentful', 'token|key', '[A-Za-z0-9_\\-]{43}'),
    ignoreCase: true,
    entropy: 3.5,
    gate: assignmentWithin(40),
    severity: 'medium',
    confidence: 'low',
    get examples() {
      return {
        positives: [`CONTENTFUL_DELIVERY_TOKEN=${fakeString(URLSAFE, 43, 13620)}`, `contentfulPreviewAccessToken: '${fakeString(URLSAFE, 43, 13621)}'`],
        negatives: ['CONTENTFUL_DELIVERY_TOKEN=${CONTENTFUL_TOKEN}', `CONTENTFUL_SPACE_ID=${fakeString(LOWER_ALNUM, 12, 13622)}`],
      };
    },
  }),
  // https://raygun.com/documentation/accounts-billing/your-settings (personal access tokens for
  // the Raygun API) and the per-application API key. unverified: no length or alphabet is
  // published; 20-48 base64/URL-safe characters assumed.
  defineRule({
    id: 'raygun-api-key',
    description: 'Raygun personal access token or API key (named as such)',
    keywords: ['raygun'],
    regex: named('raygun', 'token|key|pat', '[A-Za-z0-9_\\-+/]{20,48}={0,2}', '(?![A-Za-z0-9_\\-+/=])'),
    ignoreCase: true,
    entropy: 3.8,
    gate: assignmentWithin(40),
    severity: 'medium',
    confidence: 'low',
    get examples() {
      return {
        positives: [`RAYGUN_PAT=${fakeString(ALNUM, 40, 13630)}`, `"RaygunApiKey": "${fakeString(ALNUM, 22, 13631)}"`],
        negatives: ['"RaygunApiKey": "paste_your_api_key_here"', 'RAYGUN_API_KEY=${RAYGUN_KEY}'],
      };
    },
  }),
  // https://docs.lightstep.com/docs/create-and-manage-access-tokens (project access tokens).
  // Lightstep's own launchers check the length: lightstep/otel-launcher-node
  // src/lightstep-opentelemetry-launcher-node.ts validateToken ("valid access tokens are 32, 84 or
  // 104 characters") and lightstep/otel-launcher-python configuration.py _validate_token. The
  // alphabet is not stated: base64 as issued, the last two characters may be padding.
  defineRule({
    id: 'lightstep-access-token',
    description: 'Lightstep (Cloud Observability) access token (named as such)',
    keywords: ['lightstep'],
    regex: named('lightstep', 'token|key', '(?:[A-Za-z0-9+/]{102}|[A-Za-z0-9+/]{82}|[A-Za-z0-9+/]{30})[A-Za-z0-9+/=]{2}', '(?![A-Za-z0-9+/=])'),
    ignoreCase: true,
    entropy: 4.0,
    gate: assignmentWithin(40),
    severity: 'medium',
    confidence: 'medium',
    get examples() {
      return {
        positives: [
          `LIGHTSTEP_ACCESS_TOKEN=${fakeString(ALNUM + '+/', 84, 13640)}`,
          `lightstep_access_token: "${fakeString(ALNUM + '+/', 104, 13642)}"`,
          `LIGHTSTEP_ACCESS_TOKEN=${fakeString(ALNUM + '+/', 32, 13643)}`,
        ],
        negatives: [
          'LIGHTSTEP_ACCESS_TOKEN=${LS_ACCESS_TOKEN}',
          `LIGHTSTEP_ACCESS_TOKEN=${fakeString(ALNUM, 16, 13641)}`,
          // 64 characters: between the lengths Lightstep issues.
          `LIGHTSTEP_ACCESS_TOKEN=${fakeString(ALNUM + '+/', 64, 13644)}`,
          `LIGHTSTEP_ACCESS_TOKEN=${fakeString(ALNUM + '+/', 85, 13645)}`,
          `LIGHTSTEP_ACCESS_TOKEN=${'x'.repeat(84)}`,
          // The Developer Mode Satellite's token is the word "developer", no secret.
          'LIGHTSTEP_ACCESS_TOKEN=developer',
        ],
      };
    },
  }),
  // https://www.ibm.com/docs/en/instana-observability/current?topic=apis-instana-rest-api (API
  // tokens, sent as "apiToken <token>") and agent keys. unverified: 22 URL-safe characters from
  // issued keys.
  defineRule({
    id: 'instana-api-token',
    description: 'Instana API token or agent key (named as such)',
    keywords: ['instana'],
    regex: named('instana', 'token|key', '[A-Za-z0-9_\\-]{22}'),
    ignoreCase: true,
    entropy: 3.5,
    gate: assignmentWithin(40),
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [`INSTANA_API_TOKEN=${fakeString(URLSAFE, 22, 13650)}`, `instana_agent_key: "${fakeString(URLSAFE, 22, 13651)}"`],
        negatives: ['INSTANA_API_TOKEN=${INSTANA_TOKEN}', `INSTANA_AGENT_KEY=${fakeString(URLSAFE, 40, 13652)}`],
      };
    },
  }),
  // https://help.split.io/hc/en-us/articles/360019916211-API-keys (server-side SDK and Admin API
  // keys). unverified: 36 lower-case letters and digits, from issued keys.
  defineRule({
    id: 'split-api-key',
    description: 'Split (Harness FME) SDK or Admin API key (named as such)',
    keywords: ['split_io', 'splitio', 'split-io', 'split_api', 'split_sdk', 'split_admin'],
    regex: `split[_.\\-]?(?:io[_.\\-]?)?(?:admin[_.\\-]?|sdk[_.\\-]?|server[_.\\-]?){0,2}(?:api[_.\\-]?)?(?:key|token)["'\\]]{0,2}\\s{0,3}[:=]\\s{0,3}["']?(?<secret>[a-z0-9]{36})(?![A-Za-z0-9_\\-])`,
    ignoreCase: true,
    entropy: 3.5,
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [`SPLIT_API_KEY=${fakeString(LOWER_ALNUM, 36, 13660)}`, `splitio_sdk_key: "${fakeString(LOWER_ALNUM, 36, 13661)}"`],
        negatives: ['SPLIT_API_KEY=${SPLIT_KEY}', `SPLIT_SDK_KEY=${fakeString(LOWER_ALNUM, 20, 13662)}`],
      };
    },
  }),
  // https://prismic.io/docs/access-token (permanent access tokens for private repositories).
  // unverified: no format in Prismic's docs (access tokens, API authentication) nor checked by prismicio/prismic-client or prismicio/cli; a Prismic gist's placeholder starts MC5; 40-200 base64/URL-safe characters and dots assumed.
  defineRule({
    id: 'prismic-access-token',
    description: 'Prismic permanent access token (named as such)',
    keywords: ['prismic'],
    regex: named('prismic', 'access[_\\-]?token|token', '[A-Za-z0-9_\\-+/.]{40,200}={0,2}', '(?![A-Za-z0-9_\\-+/.=])'),
    ignoreCase: true,
    entropy: 4.0,
    gate: assignmentWithin(40),
    severity: 'medium',
    confidence: 'low',
    get examples() {
      return {
        positives: [`PRISMIC_ACCESS_TOKEN=MC5${fakeString(URLSAFE, 40, 13670)}.${fakeString(URLSAFE, 30, 13671)}`],
        negatives: ['PRISMIC_ACCESS_TOKEN=${PRISMIC_TOKEN}', 'prismic_token: https://my-repo.cdn.prismic.io/api/v2'],
      };
    },
  }),
  // https://docs.honeybadger.io/api/v3/authentication/ (API v3 tokens: hbu_ user, hba_ account,
  // hbo_ OAuth). Partly unverified: the length after the prefix is not published; 20-64 letters,
  // digits, - and _ assumed.
  defineRule({
    id: 'honeybadger-api-token',
    description: 'Honeybadger API v3 user, account or OAuth token',
    keywords: ['hbu_', 'hba_', 'hbo_'],
    regex: `${B}(?<secret>hb[uao]_[A-Za-z0-9_\\-]{20,64})(?![A-Za-z0-9_\\-])`,
    entropy: 3.5,
    severity: 'high',
    confidence: 'medium',
    get examples() {
      return {
        positives: [`HONEYBADGER_API_TOKEN=${fakeToken('hbu_', ALNUM, 32, 13700)}`, `Authorization: Bearer ${fakeToken('hba_', ALNUM, 40, 13701)}`],
        negatives: ['export HONEYBADGER_API_TOKEN=hbu_your_token', `hbu_${'x'.repeat(32)}`, `xhbu_${fakeString(ALNUM, 32, 13702)}`],
      };
    },
  }),
  // https://docs.flagsmith.com/integration-approaches ("Server Side Keys ... should be considered
  // secret"; client-side environment keys are public and not flagged). unverified: the ser.
  // prefix and 40+ letters and digits are from issued keys, not from Flagsmith's docs.
  defineRule({
    id: 'flagsmith-server-key',
    description: 'Flagsmith server-side environment key (named as such)',
    keywords: ['flagsmith'],
    regex: named('flagsmith', 'key|token|secret', 'ser\\.[A-Za-z0-9]{20,60}'),
    ignoreCase: true,
    entropy: 3.5,
    gate: assignmentWithin(40),
    severity: 'medium',
    confidence: 'low',
    get examples() {
      return {
        positives: [`FLAGSMITH_ENVIRONMENT_KEY=ser.${fakeString(ALNUM, 40, 13710)}`],
        negatives: [`FLAGSMITH_ENVIRONMENT_KEY=${fakeString(ALNUM, 22, 13711)}`, 'FLAGSMITH_ENVIRONMENT_KEY=ser.${FLAGSMITH_KEY}'],
      };
    },
  }),
];
