import { base62, crc32 } from '../checksums.js';
import { defineRule } from '../define.js';
import { assignmentWithin, followedBy, startsWord } from '../gates.js';
import type { Detector } from '../../types.js';
import { ALNUM, DIGITS, fakeString, fakeToken, fakeUuid, HEX, LOWER_ALNUM, URLSAFE } from '../fake.js';
import { ASSIGN, B, E, named, UUID } from '../regex-parts.js';
import { randomChance } from '../randomness.js';

/*
 * Messaging, e-mail, SMS/voice, identity and social providers. Prefixed formats match on their
 * prefix; prefix-less ones (bare hex, UUIDs, base62) only where the provider is named in the
 * assigned name. Each rule cites the provider's description of the format; every example is
 * generated here from a seed (12000-12999), never written out.
 */

/** A separator inside an assigned name (TWILIO_AUTH_TOKEN, twilio.authToken, twilio-auth-token). */
const S = '[_.\\-]?';

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

/** A Discord bot token: base64(user id) . 6 characters (timestamp) . HMAC. */
function fakeDiscordBotToken(seed: number, hmacLength = 38): string {
  const id = '1' + fakeString(DIGITS, 17, seed);
  return `${base64url(id)}.${fakeString(URLSAFE, 6, seed + 1)}.${fakeString(URLSAFE, hmacLength, seed + 2)}`;
}

/** RFC 4648 base32, lower-case, unpadded (OneSignal's key alphabet). */
function base32Lower(bytes: Uint8Array): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  let out = '';
  let value = 0;
  let bits = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  return out;
}

function decodeBase32Lower(text: string): Uint8Array {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  const out: number[] = [];
  let value = 0;
  let bits = 0;
  for (const ch of text) {
    value = ((value << 5) | alphabet.indexOf(ch)) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Uint8Array.from(out);
}

/** 16 bytes that read as a version 4 UUID (version nibble 4, variant 10xx). */
function isUuidV4(bytes: Uint8Array): boolean {
  return bytes.length >= 16 && (bytes[6] ?? 0) >> 4 === 4 && ((bytes[8] ?? 0) & 0xc0) === 0x80;
}

/** A OneSignal v2 key: base32 of the app (or organization) UUID then 48 random bytes. */
function fakeOneSignalKey(seed: number, kind = 'app'): string {
  const bytes = Uint8Array.from(Buffer.from(fakeString(HEX, 128, seed), 'hex'));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  return `os_v2_${kind}_${base32Lower(bytes)}`;
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Synapse's access/refresh tokens: sy[tr]_<unpadded base64 localpart>_<20 letters>_<base62 CRC32 of the rest>. */
function matrixTokenValid(token: string): boolean {
  const i = token.lastIndexOf('_');
  return base62(crc32(token.slice(0, i)), 6) === token.slice(i + 1);
}

function fakeMatrixToken(seed: number, kind = 'syt'): string {
  const local = Buffer.from(fakeString('abcdefghijklmnopqrstuvwxyz', 8, seed))
    .toString('base64')
    .replace(/=+$/, '');
  const body = `${kind}_${local}_${fakeString(LETTERS, 20, seed + 1)}`;
  return `${body}_${base62(crc32(body), 6)}`;
}

export const messagingRules = (): readonly Detector[] => [
  // https://learn.microsoft.com/en-us/microsoftteams/platform/webhooks-and-connectors/how-to/add-incoming-webhook
  // (and the URL scheme change to <tenant>.webhook.office.com/webhookb2/<group>@<tenant>/IncomingWebhook/<id>/<owner>).
  defineRule({
    id: 'microsoft-teams-webhook',
    description: 'Microsoft Teams / Office 365 incoming webhook URL',
    keywords: ['webhook.office.com', 'outlook.office.com/webhook'],
    regex: `(?<secret>https://(?:[a-z0-9\\-]{1,63}\\.webhook|outlook)\\.office\\.com/webhook(?:b2)?/${UUID}@${UUID}/IncomingWebhook/[0-9a-f]{32}/${UUID}(?:/V2[A-Za-z0-9_\\-]{40,70})?)(?![A-Za-z0-9_\\-])`,
    ignoreCase: true,
    severity: 'medium',
    confidence: 'high',
    get examples() {
      const url = `https://contoso.webhook.office.com/webhookb2/${fakeUuid(12000)}@${fakeUuid(12001)}/IncomingWebhook/${fakeString(HEX, 32, 12002)}/${fakeUuid(12003)}`;
      return {
        positives: [`TEAMS_WEBHOOK_URL=${url}`, `"webhook": "${url}/V2${fakeString(URLSAFE, 45, 12004)}"`],
        negatives: [
          'url: https://contoso.webhook.office.com/webhookb2/<group>@<tenant>/IncomingWebhook/<id>/<owner>',
          `https://outlook.office.com/webhook/xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`,
        ],
      };
    },
  }),
  // https://learn.microsoft.com/en-us/azure/logic-apps/logic-apps-securing-a-logic-app (a manual trigger's URL
  // carries its SAS signature in sig=); Teams "Workflows" webhooks are these URLs, on logic.azure.com or
  // <env>.environment.api.powerplatform.com. The sig is a base64url HMAC-SHA256 (43 characters, possibly %-escaped).
  defineRule({
    id: 'power-automate-webhook',
    description: 'Power Automate / Logic Apps workflow trigger URL with its SAS signature (Teams Workflows webhook)',
    keywords: ['logic.azure.com', 'api.powerplatform.com'],
    regex: `(?<secret>https://[a-z0-9\\-.]{1,100}\\.(?:logic\\.azure\\.com|environment\\.api\\.powerplatform\\.com)(?::443)?/(?:powerautomate/automations/direct/)?workflows/[0-9a-f]{32}/triggers/[A-Za-z0-9_\\-]{1,80}/paths/invoke/?\\?[A-Za-z0-9%._~=&\\-]{0,300}?sig=[A-Za-z0-9_\\-%]{43,60})(?![A-Za-z0-9_\\-%])`,
    ignoreCase: true,
    severity: 'medium',
    confidence: 'medium',
    get examples() {
      const wf = fakeString(HEX, 32, 12005);
      return {
        positives: [
          `url = "https://prod-12.westeurope.logic.azure.com:443/workflows/${wf}/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=${fakeString(URLSAFE, 43, 12006)}"`,
          `TEAMS_FLOW=https://default1234.56.environment.api.powerplatform.com:443/powerautomate/automations/direct/workflows/${fakeString(HEX, 32, 12007)}/triggers/manual/paths/invoke?api-version=1&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=${fakeString(URLSAFE, 43, 12008)}`,
        ],
        negatives: [
          `https://prod-12.westeurope.logic.azure.com:443/workflows/${wf}/triggers/manual/paths/invoke?api-version=2016-06-01`,
          'https://prod-12.westeurope.logic.azure.com/workflows/<id>/triggers/manual/paths/invoke?sig=<sig>',
        ],
      };
    },
  }),
  // https://discord.com/developers/docs/reference#authentication (Bot tokens); the structure (base64 of the
  // bot's user id, a timestamp, an HMAC) as documented by the Discord libraries (serenity, nostrum, discordeno).
  defineRule({
    id: 'discord-bot-token',
    context: true,
    description: 'Discord bot token (the first part decodes to the bot user id)',
    keywords: ['discord'],
    // Discord API docs (discord/discord-api-docs docs/Reference.md, Authentication): one example bot
    // token, three dot-separated base64url parts. unverified: the structure (the first part decodes
    // to the bot's snowflake id: checked) and the part lengths, as issued.
    regex: `(?<![A-Za-z0-9_.\\-])(?<secret>[MNO][A-Za-z0-9_\\-]{22,27}\\.[A-Za-z0-9_\\-]{6}\\.[A-Za-z0-9_\\-]{27,38})(?![A-Za-z0-9_.\\-])`,
    entropy: 3.5,
    validate: (s) => {
      const id = Buffer.from(s.slice(0, s.indexOf('.')), 'base64url').toString('latin1');
      return /^[1-9][0-9]{16,19}$/.test(id) ? 'valid' : 'invalid';
    },
    severity: 'critical',
    confidence: 'low',
    get examples() {
      return {
        positives: [`DISCORD_TOKEN=${fakeDiscordBotToken(12009)}`, `client.login("${fakeDiscordBotToken(12012, 27)}"); // discord.js`],
        negatives: [
          `DISCORD_TOKEN=${base64url('hello world, not an id')}.${fakeString(URLSAFE, 6, 12015)}.${fakeString(URLSAFE, 38, 12016)}`,
          `DISCORD_TOKEN=${fakeDiscordBotToken(12017).slice(0, 40)}`,
          'DISCORD_TOKEN=${DISCORD_BOT_TOKEN}',
        ],
      };
    },
  }),
  // https://discord.com/developers/docs/topics/oauth2 (client_secret of an application, OAuth2 page of the portal).
  defineRule({
    id: 'discord-client-secret',
    description: 'Discord application client secret (named as such)',
    keywords: ['discord'],
    // Discord OAuth2 docs (discord/discord-api-docs docs/topics/oauth2.mdx): client_secret, shown
    // only as a placeholder. unverified: 32 url-safe characters, as issued.
    regex: named(`discord${S}(?:app${S}|oauth2?${S})?client${S}secret`, '[A-Za-z0-9_\\-]{32}', '(?![A-Za-z0-9_\\-])'),
    ignoreCase: true,
    entropy: 3.5,
    gate: assignmentWithin(40),
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [`DISCORD_CLIENT_SECRET=${fakeString(URLSAFE, 32, 12018)}`, `discord.clientSecret: "${fakeString(URLSAFE, 32, 12019)}"`],
        negatives: [
          'DISCORD_CLIENT_SECRET=your_discord_client_secret_here',
          `DISCORD_CLIENT_SECRET=${'a'.repeat(32)}`,
          `DISCORD_CLIENT_SECRET=${fakeString(URLSAFE, 40, 12020)}`,
        ],
      };
    },
  }),
  // https://www.twilio.com/docs/glossary/what-is-a-sid (Account SID: AC followed by 32 hex characters). An
  // identifier, not a secret, but half of the account credential (the auth token is twilio-auth-token, in
  // tokens.ts); only where Twilio is named.
  defineRule({
    id: 'twilio-account-sid',
    description: 'Twilio account SID (identifier half of an account credential)',
    keywords: ['twilio'],
    regex: named(`twilio${S}account${S}sid`, 'AC[0-9a-f]{32}'),
    ignoreCase: true,
    entropy: 3.0,
    gate: assignmentWithin(40),
    severity: 'low',
    confidence: 'high',
    get examples() {
      return {
        positives: [`TWILIO_ACCOUNT_SID=${fakeToken('AC', HEX, 32, 12024)}`],
        negatives: [`TWILIO_ACCOUNT_SID=AC${'x'.repeat(32)}`, `TWILIO_ACCOUNT_SID=${fakeToken('AC', HEX, 30, 12025)}`],
      };
    },
  }),
  // https://developer.vonage.com/en/getting-started/concepts/authentication (API key and API secret, sent as
  // api_key/api_secret) and https://developer.vonage.com/account/code-snippets/create-a-secret (new API secrets:
  // 8 to 25 characters, at least one lower-case letter, one upper-case letter and one digit). Partly unverified:
  // other characters than letters and digits are neither allowed nor ruled out there; letters and digits only.
  defineRule({
    id: 'vonage-api-secret',
    description: 'Vonage / Nexmo API secret (named as such)',
    keywords: ['vonage', 'nexmo'],
    regex: named(`(?:vonage|nexmo)${S}(?:api${S})?secret`, '[A-Za-z0-9]{8,25}'),
    ignoreCase: true,
    entropy: 3.0,
    validate: (s) => (/[a-z]/.test(s) && /[A-Z]/.test(s) && /[0-9]/.test(s) ? 'unknown' : 'invalid'),
    gate: assignmentWithin(40),
    severity: 'high',
    confidence: 'medium',
    get examples() {
      return {
        positives: [
          `VONAGE_API_SECRET=${fakeString(ALNUM, 16, 12026)}`,
          `nexmo_secret: "${fakeString(ALNUM, 16, 12027)}"`,
          `VONAGE_API_SECRET=${fakeString(ALNUM, 25, 12220)}`,
          `vonage_secret = '${fakeString(ALNUM, 12, 12221)}'`,
        ],
        negatives: [
          'VONAGE_API_SECRET=xxxxxxxxxxxxxxxx',
          `VONAGE_API_SECRET=${fakeString(ALNUM, 26, 12028)}`,
          'NEXMO_API_SECRET=aaaaaaaaaaaaaaaa',
          `VONAGE_API_SECRET=${fakeString(LOWER_ALNUM, 16, 12222)}`,
          `VONAGE_API_SECRET=${fakeString(ALNUM, 6, 12223)}`,
        ],
      };
    },
  }),
  // https://developers.messagebird.com/api/#authentication (AccessKey header; live and test keys).
  // unverified: 25 alphanumerics, as issued.
  defineRule({
    id: 'messagebird-access-key',
    description: 'MessageBird (Bird) access key (named as such)',
    keywords: ['messagebird'],
    regex: named(`messagebird${S}(?:api${S}|access${S}|live${S}|test${S})?(?:key|token)`, '[A-Za-z0-9]{25}'),
    ignoreCase: true,
    entropy: 3.5,
    gate: assignmentWithin(40),
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [`MESSAGEBIRD_ACCESS_KEY=${fakeString(ALNUM, 25, 12029)}`, `messagebird_api_key: '${fakeString(ALNUM, 25, 12030)}'`],
        negatives: [`MESSAGEBIRD_ACCESS_KEY=${'x'.repeat(25)}`, `MESSAGEBIRD_ACCESS_KEY=${fakeString(ALNUM, 30, 12031)}`],
      };
    },
  }),
  // https://www.plivo.com/docs/sms/concepts/authentication (Basic auth with Auth ID and Auth Token).
  // unverified: the token's 40 alphanumerics are those of issued tokens.
  defineRule({
    id: 'plivo-auth-token',
    description: 'Plivo auth token (named as such)',
    keywords: ['plivo'],
    regex: named(`plivo${S}(?:auth${S})?token`, '[A-Za-z0-9]{40}'),
    ignoreCase: true,
    entropy: 3.5,
    gate: assignmentWithin(40),
    severity: 'critical',
    confidence: 'low',
    get examples() {
      return {
        positives: [`PLIVO_AUTH_TOKEN=${fakeString(ALNUM, 40, 12032)}`],
        negatives: [`PLIVO_AUTH_TOKEN=${'0'.repeat(40)}`, `PLIVO_AUTH_TOKEN=${fakeString(ALNUM, 32, 12033)}`],
      };
    },
  }),
  // https://www.plivo.com/docs/sms/concepts/authentication (the Auth ID is the user name of Basic auth).
  // unverified: MA (main) or SA (subaccount) + 18 upper-case alphanumerics, as issued.
  defineRule({
    id: 'plivo-auth-id',
    description: 'Plivo auth ID (identifier half of the account credential)',
    keywords: ['plivo'],
    regex: named(`plivo${S}auth${S}id`, '[MS]A[A-Z0-9]{18}'),
    ignoreCase: true,
    entropy: 3.0,
    gate: assignmentWithin(40),
    severity: 'low',
    confidence: 'low',
    get examples() {
      return {
        positives: [`PLIVO_AUTH_ID=MA${fakeString('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 18, 12034)}`],
        negatives: ['PLIVO_AUTH_ID=MAXXXXXXXXXXXXXXXXXX', 'PLIVO_AUTH_ID=<your-auth-id>'],
      };
    },
  }),
  // https://developers.sinch.com/docs/sms/api-reference/authentication (service plan ID and API token, Bearer).
  // unverified: Sinch does not publish the token's length; 32 hexadecimal characters as the dashboard shows them.
  defineRule({
    id: 'sinch-api-token',
    description: 'Sinch SMS API token (named as such)',
    keywords: ['sinch'],
    regex: named(`sinch${S}(?:sms${S})?(?:api${S})?(?:token|secret)`, '[0-9a-f]{32}'),
    ignoreCase: true,
    entropy: 3.0,
    gate: assignmentWithin(40),
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [`SINCH_API_TOKEN=${fakeString(HEX, 32, 12035)}`],
        negatives: [`SINCH_API_TOKEN=${'0'.repeat(32)}`, `SINCH_SERVICE_PLAN_ID=${fakeString(HEX, 32, 12036)}`],
      };
    },
  }),
  // https://www.infobip.com/docs/essentials/api-essentials/api-authentication (Authorization: App <API key>) and
  // https://www.infobip.com/docs/essentials/api-authentication (its "API key Authorization header example": 32 lower-
  // case hex, a dash, a UUID). Partly unverified: Infobip states no format; the shape is that of its example.
  defineRule({
    id: 'infobip-api-key',
    description: 'Infobip API key (named, or in an "Authorization: App" header)',
    keywords: ['infobip', 'authorization: app ', '"authorization": "app '],
    regex: `(?:infobip${S}(?:api${S})?key${ASSIGN}|Authorization["']?\\s{0,3}[:=]\\s{0,3}["']?App\\s)(?<secret>[0-9a-f]{32}-${UUID})(?![0-9a-f\\-])`,
    ignoreCase: true,
    entropy: 3.0,
    severity: 'high',
    confidence: 'medium',
    get examples() {
      return {
        positives: [
          `INFOBIP_API_KEY=${fakeString(HEX, 32, 12037)}-${fakeUuid(12038)}`,
          `-H "Authorization: App ${fakeString(HEX, 32, 12039)}-${fakeUuid(12040)}"`,
        ],
        negatives: [
          `INFOBIP_API_KEY=${fakeUuid(12041)}`,
          'Authorization: App {YOUR_API_KEY}',
          `INFOBIP_API_KEY=${'0'.repeat(32)}-00000000-0000-0000-0000-000000000000`,
          `Authorization: Basic ${fakeString(HEX, 32, 12217)}-${fakeUuid(12218)}`,
          `INFOBIP_BASE_URL=https://${fakeString(LOWER_ALNUM, 6, 12219)}.api.infobip.com`,
        ],
      };
    },
  }),
  // https://postmarkapp.com/developer/api/overview#authentication (Server Token, X-Postmark-Server-Token).
  // unverified: Postmark calls its tokens opaque; issued ones are UUIDs.
  defineRule({
    id: 'postmark-server-token',
    description: 'Postmark server API token (named, or in an X-Postmark-Server-Token header)',
    keywords: ['postmark'],
    regex: named(`(?:postmark${S}(?:server${S})?(?:api${S})?(?:token|key)|x-postmark-server-token)`, UUID, '(?![0-9a-f\\-])'),
    ignoreCase: true,
    entropy: 3.0,
    gate: assignmentWithin(40),
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [`POSTMARK_SERVER_TOKEN=${fakeUuid(12042)}`, `-H "X-Postmark-Server-Token: ${fakeUuid(12043)}"`],
        negatives: ['POSTMARK_SERVER_TOKEN=POSTMARK_API_TEST', 'X-Postmark-Server-Token: 00000000-0000-0000-0000-000000000000'],
      };
    },
  }),
  // https://postmarkapp.com/developer/api/overview#authentication (Account Token, X-Postmark-Account-Token).
  // unverified: as for server tokens, a UUID.
  defineRule({
    id: 'postmark-account-token',
    description: 'Postmark account API token (named, or in an X-Postmark-Account-Token header)',
    keywords: ['postmark'],
    regex: named(`(?:postmark${S}account${S}(?:api${S})?(?:token|key)|x-postmark-account-token)`, UUID, '(?![0-9a-f\\-])'),
    ignoreCase: true,
    entropy: 3.0,
    gate: assignmentWithin(40),
    severity: 'critical',
    confidence: 'low',
    get examples() {
      return {
        positives: [`POSTMARK_ACCOUNT_TOKEN=${fakeUuid(12044)}`, `"X-Postmark-Account-Token": "${fakeUuid(12045)}"`],
        negatives: ['POSTMARK_ACCOUNT_TOKEN=<account-token>', `POSTMARK_ACCOUNT_TOKEN=${fakeString(HEX, 32, 12046)}`],
      };
    },
  }),
  // https://mailchimp.com/developer/transactional/guides/quick-start/ (Mandrill / Mailchimp Transactional API key).
  // unverified: the 22-character length is that of issued keys. Searched Mailchimp's docs and its own SDKs
  // (mailchimp/mailchimp-transactional-node, the mailchimp_transactional gem's docs): the key is only "a valid api
  // key", a string, with no length, alphabet or prefix.
  defineRule({
    id: 'mandrill-api-key',
    description: 'Mandrill (Mailchimp Transactional) API key (named as such)',
    keywords: ['mandrill'],
    regex: named(`mandrill${S}(?:api${S})?key`, '[A-Za-z0-9_\\-]{22}', '(?![A-Za-z0-9_\\-])'),
    ignoreCase: true,
    entropy: 3.5,
    gate: assignmentWithin(40),
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [`MANDRILL_API_KEY=${fakeString(URLSAFE, 22, 12047)}`, `mandrill_key: '${fakeString(ALNUM, 22, 12048)}'`],
        negatives: [`MANDRILL_API_KEY=${'x'.repeat(22)}`, `MANDRILL_API_KEY=${fakeString(ALNUM, 30, 12049)}`],
      };
    },
  }),
  // https://developers.sparkpost.com/api/#header-authentication (the API key in the Authorization header; the
  // documented example is 40 hexadecimal characters).
  defineRule({
    id: 'sparkpost-api-key',
    description: 'SparkPost API key (named as such)',
    keywords: ['sparkpost'],
    regex: named(`sparkpost${S}(?:api${S})?key`, '[0-9a-f]{40}'),
    ignoreCase: true,
    entropy: 3.0,
    gate: assignmentWithin(40),
    severity: 'high',
    confidence: 'medium',
    get examples() {
      return {
        positives: [`SPARKPOST_API_KEY=${fakeString(HEX, 40, 12050)}`],
        negatives: ['SPARKPOST_API_KEY=API_KEY', `SPARKPOST_API_KEY=${fakeString(HEX, 32, 12051)}`, `SPARKPOST_API_KEY=${'0'.repeat(40)}`],
      };
    },
  }),
  // https://developers.brevo.com/docs/api-key-authentication (v3 API keys, "xkeysib-" + 64 hex + "-" + 16
  // alphanumerics, as shown for issued keys; Sendinblue was renamed Brevo).
  defineRule({
    id: 'brevo-api-key',
    description: 'Brevo (Sendinblue) v3 API key',
    keywords: ['xkeysib-'],
    regex: `${B}(?<secret>xkeysib-[0-9a-f]{64}-[A-Za-z0-9]{16})${E}`,
    entropy: 3.0,
    severity: 'high',
    confidence: 'high',
    get examples() {
      return {
        positives: [
          `BREVO_API_KEY=xkeysib-${fakeString(HEX, 64, 12052)}-${fakeString(ALNUM, 16, 12053)}`,
          `"api-key": "xkeysib-${fakeString(HEX, 64, 12054)}-${fakeString(ALNUM, 16, 12055)}"`,
        ],
        negatives: [
          `xkeysib-${'x'.repeat(64)}-${'x'.repeat(16)}`,
          `xxkeysib-${fakeString(HEX, 64, 12056)}-${fakeString(ALNUM, 16, 12057)}`,
          `xkeysib-${fakeString(HEX, 60, 12058)}-${fakeString(ALNUM, 16, 12059)}`,
        ],
      };
    },
  }),
  // https://help.brevo.com/hc/en-us/articles/7924908994450 (Brevo SMTP relay; SMTP keys "xsmtpsib-" + 64 hex +
  // "-" + 16 alphanumerics, the same shape as API keys).
  defineRule({
    id: 'brevo-smtp-key',
    description: 'Brevo (Sendinblue) SMTP key',
    keywords: ['xsmtpsib-'],
    regex: `${B}(?<secret>xsmtpsib-[0-9a-f]{64}-[A-Za-z0-9]{16})${E}`,
    entropy: 3.0,
    severity: 'high',
    confidence: 'high',
    get examples() {
      return {
        positives: [`SMTP_PASSWORD=xsmtpsib-${fakeString(HEX, 64, 12060)}-${fakeString(ALNUM, 16, 12061)}`],
        negatives: [`xsmtpsib-${'0'.repeat(64)}-${'0'.repeat(16)}`, `smtp: xsmtpsib-${fakeString(HEX, 64, 12062)}`],
      };
    },
  }),
  // https://resend.com/docs/dashboard/api-keys/introduction (keys start with "re_"; the SDK examples use re_xxxxxxxxx).
  // The 8 + "_" + 24 body is that of issued keys (not stated by Resend).
  defineRule({
    id: 'resend-api-key',
    description: 'Resend API key',
    keywords: ['re_'],
    regex: `${B}(?<secret>re_[A-Za-z0-9]{8}_[A-Za-z0-9]{24})${E}`,
    gate: followedBy(/[A-Za-z0-9]{8}_/y),
    entropy: 3.5,
    severity: 'high',
    confidence: 'medium',
    get examples() {
      return {
        positives: [
          `RESEND_API_KEY=re_${fakeString(ALNUM, 8, 12063)}_${fakeString(ALNUM, 24, 12064)}`,
          `new Resend('re_${fakeString(ALNUM, 8, 12065)}_${fakeString(ALNUM, 24, 12066)}')`,
        ],
        negatives: [
          "new Resend('re_xxxxxxxxx')",
          `are_${fakeString(ALNUM, 8, 12067)}_${fakeString(ALNUM, 24, 12068)}`,
          `re_${fakeString(ALNUM, 8, 12069)}_${fakeString(ALNUM, 20, 12070)}`,
        ],
      };
    },
  }),
  // https://www.mailersend.com/help/managing-api-tokens (API tokens). unverified: MailerSend does not describe the
  // format; issued tokens are "mlsn." + 64 hexadecimal characters.
  defineRule({
    id: 'mailersend-api-token',
    description: 'MailerSend API token',
    keywords: ['mlsn.'],
    regex: `${B}(?<secret>mlsn\\.[0-9a-f]{64})${E}`,
    entropy: 3.0,
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [`MAILERSEND_API_KEY=mlsn.${fakeString(HEX, 64, 12071)}`, `new MailerSend({ apiKey: "mlsn.${fakeString(HEX, 64, 12072)}" })`],
        negatives: [`mlsn.${'0'.repeat(64)}`, `mlsn.${fakeString(HEX, 40, 12073)}`, 'package tech.mlsn.app.fragment;'],
      };
    },
  }),
  // https://dev.mailjet.com/email/guides/#authentication (API key and secret key for Basic auth, MJ_APIKEY_PUBLIC /
  // MJ_APIKEY_PRIVATE in Mailjet's SDK examples). unverified: both 32 hex, as issued.
  defineRule({
    id: 'mailjet-secret-key',
    description: 'Mailjet API secret (private) key (named as such)',
    keywords: ['mailjet', 'mj_apikey_private', 'mj_api_secret', 'mj_secret_key'],
    regex: named(`(?:mailjet${S}(?:api${S})?(?:secret|private)(?:${S}key)?|mj${S}apikey${S}private|mj${S}(?:api${S})?secret(?:${S}key)?)`, '[0-9a-f]{32}'),
    ignoreCase: true,
    entropy: 3.0,
    gate: assignmentWithin(40),
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [`MJ_APIKEY_PRIVATE=${fakeString(HEX, 32, 12074)}`, `mailjet_secret_key: "${fakeString(HEX, 32, 12075)}"`],
        negatives: ['MJ_APIKEY_PRIVATE=your_secret_key', `MJ_APIKEY_PRIVATE=${fakeString(HEX, 40, 12076)}`],
      };
    },
  }),
  // https://dev.mailjet.com/email/guides/#authentication (the public API key half). unverified: 32 hex, as issued.
  defineRule({
    id: 'mailjet-api-key',
    description: 'Mailjet API (public) key (named as such)',
    keywords: ['mailjet', 'mj_apikey_public'],
    regex: named(`(?:mailjet${S}(?:api${S})?(?:public${S})?key|mj${S}apikey${S}public)`, '[0-9a-f]{32}'),
    ignoreCase: true,
    entropy: 3.0,
    gate: assignmentWithin(40),
    severity: 'medium',
    confidence: 'low',
    get examples() {
      return {
        positives: [`MJ_APIKEY_PUBLIC=${fakeString(HEX, 32, 12077)}`, `MAILJET_API_KEY='${fakeString(HEX, 32, 12078)}'`],
        negatives: ['MAILJET_API_KEY=${MJ_APIKEY_PUBLIC}', `MAILJET_API_KEY=${'f'.repeat(32)}`],
      };
    },
  }),
  // https://api-docs.mailtrap.io/docs/mailtrap-api-docs/ (API token, Api-Token or Bearer header).
  // unverified: the 32-hex length is that of issued tokens. Searched Mailtrap's own docs (mailtrap/mailtrap-docs
  // api-docs/authentication.md, setup/api-tokens.md), CLI (mailtrap/mailtrap-cli: configure checks a token by calling
  // the API) and .NET SDK (mailtrap/mailtrap-dotnet MailtrapClientOptionsValidator: ApiToken NotEmpty): no format.
  defineRule({
    id: 'mailtrap-api-token',
    description: 'Mailtrap API token (named as such)',
    keywords: ['mailtrap'],
    regex: named(`mailtrap${S}(?:api${S})?(?:token|key|password)`, '[0-9a-f]{32}'),
    ignoreCase: true,
    entropy: 3.0,
    gate: assignmentWithin(40),
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [`MAILTRAP_API_TOKEN=${fakeString(HEX, 32, 12079)}`],
        negatives: [`MAILTRAP_API_TOKEN=${'0'.repeat(32)}`, 'MAILTRAP_API_TOKEN=<YOUR_API_TOKEN>'],
      };
    },
  }),
  // https://loops.so/docs/api-reference/intro (API key as a Bearer token). unverified: 32 hex, as issued.
  defineRule({
    id: 'loops-api-key',
    description: 'Loops API key (named as such)',
    keywords: ['loops_api', 'loops-api', 'loopsapi', 'loops_key'],
    regex: named(`loops${S}(?:api${S})?key`, '[0-9a-f]{32}'),
    ignoreCase: true,
    entropy: 3.0,
    gate: assignmentWithin(40),
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [`LOOPS_API_KEY=${fakeString(HEX, 32, 12080)}`],
        negatives: [`LOOPS_API_KEY=${'a'.repeat(32)}`, 'LOOPS_API_KEY=process.env.LOOPS'],
      };
    },
  }),
  // https://elasticemail.com/developers/api-documentation/rest-api#section/Authentication (X-ElasticEmail-ApiKey).
  // unverified: issued v4 keys are 96 upper-case hexadecimal characters (older ones UUIDs). Searched Elastic Email's
  // own CLI (ElasticEmail/elasticemail-cli ApiKeyForm.tsx: only "at least 8 characters"), MCP server (checks a key by
  // calling /v4/security/apikeys) and skills (references/authentication.md): no length or alphabet published.
  defineRule({
    id: 'elastic-email-api-key',
    description: 'Elastic Email API key (named, or in an X-ElasticEmail-ApiKey header)',
    keywords: ['elasticemail', 'elastic_email', 'elastic-email'],
    regex: named(`(?:elastic${S}email${S}(?:api${S})?key|x-elasticemail-apikey)`, `[0-9A-F]{96}|${UUID}`, '(?![0-9A-Fa-f\\-])'),
    ignoreCase: true,
    entropy: 3.0,
    gate: assignmentWithin(40),
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [`ELASTIC_EMAIL_API_KEY=${fakeString('0123456789ABCDEF', 96, 12081)}`, `X-ElasticEmail-ApiKey: ${fakeUuid(12082).toUpperCase()}`],
        negatives: [`ELASTIC_EMAIL_API_KEY=${'0'.repeat(96)}`, `ELASTIC_EMAIL_API_KEY=${fakeString('0123456789ABCDEF', 64, 12083)}`],
      };
    },
  }),
  // https://pusher.com/docs/channels/server_api/http-api/#authentication (app_id, key and secret; the secret
  // signs requests). unverified: the 20-hex length is that of issued secrets, not documented.
  defineRule({
    id: 'pusher-app-secret',
    description: 'Pusher Channels app secret (named as such)',
    keywords: ['pusher'],
    regex: named(`pusher${S}(?:app${S})?secret`, '[0-9a-f]{20}'),
    ignoreCase: true,
    entropy: 3.0,
    gate: assignmentWithin(40),
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [`PUSHER_APP_SECRET=${fakeString(HEX, 20, 12084)}`, `pusher_secret: '${fakeString(HEX, 20, 12085)}'`],
        negatives: ["PUSHER_APP_SECRET='PUSHER-SECRET'", `PUSHER_APP_SECRET=${fakeString(HEX, 32, 12086)}`],
      };
    },
  }),
  // https://ably.com/docs/auth#api-key-format (<app ID>.<key ID>:<key secret>, e.g. 6 + 6 + 43 URL-safe characters).
  defineRule({
    id: 'ably-api-key',
    context: true,
    description: 'Ably API key (app ID . key ID : secret)',
    keywords: ['ably'],
    regex: `(?<![A-Za-z0-9_.\\-])(?<secret>[A-Za-z0-9_\\-]{6}\\.[A-Za-z0-9_\\-]{6}:[A-Za-z0-9_\\-]{43})(?![A-Za-z0-9_\\-])`,
    gate: startsWord(4),
    entropy: 4.0,
    severity: 'high',
    confidence: 'high',
    get examples() {
      return {
        positives: [
          `ABLY_API_KEY=${fakeString(URLSAFE, 6, 12087)}.${fakeString(URLSAFE, 6, 12088)}:${fakeString(URLSAFE, 43, 12089)}`,
          `new Ably.Realtime({ key: '${fakeString(URLSAFE, 6, 12090)}.${fakeString(URLSAFE, 6, 12091)}:${fakeString(URLSAFE, 43, 12092)}' })`,
          `const myAblyKey = '${fakeString(URLSAFE, 6, 12090)}.${fakeString(URLSAFE, 6, 12091)}:${fakeString(URLSAFE, 43, 12092)}';`,
        ],
        negatives: [
          'ably auth keys get "aBcDeF.gHiJkL:keySecret"',
          `ABLY_KEY=${fakeString(URLSAFE, 6, 12093)}.${fakeString(URLSAFE, 6, 12094)}`,
          `ably: x.${fakeString(URLSAFE, 6, 12095)}.${fakeString(URLSAFE, 6, 12096)}:${fakeString(URLSAFE, 43, 12097)}`,
          // "ably" inside a word is not the provider's name.
          `// probably the cache key: '${fakeString(URLSAFE, 6, 12087)}.${fakeString(URLSAFE, 6, 12088)}:${fakeString(URLSAFE, 43, 12089)}'`,
        ],
      };
    },
  }),
  // https://getstream.io/chat/docs/node/tokens_and_authentication/ (the API secret signs user tokens server-side).
  // unverified: 64 lower-case alphanumerics, as issued; Stream does not describe the format.
  defineRule({
    id: 'stream-api-secret',
    description: 'Stream (getstream.io) API secret (named as such)',
    keywords: ['stream_api_secret', 'stream-api-secret', 'stream_secret', 'stream_app_secret', 'getstream', 'streamapisecret', 'streamsecret'],
    regex: named(`(?:getstream|stream)${S}(?:api${S}|app${S}|chat${S})?secret`, '[a-z0-9]{64}'),
    ignoreCase: true,
    entropy: 3.5,
    gate: assignmentWithin(40),
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [`STREAM_API_SECRET=${fakeString(LOWER_ALNUM, 64, 12098)}`],
        negatives: [`STREAM_API_SECRET=${'a'.repeat(64)}`, `STREAM_API_SECRET=${fakeString(LOWER_ALNUM, 40, 12099)}`],
      };
    },
  }),
  // https://sendbird.com/docs/chat/platform-api/v3/prepare-to-use-api#2-authentication (Api-Token header, master
  // or secondary API token). unverified: 40 hex, as issued.
  defineRule({
    id: 'sendbird-api-token',
    description: 'Sendbird API token (named as such)',
    keywords: ['sendbird'],
    regex: named(`sendbird${S}(?:master${S}|secondary${S})?(?:api${S})?token`, '[0-9a-f]{40}'),
    ignoreCase: true,
    entropy: 3.0,
    gate: assignmentWithin(40),
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [`SENDBIRD_API_TOKEN=${fakeString(HEX, 40, 12100)}`],
        negatives: [`SENDBIRD_APP_ID=${fakeUuid(12101).toUpperCase()}`, `SENDBIRD_API_TOKEN=${'0'.repeat(40)}`],
      };
    },
  }),
  // https://documentation.onesignal.com/docs/keys-and-ids (App and Organization API keys, "Authorization: Key ...";
  // the App ID is a UUID v4). The os_v2_app_/os_v2_org_ + 103 base32 shape is that of issued keys, whose first
  // 16 bytes are the app's UUID: checked.
  defineRule({
    id: 'onesignal-api-key',
    description: 'OneSignal App or Organization API key (os_v2_)',
    keywords: ['os_v2_'],
    regex: `${B}(?<secret>os_v2_(?:app|org)_[a-z2-7]{103})${E}`,
    entropy: 3.5,
    validate: (s) => (isUuidV4(decodeBase32Lower(s.slice(10))) ? 'valid' : 'unknown'),
    severity: 'high',
    confidence: 'medium',
    get examples() {
      return {
        positives: [`ONESIGNAL_API_KEY="${fakeOneSignalKey(12102)}"`, `Authorization: Key ${fakeOneSignalKey(12103, 'org')}`],
        negatives: ['placeholder="os_v2_app_..."', `${fakeOneSignalKey(12104).slice(0, 80)}`, `os_v2_app_${'a'.repeat(103)}`],
      };
    },
  }),
  // https://documentation.onesignal.com/v9.0/docs/accounts-and-keys (legacy REST API key, "Authorization: Basic
  // <REST_API_KEY>"). Legacy keys are base64 of a UUID string (48 characters): checked.
  defineRule({
    id: 'onesignal-legacy-api-key',
    description: 'OneSignal legacy REST API / User Auth key (named as such)',
    keywords: ['onesignal'],
    // OneSignal, "Quick start API guide" (documentation.onesignal.com/reference/quick-start-api-
    // guide): the legacy REST API key goes in Authorization: Basic; its example is 48 base64
    // characters, a UUID's text in base64. unverified: the format is shown, not stated.
    regex: named(`onesignal${S}(?:rest${S}|user${S}auth${S}|app${S}auth${S})?(?:api${S})?key`, '[A-Za-z0-9+/]{48}', '(?![A-Za-z0-9+/=])'),
    ignoreCase: true,
    entropy: 3.5,
    gate: assignmentWithin(40),
    validate: (s) => (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(Buffer.from(s, 'base64').toString('latin1')) ? 'valid' : 'unknown'),
    severity: 'high',
    confidence: 'medium',
    get examples() {
      return {
        positives: [`ONESIGNAL_REST_API_KEY=${Buffer.from(fakeUuid(12105)).toString('base64')}`, `onesignal_api_key: "${fakeString(ALNUM, 48, 12106)}"`],
        negatives: ['ONESIGNAL_REST_API_KEY=YOUR_REST_API_KEY', `ONESIGNAL_APP_ID=${fakeUuid(12107)}`],
      };
    },
  }),
  // https://firebase.google.com/docs/cloud-messaging/auth-server (legacy protocols use a long-lived server key from
  // the console). unverified: the AAAA<7>:APA91b<134> shape is that of issued keys, not documented by Google.
  defineRule({
    id: 'fcm-legacy-server-key',
    description: 'Firebase Cloud Messaging legacy server key',
    keywords: [':APA91b'],
    keywordsCaseSensitive: true,
    regex: `${B}(?<secret>AAAA[A-Za-z0-9_\\-]{7}:APA91b[A-Za-z0-9_\\-]{134})(?![A-Za-z0-9_\\-])`,
    entropy: 4.0,
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [
          `FCM_SERVER_KEY=AAAA${fakeString(URLSAFE, 7, 12108)}:APA91b${fakeString(URLSAFE, 134, 12109)}`,
          `Authorization: key=AAAA${fakeString(URLSAFE, 7, 12110)}:APA91b${fakeString(URLSAFE, 134, 12111)}`,
        ],
        negatives: [
          `AAAA${fakeString(URLSAFE, 7, 12112)}:APA91b${fakeString(URLSAFE, 100, 12113)}`,
          `registration_id: APA91b${fakeString(URLSAFE, 134, 12114)}`,
        ],
      };
    },
  }),
  // https://developers.mattermost.com/integrate/reference/personal-access-token/ (personal access tokens, sent as a
  // Bearer token). unverified: 26 lower-case alphanumerics, the length of Mattermost's IDs.
  defineRule({
    id: 'mattermost-access-token',
    description: 'Mattermost personal access or bot token (named as such)',
    keywords: ['mattermost'],
    regex: named(`mattermost${S}(?:personal${S}|bot${S})?(?:access${S})?token`, '[a-z0-9]{26}'),
    ignoreCase: true,
    entropy: 3.5,
    gate: assignmentWithin(40),
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [`MATTERMOST_TOKEN=${fakeString(LOWER_ALNUM, 26, 12115)}`, `mattermost_bot_token: "${fakeString(LOWER_ALNUM, 26, 12116)}"`],
        negatives: [`MATTERMOST_TOKEN=${'x'.repeat(26)}`, `MATTERMOST_TOKEN=${fakeString(LOWER_ALNUM, 32, 12117)}`],
      };
    },
  }),
  // https://zulip.com/api/api-keys (a user's or bot's API key, in zuliprc or ZULIP_API_KEY).
  // unverified: 32 alphanumerics, as issued.
  defineRule({
    id: 'zulip-api-key',
    description: 'Zulip API key (named as such)',
    keywords: ['zulip'],
    regex: named(`zulip${S}(?:bot${S})?api${S}key`, '[A-Za-z0-9]{32}'),
    ignoreCase: true,
    entropy: 3.5,
    gate: assignmentWithin(40),
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [`ZULIP_API_KEY=${fakeString(ALNUM, 32, 12118)}`],
        negatives: ['api-key: ${{ secrets.ZULIP_API_KEY }}', `ZULIP_API_KEY=${fakeString(ALNUM, 20, 12119)}`],
      };
    },
  }),
  // https://developers.line.biz/en/docs/basics/channel-access-token/ (long-lived channel access tokens, Bearer).
  // unverified: 172 base64 characters (ending in one "="), the length of issued long-lived tokens.
  defineRule({
    id: 'line-channel-access-token',
    description: 'LINE Messaging API channel access token (named as such)',
    keywords: ['line_channel', 'line-channel', 'linechannel', 'line_access_token', 'line_messaging'],
    regex: named(`line${S}(?:messaging${S}(?:api${S})?)?(?:channel${S})?access${S}token`, '[A-Za-z0-9+/]{171}=', '(?![A-Za-z0-9+/=])'),
    ignoreCase: true,
    entropy: 4.5,
    gate: assignmentWithin(40),
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [`LINE_CHANNEL_ACCESS_TOKEN=${fakeString(ALNUM + '+/', 171, 12120)}=`],
        negatives: ['LINE_CHANNEL_ACCESS_TOKEN=YOUR_CHANNEL_ACCESS_TOKEN', `LINE_CHANNEL_ACCESS_TOKEN=${fakeString(ALNUM, 100, 12121)}=`],
      };
    },
  }),
  // https://developers.line.biz/en/docs/messaging-api/receiving-messages/#verify-signature (the channel secret
  // signs webhooks). unverified: 32 hex, as shown in the console.
  defineRule({
    id: 'line-channel-secret',
    description: 'LINE channel secret (named as such)',
    keywords: ['line_channel', 'line-channel', 'linechannel', 'line_messaging'],
    regex: named(`line${S}(?:messaging${S}(?:api${S})?)?channel${S}secret`, '[0-9a-f]{32}'),
    ignoreCase: true,
    entropy: 3.0,
    gate: assignmentWithin(40),
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [`LINE_CHANNEL_SECRET=${fakeString(HEX, 32, 12122)}`],
        negatives: [`LINE_CHANNEL_SECRET=${'0'.repeat(32)}`, 'LINE_CHANNEL_SECRET=<channel secret>'],
      };
    },
  }),
  // https://developer.okta.com/docs/guides/create-an-api-token/main/ (SSWS API tokens, "Authorization: SSWS
  // 00QCjAl4MlV-WPXM...0HmjFx-vbGua": "00" then URL-safe characters). unverified: 42 in all, as issued (the
  // docs' example is elided).
  defineRule({
    id: 'okta-api-token',
    description: 'Okta API token (SSWS header, or named as such)',
    keywords: ['ssws', 'okta'],
    regex: `(?:SSWS\\s{1,3}|okta${S}(?:api${S})?(?:token|key)${ASSIGN})(?<secret>00[A-Za-z0-9_\\-]{40})(?![A-Za-z0-9_\\-])`,
    ignoreCase: true,
    entropy: 3.5,
    severity: 'critical',
    confidence: 'low',
    get examples() {
      return {
        positives: [`-H "Authorization: SSWS 00${fakeString(URLSAFE, 40, 12123)}"`, `OKTA_API_TOKEN=00${fakeString(URLSAFE, 40, 12124)}`],
        negatives: [
          'Authorization: SSWS 00QCjAl4MlV-WPXM...0HmjFx-vbGua',
          `OKTA_API_TOKEN=00${fakeString(URLSAFE, 30, 12125)}`,
          `OKTA_CLIENT_ID=0oa${fakeString(ALNUM, 17, 12126)}`,
        ],
      };
    },
  }),
  // https://auth0.com/docs/get-started/applications/application-settings (Client Secret of an application, used
  // for client authentication) and https://auth0.com/docs/api/management/v2/clients/post-clients (its example
  // response: a client_secret of 64 URL-safe characters, a client_id of 32 letters and digits). Partly unverified:
  // no format is stated, and a secret supplied at creation may differ; the shape is that of the example.
  defineRule({
    id: 'auth0-client-secret',
    description: 'Auth0 application client secret (named as such)',
    keywords: ['auth0'],
    regex: named(`auth0${S}(?:app${S}|m2m${S}|mgmt${S}|management${S})?client${S}secret`, '[A-Za-z0-9_\\-]{64}', '(?![A-Za-z0-9_\\-])'),
    ignoreCase: true,
    entropy: 4.0,
    gate: assignmentWithin(40),
    severity: 'critical',
    confidence: 'medium',
    get examples() {
      return {
        positives: [
          `AUTH0_CLIENT_SECRET=${fakeString(URLSAFE, 64, 12127)}`,
          `auth0.clientSecret: '${fakeString(URLSAFE, 64, 12128)}'`,
          `AUTH0_M2M_CLIENT_SECRET="${fakeString(URLSAFE, 64, 12224)}"`,
        ],
        negatives: [
          "AUTH0_CLIENT_SECRET='YOUR_CLIENT_SECRET'",
          `AUTH0_CLIENT_ID=${fakeString(ALNUM, 32, 12129)}`,
          `AUTH0_CLIENT_SECRET=${'a'.repeat(64)}`,
          `AUTH0_CLIENT_SECRET=${'x'.repeat(64)}`,
          `AUTH0_CLIENT_SECRET=${fakeString(URLSAFE, 63, 12225)}`,
          `AUTH0_ISSUER_BASE_URL=https://${fakeString(LOWER_ALNUM, 10, 12226)}.us.auth0.com`,
        ],
      };
    },
  }),
  // https://stytch.com/docs/api-reference/consumer/api/getting-started (project secret for Basic auth; test and
  // live secrets start with "secret-test-" / "secret-live-"). unverified: 36 characters after the prefix, as issued.
  defineRule({
    id: 'stytch-secret',
    description: 'Stytch project secret',
    keywords: ['secret-test-', 'secret-live-'],
    regex: `(?<![A-Za-z0-9_\\-])(?<secret>secret-(?:test|live)-[A-Za-z0-9_=\\-]{36})(?![A-Za-z0-9_=\\-])`,
    entropy: 3.5,
    severity: 'critical',
    severityFor: (s) => (s.startsWith('secret-test-') ? 'medium' : 'critical'),
    confidence: 'low',
    get examples() {
      return {
        positives: [
          `STYTCH_SECRET=secret-live-${fakeString(URLSAFE, 35, 12130)}=`,
          `stytch.Client(project_id="project-test-${fakeUuid(12131)}", secret="secret-test-${fakeString(URLSAFE, 36, 12132)}")`,
        ],
        negatives: [
          'STYTCH_SECRET=secret-test-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
          'STYTCH_SECRET=secret-test-12345678901234567890abcdabcd',
          `my-secret-test-${fakeString(URLSAFE, 36, 12133)}`,
        ],
      };
    },
  }),
  // https://docs.kinde.com/developer-tools/about/using-kinde-without-an-sdk/ (back-end apps' client secret); the
  // format from Kinde's own SDK: kinde-oss/kinde-typescript-sdk lib/sdk/utilities/validate-client-secret.ts
  // (validateClientSecret, since 08f89c1 of March 2024: ^[a-zA-Z0-9]{40,60}$, checked before every token request).
  defineRule({
    id: 'kinde-client-secret',
    description: 'Kinde application client secret (named as such)',
    keywords: ['kinde'],
    regex: named(`kinde${S}(?:m2m${S})?client${S}secret`, '[A-Za-z0-9]{40,60}'),
    ignoreCase: true,
    entropy: 4.0,
    gate: assignmentWithin(40),
    severity: 'critical',
    confidence: 'medium',
    get examples() {
      return {
        positives: [
          `KINDE_CLIENT_SECRET=${fakeString(ALNUM, 47, 12134)}`,
          `KINDE_CLIENT_SECRET="${fakeString(ALNUM, 40, 12400)}"`,
          `kinde_m2m_client_secret: ${fakeString(ALNUM, 60, 12401)}`,
        ],
        negatives: [
          'KINDE_CLIENT_SECRET=<your_kinde_client_secret>',
          `KINDE_CLIENT_ID=${fakeString(HEX, 32, 12135)}`,
          `KINDE_CLIENT_SECRET=${fakeString(ALNUM, 39, 12402)}`,
          `KINDE_CLIENT_SECRET=${fakeString(ALNUM, 61, 12403)}`,
          `KINDE_CLIENT_SECRET=${fakeString(ALNUM, 24, 12404)}_${fakeString(ALNUM, 24, 12405)}`,
          `KINDE_CLIENT_SECRET=${'x'.repeat(50)}`,
        ],
      };
    },
  }),
  // https://fusionauth.io/docs/apis/authentication#api-key-authentication (API keys in the Authorization header).
  // unverified: 32 to 64 URL-safe characters (FusionAuth generates 64, and accepts supplied keys).
  defineRule({
    id: 'fusionauth-api-key',
    description: 'FusionAuth API key (named as such)',
    keywords: ['fusionauth'],
    regex: named(`fusionauth${S}(?:api${S})?key`, '[A-Za-z0-9_\\-]{32,64}', '(?![A-Za-z0-9_\\-])'),
    ignoreCase: true,
    entropy: 3.5,
    gate: assignmentWithin(40),
    severity: 'critical',
    confidence: 'low',
    get examples() {
      return {
        positives: [`FUSIONAUTH_API_KEY=${fakeString(URLSAFE, 64, 12136)}`],
        negatives: [`FUSIONAUTH_API_KEY=${'x'.repeat(64)}`, 'FUSIONAUTH_API_KEY=this_really_should_be_a_long_random_alphanumeric_value_but_this_still_works'],
      };
    },
  }),
  // https://www.keycloak.org/docs/latest/server_admin/#_client-credentials (confidential clients' client secret,
  // generated in the admin console). unverified: 32 alphanumerics, as generated.
  defineRule({
    id: 'keycloak-client-secret',
    description: 'Keycloak client secret (named as such)',
    keywords: ['keycloak'],
    regex: named(`keycloak${S}(?:client${S})?secret`, '[A-Za-z0-9]{32}'),
    ignoreCase: true,
    entropy: 3.5,
    gate: assignmentWithin(40),
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [`KEYCLOAK_CLIENT_SECRET=${fakeString(ALNUM, 32, 12137)}`, `keycloak.clientSecret: "${fakeString(ALNUM, 32, 12138)}"`],
        negatives: ['KEYCLOAK_CLIENT_SECRET=**********', `KEYCLOAK_CLIENT_SECRET=${fakeString(ALNUM, 20, 12139)}`],
      };
    },
  }),
  // https://dev.twitch.tv/docs/authentication/register-app/ (client secret of a registered app).
  // unverified: 30 lower-case alphanumerics, as issued.
  defineRule({
    id: 'twitch-client-secret',
    description: 'Twitch application client secret (named as such)',
    keywords: ['twitch'],
    regex: named(`twitch${S}(?:app${S})?client${S}secret`, '[a-z0-9]{30}'),
    ignoreCase: true,
    entropy: 3.5,
    gate: assignmentWithin(40),
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [`TWITCH_CLIENT_SECRET=${fakeString(LOWER_ALNUM, 30, 12140)}`],
        negatives: [`TWITCH_CLIENT_ID=${fakeString(LOWER_ALNUM, 30, 12141)}`, `TWITCH_CLIENT_SECRET=${'0'.repeat(30)}`],
      };
    },
  }),
  // https://dev.twitch.tv/docs/irc/authenticate-bot/ (PASS oauth:<access token>). The token: lower-case
  // alphanumerics, 28 in the examples of https://dev.twitch.tv/docs/authentication/getting-tokens-oauth/, 30 as issued.
  defineRule({
    id: 'twitch-oauth-token',
    description: 'Twitch chat (IRC) OAuth token ("oauth:" + access token)',
    keywords: ['oauth:'],
    regex: `(?<![A-Za-z0-9_])(?<secret>oauth:[a-z0-9]{28,30})${E}`,
    entropy: 3.5,
    severity: 'high',
    confidence: 'medium',
    get examples() {
      return {
        positives: [`TWITCH_OAUTH=oauth:${fakeString(LOWER_ALNUM, 30, 12142)}`, `PASS oauth:${fakeString(LOWER_ALNUM, 30, 12143)}`],
        negatives: ['PASS oauth:your_oauth_token', `PASS oauth:${fakeString(LOWER_ALNUM, 20, 12144)}`, `scope = "oauth:${'a'.repeat(30)}"`],
      };
    },
  }),
  // https://developers.facebook.com/docs/facebook-login/security/#appsecret (the App Secret, in the app dashboard).
  // unverified: 32 hex, as issued. Searched Meta's docs (facebook-login/security, graph-api/securing-requests) and
  // its own code (facebook/facebook-python-business-sdk, facebook-nodejs-business-sdk, facebook-for-woocommerce): what
  // the App Secret is for (app access tokens, the appsecret_proof HMAC), never its length or alphabet.
  defineRule({
    id: 'facebook-app-secret',
    description: 'Facebook / Meta app secret (named as such)',
    keywords: ['facebook', 'fb_app_secret', 'fb_secret', 'fb-app-secret', 'fbappsecret', 'fb_client_secret'],
    regex: named(`(?:facebook|fb)${S}(?:app${S}|client${S})?secret`, '[0-9a-f]{32}'),
    ignoreCase: true,
    entropy: 3.0,
    gate: assignmentWithin(40),
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [`FACEBOOK_APP_SECRET=${fakeString(HEX, 32, 12145)}`, `fb_app_secret: "${fakeString(HEX, 32, 12146)}"`],
        negatives: [`FACEBOOK_APP_ID=${fakeString(DIGITS, 15, 12147)}`, `FACEBOOK_APP_SECRET=${'0'.repeat(32)}`],
      };
    },
  }),
  // https://developers.facebook.com/docs/facebook-login/guides/access-tokens (user, Page and system-user access
  // tokens are opaque strings). unverified: issued Graph API tokens start with "EAA" and run 100+ alphanumerics.
  defineRule({
    id: 'facebook-access-token',
    description: 'Facebook / Meta Graph API access token (EAA...)',
    keywords: ['EAA'],
    keywordsCaseSensitive: true,
    regex: `(?<![A-Za-z0-9_+/\\-])(?<secret>EAA[A-Za-z0-9]{100,400})(?![A-Za-z0-9_+/=\\-])`,
    entropy: 4.5,
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [
          `FB_PAGE_ACCESS_TOKEN=EAA${fakeString(ALNUM, 180, 12148)}`,
          `graph.facebook.com/me?access_token=EAA${fakeString(ALNUM, 120, 12149)}&fields=id`,
        ],
        negatives: [`EAA${fakeString(ALNUM, 40, 12150)}`, `data:font/woff2;base64,AAEAA${fakeString(ALNUM, 150, 12151)}+AAA`, `EAA${'A'.repeat(150)}`],
      };
    },
  }),
  // https://developers.facebook.com/docs/instagram-platform/reference/access_token (Instagram User access tokens).
  // unverified: issued tokens start with "IGQV" (Basic Display) or "IGAA" (Instagram API with Instagram Login).
  // Meta's references (instagram-platform/reference/access_token, refresh_access_token) call the token a "Numeric
  // string" and their truncated examples share no prefix (IGQVJ..., lZAfb2dhVW..., F4RVB...): no format stated.
  defineRule({
    id: 'instagram-access-token',
    description: 'Instagram user access token (IGQV... / IGAA...)',
    keywords: ['IGQV', 'IGAA'],
    keywordsCaseSensitive: true,
    regex: `(?<![A-Za-z0-9_+/\\-])(?<secret>IG(?:QV|AA)[A-Za-z0-9_\\-]{100,300})(?![A-Za-z0-9_+/=\\-])`,
    entropy: 4.5,
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [`INSTAGRAM_ACCESS_TOKEN=IGQV${fakeString(URLSAFE, 160, 12152)}`, `"access_token": "IGAA${fakeString(URLSAFE, 140, 12153)}"`],
        negatives: [`IGQV${fakeString(URLSAFE, 50, 12154)}`, `/9j/4AAQSkZJRgABIGAA${fakeString(ALNUM, 150, 12155)}/`],
      };
    },
  }),
  // https://developer.x.com/en/docs/authentication/oauth-2-0/bearer-tokens (app-only Bearer Token; the example in
  // X's docs: 21 "A"s, then URL-encoded base64 with %2B/%2F/%3D). A value without any %-escape is dropped.
  defineRule({
    id: 'twitter-bearer-token',
    description: 'Twitter / X app-only bearer token',
    keywords: ['AAAAAAAAAAAAAAAAAAAAA'],
    keywordsCaseSensitive: true,
    regex: `(?<![A-Za-z0-9_+/%\\-])(?<secret>AAAAAAAAAAAAAAAAAAAAA[A-Za-z0-9%]{60,140})(?![A-Za-z0-9_+/=%\\-])`,
    entropy: 3.5,
    validate: (s) => (/%(?:2B|2F|3D)/.test(s) ? 'unknown' : 'invalid'),
    severity: 'high',
    confidence: 'medium',
    get examples() {
      const t = (seed: number): string =>
        `AAAAAAAAAAAAAAAAAAAAA${fakeString(ALNUM, 12, seed)}%2B${fakeString(ALNUM, 40, seed + 1)}%3D${fakeString(ALNUM, 40, seed + 2)}`;
      return {
        positives: [`TWITTER_BEARER_TOKEN=${t(12156)}`, `Authorization: Bearer ${t(12159)}`],
        negatives: [`data = "AAAAAAAAAAAAAAAAAAAAA${fakeString(ALNUM, 100, 12162)}"`, `AAAAAAAAAAAAAAAAAAAAA${fakeString(ALNUM, 30, 12163)}%3D`],
      };
    },
  }),
  // https://docs.x.com/fundamentals/authentication/oauth-1-0a/authorizing-a-request (consumer key and secret; the
  // example key there has 22 alphanumerics, the example secret 41; issued ones run to 25 and 50).
  defineRule({
    id: 'twitter-api-secret',
    description: 'Twitter / X API (consumer) secret (named as such)',
    keywords: ['twitter'],
    regex: named(`twitter${S}(?:api${S}|consumer${S}|app${S})(?:key${S})?secret`, '[A-Za-z0-9]{41,50}'),
    ignoreCase: true,
    entropy: 4.0,
    gate: assignmentWithin(40),
    severity: 'high',
    confidence: 'medium',
    get examples() {
      return {
        positives: [`TWITTER_API_SECRET=${fakeString(ALNUM, 50, 12164)}`, `twitter_consumer_secret: "${fakeString(ALNUM, 45, 12165)}"`],
        negatives: ['TWITTER_API_SECRET=your-twitter-api-secret-goes-here', `TWITTER_API_SECRET=${fakeString(ALNUM, 30, 12166)}`],
      };
    },
  }),
  // https://docs.x.com/fundamentals/authentication/oauth-1-0a/authorizing-a-request (oauth_consumer_key: 22
  // alphanumerics in the example; issued keys 25).
  defineRule({
    id: 'twitter-api-key',
    description: 'Twitter / X API (consumer) key (named as such)',
    keywords: ['twitter'],
    regex: named(`twitter${S}(?:api|consumer)${S}key`, '[A-Za-z0-9]{22,25}'),
    ignoreCase: true,
    entropy: 3.5,
    gate: assignmentWithin(40),
    severity: 'medium',
    confidence: 'medium',
    get examples() {
      return {
        positives: [`TWITTER_API_KEY=${fakeString(ALNUM, 25, 12167)}`, `twitter.consumerKey = '${fakeString(ALNUM, 22, 12168)}'`],
        negatives: [`TWITTER_API_KEY=${fakeString(ALNUM, 40, 12169)}`, 'TWITTER_API_KEY=${TWITTER_KEY}'],
      };
    },
  }),
  // https://docs.x.com/fundamentals/authentication/oauth-1-0a/authorizing-a-request (oauth_token: the user's
  // numeric id, "-", then alphanumerics, as in the example there).
  defineRule({
    id: 'twitter-access-token',
    description: 'Twitter / X OAuth 1.0a user access token (named as such)',
    keywords: ['twitter'],
    regex: named(`twitter${S}(?:oauth${S})?access${S}token`, '[0-9]{1,20}-[A-Za-z0-9]{20,50}'),
    ignoreCase: true,
    entropy: 3.5,
    gate: assignmentWithin(40),
    severity: 'high',
    confidence: 'medium',
    get examples() {
      return {
        positives: [`TWITTER_ACCESS_TOKEN=${fakeString(DIGITS, 18, 12170)}-${fakeString(ALNUM, 40, 12171)}`],
        negatives: ['TWITTER_ACCESS_TOKEN=1234567890-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', `TWITTER_ACCESS_TOKEN=${fakeString(ALNUM, 40, 12172)}`],
      };
    },
  }),
  // https://docs.x.com/fundamentals/authentication/oauth-1-0a/authorizing-a-request (oauth_token_secret, 41
  // alphanumerics in the example; issued ones 45).
  defineRule({
    id: 'twitter-access-token-secret',
    description: 'Twitter / X OAuth 1.0a access token secret (named as such)',
    keywords: ['twitter'],
    regex: named(`twitter${S}(?:oauth${S})?access${S}(?:token${S})?secret`, '[A-Za-z0-9]{41,45}'),
    ignoreCase: true,
    entropy: 4.0,
    gate: assignmentWithin(40),
    severity: 'high',
    confidence: 'medium',
    get examples() {
      return {
        positives: [`TWITTER_ACCESS_TOKEN_SECRET=${fakeString(ALNUM, 45, 12173)}`, `twitter_access_secret: '${fakeString(ALNUM, 41, 12174)}'`],
        negatives: [`TWITTER_ACCESS_TOKEN_SECRET=${'a'.repeat(45)}`, `TWITTER_ACCESS_TOKEN_SECRET=${fakeString(ALNUM, 30, 12175)}`],
      };
    },
  }),
  // https://learn.microsoft.com/en-us/linkedin/shared/authentication/authorization-code-flow (client secret of a
  // LinkedIn app). unverified: current secrets are "WPL_AP1." + 16 alphanumerics + "." + 6 base64 + "==", as issued.
  defineRule({
    id: 'linkedin-client-secret',
    description: 'LinkedIn application client secret (WPL_AP1. format)',
    keywords: ['WPL_AP1.'],
    keywordsCaseSensitive: true,
    regex: `${B}(?<secret>WPL_AP1\\.[A-Za-z0-9]{16}\\.[A-Za-z0-9+/]{6}==)(?![A-Za-z0-9+/=])`,
    entropy: 3.5,
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [
          `LINKEDIN_CLIENT_SECRET=WPL_AP1.${fakeString(ALNUM, 16, 12176)}.${fakeString(ALNUM, 6, 12177)}==`,
          `clientSecret: "WPL_AP1.${fakeString(ALNUM, 16, 12178)}.${fakeString(ALNUM + '+/', 6, 12179)}=="`,
        ],
        negatives: ['placeholder="e.g. WPL_AP1.xxxxxxxx..."', `WPL_AP1.${fakeString(ALNUM, 10, 12180)}.${fakeString(ALNUM, 6, 12181)}==`],
      };
    },
  }),
  // https://learn.microsoft.com/en-us/linkedin/shared/authentication/authorization-code-flow (client secret).
  // unverified: legacy secrets are 16 alphanumerics, as issued. Searched LinkedIn's docs (authorization-code-flow,
  // application-secret-management) and its own client (linkedin-developers/linkedin-api-js-client lib/auth.ts): the
  // secret is an opaque string there, neither the legacy nor the WPL_AP1. shape is described.
  defineRule({
    id: 'linkedin-legacy-client-secret',
    description: 'LinkedIn application client secret, legacy 16-character format (named as such)',
    keywords: ['linkedin'],
    regex: named(`linkedin${S}(?:oauth2?${S})?(?:client${S})?secret`, '[A-Za-z0-9]{16}'),
    ignoreCase: true,
    entropy: 3.0,
    gate: assignmentWithin(40),
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [`LINKEDIN_CLIENT_SECRET=${fakeString(ALNUM, 16, 12182)}`],
        negatives: [`LINKEDIN_CLIENT_ID=${fakeString(LOWER_ALNUM, 14, 12183)}`, 'LINKEDIN_CLIENT_SECRET=xxxxxxxxxxxxxxxx'],
      };
    },
  }),
  // https://github.com/reddit-archive/reddit/wiki/OAuth2 (Reddit's OAuth2 guide: client id and secret of an app); the
  // format from Reddit's own code: reddit-archive/reddit r2/r2/models/token.py (OAuth2Client._new: the secret is
  // generate_token(client_secret_size = 20), urlsafe_b64encode of 20 random bytes, "=" stripped: 27 URL-safe
  // base64 characters). Partly unverified: that code stops in 2017; 28 to 30 characters are kept as issued since.
  defineRule({
    id: 'reddit-client-secret',
    description: 'Reddit application client secret (named as such)',
    keywords: ['reddit'],
    regex: named(`reddit${S}(?:app${S}|api${S})?(?:client${S})?secret`, '[A-Za-z0-9_\\-]{27,30}', '(?![A-Za-z0-9_\\-])'),
    ignoreCase: true,
    entropy: 3.5,
    gate: assignmentWithin(40),
    severity: 'high',
    confidence: 'medium',
    get examples() {
      return {
        positives: [
          `REDDIT_CLIENT_SECRET=${fakeString(URLSAFE, 27, 12184)}`,
          `reddit_secret: "${fakeString(URLSAFE, 30, 12185)}"`,
          `reddit_app_secret = '${base64url(fakeString(ALNUM, 20, 12410))}'`,
        ],
        negatives: [
          `REDDIT_CLIENT_ID=${fakeString(URLSAFE, 22, 12186)}`,
          'REDDIT_CLIENT_SECRET=your_reddit_secret',
          `REDDIT_CLIENT_SECRET=${fakeString(URLSAFE, 26, 12411)}`,
          `REDDIT_CLIENT_SECRET=${fakeString(URLSAFE, 31, 12412)}`,
          `REDDIT_CLIENT_SECRET=${fakeString(ALNUM, 13, 12413)}+${fakeString(ALNUM, 13, 12414)}`,
          `REDDIT_CLIENT_SECRET=${'x'.repeat(27)}`,
        ],
      };
    },
  }),
  // https://github.com/matrix-org/synapse/pull/5588 (Synapse access tokens: "syt_<base64 local part>_<random
  // string>_<base62 crc check>", 20 random letters; refresh tokens "syr_" likewise): the CRC32 is checked.
  defineRule({
    id: 'matrix-synapse-token',
    description: 'Matrix (Synapse) access or refresh token',
    keywords: ['syt_', 'syr_'],
    regex: `${B}(?<secret>sy[tr]_[A-Za-z0-9+/]{2,128}_[A-Za-z]{20}_[0-9A-Za-z]{6})${E}`,
    validate: (s) => (matrixTokenValid(s) ? 'valid' : 'invalid'),
    validatedAs: 'checksum verified',
    packed: '(?<secret>sy[tr]_[A-Za-z0-9+/]{2,128}_[A-Za-z]{20}_[0-9A-Za-z]{6})',
    severity: 'high',
    confidence: 'high',
    get examples() {
      return {
        positives: [`MATRIX_ACCESS_TOKEN=${fakeMatrixToken(12187)}`, `"refresh_token": "${fakeMatrixToken(12189, 'syr')}"`],
        negatives: [`MATRIX_ACCESS_TOKEN=${fakeMatrixToken(12191).slice(0, -6)}AAAAAA`, `syt_${'x'.repeat(8)}_${'x'.repeat(20)}_${'x'.repeat(6)}`],
      };
    },
  }),
  // https://docs.ntfy.sh/config/#access-tokens and https://docs.ntfy.sh/publish/#access-tokens (access tokens:
  // "tk_" + 29 alphanumerics in the docs' example, "Authorization: Bearer tk_...").
  defineRule({
    id: 'ntfy-access-token',
    description: 'ntfy access token',
    keywords: ['tk_'],
    keywordsCaseSensitive: true,
    // ntfy (binwiederhier/ntfy user/util.go): GenerateToken is tk_ + 29 of lower-case letters and
    // digits (lower case "to support <topic>+<token>@<domain> e-mail addresses"); ValidToken
    // takes either case. A body with capitals (none ntfy issued) and no digit (1 random body in
    // 170) that reads even loosely as words (1 in 100) is an identifier: tk_MacOSXGetCGContextForDrawable.
    regex: `${B}(?<secret>tk_[A-Za-z0-9]{29})${E}`,
    entropy: 3.5,
    validate: (s) => (/[A-Z]/.test(s) && !/[0-9]/.test(s) && randomChance(s.slice(3)) < 0.01 ? 'invalid' : 'unknown'),
    severity: 'medium',
    confidence: 'medium',
    get examples() {
      return {
        positives: [`NTFY_TOKEN=tk_${fakeString(ALNUM, 29, 12193)}`, `curl -H "Authorization: Bearer tk_${fakeString(ALNUM, 29, 12194)}" ntfy.sh/alerts`],
        negatives: [
          'NTFY_TOKEN=tk_your_token_here',
          `tk_${fakeString(ALNUM, 20, 12195)}`,
          `self.tk_${fakeString(ALNUM, 29, 12196)}x = 1`,
          '    void * (*tk_MacOSXGetCGContextForDrawable) (Drawable drawable);',
        ],
      };
    },
  }),
  // https://pushover.net/api (application API tokens and user/group keys). unverified: 30 case-sensitive
  // alphanumerics, as issued (and as Pushover client libraries validate); not stated on the API page.
  defineRule({
    id: 'pushover-token',
    description: 'Pushover application API token or user key (named as such)',
    keywords: ['pushover'],
    regex: named(`pushover${S}(?:app(?:lication)?${S}|api${S}|user${S}|group${S})?(?:token|key)`, '[A-Za-z0-9]{30}'),
    ignoreCase: true,
    entropy: 3.5,
    gate: assignmentWithin(40),
    severity: 'medium',
    confidence: 'low',
    get examples() {
      return {
        positives: [`PUSHOVER_APP_TOKEN=${fakeString(ALNUM, 30, 12197)}`, `pushover_user_key: "${fakeString(ALNUM, 30, 12198)}"`],
        negatives: [`PUSHOVER_APP_TOKEN=${fakeString(ALNUM, 25, 12199)}`, 'PUSHOVER_USER_KEY=<your user key>'],
      };
    },
  }),
  // https://developers.klaviyo.com/en/docs/retrieve_api_credentials ("Private keys will have the prefix pk_ followed
  // by a longer alphanumeric string"; sent as "Authorization: Klaviyo-API-Key ..."). The 34-hex body is that of
  // issued keys; only where Klaviyo is named (pk_ is common).
  defineRule({
    id: 'klaviyo-private-api-key',
    context: true,
    description: 'Klaviyo private API key (in a file that mentions Klaviyo)',
    keywords: ['klaviyo'],
    regex: `${B}(?<secret>pk_[0-9a-f]{34})${E}`,
    entropy: 3.0,
    severity: 'high',
    confidence: 'medium',
    get examples() {
      return {
        positives: [
          `KLAVIYO_PRIVATE_API_KEY=pk_${fakeString(HEX, 34, 12200)}`,
          `headers: { Authorization: "Klaviyo-API-Key pk_${fakeString(HEX, 34, 12201)}" }`,
        ],
        negatives: ['KLAVIYO_PRIVATE_API_KEY=pk_your_klaviyo_private_key_here', `KLAVIYO_PRIVATE_API_KEY=pk_${fakeString(HEX, 30, 12202)}`],
      };
    },
  }),
  // https://developer.nylas.com/docs/v3/auth/ (v3 API keys, Bearer). unverified: "nyk_v0_" + 64 alphanumerics, as issued.
  defineRule({
    id: 'nylas-api-key',
    description: 'Nylas v3 API key',
    keywords: ['nyk_v0_'],
    regex: `${B}(?<secret>nyk_v0_[A-Za-z0-9]{64})${E}`,
    entropy: 4.0,
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [`NYLAS_API_KEY=nyk_v0_${fakeString(ALNUM, 64, 12203)}`],
        negatives: ['NYLAS_API_KEY="nyk_v0_your-api-key"', `NYLAS_API_KEY=nyk_v0_${'x'.repeat(64)}`],
      };
    },
  }),
  // https://developers.smtp2go.com/docs/getting-started (API keys in the X-Smtp2go-Api-Key header; "API Keys are 32
  // characters long with an api- prefix followed by 32 generated characters", read as api- + 32). Only where
  // SMTP2GO is named ("api-" is everywhere). Partly unverified: the alphabet, upper-case hex as issued.
  defineRule({
    id: 'smtp2go-api-key',
    context: true,
    description: 'SMTP2GO API key (in a file that mentions SMTP2GO)',
    keywords: ['smtp2go'],
    regex: `${B}(?<secret>api-[0-9A-F]{32})${E}`,
    entropy: 3.0,
    severity: 'high',
    confidence: 'medium',
    get examples() {
      const upperHex = '0123456789ABCDEF';
      return {
        positives: [
          `SMTP2GO_API_KEY=api-${fakeString(upperHex, 32, 12204)}`,
          `curl https://api.smtp2go.com/v3/email/send -H "X-Smtp2go-Api-Key: api-${fakeString(upperHex, 32, 12214)}"`,
        ],
        negatives: [
          'SMTP2GO_API_KEY=api-XXXXXXXXXXXXXXXX',
          `SMTP2GO_API_KEY=api-${'0'.repeat(32)}`,
          `SMTP2GO_API_KEY=api-${fakeString(HEX, 32, 12205)}`,
          `SMTP2GO_API_KEY=api-${fakeString(upperHex, 31, 12215)}`,
          `SMTP2GO_API_KEY=api-${fakeString(upperHex, 40, 12216)}`,
        ],
      };
    },
  }),
  // https://blueskyweb.xyz/blog/8-28-2023-app-passwords (app passwords) and
  // https://github.com/bluesky-social/atproto-ecosystem/blob/main/app-passwords.md ("App passwords are of
  // the form xxxx-xxxx-xxxx-xxxx": four groups of four, joined by dashes). Partly unverified: the alphabet,
  // lower-case letters and digits as issued.
  defineRule({
    id: 'bluesky-app-password',
    description: 'Bluesky app password (named as such)',
    keywords: ['bluesky', 'bsky'],
    regex: named(`(?:bluesky|bsky)${S}(?:app${S})?password`, '[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}', '(?![A-Za-z0-9\\-])'),
    ignoreCase: true,
    entropy: 3.0,
    gate: assignmentWithin(40),
    severity: 'high',
    confidence: 'medium',
    get examples() {
      const p = (seed: number): string => fakeString(LOWER_ALNUM, 16, seed).replace(/(.{4})(?=.)/g, '$1-');
      return {
        positives: [`BLUESKY_APP_PASSWORD=${p(12206)}`, `bsky_password: "${p(12207)}"`, `BSKY_APP_PASSWORD='${p(12210)}'`],
        negatives: [
          'BLUESKY_APP_PASSWORD=xxxx-xxxx-xxxx-xxxx',
          'BLUESKY_APP_PASSWORD=aaaa-aaaa-aaaa-aaaa',
          `BLUESKY_APP_PASSWORD=${p(12211)}-${fakeString(LOWER_ALNUM, 4, 12212)}`,
          `bsky_app_password: "${fakeUuid(12213)}"`,
        ],
      };
    },
  }),
];
