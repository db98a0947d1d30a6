import type { Detector } from '../../types.js';
import { defineRule } from '../define.js';
import { assignmentWithin, followedBy } from '../gates.js';
import { hasSequentialRun } from '../heuristics.js';
import { ALNUM, B64, fakeString, fakeToken, fakeUuid, HEX, LOWER_ALNUM, UPPER_ALNUM, URLSAFE } from '../fake.js';
import { ASSIGN, B, E, named, UUID } from '../regex-parts.js';
import { jwtClaims } from '../json-segment.js';

/*
 * Cloud and infrastructure providers: keys and tokens of cloud platforms, CDNs, hosting and
 * infrastructure tools. Each rule cites, in the comment above it, where the provider describes
 * the format. Prefixed formats stand alone; prefix-less ones are taken only where the
 * provider's name is part of the name they are assigned to. Every example is generated here
 * from a seed (11000-11999): no key-shaped literal sits in this file.
 */

/** Base64 boundaries: a key inside a longer base64 run is not that key. */
const B64B = '(?<![A-Za-z0-9+/])';
const B64E = '(?![A-Za-z0-9+/=])';
const SEP = '[_\\-.]?';
/** A kubeconfig's own marks: its kind, or its users list (YAML or JSON). */
const KUBECONFIG = /(?:^|\n)kind:[ \t]*Config\b|(?:^|\n)users:|"kind"[ \t]*:[ \t]*"Config"|"users"[ \t]*:/;
/** Kubernetes' and Rancher's random-name alphabet (lower-case consonants and 2, 4-9: no vowels, 0, 1 or 3). */
const RANCHER = 'bcdfghjklmnpqrstvwxz2456789';

/*
 * Azure "identifiable keys" (Microsoft, microsoft/security-utilities: IdentifiableMetadata.cs
 * and PreciselyClassifiedSecurityKeys/*.cs, https://github.com/microsoft/security-utilities):
 * base64 keys with a fixed 4-character service signature at a fixed offset, then a checksum
 * (Marvin32, seeded per key kind; not recomputed here). 64-byte keys: 76 base64, signature,
 * 5 base64, one of A Q g w, "==" (88 characters). 32-byte keys: 33 base64, signature, one of
 * A-P, 5 base64, "=" (44 characters).
 */
function azure64(signature: string, seed: number): string {
  return `${fakeString(B64, 76, seed)}${signature}${fakeString(B64, 5, seed + 500)}Q==`;
}
function azure32(signature: string, seed: number): string {
  return `${fakeString(B64, 33, seed)}${signature}${'ABCDEFGHIJKLMNOP'[seed % 16]}${fakeString(B64, 5, seed + 500)}=`;
}
function azure64Regex(signature: string): string {
  return `${B64B}(?<secret>[A-Za-z0-9+/]{76}${signature.replace('+', '\\+')}[A-Za-z0-9+/]{5}[AQgw]==)${B64E}`;
}
function azure32Regex(signature: string): string {
  return `${B64B}(?<secret>[A-Za-z0-9+/]{33}${signature.replace('+', '\\+')}[A-P][A-Za-z0-9+/]{5}=)${B64E}`;
}

/*
 * Microsoft's legacy Common Annotated Security Key (CASK) access keys (microsoft/security-
 * utilities, LegacyCommonAnnotatedSecurityAccessKey.cs and LegacyCaskProviderSignatures.cs;
 * https://devblogs.microsoft.com/engineering-at-microsoft/common-annotated-security-keys/):
 * 84 base62 characters: 52 random, the fixed signature JQQJ99, a base62 character, one of
 * A-L, 12 platform characters, 4 provider characters, a 4-character provider signature, 4
 * more; long-form keys add 2 characters and "==".
 */
function cask(providerSignature: string, seed: number, providerData = 'AAAA'): string {
  return `${fakeString(ALNUM, 52, seed)}JQQJ99${fakeString(ALNUM, 1, seed + 1)}B${fakeString(ALNUM, 12, seed + 2)}${providerData}${providerSignature}${fakeString(ALNUM, 4, seed + 3)}`;
}
function caskRegex(providerSignature: string, longForm = true): string {
  return `(?<![A-Za-z0-9])(?<secret>[A-Za-z0-9]{52}JQQJ99[A-Za-z0-9][A-L][A-Za-z0-9]{16}${providerSignature}[A-Za-z0-9]{4}${longForm ? '(?:[A-Za-z0-9]{2}==)?' : ''})(?![A-Za-z0-9+/=])`;
}

/**
 * The QStash dev server's test users (upstash/qstash-js src/dev-server/constants.ts, upstash/docs
 * qstash/howto/local-development.mdx): their tokens are public, not secrets.
 */
const QSTASH_DEV_USERS = new Set(['defaultUser', 'testUser1', 'testUser2', 'testUser3']);
function isQstashDevUser(token: string): boolean {
  if (!token.startsWith('eyJ')) return false;
  try {
    const claims: unknown = JSON.parse(Buffer.from(token, 'base64').toString('utf8'));
    return typeof claims === 'object' && claims !== null && QSTASH_DEV_USERS.has(String((claims as { UserID?: unknown }).UserID));
  } catch {
    return false;
  }
}

/* bech32 (BIP-173), for age identities. */
const BECH32 = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
function bech32Polymod(values: number[]): number {
  const GEN = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
  let chk = 1;
  for (const v of values) {
    const top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk ^= GEN[i] as number;
  }
  return chk >>> 0;
}
function bech32HrpExpand(hrp: string): number[] {
  const out: number[] = [];
  for (const c of hrp) out.push(c.charCodeAt(0) >> 5);
  out.push(0);
  for (const c of hrp) out.push(c.charCodeAt(0) & 31);
  return out;
}
function bech32Valid(s: string): boolean {
  const lower = s.toLowerCase();
  const sep = lower.lastIndexOf('1');
  if (sep < 1) return false;
  const data: number[] = [];
  for (const c of lower.slice(sep + 1)) {
    const v = BECH32.indexOf(c);
    if (v === -1) return false;
    data.push(v);
  }
  return bech32Polymod([...bech32HrpExpand(lower.slice(0, sep)), ...data]) === 1;
}
function fakeAgeKey(seed: number): string {
  const hrp = 'age-secret-key-';
  const data = [...fakeString(BECH32, 52, seed)].map((c) => BECH32.indexOf(c));
  const mod = bech32Polymod([...bech32HrpExpand(hrp), ...data, 0, 0, 0, 0, 0, 0]) ^ 1;
  const checksum = [0, 1, 2, 3, 4, 5].map((i) => (mod >>> (5 * (5 - i))) & 31);
  return `${hrp}1${[...data, ...checksum].map((v) => BECH32[v]).join('')}`.toUpperCase();
}

function fakeKubernetesToken(seed: number, bound: boolean): string {
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const ns = fakeString('abcdefghijklmnopqrstuvwxyz', 8, seed);
  const payload = bound
    ? {
        aud: ['https://kubernetes.default.svc.cluster.local'],
        exp: 1900000000,
        iat: 1700000000,
        iss: 'https://kubernetes.default.svc.cluster.local',
        'kubernetes.io': { namespace: ns, serviceaccount: { name: 'deployer', uid: fakeUuid(seed + 1) } },
        sub: `system:serviceaccount:${ns}:deployer`,
      }
    : {
        iss: 'kubernetes/serviceaccount',
        'kubernetes.io/serviceaccount/namespace': ns,
        'kubernetes.io/serviceaccount/secret.name': 'deployer-token-x1y2z',
        'kubernetes.io/serviceaccount/service-account.name': 'deployer',
        sub: `system:serviceaccount:${ns}:deployer`,
      };
  return `${b64({ alg: 'RS256', kid: fakeString(URLSAFE, 43, seed + 2) })}.${b64(payload)}.${fakeString(URLSAFE, 342, seed + 3)}`;
}

function fakePemBase64(seed: number): string {
  const body = fakeString(B64, 64, seed);
  return Buffer.from(`-----BEGIN RSA PRIVATE KEY-----\n${body}\n${body}\n-----END RSA PRIVATE KEY-----\n`).toString('base64');
}

export const cloudRules = (): readonly Detector[] => [
  // --- Azure identifiable keys (microsoft/security-utilities, see above) ---
  // https://github.com/microsoft/security-utilities/blob/main/src/Microsoft.Security.Utilities.Core/PreciselyClassifiedSecurityKeys/SEC101_152_AzureStorageAccountIdentifiableKey.cs
  defineRule({
    id: 'azure-storage-identifiable-key',
    description: 'Azure Storage account key (identifiable format, +ASt signature)',
    keywords: ['+ASt'],
    keywordsCaseSensitive: true,
    regex: azure64Regex('+ASt'),
    severity: 'critical',
    confidence: 'high',
    get examples() {
      return {
        positives: [`AZURE_STORAGE_KEY=${azure64('+ASt', 11000)}`, `"key": "${azure64('+ASt', 11001)}"`],
        negatives: [`key=${fakeString(B64, 86, 11002)}==`, `x${azure64('+ASt', 11003)}`.replace('Q==', 'B=='), `${'A'.repeat(76)}+ASt${'A'.repeat(5)}A==`],
      };
    },
  }),
  // https://github.com/microsoft/security-utilities/blob/main/src/Microsoft.Security.Utilities.Core/PreciselyClassifiedSecurityKeys/SEC101_160_AzureCosmosDbIdentifiableKey.cs
  defineRule({
    id: 'azure-cosmosdb-identifiable-key',
    description: 'Azure Cosmos DB key (identifiable format, ACDb signature)',
    keywords: ['ACDb'],
    keywordsCaseSensitive: true,
    regex: azure64Regex('ACDb'),
    severity: 'critical',
    confidence: 'high',
    get examples() {
      return {
        positives: [`AccountEndpoint=https://acct.documents.azure.com:443/;AccountKey=${azure64('ACDb', 11004)};`, `COSMOS_KEY="${azure64('ACDb', 11005)}"`],
        negatives: [`COSMOS_KEY="${fakeString(B64, 76, 11006)}ACDb${fakeString(B64, 5, 11007)}B=="`, `${fakeString(B64, 70, 11008)}ACDb==`],
      };
    },
  }),
  // https://github.com/microsoft/security-utilities/blob/main/src/Microsoft.Security.Utilities.Core/PreciselyClassifiedSecurityKeys/SEC101_163_AzureBatchIdentifiableKey.cs
  defineRule({
    id: 'azure-batch-identifiable-key',
    description: 'Azure Batch account key (identifiable format, +ABa signature)',
    keywords: ['+ABa'],
    keywordsCaseSensitive: true,
    regex: azure64Regex('+ABa'),
    severity: 'high',
    confidence: 'high',
    get examples() {
      return {
        positives: [`BATCH_ACCOUNT_KEY=${azure64('+ABa', 11009)}`],
        negatives: [`BATCH_ACCOUNT_KEY=${fakeString(B64, 40, 11010)}+ABa${fakeString(B64, 5, 11011)}Q==`, `${azure64('+ABa', 11012)}x`],
      };
    },
  }),
  // https://github.com/microsoft/security-utilities/blob/main/src/Microsoft.Security.Utilities.Core/PreciselyClassifiedSecurityKeys/SEC101_182_AzureApimIdentifiableSubscriptionKey.cs
  defineRule({
    id: 'azure-apim-identifiable-key',
    description: 'Azure API Management subscription, gateway or repository key (identifiable format, APIM signature)',
    keywords: ['APIM'],
    keywordsCaseSensitive: true,
    regex: azure64Regex('APIM'),
    severity: 'high',
    confidence: 'high',
    get examples() {
      return {
        positives: [`Ocp-Apim-Subscription-Key: ${azure64('APIM', 11013)}`],
        negatives: ['APIM_SUBSCRIPTION_KEY=${APIM_KEY}', `${fakeString(B64, 76, 11014)}APIM${fakeString(B64, 5, 11015)}Z==`],
      };
    },
  }),
  // https://github.com/microsoft/security-utilities/blob/main/src/Microsoft.Security.Utilities.Core/PreciselyClassifiedSecurityKeys/SEC101_170_AzureMLWebServiceClassicIdentifiableKey.cs
  defineRule({
    id: 'azure-ml-classic-identifiable-key',
    description: 'Azure ML web service (classic) key (identifiable format, +AMC signature)',
    keywords: ['+AMC'],
    keywordsCaseSensitive: true,
    regex: azure64Regex('+AMC'),
    severity: 'high',
    confidence: 'high',
    get examples() {
      return {
        positives: [`api_key = "${azure64('+AMC', 11016)}"`],
        negatives: [`api_key = "${fakeString(B64, 75, 11017)}+AMC${fakeString(B64, 5, 11018)}Q=="`, `a+AMC${fakeString(B64, 40, 11019)}`],
      };
    },
  }),
  // https://github.com/microsoft/security-utilities/blob/main/src/Microsoft.Security.Utilities.Core/PreciselyClassifiedSecurityKeys/SEC101_171_AzureServiceBusIdentifiableKey.cs
  defineRule({
    id: 'azure-service-bus-identifiable-key',
    description: 'Azure Service Bus shared access key (identifiable format, +ASb signature)',
    keywords: ['+ASb'],
    keywordsCaseSensitive: true,
    regex: azure32Regex('+ASb'),
    severity: 'high',
    confidence: 'high',
    get examples() {
      return {
        positives: [`SharedAccessKey=${azure32('+ASb', 11020)}`, `"primaryKey": "${azure32('+ASb', 11021)}"`],
        negatives: [`SharedAccessKey=${fakeString(B64, 33, 11022)}+ASbZ${fakeString(B64, 5, 11023)}=`, `SharedAccessKey=${fakeString(B64, 43, 11024)}=`],
      };
    },
  }),
  // https://github.com/microsoft/security-utilities/blob/main/src/Microsoft.Security.Utilities.Core/PreciselyClassifiedSecurityKeys/SEC101_172_AzureEventHubIdentifiableKey.cs
  defineRule({
    id: 'azure-event-hub-identifiable-key',
    description: 'Azure Event Hubs shared access key (identifiable format, +AEh signature)',
    keywords: ['+AEh'],
    keywordsCaseSensitive: true,
    regex: azure32Regex('+AEh'),
    severity: 'high',
    confidence: 'high',
    get examples() {
      return {
        positives: [`Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=${azure32('+AEh', 11025)};EntityPath=hub`],
        negatives: [`SharedAccessKey=${fakeString(B64, 32, 11026)}+AEhA${fakeString(B64, 5, 11027)}=`, `${azure32('+AEh', 11028)}A`],
      };
    },
  }),
  // https://github.com/microsoft/security-utilities/blob/main/src/Microsoft.Security.Utilities.Core/PreciselyClassifiedSecurityKeys/SEC101_173_AzureRelayIdentifiableKey.cs
  defineRule({
    id: 'azure-relay-identifiable-key',
    description: 'Azure Relay shared access key (identifiable format, +ARm signature)',
    keywords: ['+ARm'],
    keywordsCaseSensitive: true,
    regex: azure32Regex('+ARm'),
    severity: 'high',
    confidence: 'high',
    get examples() {
      return {
        positives: [`RELAY_KEY=${azure32('+ARm', 11029)}`],
        negatives: [`RELAY_KEY=${fakeString(B64, 33, 11030)}+ARm${fakeString(B64, 5, 11031)}=`, 'RELAY_KEY=<relay-key>'],
      };
    },
  }),
  // https://github.com/microsoft/security-utilities/blob/main/src/Microsoft.Security.Utilities.Core/PreciselyClassifiedSecurityKeys/SEC101_178_AzureIotHubIdentifiableKey.cs
  defineRule({
    id: 'azure-iot-identifiable-key',
    description: 'Azure IoT Hub, device or Device Provisioning key (identifiable format, AIoT signature)',
    keywords: ['AIoT'],
    keywordsCaseSensitive: true,
    regex: azure32Regex('AIoT'),
    severity: 'high',
    confidence: 'high',
    get examples() {
      return {
        positives: [`HostName=hub.azure-devices.net;DeviceId=dev1;SharedAccessKey=${azure32('AIoT', 11032)}`],
        negatives: [`const AIoTDevice = "${fakeString(B64, 20, 11033)}"`, `SharedAccessKey=${fakeString(B64, 33, 11034)}AIoTz${fakeString(B64, 5, 11035)}=`],
      };
    },
  }),
  // https://github.com/microsoft/security-utilities/blob/main/src/Microsoft.Security.Utilities.Core/PreciselyClassifiedSecurityKeys/SEC101_154_AzureCacheForRedisIdentifiableKey.cs
  defineRule({
    id: 'azure-cache-redis-identifiable-key',
    description: 'Azure Cache for Redis access key (identifiable format, AzCa signature)',
    keywords: ['AzCa'],
    keywordsCaseSensitive: true,
    regex: azure32Regex('AzCa'),
    severity: 'high',
    confidence: 'high',
    get examples() {
      return {
        positives: [`myredis.redis.cache.windows.net:6380,password=${azure32('AzCa', 11036)},ssl=True`],
        negatives: [`password=${fakeString(B64, 33, 11037)}AzCa${fakeString(B64, 5, 11038)}=`, 'AzCache=enabled'],
      };
    },
  }),
  // https://github.com/microsoft/security-utilities/blob/main/src/Microsoft.Security.Utilities.Core/PreciselyClassifiedSecurityKeys/SEC101_158_AzureFunctionIdentifiableKey.cs
  // Function keys are URL-safe base64: 44 characters, AzFu, 5 characters, one of A Q g w, "==".
  defineRule({
    id: 'azure-function-identifiable-key',
    description: 'Azure Functions function, host or master key (identifiable format, AzFu signature)',
    keywords: ['AzFu'],
    keywordsCaseSensitive: true,
    regex: `(?<![A-Za-z0-9_\\-])(?<secret>[A-Za-z0-9_\\-]{44}AzFu[A-Za-z0-9_\\-]{5}[AQgw]==)(?![A-Za-z0-9_\\-=])`,
    severity: 'high',
    confidence: 'high',
    get examples() {
      return {
        positives: [
          `https://app.azurewebsites.net/api/run?code=${fakeString(URLSAFE, 44, 11039)}AzFu${fakeString(URLSAFE, 5, 11040)}g==`,
          `x-functions-key: ${fakeString(URLSAFE, 44, 11041)}AzFu${fakeString(URLSAFE, 5, 11042)}A==`,
        ],
        negatives: [
          `code=${fakeString(URLSAFE, 43, 11043)}AzFu${fakeString(URLSAFE, 5, 11044)}g==`,
          `code=${fakeString(URLSAFE, 44, 11045)}AzFu${fakeString(URLSAFE, 5, 11046)}B==`,
        ],
      };
    },
  }),
  // https://github.com/microsoft/security-utilities/blob/main/src/Microsoft.Security.Utilities.Core/PreciselyClassifiedSecurityKeys/SEC101_166_AzureSearchIdentifiableQueryKey.cs
  // Search keys: 42 base62, AzSe, one of A-D, 5 base62 (52 characters).
  defineRule({
    id: 'azure-search-identifiable-key',
    description: 'Azure AI Search admin or query key (identifiable format, AzSe signature)',
    keywords: ['AzSe'],
    keywordsCaseSensitive: true,
    regex: `(?<![A-Za-z0-9+/])(?<secret>[A-Za-z0-9]{42}AzSe[A-D][A-Za-z0-9]{5})(?![A-Za-z0-9+/=])`,
    severity: 'high',
    confidence: 'high',
    get examples() {
      return {
        positives: [`AZURE_SEARCH_ADMIN_KEY=${fakeString(ALNUM, 42, 11047)}AzSeC${fakeString(ALNUM, 5, 11048)}`],
        negatives: [`AZURE_SEARCH_ADMIN_KEY=${fakeString(ALNUM, 42, 11049)}AzSeE${fakeString(ALNUM, 5, 11050)}`, 'AzSearchClient'],
      };
    },
  }),
  // https://github.com/microsoft/security-utilities/blob/main/src/Microsoft.Security.Utilities.Core/PreciselyClassifiedSecurityKeys/SEC101_176_AzureContainerRegistryIdentifiableKey.cs
  // Registry passwords: 42 base64, +ACR, one of A-D, 5 base64 (52 characters).
  defineRule({
    id: 'azure-container-registry-identifiable-key',
    description: 'Azure Container Registry access key (identifiable format, +ACR signature)',
    keywords: ['+ACR'],
    keywordsCaseSensitive: true,
    regex: `${B64B}(?<secret>[A-Za-z0-9+/]{42}\\+ACR[A-D][A-Za-z0-9+/]{5})${B64E}`,
    severity: 'critical',
    confidence: 'high',
    get examples() {
      return {
        positives: [`docker login myregistry.azurecr.io -u myregistry -p ${fakeString(B64, 42, 11051)}+ACRB${fakeString(B64, 5, 11052)}`],
        negatives: [`-p ${fakeString(B64, 42, 11053)}+ACRZ${fakeString(B64, 5, 11054)}`, `-p ${fakeString(B64, 40, 11055)}+ACRB${fakeString(B64, 5, 11056)}`],
      };
    },
  }),
  // --- Azure CASK keys (microsoft/security-utilities, see above) ---
  // https://github.com/microsoft/security-utilities/blob/main/src/Microsoft.Security.Utilities.Core/PreciselyClassifiedSecurityKeys/CognitiveServiceLegacyCommonAnnotatedSecurityKey.cs
  // Cognitive Services (Azure OpenAI, Speech, Translator, ...) keys carry ACOG and are never long-form.
  defineRule({
    id: 'azure-cognitive-services-key',
    description: 'Azure AI services / Azure OpenAI key (CASK format, ACOG signature)',
    keywords: ['jqqj99'],
    regex: caskRegex('ACOG', false),
    severity: 'high',
    confidence: 'high',
    get examples() {
      return {
        positives: [`AZURE_OPENAI_API_KEY=${cask('ACOG', 11057, 'AAAB')}`, `"Ocp-Apim-Subscription-Key": "${cask('ACOG', 11058, 'AAAA')}"`],
        negatives: [`AZURE_OPENAI_API_KEY=${cask('ACOG', 11059)}${fakeString(ALNUM, 2, 11060)}==`, `AZURE_OPENAI_API_KEY=${cask('AZAC', 11061)}`],
      };
    },
  }),
  // https://github.com/microsoft/security-utilities/blob/main/src/Microsoft.Security.Utilities.Core/PreciselyClassifiedSecurityKeys/SEC101_197_AzureAppConfigurationLegacyCommonAnnotatedSecurityKey.cs
  defineRule({
    id: 'azure-app-configuration-key',
    description: 'Azure App Configuration access key (CASK format, AZAC signature)',
    keywords: ['jqqj99'],
    regex: caskRegex('AZAC'),
    severity: 'high',
    confidence: 'high',
    get examples() {
      return {
        positives: [`Endpoint=https://cfg.azconfig.io;Id=${fakeString(ALNUM, 12, 11062)};Secret=${cask('AZAC', 11063)}`],
        negatives: [`Secret=${cask('AZAX', 11064)}`, `Secret=x${cask('AZAC', 11065)}`],
      };
    },
  }),
  // https://github.com/microsoft/security-utilities/blob/main/src/Microsoft.Security.Utilities.Core/LegacyCaskProviderSignatures.cs (AzureEventGrid = "AZEG")
  defineRule({
    id: 'azure-event-grid-key',
    description: 'Azure Event Grid access key (CASK format, AZEG signature)',
    keywords: ['jqqj99'],
    regex: caskRegex('AZEG'),
    severity: 'high',
    confidence: 'high',
    get examples() {
      return {
        positives: [`aeg-sas-key: ${cask('AZEG', 11066)}`],
        negatives: [`aeg-sas-key: ${cask('AZEG', 11067).slice(1)}`, `aeg-sas-key: ${fakeString(B64, 43, 11068)}=`],
      };
    },
  }),
  // https://github.com/microsoft/security-utilities/blob/main/src/Microsoft.Security.Utilities.Core/LegacyCaskProviderSignatures.cs (AzureCommunicationServices = "AZCS")
  defineRule({
    id: 'azure-communication-services-key',
    description: 'Azure Communication Services access key (CASK format, AZCS signature)',
    keywords: ['jqqj99'],
    regex: caskRegex('AZCS'),
    severity: 'high',
    confidence: 'high',
    get examples() {
      return {
        positives: [`endpoint=https://acs.communication.azure.com/;accesskey=${cask('AZCS', 11069)}`],
        negatives: [`accesskey=${cask('AZCS', 11070).replace('JQQJ99', 'JQQJ88')}`, 'accesskey=<access-key>'],
      };
    },
  }),
  // https://github.com/microsoft/security-utilities/blob/main/src/Microsoft.Security.Utilities.Core/LegacyCaskProviderSignatures.cs (AzureMaps = "AZMP")
  defineRule({
    id: 'azure-maps-key',
    description: 'Azure Maps shared key (CASK format, AZMP signature)',
    keywords: ['jqqj99'],
    regex: caskRegex('AZMP'),
    severity: 'medium',
    confidence: 'high',
    get examples() {
      return {
        positives: [`AZURE_MAPS_KEY="${cask('AZMP', 11071)}"`],
        negatives: [`AZURE_MAPS_KEY="${cask('AZMQ', 11072)}"`, 'AZURE_MAPS_KEY="${MAPS_KEY}"'],
      };
    },
  }),
  // https://github.com/microsoft/security-utilities/blob/main/src/Microsoft.Security.Utilities.Core/LegacyCaskProviderSignatures.cs (AzureMixedReality = "AZMR", AzureFluidRelay = "AZFR")
  defineRule({
    id: 'azure-mixed-reality-key',
    description: 'Azure Mixed Reality or Fluid Relay key (CASK format, AZMR / AZFR signature)',
    keywords: ['jqqj99'],
    regex: caskRegex('AZ(?:MR|FR)'),
    severity: 'medium',
    confidence: 'high',
    get examples() {
      return {
        positives: [`accountKey: "${cask('AZMR', 11073)}"`, `FLUID_RELAY_KEY=${cask('AZFR', 11074)}`],
        negatives: [`accountKey: "${cask('AZMX', 11075)}"`, `accountKey: "${cask('AZMR', 11076).slice(0, 80)}"`],
      };
    },
  }),
  // --- Azure connection strings and SAS ---
  // Shared access signatures: https://learn.microsoft.com/rest/api/storageservices/create-service-sas and
  // https://learn.microsoft.com/training/modules/configure-storage-security/4-identify-uri-sas-parameters
  // ("sig" is the HMAC-SHA256 signature, base64, URL-encoded; "sv" the signed storage version).
  // A SAS URL: sig= 43 base64 characters (+ / = URL-encoded or not) and "=", with sv=YYYY-MM-DD nearby.
  defineRule({
    id: 'azure-sas-token',
    description: 'Azure shared access signature (SAS) token in a URL or query string',
    keywords: ['sig='],
    regex: `[?&](?:amp;)?sig=(?<secret>(?:[A-Za-z0-9+/]|%2[BbFf]){43}(?:%3[Dd]|=))(?![A-Za-z0-9%])`,
    validate: (_s, match, fragment) => {
      const text = fragment.text;
      const lineStart = text.lastIndexOf('\n', match.index) + 1;
      const lineEndAt = text.indexOf('\n', match.index);
      const line = text.slice(lineStart, lineEndAt === -1 ? text.length : lineEndAt);
      return /[?&;](?:amp;)?sv=\d{4}-\d{2}-\d{2}/.test(line) ? 'unknown' : 'invalid';
    },
    severity: 'high',
    get examples() {
      const sig = () => encodeURIComponent(`${fakeString(B64, 43, 11077)}=`);
      return {
        positives: [
          `https://acct.blob.core.windows.net/c/f.txt?sv=2022-11-02&ss=b&srt=co&sp=rl&se=2030-01-01T00:00:00Z&spr=https&sig=${sig()}`,
          `AZURE_SAS="?sp=r&st=2024-01-01&se=2030-01-01&sv=2022-11-02&sr=c&sig=${fakeString(B64, 43, 11078)}="`,
        ],
        negatives: [
          `https://example.com/?sig=${encodeURIComponent(`${fakeString(B64, 43, 11079)}=`)}`,
          'https://acct.blob.core.windows.net/c?sv=2022-11-02&sig=<signature>',
          `?sv=2022-11-02&sig=${'A'.repeat(43)}%3D`,
        ],
      };
    },
  }),
  // Service Bus / Event Hubs / Relay connection strings: https://learn.microsoft.com/azure/service-bus-messaging/service-bus-sas
  // ("A 256-bit primary cryptographic key in Base64 representation": 43 base64 characters and "=").
  defineRule({
    id: 'azure-service-bus-connection-string',
    description: 'Azure Service Bus / Event Hubs / Relay connection string with a shared access key',
    keywords: ['sharedaccesskey='],
    regex: `Endpoint=sb://[A-Za-z0-9.\\-]{1,120}/?;SharedAccessKeyName=[^;\\s"']{1,120};SharedAccessKey=(?<secret>[A-Za-z0-9+/]{43}=)${B64E}`,
    ignoreCase: true,
    entropy: 4.0,
    severity: 'critical',
    confidence: 'high',
    get examples() {
      return {
        positives: [
          `SERVICEBUS_CONNECTION="Endpoint=sb://orders.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${fakeString(B64, 43, 11080)}="`,
        ],
        negatives: [
          'Endpoint=sb://orders.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=<key>',
          `Endpoint=sb://orders.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=${'a'.repeat(43)}=`,
        ],
      };
    },
  }),
  // IoT Hub connection strings (HostName=<hub>.azure-devices.net;DeviceId=...;SharedAccessKey=<base64 key>), as
  // https://learn.microsoft.com/powershell/module/az.iothub/get-aziothubdeviceconnectionstring shows them; the key as a
  // 256-bit base64 key (43 characters and "="), as issued.
  defineRule({
    id: 'azure-iot-hub-connection-string',
    description: 'Azure IoT Hub connection string with a shared access key',
    keywords: ['azure-devices.net'],
    regex: `HostName=[A-Za-z0-9\\-]{1,60}\\.azure-devices\\.net;(?:SharedAccessKeyName|DeviceId)=[^;\\s"']{1,120};(?:ModuleId=[^;\\s"']{1,120};)?SharedAccessKey=(?<secret>[A-Za-z0-9+/]{43}=)${B64E}`,
    ignoreCase: true,
    entropy: 4.0,
    severity: 'critical',
    confidence: 'medium',
    get examples() {
      return {
        positives: [
          `IOTHUB_CONNECTION_STRING=HostName=plant.azure-devices.net;SharedAccessKeyName=iothubowner;SharedAccessKey=${fakeString(B64, 43, 11081)}=`,
          `"HostName=plant.azure-devices.net;DeviceId=sensor-7;SharedAccessKey=${fakeString(B64, 43, 11082)}="`,
        ],
        negatives: ['HostName=plant.azure-devices.net;DeviceId=sensor-7;SharedAccessKey={device key}', 'HostName=plant.azure-devices.net;DeviceId=sensor-7'],
      };
    },
  }),
  // App Configuration connection strings (Endpoint=https://<store>.azconfig.io;Id=<id>;Secret=<secret>):
  // https://learn.microsoft.com/azure/azure-app-configuration/howto-disable-access-key-authentication
  // unverified: page not retrieved while writing this rule; the Secret as a 43-character base64 key and "=" or an 84-character CASK key (see azure-app-configuration-key).
  defineRule({
    id: 'azure-app-configuration-connection-string',
    description: 'Azure App Configuration connection string',
    keywords: ['azconfig.io'],
    regex: `Endpoint=https://[A-Za-z0-9\\-]{1,60}\\.azconfig\\.io/?;Id=[^;\\s"']{1,80};Secret=(?<secret>[A-Za-z0-9+/]{43}=|[A-Za-z0-9]{84})(?![A-Za-z0-9+/=])`,
    ignoreCase: true,
    entropy: 4.0,
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [`APP_CONFIG="Endpoint=https://cfg.azconfig.io;Id=${fakeString(ALNUM, 14, 11083)};Secret=${fakeString(B64, 43, 11084)}="`],
        negatives: ['Endpoint=https://cfg.azconfig.io;Id=abc;Secret=<secret>', 'Endpoint=https://cfg.azconfig.io'],
      };
    },
  }),
  // SignalR / Web PubSub connection strings: https://learn.microsoft.com/azure/azure-signalr/concept-connection-string
  // (Endpoint=https://<resource>.service.signalr.net;AccessKey=<base64 key>;Version=1.0;, .signalr.azure.cn in Azure China;
  // the key as 43 base64 characters and "=", as issued).
  defineRule({
    id: 'azure-signalr-connection-string',
    description: 'Azure SignalR / Web PubSub connection string with an access key',
    keywords: ['signalr.net', 'signalr.azure.cn', 'webpubsub.azure.com'],
    regex: `Endpoint=https://[A-Za-z0-9\\-]{1,60}\\.(?:service\\.signalr\\.net|signalr\\.azure\\.cn|webpubsub\\.azure\\.com)/?;AccessKey=(?<secret>[A-Za-z0-9+/]{43}=)${B64E}`,
    ignoreCase: true,
    entropy: 4.0,
    severity: 'high',
    confidence: 'medium',
    get examples() {
      return {
        positives: [`Azure__SignalR__ConnectionString=Endpoint=https://chat.service.signalr.net;AccessKey=${fakeString(B64, 43, 11085)}=;Version=1.0;`],
        negatives: [
          'Endpoint=https://chat.service.signalr.net;AuthType=azure.msi;Version=1.0;',
          'Endpoint=https://chat.service.signalr.net;AccessKey=<access-key>;Version=1.0;',
        ],
      };
    },
  }),
  // Azure OpenAI / AI services keys (older, 32 hex): https://learn.microsoft.com/azure/ai-services/authentication
  // (the key is sent in Ocp-Apim-Subscription-Key or api-key). Prefix-less: only when named.
  // unverified: Microsoft documents the key header (api-key / Ocp-Apim-Subscription-Key), not the older keys' shape; 32 hex characters as issued (newer keys are CASK, see azure-cognitive-services-key).
  defineRule({
    id: 'azure-openai-api-key',
    description: 'Azure OpenAI / Cognitive Services key (32 hex, named as such)',
    keywords: ['azure_openai', 'azure-openai', 'azureopenai', 'cognitive_services', 'cognitiveservices', 'azure_ai_key', 'azure_cognitive'],
    regex: named(`(?:azure${SEP}openai|azure${SEP}cognitive|cognitive${SEP}services|azure${SEP}ai)${SEP}(?:api${SEP})?(?:key|secret)`, '[a-f0-9]{32}'),
    ignoreCase: true,
    entropy: 3.0,
    gate: assignmentWithin(40),
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [`AZURE_OPENAI_API_KEY=${fakeString(HEX, 32, 11086)}`, `cognitive_services_key: "${fakeString(HEX, 32, 11087)}"`],
        negatives: [
          'AZURE_OPENAI_API_KEY=${AZURE_OPENAI_API_KEY}',
          `AZURE_OPENAI_API_KEY=${'0'.repeat(32)}`,
          `AZURE_OPENAI_ENDPOINT=https://x.openai.azure.com/`,
        ],
      };
    },
  }),
  // Storage account keys outside a connection string: 512-bit keys, 86 base64 characters and "==" (Microsoft's
  // SEC101/106 AzureStorageAccountLegacyCredentials pattern, microsoft/security-utilities
  // PreciselyClassifiedSecurityKeys/SEC101_106_AzureStorageAccountLegacyCredentials.cs). Only where the name says so.
  defineRule({
    id: 'azure-storage-account-key',
    description: 'Azure Storage account key (88 base64 characters, named as such)',
    keywords: [
      'storage_key',
      'storagekey',
      'storage-key',
      'storage_account',
      'storageaccount',
      'storage-account',
      'storage_access',
      'storageaccess',
      'azure_storage',
      'azurestorage',
    ],
    regex: named(`(?:azure${SEP})?storage${SEP}(?:account${SEP})?(?:access${SEP})?key`, '[A-Za-z0-9+/]{86}==', '(?![A-Za-z0-9+/=])'),
    ignoreCase: true,
    entropy: 4.5,
    gate: assignmentWithin(40),
    severity: 'critical',
    confidence: 'high',
    get examples() {
      return {
        positives: [`AZURE_STORAGE_KEY=${fakeString(B64, 86, 11215)}==`, `"storageAccountKey": "${fakeString(B64, 86, 11216)}=="`],
        negatives: ['AZURE_STORAGE_KEY=${AZURE_STORAGE_KEY}', `AZURE_STORAGE_KEY=${fakeString(B64, 60, 11217)}==`, `AZURE_STORAGE_KEY=${'A'.repeat(86)}==`],
      };
    },
  }),
  // Cosmos DB account keys (legacy, 86 base64 characters and "==", Microsoft's SEC101/104 AzureCosmosDBLegacyCredentials
  // pattern, microsoft/security-utilities PreciselyClassifiedSecurityKeys/SEC101_104_AzureCosmosDBLegacyCredentials.cs).
  defineRule({
    id: 'azure-cosmosdb-key',
    description: 'Azure Cosmos DB account key (88 base64 characters, named as such)',
    keywords: ['cosmos'],
    regex: named(`cosmos(?:${SEP}db)?${SEP}(?:(?:primary|secondary|master|account|auth)${SEP})?key`, '[A-Za-z0-9+/]{86}==', '(?![A-Za-z0-9+/=])'),
    ignoreCase: true,
    entropy: 4.5,
    gate: assignmentWithin(40),
    severity: 'critical',
    confidence: 'high',
    get examples() {
      return {
        positives: [`COSMOS_KEY=${fakeString(B64, 86, 11218)}==`, `cosmosDbPrimaryKey: '${fakeString(B64, 86, 11219)}=='`],
        negatives: ['COSMOS_KEY=${COSMOS_KEY}', `COSMOS_ENDPOINT=https://acct.documents.azure.com:443/`, `COSMOS_KEY=${fakeString(B64, 40, 11220)}==`],
      };
    },
  }),
  // --- Google Cloud ---
  // OAuth client secrets: https://support.google.com/cloud/answer/15549257 and
  // https://developers.googleblog.com/en/usability-and-safety-updates-to-google-auth-platform (secrets now masked in the console).
  // unverified: neither page, as retrieved, states the GOCSPX- prefix or the 28 URL-safe characters after it; that is the shape as issued.
  defineRule({
    id: 'gcp-oauth-client-secret',
    description: 'Google OAuth client secret (GOCSPX-)',
    keywords: ['gocspx-'],
    regex: `${B}(?<secret>GOCSPX-[A-Za-z0-9_\\-]{28})(?![A-Za-z0-9_\\-])`,
    severity: 'critical',
    confidence: 'low',
    get examples() {
      return {
        positives: [`GOOGLE_CLIENT_SECRET=${fakeToken('GOCSPX-', URLSAFE, 28, 11088)}`, `"client_secret":"${fakeToken('GOCSPX-', URLSAFE, 28, 11089)}"`],
        negatives: [`GOCSPX-${'x'.repeat(28)}`, `GOCSPX-${fakeString(URLSAFE, 20, 11090)}`, `myGOCSPX-${fakeString(URLSAFE, 28, 11091)}`],
      };
    },
  }),
  // Google OAuth 2.0 access tokens: https://developers.google.com/identity/protocols/oauth2
  // unverified: Google's page does not state the "ya29." prefix; it is the shape as issued (60-1024 URL-safe characters after it).
  defineRule({
    id: 'google-oauth-access-token',
    description: 'Google OAuth 2.0 access token (ya29.)',
    keywords: ['ya29.'],
    regex: `${B}(?<secret>ya29\\.[A-Za-z0-9_\\-]{60,1024})(?![A-Za-z0-9_\\-.])`,
    entropy: 4.0,
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [`Authorization: Bearer ${fakeToken('ya29.', URLSAFE, 160, 11092)}`, `access_token = "${fakeToken('ya29.a0', URLSAFE, 200, 11093)}"`],
        negatives: ['Authorization: Bearer ya29.<access-token>', `ya29.${fakeString(URLSAFE, 30, 11094)}`, `ya29.${'x'.repeat(120)}`],
      };
    },
  }),
  // Google's own pages give the shape: the sample token response of its installed-app guide
  // (https://developers.google.com/youtube/v3/live/guides/auth/installed-apps, step 5; the same sample
  // as the identity guides') has a refresh token starting "1//", and "Token size" in "Using OAuth 2.0
  // to Access Google APIs" (https://developers.google.com/identity/protocols/oauth2#size) puts refresh
  // tokens at 512 bytes at most. The "0" that issued tokens have after "1//" is not stated (Google's
  // sample has a letter there), so it is not required; at least 64 characters in all, the length as
  // issued, keeps Google's short sample out. URL-safe characters as issued.
  defineRule({
    id: 'google-oauth-refresh-token',
    description: 'Google OAuth 2.0 refresh token (1//, named as a refresh token)',
    keywords: ['refresh_token', 'refreshtoken', 'refresh-token'],
    regex: named(`refresh${SEP}token`, '1//[A-Za-z0-9_\\-]{61,509}', '(?![A-Za-z0-9_\\-])'),
    ignoreCase: true,
    entropy: 4.0,
    gate: assignmentWithin(10),
    severity: 'high',
    confidence: 'medium',
    get examples() {
      return {
        positives: [
          `"refresh_token": "${fakeToken('1//0', URLSAFE, 99, 11095)}"`,
          `GOOGLE_REFRESH_TOKEN=${fakeToken('1//0', URLSAFE, 99, 11096)}`,
          `"refresh_token": "${fakeToken('1//x', URLSAFE, 99, 11320)}"`,
          `refresh_token = "${fakeToken('1//0', URLSAFE, 508, 11321)}"`,
        ],
        negatives: [
          '"refresh_token": "1//0<refresh-token>"',
          `refresh_token = "${fakeString(URLSAFE, 100, 11097)}"`,
          `refresh_token = "1//0${'A'.repeat(80)}"`,
          `"refresh_token": "1//${fakeString(URLSAFE, 43, 11322)}"`,
          `refresh_token = "${fakeToken('1//0', URLSAFE, 509, 11323)}"`,
          `refresh_token = "${fakeToken('1/', URLSAFE, 99, 11324)}"`,
        ],
      };
    },
  }),
  // --- Alibaba Cloud ---
  // AccessKey secret (30 characters, paired with an LTAI AccessKey ID):
  // https://help.aliyun.com/en/document_detail/53045.html
  // unverified: Alibaba describes the AccessKey secret but not its length; 30 letters and digits is the length as issued.
  defineRule({
    id: 'alibaba-access-key-secret',
    description: 'Alibaba Cloud AccessKey secret (named as such)',
    keywords: ['alibaba', 'aliyun', 'alicloud', 'accesskeysecret', 'access_key_secret'],
    regex: named(
      `(?:(?:alibaba|aliyun|alicloud)(?:${SEP}cloud)?${SEP}(?:access${SEP}key${SEP}secret|secret${SEP}(?:access${SEP})?key)|access${SEP}key${SEP}secret)`,
      '[A-Za-z0-9]{30}',
    ),
    ignoreCase: true,
    entropy: 3.8,
    gate: assignmentWithin(40),
    severity: 'critical',
    confidence: 'low',
    get examples() {
      return {
        positives: [`ALIBABA_CLOUD_ACCESS_KEY_SECRET=${fakeString(ALNUM, 30, 11098)}`, `accessKeySecret: '${fakeString(ALNUM, 30, 11099)}'`],
        negatives: [
          'ALIBABA_CLOUD_ACCESS_KEY_SECRET=${ALIBABA_SECRET}',
          `accessKeySecret: '${fakeString(ALNUM, 31, 11100)}'`,
          `ALIYUN_ACCESS_KEY_SECRET=${'a1'.repeat(15)}`,
        ],
      };
    },
  }),
  // --- Tencent Cloud ---
  // SecretId: "AKID" and 32 (root and sub-account keys) or 36 letters and digits:
  // https://www.tencentcloud.com/document/product/598/32675 and the CreateApiKey example at https://cloud.tencent.com/document/api/628/14940
  defineRule({
    id: 'tencent-cloud-secret-id',
    description: 'Tencent Cloud API SecretId (AKID)',
    keywords: ['AKID'],
    keywordsCaseSensitive: true,
    // Not inside a base64 run either (+ and / around it).
    regex: `(?<![A-Za-z0-9_+/])(?<secret>AKID[A-Za-z0-9]{32}(?:[A-Za-z0-9]{4})?)(?![A-Za-z0-9_+/])`,
    entropy: 3.8,
    severity: 'high',
    get examples() {
      return {
        positives: [`TENCENTCLOUD_SECRET_ID=${fakeToken('AKID', ALNUM, 32, 11101)}`, `secretId: "${fakeToken('AKID', ALNUM, 36, 11102)}"`],
        negatives: [`AKID${'x'.repeat(32)}`, `AKID${fakeString(ALNUM, 20, 11103)}`, `MYAKID${fakeString(ALNUM, 32, 11104)}`],
      };
    },
  }),
  // SecretKey: 32 letters and digits, shown once at creation: https://www.tencentcloud.com/document/product/598/34228
  // unverified: Tencent describes the SecretKey but not its length; 32 letters and digits is the length as issued.
  defineRule({
    id: 'tencent-cloud-secret-key',
    description: 'Tencent Cloud API SecretKey (named as such)',
    keywords: ['tencent'],
    regex: named(`tencent(?:cloud)?${SEP}(?:api${SEP})?secret${SEP}key`, '[A-Za-z0-9]{32}'),
    ignoreCase: true,
    entropy: 3.8,
    gate: assignmentWithin(40),
    severity: 'critical',
    confidence: 'low',
    get examples() {
      return {
        positives: [`TENCENTCLOUD_SECRET_KEY=${fakeString(ALNUM, 32, 11105)}`, `tencent_secret_key: "${fakeString(ALNUM, 32, 11106)}"`],
        negatives: ['TENCENTCLOUD_SECRET_KEY=${TENCENT_SECRET_KEY}', `TENCENTCLOUD_SECRET_KEY=${'ab'.repeat(16)}`],
      };
    },
  }),
  // --- Yandex Cloud ---
  // IAM tokens, as Yandex describes them by a regular expression (t1.<base64url>.<86 base64url>):
  // https://yandex.cloud/en/docs/iam/concepts/authorization/iam-token#iam-token-format
  defineRule({
    id: 'yandex-cloud-iam-token',
    description: 'Yandex Cloud IAM token (t1.)',
    keywords: ['t1.'],
    keywordsCaseSensitive: true,
    regex: `${B}(?<secret>t1\\.[A-Za-z0-9_\\-]{20,400}={0,2}\\.[A-Za-z0-9_\\-]{86}={0,2})(?![A-Za-z0-9_\\-=])`,
    entropy: 4.0,
    severity: 'high',
    confidence: 'high',
    get examples() {
      return {
        positives: [`export IAM_TOKEN=${fakeToken('t1.9euelZ', URLSAFE, 100, 11107)}.${fakeString(URLSAFE, 86, 11108)}`],
        negatives: [`t1.${fakeString(URLSAFE, 40, 11109)}.${fakeString(URLSAFE, 80, 11110)}`, 'IAM_TOKEN=t1.9euelZrLop7Uz8up********'],
      };
    },
  }),
  // Static access key secret: 40 characters starting YC (letters, digits, _ and -):
  // https://yandex.cloud/en/docs/iam/concepts/authorization/access-key#private-key
  // "YC" is too short to stand alone: taken where the name says Yandex or an AWS-style secret key.
  defineRule({
    id: 'yandex-cloud-static-secret-key',
    description: 'Yandex Cloud static access key secret (YC..., named as such)',
    keywords: ['yandex', 'yc_', 'secret_access_key', 'secretaccesskey', 'secret_key'],
    regex: named(
      `(?:(?:yandex|yc)${SEP}(?:cloud${SEP})?(?:storage${SEP})?(?:static${SEP})?(?:access${SEP})?(?:secret${SEP})?key|secret${SEP}(?:access${SEP})?key)`,
      'YC[A-Za-z0-9_\\-]{38}',
      '(?![A-Za-z0-9_\\-])',
    ),
    ignoreCase: true,
    entropy: 4.0,
    gate: assignmentWithin(40),
    validate: (s) => (s.startsWith('YC') ? 'unknown' : 'invalid'),
    severity: 'critical',
    get examples() {
      return {
        positives: [`aws_secret_access_key = ${fakeToken('YC', URLSAFE, 38, 11111)}`, `YC_STORAGE_SECRET_KEY="${fakeToken('YC', URLSAFE, 38, 11112)}"`],
        negatives: [`aws_secret_access_key = ${fakeString(URLSAFE, 40, 11113)}`, `YC_SECRET_KEY="YC${fakeString(URLSAFE, 30, 11114)}"`],
      };
    },
  }),
  // API keys for service accounts ("Authorization: Api-Key <API key>"):
  // https://yandex.cloud/en/docs/iam/concepts/authorization/api-key
  // unverified: Yandex does not publish the key's shape; AQVN and 35-38 URL-safe characters is the shape as issued.
  defineRule({
    id: 'yandex-cloud-api-key',
    description: 'Yandex Cloud service-account API key (AQVN...)',
    keywords: ['aqvn'],
    regex: `${B}(?<secret>AQVN[A-Za-z0-9_\\-]{35,38})(?![A-Za-z0-9_\\-])`,
    entropy: 4.0,
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [`Authorization: Api-Key ${fakeToken('AQVN', URLSAFE, 36, 11115)}`],
        negatives: [`AQVN${fakeString(URLSAFE, 20, 11116)}`, `xAQVN${fakeString(URLSAFE, 36, 11117)}`],
      };
    },
  }),
  // --- Scaleway ---
  // API key = access key (SCW + 17 characters, not secret) and a UUID secret key, in SCW_SECRET_KEY:
  // https://www.scaleway.com/en/developers/api/iam/api-keys and https://www.scaleway.com/en/docs/developer-tools/scaleway-cli/reference-content/environment-variables/
  defineRule({
    id: 'scaleway-secret-key',
    description: 'Scaleway API secret key (UUID, named as such)',
    keywords: ['scw_', 'scaleway'],
    regex: named(`(?:scw|scaleway)${SEP}(?:secret${SEP}key|token|api${SEP}key)`, UUID, '(?![0-9a-f-])'),
    ignoreCase: true,
    entropy: 3.0,
    gate: assignmentWithin(40),
    severity: 'critical',
    confidence: 'high',
    get examples() {
      return {
        positives: [`SCW_SECRET_KEY=${fakeUuid(11118)}`, `scaleway_secret_key = "${fakeUuid(11119)}"`],
        negatives: [
          'SCW_SECRET_KEY=xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx',
          `SCW_DEFAULT_PROJECT_ID=${fakeUuid(11120)}`,
          'SCW_SECRET_KEY=00000000-0000-0000-0000-000000000000',
        ],
      };
    },
  }),
  // --- Linode (Akamai Cloud) ---
  // Personal access tokens: 64 hex characters, used as LINODE_TOKEN / LINODE_CLI_TOKEN:
  // https://techdocs.akamai.com/linode-api/reference/api-workflow
  // unverified: Linode's docs describe personal access tokens but not their shape; 64 hex characters is the shape as issued.
  defineRule({
    id: 'linode-token',
    description: 'Linode (Akamai Cloud) personal access token (named as such)',
    keywords: ['linode'],
    regex: named(`linode${SEP}(?:cli${SEP})?(?:api${SEP})?(?:token|key|pat)`, '[a-f0-9]{64}'),
    ignoreCase: true,
    entropy: 3.3,
    gate: assignmentWithin(40),
    severity: 'critical',
    confidence: 'low',
    get examples() {
      return {
        positives: [`LINODE_TOKEN=${fakeString(HEX, 64, 11121)}`, `linode_api_token: "${fakeString(HEX, 64, 11122)}"`],
        negatives: ['LINODE_TOKEN=${LINODE_TOKEN}', `LINODE_TOKEN=${fakeString(HEX, 40, 11123)}`, `LINODE_TOKEN=${'0'.repeat(64)}`],
      };
    },
  }),
  // --- Vultr ---
  // API keys: 36 upper-case letters and digits, sent as a bearer token (VULTR_API_KEY):
  // https://docs.vultr.com/platform/other/api/faq
  // unverified: Vultr's docs describe API keys (one per account, bearer) but not their shape; 36 upper-case letters and digits as issued.
  defineRule({
    id: 'vultr-api-key',
    description: 'Vultr API key (named as such)',
    keywords: ['vultr'],
    regex: named(`vultr${SEP}(?:api${SEP})?(?:key|token)`, '[A-Z0-9]{36}'),
    ignoreCase: true,
    entropy: 3.8,
    gate: assignmentWithin(40),
    validate: (s) => (/^[A-Z0-9]{36}$/.test(s) ? 'unknown' : 'invalid'),
    severity: 'critical',
    confidence: 'low',
    get examples() {
      return {
        positives: [`VULTR_API_KEY=${fakeString(UPPER_ALNUM, 36, 11124)}`, `vultr_api_key: "${fakeString(UPPER_ALNUM, 36, 11125)}"`],
        negatives: [
          'VULTR_API_KEY=${VULTR_API_KEY}',
          `VULTR_API_KEY=${fakeString(UPPER_ALNUM, 30, 11126)}`,
          `VULTR_API_KEY=${fakeString(LOWER_ALNUM, 36, 11127)}`,
        ],
      };
    },
  }),
  // --- Hetzner ---
  // Cloud API tokens (used as HCLOUD_TOKEN): https://docs.hetzner.com/cloud/api/getting-started/generating-api-token/
  // Hetzner's own CLI (https://github.com/hetznercloud/cli/blob/main/internal/cmd/context/create.go)
  // refuses a token that is not "exactly 64 characters long". Hetzner states only the length;
  // letters and digits are the alphabet as issued.
  defineRule({
    id: 'hetzner-cloud-token',
    description: 'Hetzner Cloud API token (named as such)',
    keywords: ['hcloud', 'hetzner'],
    regex: named(`(?:hcloud|hetzner(?:${SEP}cloud)?)${SEP}(?:api${SEP})?token`, '[A-Za-z0-9]{64}'),
    ignoreCase: true,
    entropy: 4.0,
    gate: assignmentWithin(40),
    severity: 'critical',
    confidence: 'medium',
    get examples() {
      return {
        positives: [`HCLOUD_TOKEN=${fakeString(ALNUM, 64, 11128)}`, `hetzner_token = "${fakeString(ALNUM, 64, 11129)}"`],
        negatives: [
          'HCLOUD_TOKEN=${HCLOUD_TOKEN}',
          `HCLOUD_TOKEN=${fakeString(ALNUM, 40, 11130)}`,
          `HCLOUD_TOKEN=${'x'.repeat(64)}`,
          `HCLOUD_TOKEN=${fakeString(ALNUM, 63, 11310)}`,
          `HCLOUD_TOKEN=${fakeString(ALNUM, 65, 11311)}`,
        ],
      };
    },
  }),
  // --- OVHcloud ---
  // Application secret (AS) and consumer key (CK), used with an application key (AK). OVHcloud's
  // own guide "First Steps with the OVHcloud APIs" (https://github.com/ovh/docs,
  // pages/manage_and_operate/api/first-steps/guide.en-gb.md, "Create your app keys", keys made at
  // https://eu.api.ovh.com/createToken/) shows each key it issues: a 16-character AK, a 32-character
  // AS and a 32-character CK, letters and digits. OVHcloud states the shape only by those examples.
  defineRule({
    id: 'ovh-api-secret',
    description: 'OVHcloud API application secret or consumer key (named as such)',
    keywords: ['ovh'],
    regex: named(`ovh${SEP}(?:application${SEP}secret|consumer${SEP}key|app${SEP}secret)`, '[A-Za-z0-9]{32}'),
    ignoreCase: true,
    entropy: 3.8,
    gate: assignmentWithin(40),
    severity: 'critical',
    confidence: 'medium',
    get examples() {
      return {
        positives: [
          `OVH_APPLICATION_SECRET=${fakeString(ALNUM, 32, 11131)}`,
          `ovh_consumer_key: "${fakeString(ALNUM, 32, 11132)}"`,
          `client = ovh.Client(endpoint='ovh-eu', ovh_app_secret='${fakeString(ALNUM, 32, 11325)}')`,
        ],
        negatives: [
          'OVH_APPLICATION_SECRET=${OVH_SECRET}',
          `OVH_ENDPOINT=ovh-eu`,
          `OVH_APPLICATION_SECRET=${fakeString(ALNUM, 16, 11133)}`,
          `OVH_APPLICATION_KEY=${fakeString(ALNUM, 16, 11326)}`,
          `OVH_CONSUMER_KEY=${fakeString(ALNUM, 31, 11327)}`,
          `OVH_APPLICATION_SECRET=${fakeString(ALNUM, 33, 11328)}`,
          `OVH_CONSUMER_KEY=${fakeString(URLSAFE, 30, 11329)}-_`,
          "OVH_APPLICATION_SECRET='<application secret>'",
        ],
      };
    },
  }),
  // --- Civo ---
  // API keys (CIVO_TOKEN): https://www.civo.com/docs/account/api-keys (page not retrieved while writing this rule)
  // unverified: Civo's docs describe API keys but not their shape; 50 letters and digits as issued.
  defineRule({
    id: 'civo-api-key',
    description: 'Civo API key (named as such)',
    keywords: ['civo'],
    regex: named(`civo${SEP}(?:api${SEP})?(?:key|token)`, '[A-Za-z0-9]{50}'),
    ignoreCase: true,
    entropy: 4.0,
    gate: assignmentWithin(40),
    severity: 'critical',
    confidence: 'low',
    get examples() {
      return {
        positives: [`CIVO_TOKEN=${fakeString(ALNUM, 50, 11134)}`],
        negatives: ['CIVO_TOKEN=${CIVO_TOKEN}', `CIVO_TOKEN=${fakeString(ALNUM, 40, 11135)}`],
      };
    },
  }),
  // --- UpCloud ---
  // API tokens begin ucat_: https://upcloud.com/docs/guides/getting-started-upcloud-api/ (length not stated).
  defineRule({
    id: 'upcloud-api-token',
    description: 'UpCloud API token (ucat_)',
    keywords: ['ucat_'],
    // UpCloud, "Getting started with the UpCloud API" (upcloud.com/docs/guides/getting-started-
    // upcloud-api): tokens begin with ucat_ (UpCloudLtd/upcloud-go-api checks it). unverified: the
    // body's length and alphabet.
    regex: `${B}(?<secret>ucat_[A-Za-z0-9]{24,64})${E}`,
    entropy: 3.8,
    severity: 'critical',
    get examples() {
      return {
        positives: [`UPCLOUD_TOKEN=${fakeToken('ucat_', ALNUM, 40, 11136)}`, `Authorization: Bearer ${fakeToken('ucat_', ALNUM, 32, 11137)}`],
        negatives: ['Authorization: Bearer ucat_Your_API_Token', `ucat_${fakeString(ALNUM, 10, 11138)}`, `xucat_${fakeString(ALNUM, 40, 11139)}`],
      };
    },
  }),
  // --- Cloudflare ---
  // Global API key: 37 hex characters, sent as X-Auth-Key with X-Auth-Email:
  // https://developers.cloudflare.com/fundamentals/api/get-started/keys/
  // (new and rolled keys are cfk_, covered by cloudflare-api-token). Cloudflare's own Terraform provider
  // checked api_key as "37 characters long and only contain characters 0-9 and a-f (all lowercased)"
  // (https://github.com/cloudflare/terraform-provider-cloudflare/blob/c1d56142b891af2ed6382c85a7d71a6f86d55f04/internal/provider.go);
  // commit 5f6ff4f9 (April 2026) widened the check to 37-60 of A-Za-z0-9-_ beside the newer keys.
  defineRule({
    id: 'cloudflare-global-api-key',
    description: 'Cloudflare Global API key (named as such)',
    keywords: ['cloudflare', 'cf_api_key', 'cf_key', 'x-auth-key'],
    regex: named(`(?:cloudflare${SEP}(?:global${SEP})?(?:api${SEP})?key|cf${SEP}(?:global${SEP})?(?:api${SEP})?key|x-auth-key)`, '[a-f0-9]{37}'),
    ignoreCase: true,
    entropy: 3.0,
    gate: assignmentWithin(40),
    severity: 'critical',
    confidence: 'medium',
    get examples() {
      return {
        positives: [`CLOUDFLARE_API_KEY=${fakeString(HEX, 37, 11140)}`, `-H "X-Auth-Key: ${fakeString(HEX, 37, 11141)}"`],
        negatives: [
          'CLOUDFLARE_API_KEY=${CF_KEY}',
          `CLOUDFLARE_API_KEY=${fakeString(HEX, 32, 11142)}`,
          `CLOUDFLARE_ZONE_ID=${fakeString(HEX, 32, 11143)}`,
          `CLOUDFLARE_API_KEY=${'0'.repeat(37)}`,
          `CLOUDFLARE_API_KEY=${fakeString(HEX, 40, 11315)}`,
          `CLOUDFLARE_API_KEY=${fakeString(ALNUM, 37, 11316)}`,
        ],
      };
    },
  }),
  // Origin CA keys always start with v1.0-: https://developers.cloudflare.com/fundamentals/api/get-started/ca-keys
  // (Cloudflare states only the prefix; 24 hex, "-", 146 hex is the shape as issued).
  defineRule({
    id: 'cloudflare-origin-ca-key',
    description: 'Cloudflare Origin CA key (v1.0-)',
    keywords: ['v1.0-'],
    regex: `${B}(?<secret>v1\\.0-[a-f0-9]{24}-[a-f0-9]{146})(?![A-Za-z0-9_\\-])`,
    entropy: 3.5,
    severity: 'critical',
    confidence: 'medium',
    get examples() {
      return {
        positives: [`CF_API_USER_SERVICE_KEY=v1.0-${fakeString(HEX, 24, 11144)}-${fakeString(HEX, 146, 11145)}`],
        negatives: ['version: v1.0-beta', `v1.0-${fakeString(HEX, 24, 11146)}-${fakeString(HEX, 100, 11147)}`],
      };
    },
  }),
  // Tunnel tokens (cloudflared tunnel run --token, TUNNEL_TOKEN): base64 of the JSON {"a": account tag,
  // "s": tunnel secret, "t": tunnel id}, as the TunnelToken struct in Cloudflare's cloudflared defines it:
  // https://github.com/cloudflare/cloudflared/blob/master/connection/connection.go. The JSON opens {"a":" (base64 eyJhIjoi).
  defineRule({
    id: 'cloudflare-tunnel-token',
    description: 'Cloudflare Tunnel token (base64 JSON with account, tunnel id and secret)',
    keywords: ['eyJhIjoi'],
    keywordsCaseSensitive: true,
    regex: `(?<![A-Za-z0-9+/])(?<secret>eyJhIjoi[A-Za-z0-9+/]{100,400}={0,2})(?![A-Za-z0-9+/=])`,
    placeholders: false,
    validate: (s) => {
      try {
        const o = JSON.parse(Buffer.from(s, 'base64').toString('utf8')) as Record<string, unknown>;
        return typeof o['a'] === 'string' && typeof o['s'] === 'string' && typeof o['t'] === 'string' ? 'valid' : 'invalid';
      } catch {
        return 'invalid';
      }
    },
    severity: 'critical',
    get examples() {
      const token = (seed: number) =>
        Buffer.from(
          JSON.stringify({ a: fakeString(HEX, 32, seed), s: Buffer.from(fakeString(B64, 32, seed + 1)).toString('base64'), t: fakeUuid(seed + 2) }),
        ).toString('base64');
      return {
        positives: [`cloudflared tunnel run --token ${token(11221)}`, `TUNNEL_TOKEN=${token(11224)}`],
        negatives: [
          `TUNNEL_TOKEN=${Buffer.from(JSON.stringify({ a: 'x', note: fakeString(ALNUM, 120, 11227) })).toString('base64')}`,
          'TUNNEL_TOKEN=eyJhIjoi<token>',
        ],
      };
    },
  }),
  // Tunnel credentials files (<tunnel-id>.json): {"AccountTag", "TunnelSecret" (base64 of 32 bytes), "TunnelID"}:
  // the Credentials struct in https://github.com/cloudflare/cloudflared/blob/master/connection/connection.go.
  defineRule({
    id: 'cloudflare-tunnel-credentials',
    description: 'Cloudflare Tunnel credentials file secret (TunnelSecret)',
    keywords: ['tunnelsecret'],
    regex: `"TunnelSecret"\\s{0,3}:\\s{0,3}"(?<secret>[A-Za-z0-9+/]{43}=)"`,
    entropy: 4.0,
    severity: 'critical',
    confidence: 'high',
    get examples() {
      return {
        positives: [`{"AccountTag":"${fakeString(HEX, 32, 11228)}","TunnelSecret":"${fakeString(B64, 43, 11229)}=","TunnelID":"${fakeUuid(11230)}"}`],
        negatives: ['{"AccountTag":"x","TunnelSecret":"<secret>","TunnelID":"y"}', `{"TunnelSecret":"${'A'.repeat(43)}="}`],
      };
    },
  }),
  // --- Fastly ---
  // API tokens, sent as Fastly-Key: https://www.fastly.com/documentation/reference/api/auth-tokens/ (page not retrieved while writing this rule)
  // unverified: Fastly documents API tokens (Fastly-Key header) but not their shape; 32 URL-safe characters as issued.
  defineRule({
    id: 'fastly-api-token',
    description: 'Fastly API token (named as such)',
    keywords: ['fastly'],
    regex: named(`fastly${SEP}(?:api${SEP})?(?:token|key)`, '[A-Za-z0-9_\\-]{32}', '(?![A-Za-z0-9_\\-])'),
    ignoreCase: true,
    entropy: 3.8,
    gate: assignmentWithin(40),
    severity: 'critical',
    confidence: 'low',
    get examples() {
      return {
        positives: [`FASTLY_API_TOKEN=${fakeString(URLSAFE, 32, 11148)}`, `-H "Fastly-Key: ${fakeString(URLSAFE, 32, 11149)}"`],
        negatives: ['FASTLY_API_TOKEN=${FASTLY_API_TOKEN}', `FASTLY_API_TOKEN=${fakeString(URLSAFE, 20, 11150)}`],
      };
    },
  }),
  // --- Akamai EdgeGrid ---
  // client_token and access_token: akab- then two lower-case runs joined by "-" (Akamai's examples: 26-27 and 5-6
  // characters; the EdgeGrid READMEs: 16 and 16); client_secret: 44 base64 characters. In .edgerc:
  // https://techdocs.akamai.com/developer/docs/set-up-authentication-credentials
  defineRule({
    id: 'akamai-edgegrid-token',
    description: 'Akamai EdgeGrid client or access token (akab-)',
    keywords: ['akab-'],
    regex: `${B}(?<secret>akab-[a-z0-9]{16,32}-[a-z0-9]{5,16})(?![A-Za-z0-9_\\-.])`,
    entropy: 3.5,
    severity: 'high',
    get examples() {
      return {
        positives: [
          `client_token = ${fakeToken('akab-', LOWER_ALNUM, 30, 11151)}-${fakeString(LOWER_ALNUM, 16, 11152)}`,
          `access_token = akab-${fakeString(LOWER_ALNUM, 16, 11153)}-${fakeString(LOWER_ALNUM, 16, 11154)}`,
        ],
        negatives: [
          'client_token = akab-XXXXXXXXXXXXXXXX-XXXXXXXXXXXXXXXX',
          `host = akab-${fakeString(LOWER_ALNUM, 16, 11155)}-${fakeString(LOWER_ALNUM, 16, 11156)}.luna.akamaiapis.net`,
        ],
      };
    },
  }),
  defineRule({
    id: 'akamai-edgegrid-client-secret',
    context: true,
    description: 'Akamai EdgeGrid client secret (in an .edgerc with akab- tokens)',
    keywords: ['akab-'],
    regex: `client_secret\\s{0,3}[=:]\\s{0,3}["']?(?<secret>[A-Za-z0-9+/]{43}=)${B64E}`,
    entropy: 4.0,
    validate: (_s, _m, fragment) => (fragment.text.includes('akab-') ? 'unknown' : 'invalid'),
    severity: 'critical',
    get examples() {
      return {
        positives: [
          `[default]\nclient_secret = ${fakeString(B64, 43, 11157)}=\nhost = akab-${fakeString(LOWER_ALNUM, 16, 11158)}-${fakeString(LOWER_ALNUM, 16, 11159)}.luna.akamaiapis.net\naccess_token = akab-${fakeString(LOWER_ALNUM, 16, 11160)}-${fakeString(LOWER_ALNUM, 16, 11161)}`,
        ],
        negatives: [
          `client_secret = ${fakeString(B64, 43, 11162)}=`,
          `host = akab-x.luna.akamaiapis.net\nclient_secret = XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX=`,
        ],
      };
    },
  }),
  // --- Netlify ---
  // nfp_ (personal), nfc_ (CLI), nfo_ (OAuth), nfu_ (app), nfb_ (build), 40 characters in all:
  // https://answers.netlify.com/t/change-to-the-netlify-authentication-token-format/106146
  defineRule({
    id: 'netlify-token',
    description: 'Netlify access token (nfp_, nfc_, nfo_, nfu_, nfb_)',
    keywords: ['nfp_', 'nfc_', 'nfo_', 'nfu_', 'nfb_'],
    regex: `${B}(?<secret>nf[pcoub]_[A-Za-z0-9]{36})${E}`,
    entropy: 3.8,
    severity: 'critical',
    confidence: 'medium',
    get examples() {
      return {
        positives: [`NETLIFY_AUTH_TOKEN=${fakeToken('nfp_', ALNUM, 36, 11163)}`, `token: "${fakeToken('nfo_', ALNUM, 36, 11164)}"`],
        negatives: [`nfp_${'x'.repeat(36)}`, `nfp_${fakeString(ALNUM, 30, 11165)}`, `conf_${fakeString(ALNUM, 36, 11166)}`],
      };
    },
  }),
  // --- age ---
  // X25519 identities: Bech32 with HRP AGE-SECRET-KEY-, upper-case (32 bytes: 52 data + 6 checksum characters):
  // https://github.com/C2SP/C2SP/blob/main/age.md#the-x25519-recipient-type
  defineRule({
    id: 'age-secret-key',
    description: 'age encryption secret key (AGE-SECRET-KEY-1...)',
    keywords: ['age-secret-key-1'],
    regex: `${B}(?<secret>AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58})${E}`,
    validate: (s) => (bech32Valid(s) ? 'valid' : 'invalid'),
    validatedAs: 'checksum verified',
    packed: '(?<secret>AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58})',
    severity: 'critical',
    confidence: 'high',
    get examples() {
      return {
        positives: [fakeAgeKey(11167), `# public key: age1...\nSOPS_AGE_KEY=${fakeAgeKey(11168)}`],
        negatives: [
          `AGE-SECRET-KEY-1${fakeString(BECH32.toUpperCase(), 58, 11169)}`,
          'AGE-SECRET-KEY-1XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX',
          `${fakeAgeKey(11170).slice(0, 60)}`,
        ],
      };
    },
  }),
  // --- Kubernetes ---
  // Service account tokens are JWTs whose claims name the service account: legacy secret tokens have
  // iss "kubernetes/serviceaccount", bound tokens a "kubernetes.io" claim:
  // https://kubernetes.io/docs/reference/access-authn-authz/service-accounts-admin/ and
  // https://kubernetes.io/docs/reference/access-authn-authz/authentication/#service-account-tokens and
  // https://pkg.go.dev/k8s.io/kubernetes/pkg/serviceaccount (LegacyIssuer = "kubernetes/serviceaccount")
  // Keywords: "kubernetes.io" base64url-encoded at each of its three alignments.
  defineRule({
    id: 'kubernetes-service-account-token',
    description: 'Kubernetes service account token (JWT with Kubernetes claims)',
    keywords: ['a3ViZXJuZXRlcy5pb', 't1YmVybmV0ZXMuaW', 'rdWJlcm5ldGVzLmlv'],
    keywordsCaseSensitive: true,
    regex: `(?<![A-Za-z0-9_\\-])(?<secret>eyJ[A-Za-z0-9_\\-]{10,400}\\.eyJ[A-Za-z0-9_\\-]{40,3000}\\.[A-Za-z0-9_\\-]{40,1400})(?![A-Za-z0-9_\\-])`,
    placeholders: false,
    validate: (s) => {
      const claims = jwtClaims(s);
      if (claims === undefined) return 'invalid';
      if (claims['iss'] === 'kubernetes/serviceaccount') return 'valid';
      const k = claims['kubernetes.io'];
      return k !== null && typeof k === 'object' && typeof (k as Record<string, unknown>)['namespace'] === 'string' ? 'valid' : 'invalid';
    },
    severity: 'critical',
    facts: () => ({ tokenKind: 'Kubernetes service account token' }),
    get examples() {
      const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
      return {
        positives: [`token: ${fakeKubernetesToken(11171, false)}`, `KUBE_TOKEN="${fakeKubernetesToken(11172, true)}"`],
        negatives: [
          `id_token: ${b64({ alg: 'RS256' })}.${b64({ iss: 'https://accounts.example.com', sub: 'kubernetes.io user', aud: 'x'.repeat(30) })}.${fakeString(URLSAFE, 86, 11173)}`,
          `token: ${b64({ alg: 'RS256' })}.${b64({ iss: 'https://issuer.example.com', 'kubernetes.io': 'none', sub: 'x'.repeat(30) })}.${fakeString(URLSAFE, 86, 11174)}`,
        ],
      };
    },
  }),
  // kubeconfig users[].user.client-key-data: a base64-encoded PEM private key:
  // https://kubernetes.io/docs/concepts/configuration/organize-cluster-access-kubeconfig/ and
  // https://kubernetes.io/docs/reference/config-api/kubeconfig.v1/#AuthInfo (pages not retrieved while writing this rule;
  // the value is checked instead: it must decode to a PEM private key).
  defineRule({
    id: 'kubeconfig-client-key-data',
    description: 'kubeconfig client-key-data (base64-encoded private key)',
    keywords: ['client-key-data'],
    regex: `client-key-data["']?\\s{0,3}:\\s{0,3}["']?(?<secret>LS0tLS1CRUdJTi[A-Za-z0-9+/]{100,12000}={0,2})(?![A-Za-z0-9+/=])`,
    placeholders: false,
    validate: (s) => (Buffer.from(s, 'base64').toString('latin1').includes('PRIVATE KEY') ? 'valid' : 'invalid'),
    severity: 'critical',
    get examples() {
      return {
        positives: [`users:\n- name: admin\n  user:\n    client-certificate-data: LS0tLS1CRUdJTiBDRVJU\n    client-key-data: ${fakePemBase64(11175)}`],
        negatives: [
          '    client-key-data: REDACTED',
          `    client-key-data: ${Buffer.from(`-----BEGIN CERTIFICATE-----\n${fakeString(B64, 120, 11176)}\n-----END CERTIFICATE-----\n`).toString('base64')}`,
        ],
      };
    },
  }),
  // kubeconfig users[].user.token: "Token is the bearer token for authentication to the kubernetes cluster"
  // (Kubernetes' own definition, AuthInfo.Token, datapolicy "token", in https://github.com/kubernetes/client-go/blob/master/tools/clientcmd/api/v1/types.go,
  // published as https://kubernetes.io/docs/reference/config-api/kubeconfig.v1/#AuthInfo). Kubernetes puts
  // no shape on it (static tokens are any string, bootstrap tokens 6 + "." + 16 characters, Rancher's have
  // a colon): the value is taken as an RFC 6750 bearer token (b64token, plus ":"), 20 characters at least.
  // Taken in a kubeconfig (one that names its current-context); JWTs are left to the service-account and JWT rules.
  defineRule({
    id: 'kubeconfig-user-token',
    context: true,
    description: 'kubeconfig user bearer token',
    keywords: ['current-context'],
    // Kubernetes client-go AuthInfo.Token (staging/src/k8s.io/client-go/tools/clientcmd/api/v1/
    // types.go): the bearer token, no format; bootstrap tokens are [a-z0-9]{6}.[a-z0-9]{16}
    // (kubernetes.io, Authenticating with Bootstrap Tokens). Found by its place in a kubeconfig,
    // YAML or JSON (`kubectl config view --raw -o json`).
    regex: `(?:(?:^|\\n)[ \\t]{2,16}token:[ \\t]{1,3}["']?|"token"[ \\t]{0,3}:[ \\t]{0,3}")(?!eyJ)(?<secret>[A-Za-z0-9._~+/:\\-]{20,1200}={0,2})(?:["']?[ \\t]*(?=\\r?\\n|$)|"(?=[ \\t]*[,}\\r\\n]))`,
    entropy: 3.5,
    validate: (_s, _m, fragment) => (KUBECONFIG.test(fragment.text) ? 'unknown' : 'invalid'),
    severity: 'critical',
    confidence: 'medium',
    get examples() {
      const config = (token: string) => `apiVersion: v1\nkind: Config\ncurrent-context: prod\nusers:\n- name: deployer\n  user:\n    token: ${token}\n`;
      const json = (token: string) =>
        `{\n  "kind": "Config",\n  "apiVersion": "v1",\n  "current-context": "prod",\n  "users": [\n    {\n      "name": "deployer",\n      "user": {\n        "token": "${token}"\n      }\n    }\n  ]\n}\n`;
      return {
        positives: [
          config(fakeString(URLSAFE, 64, 11242)),
          json(fakeString(URLSAFE, 64, 15148)),
          config(`${fakeString(LOWER_ALNUM, 6, 11336)}.${fakeString(LOWER_ALNUM, 16, 11337)}`),
          config(`"${fakeString(B64, 43, 11338)}="`),
        ],
        negatives: [
          config('<token>'),
          `current-context: prod\nspec:\n  token: ${fakeString(URLSAFE, 64, 11243)}\n`,
          config('x'.repeat(40)),
          config(fakeString(URLSAFE, 19, 11339)),
          config(`eyJ${fakeString(URLSAFE, 60, 11340)}`),
          config(`${fakeString(URLSAFE, 30, 11341)} ${fakeString(URLSAFE, 30, 11342)}`),
          json('<token>'),
          `{"current-context": "prod", "spec": {"token": "${fakeString(URLSAFE, 64, 15149)}"}}`,
        ],
      };
    },
  }),
  // --- Backblaze B2 ---
  // Backblaze documents the applicationKeyId / applicationKey pair (B2_APPLICATION_KEY):
  // https://www.backblaze.com/docs/cloud-storage-application-keys. Backblaze's own SDK gives the shapes
  // (https://github.com/Backblaze/b2-sdk-python, doc/source/glossary.rst, "application key"): a key
  // "looks like" K, three digits and 27 base64 characters (31 in all), 42 hexadecimal digits (the
  // master application key), or 27 URL-safe base64 characters.
  defineRule({
    id: 'backblaze-b2-application-key',
    description: 'Backblaze B2 application key (named as such)',
    keywords: ['b2_application_key', 'b2_app_key', 'b2applicationkey', 'backblaze'],
    regex: named(
      `(?:b2${SEP}app(?:lication)?${SEP}key|backblaze${SEP}(?:b2${SEP})?(?:app(?:lication)?${SEP})?key)`,
      '(?:K[0-9]{3}[A-Za-z0-9+/]{27}|[0-9a-f]{42}|[A-Za-z0-9_\\-]{27})',
      '(?![A-Za-z0-9+/=_\\-])',
    ),
    ignoreCase: true,
    // 42 random hex digits have about 3.8 bits of entropy per character (hex tops out at 4).
    entropy: 3.3,
    gate: assignmentWithin(40),
    severity: 'critical',
    confidence: 'medium',
    get examples() {
      return {
        positives: [
          `B2_APPLICATION_KEY=K005${fakeString(ALNUM, 27, 11177)}`,
          `B2_APPLICATION_KEY=K001${fakeString(B64, 27, 11330)}`,
          `B2_APPLICATION_KEY=${fakeString(HEX, 42, 11331)}`,
          `backblaze_key: "${fakeString(URLSAFE, 27, 11332)}"`,
        ],
        negatives: [
          `B2_APPLICATION_KEY_ID=005${fakeString(HEX, 22, 11178)}`,
          'B2_APPLICATION_KEY=${B2_KEY}',
          `B2_APPLICATION_KEY=K005${fakeString(ALNUM, 20, 11333)}`,
          `B2_APPLICATION_KEY=${fakeString(HEX, 40, 11334)}`,
          `B2_APPLICATION_KEY=${fakeString(URLSAFE, 28, 11335)}`,
          `B2_APPLICATION_KEY=K005${'x'.repeat(27)}`,
          `B2_APPLICATION_KEY=${'0'.repeat(42)}`,
        ],
      };
    },
  }),
  // --- Wasabi ---
  // Access keys for Wasabi's S3-compatible API (an access key and a secret key): https://docs.wasabi.com/apidocs/generating-an-s3-api-key.
  // Wasabi's own API reference shows one issued: the response of the Account Control API's POST
  // /api/v1/sub-accounts (https://docs.wasabi.com/docs/get-apiv1sub-accounts-1) carries a 20-character
  // upper-case accessKey and a 40-character secretKey of letters and digits. Wasabi states the shape only
  // by that example; "+" and "/" (which AWS-style secrets have) stay allowed.
  defineRule({
    id: 'wasabi-secret-key',
    description: 'Wasabi secret key (named as such)',
    keywords: ['wasabi'],
    regex: named(`wasabi${SEP}(?:secret${SEP}(?:access${SEP})?key|secret)`, '[A-Za-z0-9+/]{40}', '(?![A-Za-z0-9+/=])'),
    ignoreCase: true,
    entropy: 4.0,
    gate: assignmentWithin(40),
    severity: 'critical',
    confidence: 'medium',
    get examples() {
      return {
        positives: [`WASABI_SECRET_KEY=${fakeString(B64, 40, 11244)}`, `wasabi_secret_access_key: "${fakeString(ALNUM, 40, 11359)}"`],
        negatives: [
          'WASABI_SECRET_KEY=${WASABI_SECRET_KEY}',
          `WASABI_ACCESS_KEY=${fakeString(UPPER_ALNUM, 20, 11245)}`,
          `WASABI_SECRET_KEY=${fakeString(ALNUM, 39, 11360)}`,
          `WASABI_SECRET_KEY=${fakeString(ALNUM, 41, 11361)}`,
          `WASABI_SECRET_KEY=${'x'.repeat(40)}`,
        ],
      };
    },
  }),
  // --- Cloudinary ---
  // CLOUDINARY_URL=cloudinary://<api_key>:<api_secret>@<cloud_name>, as Cloudinary's Node SDK parses it (cloudinary on npm,
  // lib/config: api_key and api_secret from the URL's user info, cloud_name from its host). Lengths as issued: a numeric key, a URL-safe secret.
  defineRule({
    id: 'cloudinary-url',
    description: 'Cloudinary URL with API secret',
    keywords: ['cloudinary://'],
    regex: `cloudinary://[0-9]{10,20}:(?<secret>[A-Za-z0-9_\\-]{20,40})@[A-Za-z0-9_\\-]{1,64}`,
    entropy: 3.5,
    severity: 'high',
    confidence: 'medium',
    get examples() {
      return {
        positives: [`CLOUDINARY_URL=cloudinary://${fakeString('0123456789', 15, 11179)}:${fakeString(URLSAFE, 27, 11180)}@my-cloud`],
        negatives: [
          'CLOUDINARY_URL=cloudinary://<api_key>:<api_secret>@<cloud_name>',
          `CLOUDINARY_URL=cloudinary://${fakeString('0123456789', 15, 11194)}:${'x'.repeat(27)}@demo`,
        ],
      };
    },
  }),
  // --- Confluent Cloud ---
  // API key (16 upper-case letters and digits) and secret (64 characters):
  // https://docs.confluent.io/cloud/current/security/authenticate/workload-identities/service-accounts/api-keys/overview.html (page not retrieved while writing this rule)
  // unverified: Confluent documents API key/secret pairs but not the secret's shape; 64 base64 characters as issued.
  defineRule({
    id: 'confluent-api-secret',
    description: 'Confluent Cloud API secret (named as such)',
    keywords: ['confluent'],
    regex: named(`confluent${SEP}(?:cloud${SEP})?(?:api${SEP})?secret`, '[A-Za-z0-9+/]{64}', '(?![A-Za-z0-9+/=])'),
    ignoreCase: true,
    entropy: 4.0,
    gate: assignmentWithin(40),
    severity: 'critical',
    confidence: 'low',
    get examples() {
      return {
        positives: [`CONFLUENT_CLOUD_API_SECRET=${fakeString(B64, 64, 11181)}`, `confluent_api_secret: "${fakeString(B64, 64, 11182)}"`],
        negatives: ['CONFLUENT_CLOUD_API_SECRET=${CONFLUENT_SECRET}', `CONFLUENT_CLOUD_API_KEY=${fakeString(UPPER_ALNUM, 16, 11183)}`],
      };
    },
  }),
  // --- Equinix Metal ---
  // API tokens (METAL_AUTH_TOKEN / PACKET_AUTH_TOKEN): https://deploy.equinix.com/developers/docs/metal/identity-access-management/api-keys/ (page not retrieved while writing this rule)
  // unverified: Equinix documents API keys (METAL_AUTH_TOKEN) but not their shape; 32 letters and digits as issued.
  // Searched Equinix's docs and own code (equinix/metal-cli README and docs: token "foo" in metal init, hidden prompt;
  // terraform/pulumi equinix_metal_*_api_key pages: "a token", X-Auth-Token): no length or alphabet stated.
  defineRule({
    id: 'equinix-metal-token',
    description: 'Equinix Metal API token (named as such)',
    keywords: ['metal_auth_token', 'packet_auth_token', 'equinix'],
    regex: named(`(?:metal|packet|equinix${SEP}metal)${SEP}(?:auth|api)${SEP}(?:token|key)`, '[A-Za-z0-9]{32}'),
    ignoreCase: true,
    entropy: 3.8,
    gate: assignmentWithin(40),
    severity: 'critical',
    confidence: 'low',
    get examples() {
      return {
        positives: [`METAL_AUTH_TOKEN=${fakeString(ALNUM, 32, 11184)}`],
        negatives: ['METAL_AUTH_TOKEN=${METAL_AUTH_TOKEN}', `METAL_AUTH_TOKEN=${fakeString(ALNUM, 20, 11185)}`],
      };
    },
  }),
  // --- Rancher ---
  // API keys: the bearer token is the access key and the secret key joined by a colon:
  // https://ranchermanager.docs.rancher.com/reference-guides/user-settings/api-keys
  // Rancher's own source gives the shapes: the access key is the Token object's name,
  // GenerateName "token-" (https://github.com/rancher/rancher/blob/main/pkg/auth/tokens/manager.go,
  // and GeneratePrefix in pkg/ext/stores/tokens/tokens.go), which Kubernetes completes with five
  // characters of bcdfghjklmnpqrstvwxz2456789 (kubernetes apiserver storage/names/generate.go,
  // apimachinery util/rand); the secret key is randomtoken.Generate(), 54 characters of that same
  // alphabet (https://github.com/rancher/wrangler/blob/main/pkg/randomtoken/token.go).
  defineRule({
    id: 'rancher-api-token',
    description: 'Rancher API bearer token (token-xxxxx:secret)',
    keywords: ['token-'],
    regex: `${B}(?<secret>token-[${RANCHER}]{5}:[${RANCHER}]{54})${E}`,
    entropy: 3.8,
    severity: 'critical',
    confidence: 'medium',
    get examples() {
      return {
        positives: [
          `RANCHER_TOKEN=token-${fakeString(RANCHER, 5, 11186)}:${fakeString(RANCHER, 54, 11187)}`,
          `Authorization: Bearer token-${fakeString(RANCHER, 5, 11300)}:${fakeString(RANCHER, 54, 11301)}`,
        ],
        negatives: [
          `token-${fakeString(RANCHER, 5, 11188)}:${fakeString(RANCHER, 30, 11189)}`,
          `csrf-token-abcde:${'x'.repeat(54)}`,
          `token-xxxxx:${'x'.repeat(54)}`,
          `token-${fakeString(LOWER_ALNUM, 5, 11302)}:${fakeString('aeiou', 2, 11303)}${fakeString(LOWER_ALNUM, 52, 11304)}`,
          `token-${fakeString(RANCHER, 5, 11305)}:${fakeString(RANCHER, 54, 11306).toUpperCase()}`,
        ],
      };
    },
  }),
  // --- HashiCorp Boundary ---
  // Auth tokens: at_<10-character id>_<token> (https://developer.hashicorp.com/boundary/docs/commands/config/get-token,
  // BOUNDARY_TOKEN) and app tokens: appt_<10-character id>_<token> (https://developer.hashicorp.com/boundary/docs/commands/app-tokens).
  // The lengths (a 10-character id, 80-140 characters after it) are those of HashiCorp's examples.
  defineRule({
    id: 'boundary-token',
    description: 'HashiCorp Boundary auth or app token (at_, appt_)',
    keywords: ['at_', 'appt_'],
    keywordsCaseSensitive: true,
    regex: `${B}(?<secret>(?:at|appt)_[A-Za-z0-9]{10}_[A-Za-z0-9]{80,140})${E}`,
    entropy: 4.0,
    // The docs' own placeholders count up (0123456789, abcdef...): a generated token does not.
    validate: (s) => (hasSequentialRun(s, 6) ? 'invalid' : 'unknown'),
    severity: 'critical',
    confidence: 'medium',
    get examples() {
      return {
        positives: [
          `BOUNDARY_TOKEN=at_${fakeString(ALNUM, 10, 11231)}_${fakeString(ALNUM, 114, 11232)}`,
          `token: appt_${fakeString(ALNUM, 10, 11233)}_${fakeString(ALNUM, 108, 11234)}`,
        ],
        negatives: [
          `boundary auth-tokens read -id at_${fakeString(ALNUM, 10, 11235)}`,
          `what_${fakeString(ALNUM, 10, 11236)}_${fakeString(ALNUM, 114, 11237)}`,
          `appt_0123456789_${'abcdefghijklmnopqrstuvwxyz1234567890'.repeat(3)}`,
        ],
      };
    },
  }),
  // --- Aiven ---
  // Personal and application tokens (AIVEN_API_TOKEN). Aiven's own docs (https://github.com/aiven/aiven-docs):
  // docs/tools/api.md sends one as "Authorization: aivenv1 TOKEN", and docs/tools/cli/user.md shows the
  // FULL_TOKEN that avn user access-token create prints, elided in the middle, as base64 with "+" and
  // "==" padding (12-character prefixes identify a token). Aiven states no length: 40-400 characters.
  defineRule({
    id: 'aiven-api-token',
    description: 'Aiven API token (after "aivenv1" or named as such)',
    keywords: ['aivenv1', 'aiven_api_token', 'aiven_token', 'aiventoken', 'aivenapitoken', 'aiven-token', 'aiven-api-token'],
    // Aiven docs (aiven/aiven-docs docs/tools/api.md, docs/tools/cli/user.md): Authorization:
    // aivenv1 <token>; the CLI's full token is base64 with + and == padding. unverified: length.
    regex: `(?:aivenv1\\s{1,3}|aiven${SEP}(?:api${SEP})?token${ASSIGN})(?<secret>[A-Za-z0-9+/]{40,400}={0,2})(?![A-Za-z0-9+/=])`,
    ignoreCase: true,
    entropy: 4.2,
    severity: 'critical',
    confidence: 'medium',
    get examples() {
      return {
        positives: [
          `-H "Authorization: aivenv1 ${fakeString(B64, 372, 11238)}"`,
          `AIVEN_API_TOKEN=${fakeString(B64, 120, 11239)}`,
          `curl -H "Authorization: aivenv1 ${fakeString(B64, 174, 11343)}==" https://api.aiven.io/v1/project`,
        ],
        negatives: [
          '-H "Authorization: aivenv1 $AIVEN_API_TOKEN"',
          `AIVEN_API_TOKEN=${'A'.repeat(60)}`,
          'curl -H "Authorization: aivenv1 TOKEN" https://api.aiven.io/v1/project',
          '--header "authorization: aivenv1 <YOUR TOKEN HERE>"',
          `AIVEN_API_TOKEN=${fakeString(B64, 19, 11344)}...${fakeString(B64, 7, 11345)}==`,
          `AIVEN_API_TOKEN=${fakeString(B64, 39, 11346)}`,
          `AIVEN_API_TOKEN=${fakeString(URLSAFE, 60, 11347)}-_`,
        ],
      };
    },
  }),
  // --- Upstash ---
  // QStash tokens, sent as a bearer token or ?qstash_token= (QSTASH_TOKEN): https://upstash.com/docs/qstash/api/authentication
  // (upstash/docs qstash/api/authentication.mdx). Upstash shows a token's inside only for its dev server:
  // base64 of {"UserID":...,"Password":...} (upstash/docs qstash/howto/local-development.mdx, "Test users";
  // upstash/qstash-js src/dev-server/constants.ts DEV_CREDENTIALS, "public, deterministic dev-only
  // credentials ... NOT secrets"). Those test users' tokens are dropped; the console's tokens' shape is
  // not stated, so 40-200 base64 characters stay.
  defineRule({
    id: 'upstash-qstash-token',
    description: 'Upstash QStash token (named as such)',
    keywords: ['qstash'],
    regex: named(`qstash${SEP}token`, '[A-Za-z0-9+/]{40,200}={0,2}', '(?![A-Za-z0-9+/=])'),
    ignoreCase: true,
    entropy: 4.2,
    validate: (s) => (isQstashDevUser(s) ? 'invalid' : 'unknown'),
    gate: assignmentWithin(40),
    severity: 'high',
    confidence: 'medium',
    get examples() {
      const token = (user: string, password: string) => Buffer.from(JSON.stringify({ UserID: user, Password: password })).toString('base64');
      return {
        positives: [
          `QSTASH_TOKEN=${fakeString(B64, 80, 11240)}=`,
          `https://qstash.upstash.io/v2/publish/x?qstash_token=${fakeString(ALNUM, 80, 11241)}`,
          `QSTASH_TOKEN="${token(fakeUuid(11348), fakeString(HEX, 32, 11349))}"`,
        ],
        negatives: [
          'QSTASH_TOKEN=<QSTASH_TOKEN>',
          'QSTASH_TOKEN=${QSTASH_TOKEN}',
          `QSTASH_URL=https://qstash.upstash.io`,
          'QSTASH_TOKEN="your_eu_token"',
          `QSTASH_TOKEN="${token('defaultUser', 'defaultPassword')}"`,
          `QSTASH_TOKEN="${token('testUser2', 'testPassword')}"`,
          `QSTASH_TOKEN=${fakeString(B64, 39, 11350)}`,
        ],
      };
    },
  }),
  // --- HashiCorp Consul / Nomad ---
  // ACL tokens' SecretID is a UUID ("Specifies a UUID to use as the token's Secret ID"), used as CONSUL_HTTP_TOKEN:
  // https://developer.hashicorp.com/consul/api-docs/acl/tokens and https://developer.hashicorp.com/consul/commands/acl/token
  defineRule({
    id: 'consul-acl-token',
    description: 'HashiCorp Consul ACL token (UUID, named as such)',
    keywords: ['consul'],
    regex: named(`consul${SEP}(?:http${SEP})?(?:acl${SEP})?(?:master${SEP}|bootstrap${SEP}|agent${SEP})?token`, UUID, '(?![0-9a-f-])'),
    ignoreCase: true,
    entropy: 3.0,
    gate: assignmentWithin(40),
    severity: 'critical',
    get examples() {
      return {
        positives: [`CONSUL_HTTP_TOKEN=${fakeUuid(11190)}`, `consul_token = "${fakeUuid(11191)}"`],
        negatives: ['CONSUL_HTTP_TOKEN=${CONSUL_TOKEN}', 'CONSUL_HTTP_TOKEN=00000000-0000-0000-0000-000000000000', `CONSUL_HTTP_ADDR=http://127.0.0.1:8500`],
      };
    },
  }),
  // Nomad ACL tokens' Secret ID is a UUID ("The provided token should be presented in a UUID format"), used as NOMAD_TOKEN:
  // https://developer.hashicorp.com/nomad/api-docs/acl-tokens and https://developer.hashicorp.com/nomad/commands/acl/token/self
  defineRule({
    id: 'nomad-acl-token',
    description: 'HashiCorp Nomad ACL token (UUID, named as such)',
    keywords: ['nomad'],
    regex: named(`nomad${SEP}(?:acl${SEP})?(?:bootstrap${SEP})?token`, UUID, '(?![0-9a-f-])'),
    ignoreCase: true,
    entropy: 3.0,
    gate: assignmentWithin(40),
    severity: 'critical',
    get examples() {
      return {
        positives: [`NOMAD_TOKEN=${fakeUuid(11192)}`],
        negatives: ['NOMAD_TOKEN=${NOMAD_TOKEN}', `NOMAD_JOB_ID=${fakeUuid(11193)}`],
      };
    },
  }),
  // --- Kubernetes bootstrap tokens ---
  // Bootstrap tokens are a 6-character token id, ".", and a 16-character token secret, [a-z0-9]{6}\.[a-z0-9]{16}:
  // https://kubernetes.io/docs/reference/access-authn-authz/bootstrap-tokens/ and
  // https://kubernetes.io/docs/reference/setup-tools/kubeadm/generated/kubeadm_token
  // Taken after kubeadm's --token flags or a token: field, in text that names kubeadm or a bootstrap token;
  // and the secret half alone in the token's own Secret (type bootstrap.kubernetes.io/token, named
  // bootstrap-token-<id>), whose stringData holds token-id and token-secret apart.
  defineRule({
    id: 'kubernetes-bootstrap-token',
    context: true,
    description: 'Kubernetes bootstrap token (kubeadm join token)',
    keywords: ['kubeadm', 'bootstrap-token', 'bootstraptoken'],
    regex: `(?:--(?:discovery-)?token[= ]{1,3}|\\btoken["']?\\s{0,3}:\\s{0,3}["']?|\\btoken-secret["']?\\s{0,3}:\\s{0,3}["']?)(?<secret>[a-z0-9]{6}\\.[a-z0-9]{16}|(?<=token-secret["']?\\s{0,3}:\\s{0,3}["']?)[a-z0-9]{16})(?![A-Za-z0-9_.\\-])`,
    entropy: 3.3,
    validate: (s) => (hasSequentialRun(s.replace('.', ''), 5) ? 'invalid' : 'unknown'),
    severity: 'critical',
    confidence: 'high',
    get examples() {
      return {
        positives: [
          `kubeadm join 10.0.0.1:6443 --token ${fakeString(LOWER_ALNUM, 6, 11195)}.${fakeString(LOWER_ALNUM, 16, 11196)} --discovery-token-ca-cert-hash sha256:${fakeString(HEX, 64, 11197)}`,
          `apiVersion: kubeadm.k8s.io/v1beta3\nkind: InitConfiguration\nbootstrapTokens:\n- token: "${fakeString(LOWER_ALNUM, 6, 11198)}.${fakeString(LOWER_ALNUM, 16, 11199)}"`,
          `apiVersion: v1\nkind: Secret\nmetadata:\n  name: bootstrap-token-${fakeString(LOWER_ALNUM, 6, 15150)}\n  namespace: kube-system\ntype: bootstrap.kubernetes.io/token\nstringData:\n  token-id: ${fakeString(LOWER_ALNUM, 6, 15150)}\n  token-secret: ${fakeString(LOWER_ALNUM, 16, 15151)}\n  usage-bootstrap-authentication: "true"\n`,
        ],
        negatives: [
          `kubeadm join 10.0.0.1:6443 --token ${['abcdef', '0123456789abcdef'].join('.')}`,
          'kubeadm join 10.0.0.1:6443 --token <token>',
          `kubeadm token create ${fakeString(LOWER_ALNUM, 6, 11200)}.${fakeString(LOWER_ALNUM, 10, 11201)}`,
          'name: bootstrap-token-abcdef\nstringData:\n  token-secret: <secret>\n',
        ],
      };
    },
  }),
  // --- Infisical ---
  defineRule({
    id: 'infisical-service-token',
    description: 'Infisical service token (st.)',
    keywords: ['st.'],
    keywordsCaseSensitive: true,
    // Infisical/infisical backend/src/services/service-token/service-token-service.ts: the server
    // issues st.<id>.<16 random bytes, hex>, the id a UUID (migrations/20231225072545_service-
    // token.ts; 24 hex on the older Mongo backend), and the client appends .<16 bytes, hex: the
    // key> (docs/internals/service-tokens.mdx: st.abc.def.ghi).
    regex: `${B}(?<secret>st\\.(?:[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}|[a-f0-9]{24})\\.[a-f0-9]{32}\\.[a-f0-9]{32})(?![A-Za-z0-9_.\\-])`,
    gate: followedBy(/[a-f0-9]{8}(?:-[a-f0-9]{4}-|[a-f0-9]{8})/y),
    entropy: 3.3,
    severity: 'critical',
    confidence: 'high',
    get examples() {
      return {
        positives: [
          `INFISICAL_TOKEN=st.${fakeString(HEX, 24, 11202)}.${fakeString(HEX, 32, 11203)}.${fakeString(HEX, 32, 11204)}`,
          `INFISICAL_TOKEN=st.${fakeUuid(15110)}.${fakeString(HEX, 32, 15111)}.${fakeString(HEX, 32, 15112)}`,
        ],
        negatives: [
          'INFISICAL_TOKEN=st.abc.def.ghi',
          `st.${fakeString(HEX, 24, 11205)}.${fakeString(HEX, 32, 11206)}`,
          `const x = st.${'0'.repeat(24)}.${'0'.repeat(32)}.${'0'.repeat(32)}`,
        ],
      };
    },
  }),
  // --- ngrok ---
  // Agent authtokens (ngrok config add-authtoken <token>, NGROK_AUTHTOKEN): https://ngrok.com/docs/gateway/site-to-site-connectivity/authtoken-acls
  // and https://ngrok.com/docs/errors/err_ngrok_105/
  // ngrok's own docs show the shape (https://github.com/ngrok/ngrok-docs): the API's credential-create
  // example (snippets/api/resources/examples/_credentials_create_response.mdx) returns an authtoken that
  // is the credential's ID without "cr_", 27 base62 characters, "_", then 21 more; agent/cli.mdx's
  // add-authtoken example has the same 27_21 shape. Older tokens in the wild are shorter on either side
  // (21_22), so each run stays 20-32 characters.
  defineRule({
    id: 'ngrok-authtoken',
    description: 'ngrok agent authtoken (named as such)',
    keywords: ['ngrok'],
    regex: `(?:ngrok${SEP}(?:auth${SEP})?token${ASSIGN}|ngrok(?: config add-)?[ \\-]?authtoken\\s{1,3}["']?)(?<secret>[0-9A-Za-z]{20,32}_[0-9A-Za-z]{20,32})(?![A-Za-z0-9_])`,
    ignoreCase: true,
    entropy: 4.0,
    severity: 'high',
    confidence: 'medium',
    get examples() {
      return {
        positives: [
          `ngrok config add-authtoken ${fakeString(ALNUM, 27, 11207)}_${fakeString(ALNUM, 21, 11208)}`,
          `NGROK_AUTHTOKEN=${fakeString(ALNUM, 25, 11209)}_${fakeString(ALNUM, 22, 11210)}`,
          `ngrok authtoken ${fakeString(ALNUM, 21, 11357)}_${fakeString(ALNUM, 22, 11358)}`,
        ],
        negatives: [
          'ngrok config add-authtoken <your-authtoken>',
          'NGROK_AUTHTOKEN=${NGROK_AUTHTOKEN}',
          `NGROK_REGION=${fakeString(ALNUM, 27, 11211)}`,
          'ngrok config add-authtoken YOUR_NGROK_AUTHTOKEN',
          `NGROK_AUTHTOKEN=${fakeString(ALNUM, 19, 11351)}_${fakeString(ALNUM, 19, 11352)}`,
          `NGROK_AUTHTOKEN=${fakeString(ALNUM, 27, 11353)}-${fakeString(ALNUM, 21, 11354)}`,
          `NGROK_AUTHTOKEN=${fakeString(ALNUM, 27, 11355)}_${'x'.repeat(21)}`,
          `NGROK_AUTHTOKEN=cr_${fakeString(ALNUM, 27, 11356)}`,
        ],
      };
    },
  }),
  // --- Huawei Cloud ---
  // AK/SK pairs (credentials.csv; SDK variables HUAWEICLOUD_SDK_AK / HUAWEICLOUD_SDK_SK, CLOUD_SDK_SK):
  // https://support.huaweicloud.com/devg-apig/apig-dev-180307021.html and https://support.huaweicloud.com/intl/en-us/sdkreference-sis/sis_05_0003.html
  // unverified: Huawei does not state the SK's shape; 40 letters and digits is the shape as issued.
  defineRule({
    id: 'huawei-cloud-secret-key',
    description: 'Huawei Cloud secret access key (SK, named as such)',
    keywords: ['huawei', 'cloud_sdk_sk'],
    regex: named(`(?:huawei(?:cloud)?${SEP}(?:sdk${SEP})?(?:sk|secret${SEP}(?:access${SEP})?key)|cloud${SEP}sdk${SEP}sk)`, '[A-Za-z0-9]{40}'),
    ignoreCase: true,
    entropy: 4.0,
    gate: assignmentWithin(40),
    severity: 'critical',
    confidence: 'low',
    get examples() {
      return {
        positives: [`HUAWEICLOUD_SDK_SK=${fakeString(ALNUM, 40, 11212)}`, `export CLOUD_SDK_SK="${fakeString(ALNUM, 40, 11213)}"`],
        negatives: ['HUAWEICLOUD_SDK_SK=${HUAWEICLOUD_SDK_SK}', `HUAWEICLOUD_SDK_AK=${fakeString(UPPER_ALNUM, 20, 11214)}`],
      };
    },
  }),
];
