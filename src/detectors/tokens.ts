import { B, E } from './regex-parts.js';
import { longestRun } from './heuristics.js';
import { readsAsText } from './randomness.js';
import { base62, crc32, prefixedCrc32Valid } from './checksums.js';
import { defineRule } from './define.js';
import { assignmentWithin, followedBy } from './gates.js';
import { ALNUM, fakeString, fakeToken, fakeUuid, HEX, URLSAFE } from './fake.js';
import type { Detector } from '../types.js';

/** A body typed in, not generated: it reads as words, or holds a run of 5 of one character. */
function typedIn(body: string): boolean {
  return readsAsText(body) || longestRun(body) >= 5;
}

/*
 * Vendor tokens with a recognisable prefix or shape, one declarative rule each. Formats are
 * taken from the providers' own descriptions of their tokens; boundaries keep a token from
 * matching inside a longer word. Every example is generated here from a seed.
 */

function githubToken(prefix: string, seed: number): string {
  const body = fakeString(ALNUM, 30, seed);
  return `${prefix}${body}${base62(crc32(body), 6)}`;
}

/** JSON decoded from base64 or base64url text, or undefined when it is not JSON. */
function decodeJson(b64: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(b64, b64.includes('-') || b64.includes('_') ? 'base64url' : 'base64').toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Grafana's checksum: CRC32 (IEEE) of prefix_secret, its four bytes little-endian, in hex. */
function grafanaChecksum(text: string): string {
  const c = crc32(text);
  return [c & 0xff, (c >>> 8) & 0xff, (c >>> 16) & 0xff, c >>> 24].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** A Grafana service account token with its checksum computed as Grafana does. */
function grafanaSaToken(seed: number): string {
  const secret = fakeString(ALNUM, 32, seed);
  return `glsa_${secret}_${grafanaChecksum(`glsa_${secret}`)}`;
}

/** A JWT-shaped string (header.payload.signature) whose payload is the given claims. */
function fakeJwt(claims: Record<string, unknown>, seed: number): string {
  const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}.${fakeString(URLSAFE, 43, seed)}`;
}

/** The Supabase CLI's published local-development secret key (CRC32 only): not a credential. */
const SUPABASE_LOCAL_SECRET_CRC = 3162855981;

const GITHUB_KINDS: Record<string, string> = {
  ghp: 'personal access token (classic)',
  gho: 'OAuth access token',
  ghu: 'GitHub App user-to-server token',
  ghs: 'GitHub App installation (server-to-server) token',
  ghr: 'GitHub App refresh token',
};

export const tokenRules = (): readonly Detector[] => [
  defineRule({
    id: 'github-token',
    description: 'GitHub token (classic format)',
    keywords: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'],
    // GitHub's changelog, 2021-03-31, "Authentication token format updates are generally
    // available" (the five prefixes, alphabet [A-Za-z0-9_], length kept), and its blog,
    // 2021-04-05, "Behind GitHub's new authentication token formats" (30 random characters and a
    // 6-character base62 CRC32 checksum). Classic 36-character tokens, and app installation
    // tokens that carry a JWT (ghs_<id>_<jwt>).
    regex: `${B}(?<secret>gh[pousr]_[A-Za-z0-9]{36}|ghs_[0-9]{1,20}_eyJ[A-Za-z0-9_\\-]{1,2048}\\.eyJ[A-Za-z0-9_\\-]{1,4096}\\.[A-Za-z0-9_\\-]{1,2048})${E}`,
    // A checksum that fails on a body that reads as words or holds a run (ghp_PersonalAccess
    // Token0124...00000000, as READMEs write one) is an example, not a token.
    validate: (s) => (s.length !== 40 ? 'unknown' : prefixedCrc32Valid(s) ? 'valid' : typedIn(s.slice(4)) ? 'invalid' : 'unknown'),
    validatedAs: 'checksum verified',
    packed: '(?<secret>gh[pousr]_[A-Za-z0-9]{36})',
    severity: 'critical',
    confidence: 'high',
    // A classic token whose checksum fails is none GitHub issued (a fixture, a typo): medium.
    confidenceFor: (s) => (s.length === 40 && !prefixedCrc32Valid(s) ? 'medium' : 'high'),
    facts: (s) => ({ tokenKind: `GitHub ${GITHUB_KINDS[s.slice(0, 3)] ?? 'token'}` }),
    get examples() {
      return {
        positives: [`GITHUB_TOKEN=${githubToken('ghp_', 1)}`, `token: "${githubToken('gho_', 2)}"`, githubToken('ghs_', 3)],
        negatives: [
          `ghp_${'x'.repeat(36)}`,
          `xghp_${fakeString(ALNUM, 36, 4)}`,
          `ghx_${fakeString(ALNUM, 36, 5)}`,
          'createTokenAuth("ghp_PersonalAccessToken01245678900000000");',
          `token: ghp_${fakeString(ALNUM, 28, 15152)}00000000`,
        ],
      };
    },
  }),
  defineRule({
    id: 'github-fine-grained-pat',
    description: 'GitHub fine-grained personal access token',
    keywords: ['github_pat_'],
    // GitHub Docs, "About authentication to GitHub" (its token-formats table, github/docs repo):
    // prefix github_pat_; GitHub's changelog, 2021-03-31: alphabet [A-Za-z0-9_], may grow to 255.
    // unverified: the 22 + 59 split (as issued), no published checksum: medium, of a known form.
    regex: `${B}(?<secret>github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})${E}`,
    placeholders: false,
    severity: 'critical',
    confidence: 'medium',
    knownForm: true,
    get examples() {
      return {
        positives: [`GH_PAT=github_pat_${fakeString(ALNUM, 22, 6)}_${fakeString(ALNUM, 59, 7)}`],
        negatives: [`github_pat_${fakeString(ALNUM, 22, 8)}_short`],
      };
    },
  }),
  defineRule({
    id: 'gitlab-token',
    description: 'GitLab token (personal, deploy, runner, CI job, trigger, feed, incoming mail, agent, OAuth)',
    // https://docs.gitlab.com/security/tokens/#token-prefixes (gitlabhq doc/security/tokens/_index.md):
    // also glrtr- (runner registered with a registration token), glwt- (workspace, 18.2) and
    // glffct- (feature flags client). Routable tokens append .<version>.<suffix> to the body.
    // Runner registration tokens (deprecated in 15.6, accepted until 20.0) start GR1348941
    // (gitlabhq app/models/concerns/runners_token_prefixable.rb, RUNNERS_TOKEN_PREFIX) + 20.
    keywords: ['glpat-', 'gldt-', 'glrt-', 'glrtr-', 'glcbt-', 'glptt-', 'glft-', 'glimt-', 'glagent-', 'gloas-', 'glsoat-', 'glwt-', 'glffct-', 'GR1348941'],
    regex: `${B}(?<secret>gl(?:pat|dt|rtr?|cbt|ptt|ft|imt|agent|oas|soat|wt|ffct)-[A-Za-z0-9_\\-]{20,}(?:\\.[0-9a-z]{2}\\.[0-9a-z]{1,16})?|GR1348941[A-Za-z0-9_\\-]{20,})`,
    severity: 'critical',
    confidence: 'high',
    get examples() {
      return {
        positives: [
          fakeToken('glpat-', URLSAFE, 20, 9),
          `CI_TOKEN: glrt-${fakeString(URLSAFE, 26, 10)}`,
          `RUNNER_TOKEN=glrtr-${fakeString(URLSAFE, 20, 15080)}`,
          `unleash_instance_id: glffct-${fakeString(URLSAFE, 20, 15081)}`,
          `GITLAB_WORKSPACE_TOKEN=glwt-${fakeString(URLSAFE, 20, 15082)}`,
          `GITLAB_TOKEN=glpat-${fakeString(URLSAFE, 27, 15083)}.01.${fakeString('abcdefghijklmnopqrstuvwxyz0123456789', 9, 15084)}`,
          `gitlab-runner register --registration-token ${fakeToken('GR1348941', URLSAFE, 20, 15129)}`,
        ],
        negatives: ['glpat-short', `glpat-${'x'.repeat(20)}`, 'GR1348941short', `XGR1348941${fakeString(URLSAFE, 20, 15130)}`],
      };
    },
  }),
  defineRule({
    id: 'npm-token',
    description: 'npm access token',
    keywords: ['npm_'],
    // GitHub Blog, 2021-09-23, "Announcing npm's new access token format": the npm_ prefix, the
    // last 6 characters a base62 CRC32 (checked), 178 bits of entropy (30 base62 characters), as
    // GitHub's tokens are. unverified: the 36-character body is derived, not stated.
    regex: `${B}(?<secret>npm_[A-Za-z0-9]{36})${E}`,
    placeholders: false,
    validate: (s) => (prefixedCrc32Valid(s) ? 'valid' : 'unknown'),
    validatedAs: 'checksum verified',
    packed: '(?<secret>npm_[A-Za-z0-9]{36})',
    confidenceFor: (s) => (prefixedCrc32Valid(s) ? 'high' : 'medium'),
    severity: 'critical',
    confidence: 'high',
    get examples() {
      return {
        positives: [`NPM_TOKEN=${githubToken('npm_', 11)}`],
        negatives: [`npm_${fakeString(ALNUM, 20, 12)}`, `my_npm_${fakeString(ALNUM, 36, 13)}x`],
      };
    },
  }),
  defineRule({
    id: 'npmrc-auth-token',
    description: 'npm registry auth token in .npmrc (_authToken / _auth / _password)',
    keywords: ['_authtoken', '_auth', '_password'],
    // npm CLI docs, .npmrc, "Auth related configuration" (npm/cli docs/lib/content/configuring-npm/
    // npmrc.md): _auth, _authToken, _password scoped to a //host/ prefix, ini key = value, ${VAR}
    // replaced. unverified: the values' formats are each registry's own.
    // As .npmrc writes them: the key starts its line, or follows a registry scope
    // (//registry.npmjs.org/:_authToken=...); not code such as self._password = x.password.
    // Any literal value is a credential here ($-templated values do not match), unless it is
    // one character over and over, xxxx, or a dotted name (os.environ, handler.password).
    regex: `(?:^|[\\n:])[ \\t]{0,16}_(?:authToken|auth|password)[ \\t]*=[ \\t]*["']?(?<secret>[A-Za-z0-9+/=_\\-.:]{8,})`,
    placeholders: false,
    validate: (s) =>
      /^(.)\1*$/.test(s) ||
      /x{4,}/i.test(s) ||
      /^[A-Za-z_$][A-Za-z0-9_$]*(?:\.[A-Za-z_$][A-Za-z0-9_$]*)+$/.test(s) ||
      // Docs' stand-ins: MYTOKEN1, YOUR_AUTH_TOKEN.
      (/^[A-Z][A-Z_]*\d{0,2}$/.test(s) && /TOKEN|AUTH|PASS|SECRET|KEY/.test(s))
        ? 'invalid'
        : 'unknown',
    severity: 'high',
    get examples() {
      return {
        positives: [
          `//registry.npmjs.org/:_authToken=${fakeString(URLSAFE, 36, 14)}`,
          `_auth=${Buffer.from('deploy:' + fakeString(ALNUM, 12, 16)).toString('base64')}`,
        ],
        negatives: [
          '//registry.npmjs.org/:_authToken=${NPM_TOKEN}',
          '_authToken=xxxxxxxxxxxx',
          '        self._password = handler.password',
          '_password = os.environ',
          '//somewhere-else.com/myorg/:_authToken=MYTOKEN1',
        ],
      };
    },
  }),
  defineRule({
    id: 'pypi-token',
    description: 'PyPI (or TestPyPI) upload token',
    // Tokens are macaroons whose location is the index (https://pypi.org/help/#apitoken):
    // base64 of "pypi.org", or of "test.pypi.org" for TestPyPI (AgENdGVzdC5weXBpLm9y...).
    keywords: ['pypi-AgEIcHlwaS5vcmc', 'pypi-AgENdGVzdC5weXBpLm9y'],
    keywordsCaseSensitive: true,
    regex: `${B}(?<secret>pypi-(?:AgEIcHlwaS5vcmc|AgENdGVzdC5weXBpLm9y)[A-Za-z0-9_\\-]{50,})`,
    severity: 'critical',
    severityFor: (s) => (s.startsWith('pypi-AgENdGVzdC5weXBpLm9y') ? 'medium' : 'critical'),
    confidence: 'high',
    get examples() {
      return {
        positives: [
          `password = pypi-AgEIcHlwaS5vcmc${fakeString(URLSAFE, 70, 15)}`,
          `TEST_PYPI_TOKEN=pypi-AgENdGVzdC5weXBpLm9y${fakeString(URLSAFE, 70, 15087)}`,
        ],
        negatives: ['pypi-AgEIcHlwaS5vcmcshort', 'pypi-AgENdGVzdC5weXBpLm9yshort'],
      };
    },
  }),
  defineRule({
    id: 'rubygems-api-key',
    description: 'RubyGems API key',
    keywords: ['rubygems_'],
    // rubygems/rubygems.org, app/controllers/concerns/api_keyable.rb (the generator): "rubygems_"
    // followed by SecureRandom.hex(24), 48 lower-case hex characters. No checksum.
    regex: `${B}(?<secret>rubygems_[a-f0-9]{48})${E}`,
    severity: 'critical',
    confidence: 'high',
    get examples() {
      return { positives: [fakeToken('rubygems_', HEX, 48, 16)], negatives: [fakeToken('rubygems_', HEX, 40, 17)] };
    },
  }),
  defineRule({
    id: 'nuget-api-key',
    description: 'NuGet API key',
    keywords: ['oy2'],
    keywordsCaseSensitive: true,
    // NuGet/NuGetGallery ApiKeyV4.cs and Extensions/Base32Encoder.cs: the key is base32 (RFC 4648,
    // lower-cased) of "v4" and 10 random bytes, then of 16 more: 46 characters, always oy2.
    // Not covered: the 84-character short-lived V5 keys (ApiKeyV5.cs).
    regex: `${B}(?<secret>oy2[a-z2-7]{43})${E}`,
    entropy: 3.5,
    severity: 'high',
    confidence: 'high',
    get examples() {
      return {
        positives: [`NUGET_KEY=${fakeToken('oy2', 'abcdefghijklmnopqrstuvwxyz234567', 43, 18)}`],
        negatives: [`oy2${'a'.repeat(43)}`, `oy2${fakeString('abcdefghijklmnopqrstuvwxyz', 39, 15124)}0189`],
      };
    },
  }),
  defineRule({
    id: 'docker-hub-pat',
    description: 'Docker Hub personal access token',
    keywords: ['dckr_pat_', 'dckr_oat_'],
    // Docker docs (docker/docs, content/reference/api/ai-governance/api.yaml, bearerAuth): personal
    // tokens dckr_pat_*, organization tokens dckr_oat_*. unverified: body length and alphabet.
    regex: `${B}(?<secret>dckr_(?:pat|oat)_[A-Za-z0-9_\\-]{27,})`,
    placeholders: false,
    severity: 'critical',
    confidence: 'medium',
    knownForm: true,
    get examples() {
      return { positives: [fakeToken('dckr_pat_', URLSAFE, 27, 19)], negatives: ['dckr_pat_short'] };
    },
  }),
  defineRule({
    id: 'slack-token',
    description: 'Slack token (bot, user, app-level, refresh, config)',
    keywords: ['xoxb-', 'xoxp-', 'xoxa-', 'xoxr-', 'xoxo-', 'xoxs-', 'xoxe-', 'xapp-'],
    // Slack, "Token types" (api.slack.com/authentication/token-types): xoxb- bot, xoxp- user,
    // xapp- app-level tokens. Rotation's xoxe- and xoxe.xoxp- tokens: slack-rotating-token and
    // slack-refresh-token. unverified: xoxa/xoxr/xoxo/xoxs (legacy, as issued), segment lengths.
    regex: `${B}(?<secret>xox[bpaorse](?:\\.[A-Za-z0-9]+)?-[0-9]{8,}-[0-9A-Za-z\\-]{8,}|xapp-\\d-[A-Z0-9]+-\\d+-[a-z0-9]+)`,
    placeholders: false,
    severity: 'critical',
    confidence: 'medium',
    knownForm: true,
    get examples() {
      return {
        positives: [`SLACK_BOT_TOKEN=xoxb-${fakeString('0123456789', 11, 20)}-${fakeString('0123456789', 13, 21)}-${fakeString(ALNUM, 24, 22)}`],
        negatives: ['xoxb-not-a-token', 'xoxb-${SLACK_TOKEN}'],
      };
    },
  }),
  defineRule({
    id: 'slack-webhook',
    description: 'Slack incoming webhook URL',
    keywords: ['hooks.slack.com'],
    // Slack docs, "Incoming webhooks" (docs.slack.dev): https://hooks.slack.com/services/T.../.../...,
    // three path segments. unverified: the /workflows/ and /triggers/ paths, segment lengths.
    regex: `(?<secret>https://hooks\\.slack\\.com/(?:services|workflows|triggers)/[A-Za-z0-9_/\\-]{20,})`,
    placeholders: false,
    severity: 'high',
    confidence: 'medium',
    knownForm: true,
    get examples() {
      return {
        positives: [`url: https://hooks.slack.com/services/T${fakeString(ALNUM, 8, 23)}/B${fakeString(ALNUM, 8, 24)}/${fakeString(ALNUM, 24, 25)}`],
        negatives: ['see https://hooks.slack.com/services/ for docs'],
      };
    },
  }),
  defineRule({
    id: 'stripe-key',
    description: 'Stripe secret or restricted key',
    keywords: ['sk_live_', 'rk_live_', 'sk_test_', 'rk_test_'],
    // Stripe Docs, "Restricted API keys" (docs.stripe.com/keys/restricted-api-keys): secret keys
    // sk_live_/sk_test_, restricted keys rk_live_/rk_test_. unverified: length (24+, as in Stripe's
    // sample key; Stripe says keys may be longer) and alphabet; no checksum.
    regex: `${B}(?<secret>(?:sk|rk)_(?:live|test)_[0-9a-zA-Z]{24,})${E}`,
    placeholders: false,
    severity: 'critical',
    severityFor: (s) => (s.includes('_test_') ? 'medium' : 'critical'),
    confidence: 'medium',
    knownForm: true,
    facts: (s) => (s.includes('_test_') ? { tokenKind: 'Stripe test-mode key (no live money, still a credential)' } : { tokenKind: 'Stripe live-mode key' }),
    get examples() {
      return {
        positives: [fakeToken('sk_live_', ALNUM, 24, 26), `STRIPE_KEY="${fakeToken('rk_live_', ALNUM, 99, 27)}"`],
        negatives: ['sk_live_short', 'pk_live_' + fakeString(ALNUM, 24, 28)],
      };
    },
  }),
  defineRule({
    id: 'google-api-key',
    description: 'Google API key',
    keywords: ['AIza'],
    keywordsCaseSensitive: true,
    // Google Cloud, "Authenticate using API keys" (cloud.google.com/console/help/using-keys): an
    // opaque string; its example is AIza + 35 of [A-Za-z0-9_-]. unverified: length beyond that
    // example. Gemini's newer AQ. keys: google-auth-key.
    regex: `${B}(?<secret>AIza[0-9A-Za-z_\\-]{35})${E}`,
    severity: 'high',
    confidence: 'medium',
    knownForm: true,
    get examples() {
      return { positives: [`key: ${fakeToken('AIza', URLSAFE, 35, 29)}`], negatives: [`AIza${fakeString(URLSAFE, 20, 30)}`] };
    },
  }),
  defineRule({
    id: 'google-auth-key',
    description: 'Google API authorization key (AQ., Gemini / AI Studio, bound to a service account)',
    keywords: ['AQ.'],
    keywordsCaseSensitive: true,
    // Google AI for Developers, "Using Gemini API keys" (ai.google.dev/gemini-api/docs/api-key):
    // new AI Studio keys are authorization keys bound to a service account; Google Cloud, "Manage
    // API keys" (bound keys, Vertex AI express mode). unverified: the shape, AQ. + 50 of
    // [A-Za-z0-9_-], as seen in issued keys; no checksum known.
    regex: `${B}(?<secret>AQ\\.[A-Za-z0-9_\\-]{50})(?![A-Za-z0-9_\\-.])`,
    entropy: 3.5,
    placeholders: false,
    severity: 'high',
    confidence: 'low',
    knownForm: true,
    get examples() {
      return {
        positives: [`GEMINI_API_KEY=${fakeToken('AQ.', URLSAFE, 50, 15131)}`, `client = genai.Client(api_key="${fakeToken('AQ.', URLSAFE, 50, 15132)}")`],
        negatives: [`AQ.${fakeString(URLSAFE, 40, 15133)}`, `AQ.${fakeString(URLSAFE, 60, 15134)}`, `xAQ.${fakeString(URLSAFE, 50, 15135)}`],
      };
    },
  }),
  defineRule({
    id: 'openai-api-key',
    description: 'OpenAI API key',
    keywords: ['T3BlbkFJ'],
    keywordsCaseSensitive: true,
    // OpenAI API reference (developers.openai.com, "Create admin API key"): keys are sk-..., admin
    // keys sk-admin-.... unverified: sk-proj-/sk-svcacct-, the T3BlbkFJ marker (base64 "OpenAI")
    // and the lengths, all as issued: OpenAI publishes no format.
    regex: `${B}(?<secret>sk-(?:(?:proj|svcacct|admin)-)?[A-Za-z0-9_\\-]{20,256}T3BlbkFJ[A-Za-z0-9_\\-]{20,256})`,
    placeholders: false,
    severity: 'critical',
    confidence: 'medium',
    knownForm: true,
    get examples() {
      return { positives: [`OPENAI_API_KEY=sk-proj-${fakeString(URLSAFE, 40, 31)}T3BlbkFJ${fakeString(URLSAFE, 40, 32)}`], negatives: ['sk-proj-T3BlbkFJ'] };
    },
  }),
  defineRule({
    id: 'anthropic-api-key',
    description: 'Anthropic API key or OAuth token',
    keywords: ['sk-ant-'],
    // Anthropic docs, "Get API key" (platform.claude.com/docs): keys start sk-ant-, the example
    // sk-ant-api03-...; admin keys (sk-ant-admin...): anthropic-admin-key. unverified: the version
    // digits, body length (80+) and alphabet. OAuth tokens: sk-ant-oat01- (access, what
    // `claude setup-token` prints for CLAUDE_CODE_OAUTH_TOKEN, valid a year) and sk-ant-ort01-
    // (refresh, in ~/.claude/.credentials.json), as issued: Anthropic names the variable, not the format.
    regex: `${B}(?<secret>sk-ant-(?:api|oat|ort)\\d{2}-[A-Za-z0-9_\\-]{80,})`,
    placeholders: false,
    severity: 'critical',
    confidence: 'medium',
    knownForm: true,
    get examples() {
      return {
        positives: [
          `ANTHROPIC_API_KEY=sk-ant-api03-${fakeString(URLSAFE, 95, 33)}`,
          `CLAUDE_CODE_OAUTH_TOKEN=${fakeToken('sk-ant-oat01-', URLSAFE, 95, 15136)}`,
          `"refreshToken": "${fakeToken('sk-ant-ort01-', URLSAFE, 95, 15137)}"`,
        ],
        negatives: ['sk-ant-api03-short', 'sk-ant-oat01-xxxxxxxx', `sk-ant-xyz01-${fakeString(URLSAFE, 95, 15138)}`],
      };
    },
  }),
  defineRule({
    id: 'huggingface-token',
    description: 'Hugging Face access token',
    keywords: ['hf_'],
    keywordsCaseSensitive: true,
    // Hugging Face Hub docs, "User access tokens" (huggingface/hub-docs docs/hub/security-tokens.md):
    // user access tokens start hf_. unverified: 34 letters, as issued.
    regex: `${B}(?<secret>hf_[A-Za-z]{34})${E}`,
    placeholders: false,
    severity: 'high',
    get examples() {
      return {
        positives: [`HF_TOKEN=${fakeToken('hf_', 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', 34, 34)}`],
        negatives: ['hf_short', `hf_${fakeString(ALNUM, 40, 35)}`],
      };
    },
  }),
  defineRule({
    id: 'sendgrid-api-key',
    description: 'SendGrid API key',
    keywords: ['SG.'],
    keywordsCaseSensitive: true,
    // Twilio SendGrid docs, "API Keys" (twilio.com/docs/sendgrid/ui/account-and-settings/api-keys):
    // keys are 69 characters long. unverified: the SG. prefix and the 22 + 43 split, as issued.
    regex: `${B}(?<secret>SG\\.[A-Za-z0-9_\\-]{22}\\.[A-Za-z0-9_\\-]{43})${E}`,
    severity: 'critical',
    confidence: 'medium',
    knownForm: true,
    get examples() {
      return { positives: [`SENDGRID=SG.${fakeString(URLSAFE, 22, 36)}.${fakeString(URLSAFE, 43, 37)}`], negatives: ['SG.short.key'] };
    },
  }),
  defineRule({
    id: 'twilio-api-key',
    context: true,
    description: 'Twilio API key SID (in a file that mentions Twilio)',
    // "SK" alone is in every other word; the key is only looked for where Twilio is named.
    keywords: ['twilio'],
    // Twilio Docs, "REST API: Key Resource v1" (twilio.com/docs/iam/api-keys/key-resource-v1): a
    // Key sid is ^SK[0-9a-fA-F]{32}$. The sid names the key, whose secret has no published format.
    regex: `${B}(?<secret>SK[0-9a-fA-F]{32})${E}`,
    entropy: 3.2,
    severity: 'high',
    get examples() {
      return {
        positives: [`TWILIO_API_KEY=${fakeToken('SK', HEX, 32, 38)}`, `twilio: { keySid: '${fakeToken('SK', '0123456789ABCDEF', 32, 15119)}' }`],
        negatives: [`SK${'0'.repeat(32)}`, `SK${fakeString(HEX, 30, 39)}`],
      };
    },
  }),
  defineRule({
    id: 'mailgun-api-key',
    description: 'Mailgun API key',
    keywords: ['key-'],
    // Mailgun's documentation (mailgun/documentation source/api-intro.rst): the legacy key is key-
    // and 32 characters. unverified: its alphabet; not covered: newer unprefixed keys.
    regex: `${B}(?<secret>key-[0-9a-f]{32})${E}`,
    gate: followedBy(/[0-9a-f]{32}/y),
    entropy: 3.2,
    severity: 'high',
    get examples() {
      return { positives: [`MAILGUN_KEY=${fakeToken('key-', HEX, 32, 40)}`], negatives: [`key-${'a'.repeat(32)}`] };
    },
  }),
  defineRule({
    id: 'mailchimp-api-key',
    description: 'Mailchimp API key',
    keywords: ['-us1', '-us2', '-us3', '-us4', '-us5', '-us6', '-us7', '-us8', '-us9'],
    // Mailchimp's Marketing API Quick Start says the -usN suffix is the data center; no page seen
    // states the key's format. unverified: 32 hex and the suffix, as issued.
    regex: `${B}(?<secret>[0-9a-f]{32}-us[0-9]{1,2})${E}`,
    entropy: 3.2,
    severity: 'high',
    confidence: 'low',
    get examples() {
      return { positives: [`MAILCHIMP=${fakeString(HEX, 32, 41)}-us14`], negatives: [`${'0'.repeat(32)}-us1`] };
    },
  }),
  defineRule({
    id: 'digitalocean-token',
    description: 'DigitalOcean token (personal, OAuth, refresh)',
    keywords: ['dop_v1_', 'doo_v1_', 'dor_v1_'],
    // DigitalOcean release note, 2022, "API token format" (docs.digitalocean.com/notes/2022/
    // api-token-format): dop_v1_ personal, doo_v1_ OAuth, dor_v1_ refresh tokens. unverified: the
    // 64 lower-case hex body.
    regex: `${B}(?<secret>do[por]_v1_[a-f0-9]{64})${E}`,
    severity: 'critical',
    confidence: 'medium',
    knownForm: true,
    get examples() {
      return { positives: [fakeToken('dop_v1_', HEX, 64, 42)], negatives: [fakeToken('dop_v1_', HEX, 40, 43)] };
    },
  }),
  defineRule({
    id: 'shopify-token',
    description: 'Shopify access token, custom app, private app or shared secret',
    keywords: ['shpat_', 'shpca_', 'shppa_', 'shpss_'],
    // Shopify changelog, 2020-04-01, "Length of the Shopify access token is increasing": shpat_,
    // shpca_, shppa_, 38 characters; 2020-01-28, "App secret key length has increased": shpss_,
    // 38. unverified: the body's alphabet (hex as issued; the rule takes any letter or digit).
    regex: `${B}(?<secret>shp(?:at|ca|pa|ss)_[A-Za-z0-9]{32,})${E}`,
    placeholders: false,
    severity: 'critical',
    confidence: 'high',
    get examples() {
      return { positives: [fakeToken('shpat_', HEX, 32, 44)], negatives: [fakeToken('shpat_', HEX, 20, 45)] };
    },
  }),
  defineRule({
    id: 'databricks-token',
    description: 'Databricks personal access token',
    keywords: ['dapi'],
    keywordsCaseSensitive: true,
    // Azure Databricks docs, "Tokens CLI (legacy)" (learn.microsoft.com/azure/databricks/archive/
    // dev-tools/cli/tokens-cli): the example token is dapi + 32 characters. unverified: the hex
    // alphabet and the -N suffix of Azure's tokens, as issued.
    regex: `${B}(?<secret>dapi[a-fA-F0-9]{32}(?:-\\d)?)${E}`,
    placeholders: false,
    severity: 'critical',
    get examples() {
      return { positives: [`DATABRICKS_TOKEN=${fakeToken('dapi', HEX, 32, 46)}`], negatives: [fakeToken('dapi', HEX, 16, 47)] };
    },
  }),
  defineRule({
    id: 'hashicorp-vault-token',
    description: 'HashiCorp Vault token (service, batch, recovery)',
    keywords: ['hvs.', 'hvb.', 'hvr.'],
    // HashiCorp Vault docs (hashicorp/vault website/content/docs: upgrading/upgrade-to-1.10.x.mdx,
    // faq/ssct.mdx, concepts/tokens.mdx) and sdk/helper/consts/token_consts.go: prefixes hvs., hvb.,
    // hvr. (1.10+); non-root service tokens are 95+ characters, root service and recovery tokens
    // keep a 24-character base62 body. unverified: the alphabet of the 95+ body; batch lengths.
    regex: `${B}(?<![.$])(?<secret>hv[sbr]\\.[A-Za-z0-9_\\-]{90,}|hv[sr]\\.(?=[A-Za-z]{0,23}[0-9])[A-Za-z0-9]{24}${E})`,
    entropy: 3.5,
    severity: 'critical',
    confidence: 'high',
    get examples() {
      return {
        positives: [
          `VAULT_TOKEN=hvs.${fakeString(URLSAFE, 95, 48)}`,
          `VAULT_TOKEN=hvs.${fakeString(ALNUM, 24, 15092)}`,
          `recovery: hvr.${fakeString(ALNUM, 24, 15093)}`,
        ],
        negatives: [
          'hvs.short',
          'config.hvs.getSomethingLongerThanTwentyFour()',
          'res.hvs.getAllConfigurationValue(x)',
          'x = hvs.getAllConfigurationValue',
          '.hvr.ButtonPrimaryHoverStyleA {',
          `hvb.${fakeString(ALNUM, 24, 15094)}`,
        ],
      };
    },
  }),
  defineRule({
    id: 'terraform-cloud-token',
    description: 'Terraform Cloud / HCP Terraform API token',
    keywords: ['.atlasv1.'],
    // HashiCorp Terraform CLI docs (hashicorp/terraform website/docs/cli/config/config-file.mdx,
    // "Credentials"): tokens read xxxxxx.atlasv1.zzzz. unverified: the 14-character id, the 60-70
    // character secret and their alphabets (as issued).
    regex: `${B}(?<secret>[A-Za-z0-9]{14}\\.atlasv1\\.[A-Za-z0-9_\\-=]{60,70})${E}`,
    severity: 'critical',
    confidence: 'medium',
    knownForm: true,
    get examples() {
      return { positives: [`token = "${fakeString(ALNUM, 14, 49)}.atlasv1.${fakeString(URLSAFE, 67, 50)}"`], negatives: ['x.atlasv1.short'] };
    },
  }),
  defineRule({
    id: 'telegram-bot-token',
    description: 'Telegram bot token',
    keywords: [':AA'],
    keywordsCaseSensitive: true,
    // Telegram Bot API, "Authorizing your bot" (core.telegram.org/bots/api) and tdlib/telegram-bot-
    // api ClientManager.cpp: <bot id>:<secret>, the id a positive integer below 2^54, used in
    // /bot<token>/ URLs. unverified: the AA and the 33 after it, as issued.
    regex: `(?:${B}|(?<=/bot))(?<secret>[1-9][0-9]{5,15}:AA[0-9A-Za-z_\\-]{33})${E}`,
    severity: 'high',
    get examples() {
      return {
        positives: [
          `BOT_TOKEN=${fakeString('0123456789', 10, 51)}:AA${fakeString(URLSAFE, 33, 52)}`,
          `curl https://api.telegram.org/bot7${fakeString('0123456789', 9, 15120)}:AA${fakeString(URLSAFE, 33, 15121)}/getMe`,
        ],
        negatives: ['12345678:AAshort', `robot7${fakeString('0123456789', 9, 15122)}:AA${fakeString(URLSAFE, 33, 15123)}`],
      };
    },
  }),
  defineRule({
    id: 'linear-api-key',
    description: 'Linear API key or OAuth access token',
    keywords: ['lin_api_', 'lin_oauth_'],
    // Linear (linear/linear-solutions integration_guides/README.md): API keys are lin_api_...,
    // OAuth tokens lin_oauth_... (seen in public code as lin_oauth_ and 64 hex digits; it was
    // not looked for until session 18). unverified: length and alphabet (40+ letters and digits).
    regex: `${B}(?<secret>lin_(?:api|oauth)_[A-Za-z0-9]{40,})${E}`,
    placeholders: false,
    severity: 'high',
    confidence: 'medium',
    knownForm: true,
    get examples() {
      return {
        positives: [fakeToken('lin_api_', ALNUM, 40, 53), `LINEAR_TOKEN=${fakeToken('lin_oauth_', '0123456789abcdef', 64, 15128)}`],
        negatives: ['lin_api_short', 'lin_oauth_xxx', 'Bearer lin_oauth_abc123'],
      };
    },
  }),
  defineRule({
    id: 'notion-token',
    description: 'Notion integration token',
    keywords: ['ntn_'],
    // Notion Developers changelog, 2024-09-11 (developers.notion.com/page/notion-platform-roadmap):
    // new tokens use ntn_ (was secret_: notion-legacy-token); Notion says the format may change.
    // unverified: the length and the 11-digit + 35-character split, as issued.
    regex: `${B}(?<secret>ntn_[0-9]{11}[A-Za-z0-9]{35})${E}`,
    placeholders: false,
    severity: 'high',
    confidence: 'medium',
    knownForm: true,
    get examples() {
      return { positives: [`NOTION_TOKEN=ntn_${fakeString('0123456789', 11, 54)}${fakeString(ALNUM, 35, 55)}`], negatives: ['ntn_short'] };
    },
  }),
  defineRule({
    id: 'sentry-token',
    description: 'Sentry auth token, or a DSN with its secret key',
    keywords: ['sntrys_', 'sntryu_', '@sentry', '.ingest.'],
    // getsentry/sentry src/sentry/types/token.py (USER = sntryu_) and models/apitoken.py: user
    // tokens are sntryu_ + 64 hex (32 random bytes; sentry-cli checks as much). DSN: models/
    // projectkey.py get_dsn(): scheme://<public 32 hex>:<secret 32 hex>@host[:port][/path]/<id>.
    regex: `${B}(?<secret>sntrys_eyJ[A-Za-z0-9+/=_\\-]{60,}|sntryu_[a-f0-9]{64}|https?://[0-9a-f]{32}:[0-9a-f]{32}@[A-Za-z0-9.\\-]+(?::[0-9]{1,5})?(?:/[A-Za-z0-9._\\-]+){0,4}/[0-9]+)`,
    // Org tokens are sntrys_<base64 JSON {iat, url, region_url, org}>_<secret>
    // (getsentry/sentry src/sentry/utils/security/orgauthtoken_token.py): a payload that
    // decodes to JSON with iat and url confirms the format.
    validate: (s) => {
      if (!s.startsWith('sntrys_') || !s.includes('_', 7)) return 'unknown';
      const payload = decodeJson(s.slice(7, s.lastIndexOf('_')));
      return payload !== undefined && payload['iat'] !== undefined && typeof payload['url'] === 'string' ? 'valid' : 'unknown';
    },
    severity: 'high',
    confidence: 'high',
    get examples() {
      const org = Buffer.from(JSON.stringify({ iat: 1700000000.5, url: 'https://sentry.io', region_url: 'https://us.sentry.io', org: 'acme' })).toString(
        'base64',
      );
      return {
        positives: [
          fakeToken('sntryu_', HEX, 64, 56),
          `dsn: https://${fakeString(HEX, 32, 57)}:${fakeString(HEX, 32, 58)}@o1.ingest.sentry.io/42`,
          `SENTRY_DSN=http://${fakeString(HEX, 32, 15104)}:${fakeString(HEX, 32, 15105)}@sentry.internal:9000/errors/7`,
          `SENTRY_AUTH_TOKEN=sntrys_${org}_${fakeString(ALNUM + '+/', 43, 15006)}`,
        ],
        negatives: [`dsn: https://${fakeString(HEX, 32, 59)}@o1.ingest.sentry.io/42`, 'SENTRY_AUTH_TOKEN=sntrys_eyJ...'],
      };
    },
  }),
  defineRule({
    id: 'new-relic-key',
    description: 'New Relic user or ingest key',
    // https://docs.newrelic.com/docs/apis/intro-apis/new-relic-api-keys (user keys NRAK-, browser
    // NRJS-; the older Insights insert NRII-, Insights query NRIQ- and admin NRAA- keys).
    keywords: ['nrak-', 'nraa-', 'nrii-', 'nriq-', 'nrjs-'],
    regex: `${B}(?<secret>NR(?:AK|AA|II|IQ|JS)-[A-Za-z0-9]{19,32})${E}`,
    severity: 'high',
    confidence: 'high',
    get examples() {
      return {
        positives: [
          fakeToken('NRAK-', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 27, 60),
          `NEW_RELIC_INSIGHTS_QUERY_KEY=${fakeToken('NRIQ-', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 32, 15000)}`,
          `"adminKey": "${fakeToken('NRAA-', 'abcdef0123456789', 27, 15001)}"`,
        ],
        negatives: ['NRAK-short', `xNRIQ-${fakeString(ALNUM, 32, 15002)}`, `NRAA-${'x'.repeat(27)}`],
      };
    },
  }),
  defineRule({
    id: 'atlassian-api-token',
    description: 'Atlassian API token',
    keywords: ['ATATT3'],
    keywordsCaseSensitive: true,
    // Atlassian: Bamboo's Javadoc, BitbucketCloudApiTokenUtils (API tokens carry the prefix ATAT);
    // Support, "Manage API tokens for your Atlassian account" (the length varies). unverified: the
    // T3 after ATAT and the 150-character floor, as issued.
    regex: `${B}(?<secret>ATATT3[A-Za-z0-9_\\-=]{150,})`,
    severity: 'critical',
    confidence: 'medium',
    knownForm: true,
    get examples() {
      return { positives: [fakeToken('ATATT3', URLSAFE, 186, 61)], negatives: ['ATATT3short'] };
    },
  }),
  defineRule({
    id: 'alibaba-access-key-id',
    description: 'Alibaba Cloud AccessKey ID',
    keywords: ['LTAI'],
    keywordsCaseSensitive: true,
    // Alibaba Cloud, "Create an AccessKey pair" (help.aliyun.com/en/document_detail/53045.html): an
    // ID and a secret; no format given. unverified: LTAI and the lengths, as issued.
    regex: `${B}(?<secret>LTAI[A-Za-z0-9]{12,20})${E}`,
    entropy: 3.2,
    severity: 'high',
    confidence: 'low',
    get examples() {
      return { positives: [fakeToken('LTAI', ALNUM, 20, 62)], negatives: ['LTAIshort'] };
    },
  }),
  defineRule({
    id: 'square-token',
    description: 'Square access or refresh token, or OAuth secret',
    keywords: ['sq0atp-', 'sq0csp-', 'sq0csb-', 'EAAA', 'EQAA'],
    keywordsCaseSensitive: true,
    // Square SDKs (square/square-python-sdk doc/models/obtain-token-response.md; square/square-java-
    // sdk reference.md): OAuth tokens are 64 bytes; client secrets sq0csp- + 43; the .NET SDK's
    // ObtainToken test gives a refresh token as EQAA + 60. unverified: EAAA, the legacy sq0atp-
    // lengths and sandbox secrets (sandbox-sq0csb- + 43), as issued.
    // Base64url: inside standard base64 (a + / or = beside it: a search index, a blob) it is none.
    regex: `(?<![A-Za-z0-9_+/\\-])(?<secret>sq0(?:atp|csp)-[0-9A-Za-z_\\-]{22,43}|sandbox-sq0csb-[0-9A-Za-z_\\-]{43}|E[AQ]AA[A-Za-z0-9_\\-]{60})(?![A-Za-z0-9_+/=\\-])`,
    entropy: 3.5,
    severity: 'critical',
    get examples() {
      return {
        positives: [
          fakeToken('sq0atp-', URLSAFE, 22, 63),
          fakeToken('EAAA', URLSAFE, 60, 64),
          `SQUARE_REFRESH_TOKEN=${fakeToken('EQAA', URLSAFE, 60, 15139)}`,
          `SQUARE_APP_SECRET=${fakeToken('sandbox-sq0csb-', URLSAFE, 43, 15140)}`,
        ],
        negatives: ['sq0atp-short', fakeToken('EQAA', URLSAFE, 40, 15141), `rn_("cUMB/${fakeToken('EAAA', ALNUM, 60, 15167)}=")`],
      };
    },
  }),
  defineRule({
    id: 'braintree-access-token',
    description: 'PayPal Braintree access token',
    keywords: ['access_token$production$'],
    // Braintree's SDK (braintree/braintree_python braintree/credentials_parser.py): an access token
    // is $-separated, its environment (production, sandbox, ...) then the merchant id. unverified:
    // the 16-character merchant id and the 32-hex last field, as issued.
    regex: `(?<secret>access_token\\$production\\$[0-9a-z]{16}\\$[0-9a-f]{32})`,
    severity: 'critical',
    confidence: 'medium',
    knownForm: true,
    get examples() {
      return {
        positives: [`access_token$production$${fakeString('abcdefghijklmnopqrstuvwxyz0123456789', 16, 65)}$${fakeString(HEX, 32, 66)}`],
        negatives: ['access_token$sandbox$abc$def'],
      };
    },
  }),
  defineRule({
    id: 'azure-storage-key',
    broad: true,
    description: 'Azure storage account key (in a connection string)',
    keywords: ['accountkey='],
    // Microsoft Learn, "Manage storage account access keys" (MicrosoftDocs/azure-docs, 2023-03-22):
    // two 512-bit keys; "Configure a connection string": the key is AccountKey=. 512 bits in base64
    // is 86 characters and ==. The emulator's published key is a default allow (src/allow/defaults.ts).
    regex: `AccountKey=(?<secret>[A-Za-z0-9+/]{86}==)`,
    ignoreCase: true,
    entropy: 4.5,
    severity: 'critical',
    confidence: 'high',
    get examples() {
      return {
        positives: [`DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=${fakeString(ALNUM + '+/', 86, 67)}==;EndpointSuffix=core.windows.net`],
        negatives: ['AccountKey=<your-key>', 'AccountKey=${AZURE_KEY}'],
      };
    },
  }),
  defineRule({
    id: 'azure-ad-client-secret',
    description: 'Azure AD (Entra ID) client secret',
    keywords: ['Q~'],
    keywordsCaseSensitive: true,
    // Microsoft's security-utilities (microsoft/security-utilities, SEC101_156_AzureClientApp
    // IdentifiableCredentialsCurrent.cs and ...Previous.cs): 3 URL-unreserved characters, then 8Q~
    // and 34, or (older) 7Q~ and 31; Microsoft Learn, sit-defn-azure-ad-client-secret: up to 40 of
    // a-z 0-9 - _ . ~, with a checksum. unverified: the checksum's algorithm (not checked).
    regex: `${B}(?<secret>[a-zA-Z0-9_~.\\-]{3}(?:8Q~[a-zA-Z0-9_~.\\-]{34}|7Q~[a-zA-Z0-9_~.\\-]{31}))${E}`,
    entropy: 4.0,
    severity: 'critical',
    confidence: 'high',
    get examples() {
      return {
        positives: [
          `client_secret = "${fakeString(ALNUM, 3, 68)}8Q~${fakeString(ALNUM, 34, 69)}"`,
          `AZURE_CLIENT_SECRET=a-${fakeString(ALNUM, 1, 15113)}8Q~${fakeString(URLSAFE, 34, 15114)}`,
          `"clientSecret": "${fakeString(ALNUM, 3, 15115)}7Q~${fakeString(ALNUM, 31, 15116)}"`,
        ],
        negatives: ['abc8Q~short', `${fakeString(ALNUM, 3, 15117)}9Q~${fakeString(ALNUM, 32, 15118)}`],
      };
    },
  }),
  defineRule({
    id: 'heroku-api-key',
    description: 'Heroku API key (HRKU- format)',
    keywords: ['hrku-'],
    // Heroku Platform API schema (heroku/cli src/lib/types/fir.d.ts): an OAuth token's example is
    // HRKU-<uuid>. unverified: the HRKU- + 60-character form, as issued.
    regex: `${B}(?<secret>HRKU-(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[A-Za-z0-9_\\-]{60}))${E}`,
    severity: 'critical',
    confidence: 'medium',
    knownForm: true,
    get examples() {
      return {
        positives: [fakeToken('HRKU-', URLSAFE, 60, 70), `HEROKU_API_KEY=HRKU-${fakeUuid(15095)}`],
        negatives: ['HRKU-short', 'HRKU-00000000-0000-0000-0000-000000000000'],
      };
    },
  }),
  defineRule({
    id: 'cloudflare-api-token',
    description: 'Cloudflare API token or key',
    keywords: ['cfat_', 'cfut_', 'cfk_'],
    // Cloudflare Docs, "Token formats" (developers.cloudflare.com/fundamentals/api/get-started/
    // token-formats) and changelog 2026-04-14: cfk_, cfut_, cfat_ + 40 characters + a CRC32
    // checksum. unverified: the checksum's encoding (8 hex as issued), so it is not checked.
    regex: `${B}(?<secret>cf(?:at|ut|k)_[A-Za-z0-9]{40}[a-f0-9]{8})${E}`,
    placeholders: false,
    severity: 'critical',
    confidence: 'high',
    get examples() {
      return { positives: [`${fakeToken('cfat_', ALNUM, 40, 71)}${fakeString(HEX, 8, 72)}`], negatives: ['cfat_short'] };
    },
  }),
  defineRule({
    id: 'vercel-token',
    description: 'Vercel token',
    keywords: ['vcp_', 'vci_', 'vca_', 'vcr_', 'vck_'],
    // Vercel changelog, "Introducing new token formats and secret scanning": prefixes vcp, vci, vca,
    // vcr, vck. unverified: the _ after them, the length (24+) and the alphabet, as issued.
    regex: `${B}(?<secret>vc[pikra]_[A-Za-z0-9]{24,})${E}`,
    placeholders: false,
    severity: 'critical',
    confidence: 'medium',
    knownForm: true,
    get examples() {
      return { positives: [fakeToken('vcp_', ALNUM, 40, 73)], negatives: ['vcp_short'] };
    },
  }),
  defineRule({
    id: 'tailscale-key',
    description: 'Tailscale auth, API, OAuth client, SCIM or webhook key',
    keywords: ['tskey-'],
    // Tailscale Docs, "Key prefixes" (tailscale.com/kb/1277): tskey-api, -auth, -client, -scim,
    // -webhook, tskey-<kind>-<id>-<secret> by example, case-sensitive. unverified: segment lengths.
    regex: `(?<![A-Za-z])(?<secret>tskey-[a-z]+-[A-Za-z0-9]{6,}-[A-Za-z0-9]{16,})${E}`,
    placeholders: false,
    severity: 'critical',
    confidence: 'medium',
    knownForm: true,
    get examples() {
      return {
        positives: [`tskey-auth-${fakeString(ALNUM, 12, 74)}-${fakeString(ALNUM, 24, 75)}`],
        negatives: [`xtskey-auth-${fakeString(ALNUM, 12, 76)}-${fakeString(ALNUM, 24, 77)}`],
      };
    },
  }),
  defineRule({
    id: 'grafana-token',
    description: 'Grafana service account token (glsa_, checksummed) or Grafana Cloud token (glc_: found at low confidence)',
    keywords: ['glc_', 'glsa_'],
    // glsa_: grafana/grafana pkg/components/satokengen/tokengen.go (below). glc_ (Grafana Cloud
    // access policy tokens): no published format found, so a glc_ token is at low.
    regex: `${B}(?<secret>glc_[A-Za-z0-9+/]{32,}={0,2}|glsa_[A-Za-z0-9]{32}_[a-f0-9]{8})`,
    placeholders: false,
    // Service account tokens carry a checksum: CRC32 of "glsa_<secret>", little-endian, in hex
    // (grafana/grafana pkg/components/satokengen/tokengen.go). A mismatch stays at medium: the
    // checksum may change with Grafana versions.
    validate: (s) => (s.startsWith('glsa_') && grafanaChecksum(s.slice(0, 37)) === s.slice(38) ? 'valid' : 'unknown'),
    validatedAs: 'checksum verified',
    packed: '(?<secret>glsa_[A-Za-z0-9]{32}_[a-f0-9]{8})',
    severity: 'critical',
    confidence: 'high',
    confidenceFor: (s) => (s.startsWith('glc_') ? 'low' : 'high'),
    get examples() {
      return {
        positives: [
          fakeToken('glc_', ALNUM, 48, 78),
          `glsa_${fakeString(ALNUM, 32, 79)}_${fakeString(HEX, 8, 80)}`,
          `GRAFANA_SA_TOKEN=${grafanaSaToken(15003)}`,
        ],
        negatives: ['glc_short', `glsa_${fakeString(ALNUM, 20, 15004)}_${fakeString(HEX, 8, 15005)}`],
      };
    },
  }),
  defineRule({
    id: 'groq-api-key',
    description: 'Groq API key',
    keywords: ['gsk_'],
    // Groq (groq/groq-api-cookbook .env.example and READMEs): GROQ_API_KEY=gsk_.... unverified: the
    // 52-character length and the alphabet, as issued.
    regex: `${B}(?<secret>gsk_[A-Za-z0-9]{52})${E}`,
    placeholders: false,
    severity: 'high',
    confidence: 'medium',
    knownForm: true,
    get examples() {
      return { positives: [fakeToken('gsk_', ALNUM, 52, 81)], negatives: ['gsk_short'] };
    },
  }),
  defineRule({
    id: 'figma-token',
    description: 'Figma personal access token or OAuth access token',
    keywords: ['figd_', 'figu_'],
    // Figma docs (developers.figma.com/docs/rest-api/personal-access-tokens, .../authentication):
    // PATs go in X-Figma-Token, OAuth tokens in Authorization: Bearer. unverified: the figd_ and
    // figu_ prefixes and the 40+ body, as issued (Figma publishes neither prefix).
    regex: `${B}(?<secret>fig[du]_[A-Za-z0-9_\\-]{40,})`,
    placeholders: false,
    severity: 'high',
    confidence: 'low',
    knownForm: true,
    get examples() {
      return {
        positives: [fakeToken('figd_', URLSAFE, 40, 82), `Authorization: Bearer ${fakeToken('figu_', URLSAFE, 48, 15085)}`],
        negatives: ['figd_short', `figu_${'x'.repeat(48)}`, `configu_${fakeString(URLSAFE, 48, 15086)}`],
      };
    },
  }),
  defineRule({
    id: 'onepassword-service-token',
    description: '1Password service account token',
    keywords: ['ops_eyJ'],
    keywordsCaseSensitive: true,
    // 1Password, "1Password Service Account security" (developer.1password.com/docs/service-
    // accounts/security): the token is a serialized object, base64url-encoded JSON (hence eyJ).
    // unverified: the ops_ prefix and the length, as issued.
    regex: `${B}(?<secret>ops_eyJ[A-Za-z0-9+/=_\\-]{100,})`,
    severity: 'critical',
    confidence: 'medium',
    knownForm: true,
    get examples() {
      return { positives: [`OP_SERVICE_ACCOUNT_TOKEN=ops_eyJ${fakeString(ALNUM, 150, 83)}`], negatives: ['ops_eyJshort'] };
    },
  }),
  defineRule({
    id: 'amazon-mws-auth-token',
    description: 'Amazon Marketplace Web Service auth token',
    keywords: ['amzn.mws.'],
    // Amazon MWS docs (docs.developer.amazonservices.com, example requests): MWSAuthToken reads
    // amzn.mws.<8-4-4-4-12>. MWS was retired on 2024-03-31. unverified: the hex alphabet.
    regex: `${B}(?<secret>amzn\\.mws\\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})${E}`,
    severity: 'critical',
    confidence: 'medium',
    knownForm: true,
    get examples() {
      return {
        positives: [
          `MWS_AUTH_TOKEN=amzn.mws.${fakeString(HEX, 8, 110)}-${fakeString(HEX, 4, 111)}-${fakeString(HEX, 4, 112)}-${fakeString(HEX, 4, 113)}-${fakeString(HEX, 12, 114)}`,
        ],
        negatives: ['amzn.mws.short'],
      };
    },
  }),
  defineRule({
    id: 'postman-api-key',
    description: 'Postman API key',
    keywords: ['PMAK-'],
    keywordsCaseSensitive: true,
    // Postman (postmanlabs/postman-mcp-server src/telemetry/client.ts) names API keys PMAK-....
    // unverified: the <24 hex>-<34 hex> body, as issued.
    regex: `${B}(?<secret>PMAK-[a-f0-9]{24}-[a-f0-9]{34})${E}`,
    severity: 'high',
    confidence: 'medium',
    knownForm: true,
    get examples() {
      return { positives: [`PMAK-${fakeString(HEX, 24, 115)}-${fakeString(HEX, 34, 116)}`], negatives: ['PMAK-short'] };
    },
  }),
  defineRule({
    id: 'pulumi-access-token',
    description: 'Pulumi access token',
    keywords: ['pul-'],
    // Pulumi Cloud's OpenAPI spec (pulumi/pulumi-pulumiservice provider/pkg/cloud/spec.json,
    // CreatePersonalToken): the token value is prefixed with pul-. unverified: the 40-hex body.
    regex: `${B}(?<secret>pul-[a-f0-9]{40})${E}`,
    entropy: 3.0,
    severity: 'critical',
    confidence: 'medium',
    knownForm: true,
    get examples() {
      return { positives: [fakeToken('pul-', HEX, 40, 117)], negatives: [fakeToken('pul-', HEX, 20, 118)] };
    },
  }),
  defineRule({
    id: 'doppler-token',
    description: 'Doppler token (personal, service, service account, SCIM, audit)',
    keywords: ['dp.pt.', 'dp.ct.', 'dp.st.', 'dp.sa.', 'dp.scim.', 'dp.audit.'],
    // Doppler's code: DopplerHQ/mcp-server src/auth.ts maps dp.st., dp.sa., dp.pt., dp.ct., dp.scim.;
    // the kubernetes-operator README shows dp.st.<config>.; docs.doppler.com/reference/api lists the
    // kinds. unverified: dp.audit. and the 40-44 character body, as issued.
    regex: `${B}(?<secret>dp\\.(?:pt|ct|sa|scim|audit)\\.[A-Za-z0-9]{40,44}|dp\\.st\\.(?:[a-z0-9_\\-]{1,60}\\.)?[A-Za-z0-9]{40,44})${E}`,
    severity: 'critical',
    confidence: 'medium',
    knownForm: true,
    get examples() {
      return {
        positives: [
          `DOPPLER_TOKEN=dp.st.${fakeString(ALNUM, 43, 119)}`,
          `DOPPLER_TOKEN="dp.st.prd.${fakeString(ALNUM, 43, 15007)}"`,
          `token: dp.ct.${fakeString(ALNUM, 43, 15008)}`,
        ],
        negatives: ['dp.st.short', "echo 'dp.st.prd.xxxx' | doppler configure set token", `dp.ct.${fakeString(ALNUM, 20, 15009)}`],
      };
    },
  }),
  defineRule({
    id: 'supabase-token',
    description: 'Supabase personal access token',
    keywords: ['sbp_'],
    // Supabase CLI (supabase/cli apps/cli-go/internal/utils/access_token.go): access tokens match
    // ^sbp_(oauth_)?[a-f0-9]{40}$ (the oauth_ form since #2618, 2024-08). No checksum.
    regex: `${B}(?<secret>sbp_(?:oauth_)?[a-f0-9]{40})${E}`,
    entropy: 3.0,
    severity: 'critical',
    confidence: 'high',
    get examples() {
      return {
        positives: [fakeToken('sbp_', HEX, 40, 120), `SUPABASE_ACCESS_TOKEN=${fakeToken('sbp_oauth_', HEX, 40, 15096)}`],
        negatives: ['sbp_short', `sbp_oauth_${fakeString(HEX, 20, 15097)}`],
      };
    },
  }),
  defineRule({
    id: 'planetscale-token',
    description: 'PlanetScale token or password',
    keywords: ['pscale_tkn_', 'pscale_pw_', 'pscale_oauth_'],
    // PlanetScale, "Create or refresh OAuth token" (planetscale.com/docs/api/reference/oauth/
    // create-token): pscale_oauth_ + 43 base64url by example; the pscale CLI (internal/config/
    // config.go): pscale_tkn_. unverified: pscale_pw_ and the 32-64 range, as issued.
    regex: `${B}(?<secret>pscale_(?:tkn|pw|oauth)_[A-Za-z0-9_\\-.]{32,64})${E}`,
    severity: 'critical',
    confidence: 'medium',
    knownForm: true,
    get examples() {
      return { positives: [fakeToken('pscale_pw_', URLSAFE, 43, 121)], negatives: ['pscale_pw_short'] };
    },
  }),
  defineRule({
    id: 'sourcegraph-token',
    description: 'Sourcegraph access token',
    keywords: ['sgp_', 'sgph_', 'sgd_', 'sgs_', 'slk_'],
    // Sourcegraph, "Revoking an access token" (sourcegraph.com/docs/cli/how-tos/revoking_an_
    // access_token): tokens start sgp_; its generator (internal/accesstoken/personal_access_token.go)
    // writes sgp_<16 hex or local>_<40 hex>, earlier versions sgph_<8-16 hex or local>_<40 hex>
    // (still parsed). Cody Gateway tokens (cody_access_token.go, licensing): sgd_ (from a PAT) and
    // slk_ (from a license key) + 64 hex; product subscriptions sgs_ + 64 hex. No checksum.
    regex: `${B}(?<secret>sgp_(?:[a-f0-9]{16}_|local_)?[a-f0-9]{40}|sgph_(?:[a-f0-9]{8,16}|local)_[a-f0-9]{40}|(?:sgd|sgs|slk)_[a-f0-9]{64})${E}`,
    entropy: 3.0,
    severity: 'high',
    confidence: 'high',
    get examples() {
      return {
        positives: [
          fakeToken('sgp_', HEX, 40, 122),
          `SRC_ACCESS_TOKEN=sgp_${fakeString(HEX, 16, 15098)}_${fakeString(HEX, 40, 15099)}`,
          `SRC_ACCESS_TOKEN=${fakeToken('sgp_local_', HEX, 40, 15100)}`,
          `SRC_ACCESS_TOKEN=sgph_${fakeString(HEX, 16, 15142)}_${fakeString(HEX, 40, 15143)}`,
          `CODY_GATEWAY_TOKEN=${fakeToken('sgd_', HEX, 64, 15144)}`,
          `"licenseToken": "${fakeToken('slk_', HEX, 64, 15145)}"`,
        ],
        negatives: ['sgp_short', `sgp_remote_${fakeString(HEX, 40, 15101)}`, `sgph_${fakeString(HEX, 40, 15146)}`, fakeToken('sgd_', HEX, 40, 15147)],
      };
    },
  }),
  defineRule({
    id: 'discord-webhook',
    description: 'Discord webhook URL',
    keywords: ['discord'],
    // Discord API docs (discord/discord-api-docs developers/resources/webhook.mdx, reference.mdx):
    // https://discord.com/api[/v<N>]/webhooks/<snowflake id>/<token>, ids up to 64 bits.
    // unverified: the token's length (60-100 here; the docs' example has 100) and alphabet.
    regex: `(?<secret>https://(?:ptb\\.|canary\\.)?discord(?:app)?\\.com/api/(?:v[0-9]{1,2}/)?webhooks/[0-9]{17,20}/[A-Za-z0-9_\\-]{60,100})`,
    severity: 'high',
    confidence: 'medium',
    knownForm: true,
    get examples() {
      return {
        positives: [
          `https://discord.com/api/webhooks/${fakeString('0123456789', 18, 123)}/${fakeString(URLSAFE, 68, 124)}`,
          `https://discord.com/api/v10/webhooks/${fakeString('0123456789', 19, 15102)}/${fakeString(URLSAFE, 68, 15103)}`,
        ],
        negatives: ['https://discord.com/api/webhooks/'],
      };
    },
  }),
  defineRule({
    id: 'flyio-token',
    description: 'Fly.io access token',
    // Labels as Fly.io's own macaroon libraries decode them (superfly/macaroon, macfly):
    // fm1r_ (v1 permission), fm1a_ (v1 discharge), fm2_ (v2); flyctl adds the FlyV1 scheme.
    keywords: ['FlyV1', 'fm1r_', 'fm1a_', 'fm2_'],
    keywordsCaseSensitive: true,
    regex: `(?<secret>(?:FlyV1 |(?<![A-Za-z0-9_]))fm(?:1[ra]?|2)_[A-Za-z0-9+/=_\\-]{100,2048})`,
    severity: 'critical',
    confidence: 'high',
    get examples() {
      return {
        positives: [
          `FLY_API_TOKEN="FlyV1 fm2_${fakeString(ALNUM, 150, 125)}"`,
          `FLY_API_TOKEN=fm1r_${fakeString(ALNUM + '+/', 120, 15010)}`,
          `Authorization: FlyV1 fm1a_${fakeString(ALNUM, 110, 15011)}`,
        ],
        negatives: ['FlyV1 fm2_short', `xfm2_${fakeString(ALNUM, 150, 15012)}`, `fm3_${fakeString(ALNUM, 150, 15013)}`],
      };
    },
  }),
  defineRule({
    id: 'datadog-api-key',
    description: 'Datadog API or application key (named as such)',
    keywords: ['datadog', 'dd_api', 'dd_app', 'dd-api', 'dd-app', 'ddapi', 'ddapp'],
    // Datadog Agent (DataDog/datadog-agent pkg/util/scrubber/default.go): API keys are 32 hex and
    // application keys 40 hex characters. No checksum. Found by name: the value has no prefix.
    regex: `(?:datadog|dd)[_\\-]?(?:api|app(?:lication)?)[_\\-]?key["'\\]]{0,2}\\s{0,3}[:=]\\s{0,3}["']?(?<secret>[a-f0-9]{40}|[a-f0-9]{32})(?![A-Za-z0-9])`,
    ignoreCase: true,
    entropy: 3.0,
    severity: 'high',
    confidence: 'high',
    get examples() {
      return {
        positives: [`DD_API_KEY=${fakeString(HEX, 32, 126)}`, `datadog_app_key: "${fakeString(HEX, 40, 127)}"`],
        negatives: ['DD_API_KEY=${DATADOG_KEY}'],
      };
    },
  }),
  defineRule({
    id: 'ibm-cloud-api-key',
    description: 'IBM Cloud API key (named as such)',
    keywords: ['ibm'],
    // IBM Cloud IAM docs (cloud.ibm.com/docs/iam) show only placeholders. unverified: the
    // 44-character url-safe value, as issued; found by name.
    regex: `ibm[_\\-]?(?:cloud[_\\-]?)?(?:api[_\\-]?)?key["'\\]]{0,2}\\s{0,3}[:=]\\s{0,3}["']?(?<secret>[A-Za-z0-9_\\-]{44})(?![A-Za-z0-9_\\-])`,
    ignoreCase: true,
    entropy: 4.0,
    severity: 'critical',
    confidence: 'low',
    get examples() {
      return { positives: [`IBM_CLOUD_API_KEY=${fakeString(URLSAFE, 44, 128)}`], negatives: [`IBM_CLOUD_API_KEY=${'a'.repeat(44)}`] };
    },
  }),
  defineRule({
    id: 'heroku-legacy-api-key',
    description: 'Heroku API key (legacy UUID format, named as such)',
    keywords: ['heroku'],
    // Heroku Dev Center, "Getting Started with the Platform API" (2023-06-14): authorizations:create
    // prints a UUID-form token. unverified: a format is shown by example only; found by name.
    regex: `heroku[_\\-]?(?:api[_\\-]?)?(?:key|token)["'\\]]{0,2}\\s{0,3}[:=]\\s{0,3}["']?(?<secret>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?![0-9a-f-])`,
    ignoreCase: true,
    entropy: 3.0,
    severity: 'critical',
    confidence: 'medium',
    get examples() {
      return {
        positives: [
          `HEROKU_API_KEY=${fakeString(HEX, 8, 132)}-${fakeString(HEX, 4, 133)}-${fakeString(HEX, 4, 134)}-${fakeString(HEX, 4, 135)}-${fakeString(HEX, 12, 136)}`,
        ],
        negatives: ['HEROKU_APP_ID=01234567-89ab-cdef-0123-456789abcdef', 'heroku_api_key: ${HEROKU_API_KEY}'],
      };
    },
  }),

  // https://docs.anthropic.com/en/docs/administration/administration-api: Admin API keys
  // manage the organization's members, workspaces and API keys; they are issued as
  // sk-ant-admin01-... (distinct from sk-ant-api03- keys).
  defineRule({
    id: 'anthropic-admin-key',
    description: 'Anthropic Admin API key',
    keywords: ['sk-ant-admin'],
    regex: `${B}(?<secret>sk-ant-admin\\d{2}-[A-Za-z0-9_\\-]{80,})`,
    placeholders: false,
    severity: 'critical',
    confidence: 'high',
    get examples() {
      return {
        positives: [`ANTHROPIC_ADMIN_KEY=sk-ant-admin01-${fakeString(URLSAFE, 93, 15014)}AA`],
        negatives: ['sk-ant-admin01-short', `sk-ant-admin01-${'x'.repeat(95)}`, `mysk-ant-admin01-${fakeString(URLSAFE, 95, 15015)}`],
      };
    },
  }),
  // https://api.slack.com/methods/tooling.tokens.rotate: app configuration tokens are
  // "xoxe.xoxp-..."; expiring bot tokens under token rotation
  // (https://docs.slack.dev/authentication/using-token-rotation) are xoxe.xoxb-1-... as issued.
  // Slack documents no length: the bound is loose.
  defineRule({
    id: 'slack-rotating-token',
    description: 'Slack expiring (rotated) bot or user token, or app configuration token',
    keywords: ['xoxe.xoxb-', 'xoxe.xoxp-'],
    regex: `${B}(?<secret>xoxe\\.xox[bp]-1-[A-Za-z0-9\\-]{60,400})${E}`,
    entropy: 4.0,
    severity: 'critical',
    get examples() {
      return {
        positives: [`SLACK_CONFIG_TOKEN=xoxe.xoxp-1-${fakeString(ALNUM, 150, 15016)}`, `"token": "xoxe.xoxb-1-${fakeString(ALNUM + '-', 120, 15017)}"`],
        negatives: ['"token": "xoxe.xoxp-..."', `xoxe.xoxp-1-${'x'.repeat(150)}`, `xoxe.xoxp-1-${fakeString(ALNUM, 20, 15018)}`],
      };
    },
  }),
  // https://api.slack.com/methods/tooling.tokens.rotate: "The xoxe refresh token that was issued
  // along with the old app configuration token" (example xoxe-1-...); rotating-token refresh
  // tokens have the same form (https://docs.slack.dev/authentication/using-token-rotation).
  defineRule({
    id: 'slack-refresh-token',
    description: 'Slack refresh token (token rotation, app configuration)',
    keywords: ['xoxe-1-'],
    regex: `${B}(?<secret>xoxe-1-[A-Za-z0-9\\-]{60,400})${E}`,
    entropy: 4.0,
    severity: 'critical',
    get examples() {
      return {
        positives: [`SLACK_REFRESH_TOKEN=xoxe-1-${fakeString(ALNUM, 140, 15019)}`],
        negatives: ['refresh_token: xoxe-1-abcdefg', `xoxe-1-${'0'.repeat(140)}`, `myxoxe-1-${fakeString(ALNUM, 140, 15020)}`],
      };
    },
  }),
  // https://developer.hashicorp.com/vault/docs/concepts/tokens: before Vault 1.10 (which
  // introduced hvs./hvb./hvr.), service tokens were s.<...> and batch tokens b.<...>; the
  // 24-character service body is as issued. "s." alone is everywhere, so the legacy forms are
  // only taken where the value is assigned to a Vault token name.
  defineRule({
    id: 'hashicorp-vault-legacy-token',
    description: 'HashiCorp Vault token, pre-1.10 format (s. / b.), named as such',
    keywords: ['vault'],
    regex: `vault[_\\-]?(?:root[_\\-]?)?token["'\\]]{0,2}\\s{0,3}[:=]\\s{0,3}["']?(?<secret>s\\.[A-Za-z0-9]{24}|b\\.AAAAAQ[A-Za-z0-9_\\-]{100,300})(?![A-Za-z0-9_\\-])`,
    ignoreCase: true,
    entropy: 3.5,
    gate: assignmentWithin(40),
    severity: 'critical',
    get examples() {
      return {
        positives: [`VAULT_TOKEN=s.${fakeString(ALNUM, 24, 15021)}`, `X-Vault-Token: "b.AAAAAQ${fakeString(URLSAFE, 150, 15022)}"`],
        negatives: [
          `VAULT_TOKEN=s.${'x'.repeat(24)}`,
          'VAULT_TOKEN=${VAULT_TOKEN}',
          `VAULT_TOKEN=s.${fakeString(ALNUM, 30, 15023)}`,
          `vault_token_path = s.${fakeString(ALNUM, 24, 15024)}`,
        ],
      };
    },
  }),
  // Stripe's webhook signing docs (https://docs.stripe.com/webhooks#verify-events; stripe-node's
  // README, "Webhook signing": const webhookSecret = 'whsec_...'): each endpoint has a signing
  // secret. Stripe documents the prefix only: 32 base62 (Dashboard) or 64 hex (stripe listen)
  // are the lengths as issued.
  defineRule({
    id: 'stripe-webhook-secret',
    description: 'Stripe webhook signing secret',
    keywords: ['whsec_'],
    regex: `${B}(?<secret>whsec_(?:[A-Za-z0-9]{32}|[a-f0-9]{64}))${E}`,
    entropy: 3.5,
    severity: 'medium',
    get examples() {
      return {
        positives: [`STRIPE_WEBHOOK_SECRET=${fakeToken('whsec_', ALNUM, 32, 15025)}`, `const endpointSecret = '${fakeToken('whsec_', HEX, 64, 15026)}';`],
        negatives: [
          "const webhookSecret = 'whsec_...';",
          'WEBHOOK_SECRET="whsec_ENTER_YOURS_HERE"',
          `whsec_${'x'.repeat(32)}`,
          `mywhsec_${fakeString(ALNUM, 32, 15027)}`,
        ],
      };
    },
  }),
  // https://support.1password.com/secret-key-security/ ("34 letters and numbers, separated by
  // dashes") and the 1Password Security Design white paper (https://agilebits.github.io/security-design/apsk.html):
  // version A3, a 6-character account ID, then 26 random characters, in groups 6-5-5-5-5.
  defineRule({
    id: 'onepassword-secret-key',
    description: '1Password account Secret Key',
    keywords: ['A3-'],
    keywordsCaseSensitive: true,
    regex: `${B}(?<secret>A3-[A-Z0-9]{6}-[A-Z0-9]{6}-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5})(?![A-Za-z0-9_\\-])`,
    entropy: 3.5,
    severity: 'high',
    confidence: 'high',
    get examples() {
      const g = (n: number, seed: number) => fakeString('23456789ABCDEFGHJKLMNPQRSTVWXYZ', n, seed);
      return {
        positives: [`OP_SECRET_KEY=A3-${g(6, 15028)}-${g(6, 15029)}-${g(5, 15030)}-${g(5, 15031)}-${g(5, 15032)}-${g(5, 15033)}`],
        negatives: [
          'A3-XXXXXX-XXXXXX-XXXXX-XXXXX-XXXXX-XXXXX',
          `A3-${g(6, 15034)}-${g(6, 15035)}-${g(5, 15036)}`,
          `XA3-${g(6, 15037)}-${g(6, 15038)}-${g(5, 15039)}-${g(5, 15040)}-${g(5, 15041)}-${g(5, 15042)}`,
        ],
      };
    },
  }),
  // https://docs.newrelic.com/docs/apis/intro-apis/new-relic-api-keys: the license (ingest) key
  // is a 40-character key tied to an account. Newer ones end in NRAL.
  // unverified: the NRAL suffix is not in New Relic's docs (seen in issued keys only), so
  // the key is only taken where it is assigned to a New Relic license key name.
  defineRule({
    id: 'new-relic-license-key',
    description: 'New Relic license (ingest) key, named as such',
    keywords: ['newrelic', 'new_relic', 'new-relic'],
    regex: `new[_\\-]?relic[_\\-]?(?:license|ingest)[_\\-]?key["'\\]]{0,2}\\s{0,3}[:=]\\s{0,3}["']?(?<secret>[a-f0-9]{36}NRAL|[a-f0-9]{40})(?![A-Za-z0-9])`,
    ignoreCase: true,
    entropy: 3.0,
    gate: assignmentWithin(40),
    severity: 'high',
    get examples() {
      return {
        positives: [`NEW_RELIC_LICENSE_KEY=${fakeString(HEX, 36, 15043)}NRAL`, `newrelic_license_key: "${fakeString(HEX, 40, 15044)}"`],
        negatives: [
          'NEW_RELIC_LICENSE_KEY=${NEW_RELIC_LICENSE_KEY}',
          `NEW_RELIC_LICENSE_KEY=${'0'.repeat(40)}`,
          `NEW_RELIC_LICENSE_KEY=${fakeString(HEX, 32, 15045)}`,
        ],
      };
    },
  }),
  // grafana/grafana pkg/components/apikeygen/apikeygen.go: legacy API keys are base64 of
  // {"k": <32-character secret>, "n": <key name>, "id": <org id>}, hence the eyJrIjoi start.
  // Other products' base64 JSON starts the same way (Power BI embed links): the decoded
  // object must have Grafana's three fields.
  defineRule({
    id: 'grafana-legacy-api-key',
    description: 'Grafana API key (legacy, base64 JSON)',
    keywords: ['eyJrIjoi'],
    keywordsCaseSensitive: true,
    regex: `${B}(?<secret>eyJrIjoi[A-Za-z0-9+/]{40,400}={0,2})(?![A-Za-z0-9+/=_\\-])`,
    validate: (s) => {
      const key = decodeJson(s);
      return key !== undefined && typeof key['k'] === 'string' && typeof key['n'] === 'string' && typeof key['id'] === 'number' ? 'valid' : 'invalid';
    },
    severity: 'high',
    get examples() {
      const key = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64');
      return {
        positives: [
          `GRAFANA_API_KEY=${key({ k: fakeString(ALNUM, 32, 15046), n: 'deploy', id: 1 })}`,
          `Authorization: Bearer ${key({ k: fakeString(ALNUM, 32, 15047), n: 'ci-admin', id: 3 })}`,
        ],
        negatives: [
          `https://app.powerbi.com/view?r=${key({ k: fakeString(HEX, 32, 15048), t: fakeString(HEX, 32, 15049), c: 5 })}`,
          `GRAFANA_API_KEY=${key({ k: fakeString(ALNUM, 32, 15050), n: 'x', id: 1 })}`.slice(0, 28),
          `x${key({ k: fakeString(ALNUM, 32, 15051), n: 'deploy', id: 1 })}`,
        ],
      };
    },
  }),
  // https://supabase.com/docs/guides/api/api-keys: the legacy service_role key is a JWT that
  // bypasses Row Level Security (the anon key, same shape, is public). The JWT's claims carry
  // the role ({"iss":"supabase","ref":...,"role":"service_role",...}): only that role, issued by
  // supabase, is reported (the CLI's supabase-demo keys are local-only).
  defineRule({
    id: 'supabase-service-role-key',
    description: 'Supabase service_role key (legacy JWT)',
    // base64url of '{"iss":"supabas' and of '{"role":"service_role': the payload's opening.
    keywords: ['eyJpc3MiOiJzdXBhYmFz', 'eyJyb2xlIjoic2VydmljZV9yb2xl'],
    keywordsCaseSensitive: true,
    // Supabase signs these with HS256: the header is always {"alg":"HS256","typ":"JWT"}.
    regex: `${B}(?<secret>eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9\\.(?:eyJpc3MiOiJzdXBhYmFz|eyJyb2xlIjoic2VydmljZV9yb2xl)[A-Za-z0-9_\\-]{20,600}\\.[A-Za-z0-9_\\-]{43})(?![A-Za-z0-9_\\-])`,
    validate: (s) => {
      const claims = decodeJson(s.split('.')[1] ?? '');
      return claims?.['iss'] === 'supabase' && claims['role'] === 'service_role' ? 'valid' : 'invalid';
    },
    severity: 'critical',
    get examples() {
      return {
        positives: [
          `SUPABASE_SERVICE_ROLE_KEY=${fakeJwt({ iss: 'supabase', ref: fakeString('abcdefghijklmnopqrst', 20, 15052), role: 'service_role', iat: 1700000000, exp: 2015576000 }, 15053)}`,
          `serviceKey: "${fakeJwt({ role: 'service_role', iss: 'supabase', iat: 1700000000, exp: 2015576000 }, 15054)}"`,
        ],
        negatives: [
          `SUPABASE_ANON_KEY=${fakeJwt({ iss: 'supabase', ref: fakeString('abcdefghijklmnopqrst', 20, 15055), role: 'anon', iat: 1700000000, exp: 2015576000 }, 15056)}`,
          `SUPABASE_SERVICE_ROLE_KEY=${fakeJwt({ iss: 'supabase-demo', role: 'service_role', exp: 1983812996 }, 15057)}`,
        ],
      };
    },
  }),
  // https://supabase.com/changelog/29260-upcoming-changes-to-supabase-api-keys: secret keys have
  // the form sb_secret_... and replace service_role. The body (22 characters, _, 8) is that of
  // the Supabase CLI's published local key; Supabase documents the prefix only.
  defineRule({
    id: 'supabase-secret-key',
    description: 'Supabase secret API key',
    keywords: ['sb_secret_'],
    regex: `${B}(?<secret>sb_secret_[A-Za-z0-9_\\-]{22}_[A-Za-z0-9_\\-]{8})(?![A-Za-z0-9_\\-])`,
    entropy: 3.5,
    // The CLI's local-development key is public and only opens a local stack.
    validate: (s) => (crc32(s) === SUPABASE_LOCAL_SECRET_CRC ? 'invalid' : 'unknown'),
    severity: 'critical',
    get examples() {
      return {
        positives: [`SUPABASE_SECRET_KEY=sb_secret_${fakeString(URLSAFE, 22, 15058)}_${fakeString(ALNUM, 8, 15059)}`],
        negatives: [
          'SUPABASE_SECRET_KEY=sb_secret_...',
          "SUPABASE_SECRET_KEY: 'sb_secret_qa'",
          `sb_secret_${'x'.repeat(22)}_${'x'.repeat(8)}`,
          `sb_publishable_${fakeString(URLSAFE, 22, 15060)}_${fakeString(ALNUM, 8, 15061)}`,
        ],
      };
    },
  }),
  // unverified: Notion's current docs (https://developers.notion.com/reference/authentication)
  // no longer describe the legacy form; internal integration tokens were secret_<43 base62>
  // before ntn_ (see notion-token), as issued. "secret_" is in every codebase: the legacy form
  // is only looked for in files that mention Notion.
  defineRule({
    id: 'notion-legacy-token',
    context: true,
    description: 'Notion integration token (legacy secret_ format, in a file that mentions Notion)',
    keywords: ['notion'],
    regex: `${B}(?<secret>secret_[A-Za-z0-9]{43})${E}`,
    entropy: 4.0,
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [`NOTION_TOKEN=secret_${fakeString(ALNUM, 43, 15062)}`, `const notion = new Client({ auth: "secret_${fakeString(ALNUM, 43, 15063)}" });`],
        negatives: [
          `NOTION_TOKEN=secret_${'x'.repeat(43)}`,
          `notion: my_secret_${fakeString(ALNUM, 43, 15064)}`,
          `NOTION_TOKEN=secret_${fakeString(ALNUM, 40, 15065)}`,
        ],
      };
    },
  }),
  // https://www.twilio.com/docs/iam/api/authtoken: the account Auth Token authenticates as the
  // account (full access). Twilio's own CLI (https://github.com/twilio/twilio-cli/blob/main/src/commands/profiles/create.js,
  // validAuthToken) refuses one that is not "32 characters in length"; Twilio states only the
  // length, hexadecimal is the alphabet as issued. Only taken where assigned to a Twilio auth token name.
  defineRule({
    id: 'twilio-auth-token',
    description: 'Twilio account Auth Token (named as such)',
    keywords: ['twilio'],
    regex: `twilio[_\\-]?(?:account[_\\-]?)?auth[_\\-]?token["'\\]]{0,2}\\s{0,3}[:=]\\s{0,3}["']?(?<secret>[a-f0-9]{32})(?![A-Za-z0-9])`,
    ignoreCase: true,
    entropy: 3.0,
    gate: assignmentWithin(40),
    severity: 'critical',
    confidence: 'medium',
    get examples() {
      return {
        positives: [`TWILIO_AUTH_TOKEN=${fakeString(HEX, 32, 15066)}`, `"twilioAuthToken": "${fakeString(HEX, 32, 15067)}"`],
        negatives: [
          'TWILIO_AUTH_TOKEN=${TWILIO_AUTH_TOKEN}',
          `TWILIO_AUTH_TOKEN=${'0'.repeat(32)}`,
          `TWILIO_AUTH_TOKEN_URL=https://api.twilio.com/${fakeString(HEX, 32, 15068)}`,
          `TWILIO_AUTH_TOKEN=${fakeString(HEX, 31, 15110)}`,
          `TWILIO_AUTH_TOKEN=${fakeString(HEX, 40, 15111)}`,
        ],
      };
    },
  }),
  // unverified: Mailgun's docs (https://documentation.mailgun.com/docs/mailgun/api-reference/authentication)
  // do not describe the key's shape; keys issued since 2023 read <32 hex>-<8 hex>-<8 hex>.
  // Taken only where assigned to a Mailgun key name (the key- form is mailgun-api-key).
  defineRule({
    id: 'mailgun-private-api-key',
    description: 'Mailgun private API key (current format, named as such)',
    keywords: ['mailgun'],
    regex: `mailgun[_\\-]?(?:private[_\\-]?)?(?:api[_\\-]?)?key["'\\]]{0,2}\\s{0,3}[:=]\\s{0,3}["']?(?<secret>[a-f0-9]{32}-[a-f0-9]{8}-[a-f0-9]{8})(?![A-Za-z0-9\\-])`,
    ignoreCase: true,
    entropy: 3.0,
    gate: assignmentWithin(40),
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [`MAILGUN_API_KEY=${fakeString(HEX, 32, 15069)}-${fakeString(HEX, 8, 15070)}-${fakeString(HEX, 8, 15071)}`],
        negatives: [
          'MAILGUN_API_KEY=${MAILGUN_API_KEY}',
          `MAILGUN_API_KEY=${'0'.repeat(32)}-${'0'.repeat(8)}-${'0'.repeat(8)}`,
          `MAILGUN_DOMAIN=${fakeString(HEX, 32, 15072)}-${fakeString(HEX, 8, 15073)}-${fakeString(HEX, 8, 15074)}`,
        ],
      };
    },
  }),
  // https://docs.aws.amazon.com/secretsmanager/latest/userguide/mes-partner-DatabricksSPSecret.html:
  // a Databricks service principal's OAuth client secret is "dose followed by the secret value".
  // unverified: the body (32 hex characters) is as issued; Databricks publishes the prefix only.
  defineRule({
    id: 'databricks-oauth-secret',
    description: 'Databricks service principal OAuth secret',
    keywords: ['dose'],
    keywordsCaseSensitive: true,
    regex: `${B}(?<secret>dose[a-f0-9]{32})${E}`,
    entropy: 3.0,
    severity: 'critical',
    confidence: 'low',
    get examples() {
      return {
        positives: [`DATABRICKS_CLIENT_SECRET=${fakeToken('dose', HEX, 32, 15075)}`],
        negatives: [`dose${'0'.repeat(32)}`, `overdose${fakeString(HEX, 32, 15076)}`, `dose${fakeString(HEX, 20, 15077)}`],
      };
    },
  }),
  // Hugging Face's docs (https://huggingface.co/docs/hub/security-tokens) describe hf_ user tokens
  // only; Hugging Face's own client names the organization token by its prefix: huggingface_hub
  // refuses to log in with a token that starts with "api_org" and documents organization tokens
  // as "starting with api_org***" (https://github.com/huggingface/huggingface_hub,
  // src/huggingface_hub/_login.py and utils/_headers.py). Hugging Face states only the prefix; the
  // 34-letter body (that of hf_ tokens) is as issued.
  defineRule({
    id: 'huggingface-org-token',
    description: 'Hugging Face organization API token (deprecated api_org_ format)',
    keywords: ['api_org_'],
    regex: `${B}(?<secret>api_org_[A-Za-z]{34})${E}`,
    entropy: 3.5,
    severity: 'high',
    confidence: 'medium',
    get examples() {
      return {
        positives: [
          `HF_ORG_TOKEN=api_org_${fakeString('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', 34, 15078)}`,
          `headers = {"Authorization": "Bearer api_org_${fakeString('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', 34, 15100)}"}`,
        ],
        negatives: [
          `api_org_${'x'.repeat(34)}`,
          'api_org_settings',
          `my_api_org_${fakeString('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', 34, 15079)}`,
          `api_org_${fakeString(ALNUM, 30, 15101)}0123`,
        ],
      };
    },
  }),
  // unverified: Atlassian's docs (https://support.atlassian.com/atlassian-account/docs/manage-api-tokens-for-your-atlassian-account/)
  // give no format; API tokens issued before the ATATT3 format (see atlassian-api-token) were
  // 24 base62 characters. Only taken where assigned to a Jira/Confluence/Atlassian token name.
  // Searched Atlassian's own statements: that page says tokens have "a varied API token length" (scripts
  // must not rely on a fixed one), and Atlassian's developer community post "About the format of Atlassian
  // security tokens" calls all API tokens opaque (no size, structure or format to depend on). The page's
  // 2025 text also sets tokens made before December 15, 2024 to expire by May 12, 2026.
  defineRule({
    id: 'atlassian-legacy-api-token',
    description: 'Atlassian (Jira, Confluence) API token, legacy 24-character format, named as such',
    keywords: ['jira', 'confluence', 'atlassian'],
    regex: `(?:jira|confluence|atlassian)[_\\-]?(?:api[_\\-]?)?token["'\\]]{0,2}\\s{0,3}[:=]\\s{0,3}["']?(?<secret>[A-Za-z0-9]{24})(?![A-Za-z0-9_\\-])`,
    ignoreCase: true,
    entropy: 3.8,
    gate: assignmentWithin(40),
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [`JIRA_API_TOKEN=${fakeString(ALNUM, 24, 15088)}`, `confluence_token: "${fakeString(ALNUM, 24, 15089)}"`],
        negatives: [
          'JIRA_API_TOKEN=${JIRA_API_TOKEN}',
          'JIRA_API_TOKEN=yourApiTokenGoesHere1234',
          `JIRA_API_TOKEN=${fakeString(ALNUM, 30, 15090)}`,
          'JIRA_TOKEN=aaaaaaaaaaaabbbbbbbbbbbb',
        ],
      };
    },
  }),
];
