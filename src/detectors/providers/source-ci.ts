import { crc32 } from '../checksums.js';
import { defineRule } from '../define.js';
import { assignmentWithin } from '../gates.js';
import type { Detector } from '../../types.js';
import { ALNUM, fakeString, fakeToken, fakeUuid, HEX, UPPER_ALNUM, URLSAFE } from '../fake.js';
import { B, E, named, UUID } from '../regex-parts.js';
import { jwtClaims } from '../json-segment.js';

/*
 * Source hosting, CI/CD, package registries and developer tooling. Each rule names, in a
 * comment above it, the provider's own description of the format. Prefix-less formats are
 * found only where the provider's name is part of the name they are assigned to. Every
 * example value is generated here from a seed (10000-10999): none was issued by a provider.
 */

const LOWER_B32 = 'abcdefghijklmnopqrstuvwxyz234567';
const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** Up to 20 name characters between the provider's name and the credential word. */
const GAP = '[A-Za-z0-9_.\\-]{0,20}?';

function b64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

/** Private Packagist: prefix, 60 hex random, then CRC32(prefix + random) in 8 hex digits. */
function packagistToken(prefix: string, seed: number): string {
  const random = fakeString(HEX, 60, seed);
  return (
    prefix +
    random +
    crc32(prefix + random)
      .toString(16)
      .padStart(8, '0')
  );
}

function packagistChecksumValid(token: string): boolean {
  const prefix = token.slice(0, 14);
  const random = token.slice(14, 74);
  return (
    crc32(prefix + random)
      .toString(16)
      .padStart(8, '0') === token.slice(74).toLowerCase()
  );
}

function buildkiteJobToken(seed: number): string {
  const header = b64url('{"alg":"HS512"}');
  const payload = b64url(JSON.stringify({ sub: fakeUuid(seed), aud: fakeUuid(seed + 1), iss: 'buildkite', exp: 1747104938, iat: 1747101038 }));
  return `bkaj_${header}.${payload}.${fakeString(URLSAFE, 86, seed + 2)}`;
}

export const sourceCiRules = (): readonly Detector[] => [
  // Microsoft's definition of the new Azure DevOps PAT: https://learn.microsoft.com/en-us/purview/sit-defn-azure-devops-personal-access-token
  // (84 characters, letters and digits, the fixed signature AZDO at positions 76-80), announced
  // in https://learn.microsoft.com/en-us/azure/devops/release-notes/2024/sprint-241-update
  // (52 to 84 characters).
  defineRule({
    id: 'azure-devops-pat',
    description: 'Azure DevOps personal access token (84-character identifiable format)',
    keywords: ['AZDO'],
    keywordsCaseSensitive: true,
    regex: `${B}(?<secret>[A-Za-z0-9]{76}AZDO[A-Za-z0-9]{4})${E}`,
    entropy: 4.0,
    severity: 'critical',
    confidence: 'high',
    get examples() {
      return {
        positives: [
          `AZURE_DEVOPS_EXT_PAT=${fakeString(ALNUM, 76, 10000)}AZDO${fakeString(ALNUM, 4, 10001)}`,
          `"pat": "${fakeString(ALNUM, 76, 10002)}AZDO${fakeString(ALNUM, 4, 10003)}"`,
        ],
        negatives: [
          `PAT=${fakeString(ALNUM, 75, 10004)}AZDO${fakeString(ALNUM, 4, 10005)}`,
          `PAT=${fakeString(ALNUM, 76, 10006)}AZDX${fakeString(ALNUM, 4, 10007)}`,
          `PAT=${'x'.repeat(76)}AZDO${'x'.repeat(4)}`,
        ],
      };
    },
  }),
  // Legacy Azure DevOps PATs: 52 characters, a base32-encoded 256-bit key
  // (https://learn.microsoft.com/en-us/purview/sit-defn-azure-devops-personal-access-token,
  // "Base32-encoded 256-bit symmetric key"; 52 characters per the sprint 241 release notes).
  defineRule({
    id: 'azure-devops-pat-legacy',
    description: 'Azure DevOps personal access token (legacy 52-character base32, named as such)',
    keywords: ['devops', 'azdo', 'vsts', 'ado_pat', 'ado_token', 'ado-pat', 'ado-token'],
    regex: named(`(?:azure[_.\\-]?devops|devops|azdo|vsts|ado)${GAP}(?:pat|token|password)`, '[a-z2-7]{52}'),
    ignoreCase: true,
    entropy: 3.8,
    gate: assignmentWithin(40),
    severity: 'critical',
    get examples() {
      return {
        positives: [`AZURE_DEVOPS_PAT=${fakeString(LOWER_B32, 52, 10010)}`, `export AZDO_TOKEN="${fakeString(LOWER_B32, 52, 10011)}"`],
        negatives: [
          `AZURE_DEVOPS_PAT=${fakeString(LOWER_B32, 51, 10012)}`,
          'AZURE_DEVOPS_PAT=${AZURE_DEVOPS_PAT}',
          `AZURE_DEVOPS_ORG=${fakeString(LOWER_B32, 52, 10013)}x`,
          `AZURE_DEVOPS_PAT=${'abcdefgh'.repeat(6)}abcd`,
        ],
      };
    },
  }),
  // https://community.sonarsource.com/t/tiny-feature-request-use-a-different-token-prefix-for-tokens-generated-for-badge-urls/78433
  // (since SonarQube 9.5: user tokens squ_, project analysis sqp_, global analysis sqa_) and
  // https://docs.sonarsource.com/sonarqube-server/latest/user-guide/managing-tokens/ (the three
  // kinds). The 40-hex body is what SonarQube issues; the docs do not spell out its length.
  defineRule({
    id: 'sonarqube-token',
    description: 'SonarQube user, project analysis or global analysis token',
    keywords: ['squ_', 'sqp_', 'sqa_'],
    regex: `${B}(?<secret>sq[upa]_[a-f0-9]{40})${E}`,
    entropy: 3.0,
    severity: 'high',
    severityFor: (s) => (s.startsWith('squ_') ? 'critical' : 'high'),
    get examples() {
      return {
        positives: [
          `SONAR_TOKEN=${fakeToken('sqp_', HEX, 40, 10020)}`,
          `sonar.token=${fakeToken('squ_', HEX, 40, 10021)}`,
          `"token": "${fakeToken('sqa_', HEX, 40, 10022)}"`,
        ],
        negatives: [`SONAR_TOKEN=sqp_${'x'.repeat(40)}`, `SONAR_TOKEN=${fakeToken('sqp_', HEX, 39, 10023)}`, `my${fakeToken('sqp_', HEX, 40, 10024)}`],
      };
    },
  }),
  // SonarQube/SonarCloud tokens before the prefixes: 40 hex, named sonar*token / sonar.login
  // (https://docs.sonarsource.com/sonarqube-server/latest/analyzing-source-code/analysis-parameters/,
  // sonar.token, formerly sonar.login).
  defineRule({
    id: 'sonarqube-legacy-token',
    description: 'SonarQube or SonarCloud token without a prefix (named as such)',
    keywords: ['sonar'],
    // SonarSource/sonarqube TokenGeneratorImpl.java (server/sonar-webserver-auth, usertoken): 20
    // SecureRandom bytes in hex, 40 characters, no prefix (later versions add sqp_/squ_/sqa_).
    // unverified: SonarCloud's generator (not open) is taken to match.
    regex: named(`sonar${GAP}(?:token|login)`, '[a-f0-9]{40}'),
    ignoreCase: true,
    entropy: 3.0,
    gate: assignmentWithin(40),
    severity: 'high',
    confidence: 'high',
    get examples() {
      return {
        positives: [`SONAR_TOKEN=${fakeString(HEX, 40, 10030)}`, `sonar.login=${fakeString(HEX, 40, 10031)}`],
        negatives: ['SONAR_TOKEN=${SONAR_TOKEN}', `SONAR_HOST_URL=${fakeString(HEX, 40, 10032)}`, `SONAR_TOKEN=${'0'.repeat(40)}`],
      };
    },
  }),
  // https://circleci.com/changelog/new-format-for-api-access-tokens/ :
  // CCIPAT_<base58-UUID>_<40-char hex> (personal), CCIPRJ_ for project tokens.
  defineRule({
    id: 'circleci-personal-token',
    description: 'CircleCI personal API token',
    keywords: ['ccipat_'],
    regex: `${B}(?<secret>CCIPAT_[1-9A-HJ-NP-Za-km-z]{21,22}_[a-f0-9]{40})${E}`,
    severity: 'critical',
    confidence: 'high',
    get examples() {
      return {
        positives: [`CIRCLECI_TOKEN=CCIPAT_${fakeString(BASE58, 22, 10040)}_${fakeString(HEX, 40, 10041)}`],
        negatives: [`CCIPAT_${fakeString(BASE58, 22, 10042)}_${fakeString(HEX, 39, 10043)}`, `CCIPAT_${'x'.repeat(22)}_${'0'.repeat(40)}`],
      };
    },
  }),
  // https://circleci.com/changelog/new-format-for-api-access-tokens/ (CCIPRJ_ project tokens).
  defineRule({
    id: 'circleci-project-token',
    description: 'CircleCI project API token',
    keywords: ['cciprj_'],
    regex: `${B}(?<secret>CCIPRJ_[1-9A-HJ-NP-Za-km-z]{21,22}_[a-f0-9]{40})${E}`,
    severity: 'high',
    confidence: 'high',
    get examples() {
      return {
        positives: [`circle_token: CCIPRJ_${fakeString(BASE58, 22, 10050)}_${fakeString(HEX, 40, 10051)}`],
        negatives: [`CCIPRJ_${fakeString(BASE58, 22, 10052)}`, `xCCIPRJ_${fakeString(BASE58, 22, 10053)}_${fakeString(HEX, 40, 10054)}`],
      };
    },
  }),
  // https://circleci.com/changelog/new-format-for-api-access-tokens/ ("Previously, token values
  // included a 40-character hex string"): older tokens, named circle*token.
  defineRule({
    id: 'circleci-legacy-token',
    description: 'CircleCI API token without a prefix (named as such)',
    keywords: ['circle'],
    regex: named(`circle${GAP}(?:token|key)`, '[a-f0-9]{40}'),
    ignoreCase: true,
    entropy: 3.0,
    gate: assignmentWithin(40),
    severity: 'high',
    get examples() {
      return {
        positives: [`CIRCLECI_TOKEN=${fakeString(HEX, 40, 10060)}`, `circle_token: "${fakeString(HEX, 40, 10061)}"`],
        negatives: ['CIRCLECI_TOKEN=${CIRCLE_TOKEN}', `CIRCLE_SHA1=${fakeString(HEX, 40, 10062)}`, `CIRCLECI_TOKEN=${fakeString(HEX, 41, 10063)}`],
      };
    },
  }),
  // https://buildkite.com/docs/platform/security/tokens : API access tokens bkua_ (example
  // bkua_MTA.<40 hex>; tokens from March 2023; a plain bkua_<40 hex> form is older).
  defineRule({
    id: 'buildkite-api-token',
    description: 'Buildkite API access token',
    keywords: ['bkua_'],
    regex: `${B}(?<secret>bkua_(?:[A-Za-z0-9]{2,12}\\.)?[a-f0-9]{40})${E}`,
    entropy: 3.0,
    severity: 'critical',
    confidence: 'high',
    get examples() {
      return {
        positives: [`BUILDKITE_API_TOKEN=bkua_MTA.${fakeString(HEX, 40, 10070)}`, `token: ${fakeToken('bkua_', HEX, 40, 10071)}`],
        negatives: [`bkua_${'a'.repeat(40)}`, `bkua_MTA.${fakeString(HEX, 30, 10072)}`, 'BUILDKITE_API_TOKEN=bkua_xxx'],
      };
    },
  }),
  // https://buildkite.com/docs/platform/security/tokens : agent session (access) tokens bkaa_
  // (example bkaa_MTA.<77 base62>; from January 2025).
  defineRule({
    id: 'buildkite-agent-access-token',
    description: 'Buildkite agent session (access) token',
    keywords: ['bkaa_'],
    regex: `${B}(?<secret>bkaa_[A-Za-z0-9]{2,12}\\.[A-Za-z0-9]{60,90})${E}`,
    entropy: 4.0,
    severity: 'high',
    confidence: 'high',
    get examples() {
      return {
        positives: [`BUILDKITE_AGENT_ACCESS_TOKEN=bkaa_MTA.${fakeString(ALNUM, 77, 10080)}`],
        negatives: [`bkaa_MTA.${fakeString(ALNUM, 40, 10081)}`, `bkaa_MTA.${'x'.repeat(77)}`],
      };
    },
  }),
  // https://buildkite.com/docs/platform/security/tokens : agent job tokens bkaj_ followed by a
  // JWT whose issuer is buildkite (the documented example's payload says "iss":"buildkite").
  defineRule({
    id: 'buildkite-agent-job-token',
    description: 'Buildkite agent job token',
    keywords: ['bkaj_'],
    // The documented example is HS512-signed: a fixed header and an 86-character signature.
    regex: `${B}(?<secret>bkaj_eyJhbGciOiJIUzUxMiJ9\\.eyJ[A-Za-z0-9_\\-]+\\.[A-Za-z0-9_\\-]{86})${E}`,
    validate: (s) => {
      const claims = jwtClaims(s.slice(5));
      if (claims === undefined) return 'invalid';
      return claims['iss'] === 'buildkite' ? 'valid' : 'unknown';
    },
    severity: 'high',
    get examples() {
      return {
        positives: [`BUILDKITE_AGENT_ACCESS_TOKEN=${buildkiteJobToken(10090)}`],
        negatives: ['bkaj_eyJhbGciOiJIUzUxMiJ9.eyJ!!.sig', `bkaj_eyJhbGciOiJIUzUxMiJ9.eyJ${fakeString(ALNUM, 30, 10094)}.${fakeString(URLSAFE, 86, 10095)}`],
      };
    },
  }),
  // https://jfrog.com/help/r/jfrog-platform-administration-documentation/understanding-identity-tokens :
  // reference tokens start with cmVmd followed by 59 more alphanumeric characters.
  defineRule({
    id: 'jfrog-reference-token',
    description: 'JFrog Platform (Artifactory) reference token',
    keywords: ['cmVmd'],
    keywordsCaseSensitive: true,
    regex: `${B}(?<secret>cmVmd[A-Za-z0-9]{59})${E}`,
    entropy: 4.0,
    severity: 'critical',
    confidence: 'high',
    get examples() {
      return {
        positives: [`ARTIFACTORY_ACCESS_TOKEN=${fakeToken('cmVmd', ALNUM, 59, 10100)}`, `"password": "${fakeToken('cmVmd', ALNUM, 59, 10101)}"`],
        negatives: [fakeToken('cmVmd', ALNUM, 58, 10102), `x${fakeToken('cmVmd', ALNUM, 59, 10103)}`, `cmVmd${'x'.repeat(59)}`],
      };
    },
  }),
  // JFrog's deprecation notice (https://jfrog.com/help/r/platform-api-key-deprecation-and-the-new-reference-tokens)
  // names API keys; JFrog's own client tells one by its shape: IsApiKey is a key that starts with
  // "AKCp8" and is at least 73 characters long (https://github.com/jfrog/jfrog-client-go/blob/master/http/httpclient/client.go).
  // JFrog states the prefix and the minimum; exactly 73 letters and digits is the length as issued.
  defineRule({
    id: 'jfrog-api-key',
    description: 'JFrog Artifactory API key (deprecated format)',
    keywords: ['AKCp'],
    keywordsCaseSensitive: true,
    regex: `${B}(?<secret>AKCp8[A-Za-z0-9]{68})${E}`,
    entropy: 4.0,
    severity: 'critical',
    confidence: 'medium',
    get examples() {
      return {
        positives: [`ARTIFACTORY_API_KEY=${fakeToken('AKCp8', ALNUM, 68, 10110)}`, `curl -H "X-JFrog-Art-Api: ${fakeToken('AKCp8', ALNUM, 68, 10780)}"`],
        negatives: [fakeToken('AKCp8', ALNUM, 60, 10111), `AKCp8${'0'.repeat(68)}`, `AKCp${'x'.repeat(69)}`, fakeToken('AKCp9', ALNUM, 68, 10781)],
      };
    },
  }),
  // https://github.com/rust-lang/crates.io/blob/main/src/util/token.rs (the registry's own
  // source): TOKEN_PREFIX "cio" and 32 random alphanumeric characters.
  defineRule({
    id: 'crates-io-token',
    description: 'crates.io API token',
    keywords: ['cio'],
    keywordsCaseSensitive: true,
    regex: `${B}(?<secret>cio[A-Za-z0-9]{32})${E}`,
    entropy: 4.0,
    severity: 'critical',
    confidence: 'high',
    get examples() {
      return {
        positives: [`CARGO_REGISTRY_TOKEN=${fakeToken('cio', ALNUM, 32, 10120)}`, `token = "${fakeToken('cio', ALNUM, 32, 10121)}"`],
        negatives: [fakeToken('cio', ALNUM, 31, 10122), `precio${fakeString(ALNUM, 32, 10123)}`, `cio${'a'.repeat(32)}`],
      };
    },
  }),
  // https://packagist.com/docs/composer-authentication#token-format : packagist_ort_ /
  // packagist_out_ / packagist_uut_, 60 hex random, 8 hex CRC32 of prefix + random.
  defineRule({
    id: 'packagist-token',
    description: 'Private Packagist authentication token',
    keywords: ['packagist_ort_', 'packagist_out_', 'packagist_uut_'],
    regex: `${B}(?<secret>packagist_(?:ort|out|uut)_[a-f0-9]{68})${E}`,
    validate: (s) => (packagistChecksumValid(s) ? 'valid' : 'invalid'),
    validatedAs: 'checksum verified',
    severity: 'high',
    severityFor: (s) => (s.startsWith('packagist_ort_') ? 'medium' : 'high'),
    get examples() {
      return {
        positives: [`COMPOSER_AUTH_TOKEN=${packagistToken('packagist_uut_', 10130)}`, `"password": "${packagistToken('packagist_ort_', 10131)}"`],
        negatives: [`packagist_out_${fakeString(HEX, 68, 10132)}`, `packagist_out_${fakeString(HEX, 60, 10133)}`],
      };
    },
  }),
  // https://github.com/clojars/clojars-web/wiki/Deploy-Tokens and
  // https://github.com/clojars/clojars-web/issues/726 (deploy tokens prefixed CLOJARS_);
  // https://github.com/clojars/clojars-web/blob/master/src/clojars/db.clj (the registry's own
  // source): generate-deploy-token is "CLOJARS_" and the lower-case hex of 30 secure-random
  // bytes, and is-deploy-token? checks ^CLOJARS_[0-9a-f]{60}$.
  defineRule({
    id: 'clojars-deploy-token',
    description: 'Clojars deploy token',
    keywords: ['clojars_'],
    regex: `${B}(?<secret>CLOJARS_[a-f0-9]{60})${E}`,
    entropy: 3.0,
    severity: 'critical',
    confidence: 'high',
    get examples() {
      return {
        positives: [`CLOJARS_PASSWORD=${fakeToken('CLOJARS_', HEX, 60, 10140)}`, `:password "${fakeToken('CLOJARS_', HEX, 60, 10700)}"`],
        negatives: [
          'CLOJARS_PASSWORD=${CLOJARS_TOKEN}',
          fakeToken('CLOJARS_', HEX, 40, 10141),
          `CLOJARS_${'x'.repeat(60)}`,
          `CLOJARS_${fakeString(HEX, 60, 10701).toUpperCase()}`,
          `clojars_${fakeString(HEX, 60, 10702)}`,
          fakeToken('CLOJARS_', HEX, 64, 10703),
        ],
      };
    },
  }),
  // https://octopus.com/docs/octopus-rest-api/how-to-create-an-api-key (the docs' placeholder is
  // API-YOUR-KEY) and Octopus staff at https://help.octopus.com/t/api-key/11255 ("API keys start
  // with 'API-'", 32 or 33 characters). The upper-case alphanumeric body is what Octopus issues.
  defineRule({
    id: 'octopus-deploy-api-key',
    description: 'Octopus Deploy API key',
    keywords: ['API-'],
    keywordsCaseSensitive: true,
    regex: `${B}(?<secret>API-(?=[A-Z0-9]{0,31}[0-9])(?=[A-Z0-9]{0,31}[A-Z])[A-Z0-9]{26,32})${E}`,
    entropy: 3.5,
    severity: 'critical',
    get examples() {
      return {
        positives: [`OCTOPUS_API_KEY=API-${fakeString(UPPER_ALNUM, 27, 10150)}`, `$octopusAPIKey = "API-${fakeString(UPPER_ALNUM, 26, 10151)}"`],
        negatives: ['$octopusAPIKey = "API-YOUR-KEY"', `API-${fakeString(UPPER_ALNUM, 20, 10152)}`, 'API-KEYSERVICEMANAGEMENTCONTROLLER'],
      };
    },
  }),
  // https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps
  // (client_secret); GitHub App and OAuth App client secrets are 40 hex characters.
  defineRule({
    id: 'github-client-secret',
    description: 'GitHub OAuth App or GitHub App client secret (named as such)',
    keywords: ['github', 'gh_client', 'gh-client'],
    // GitHub Docs ("Authorizing OAuth apps") name client_secret but publish no format; GitHub's
    // cli/cli (internal/authflow/flow.go) embeds one: 40 lower-case hex. unverified: the format.
    regex: named(`(?:github|gh)[_.\\-]?(?:oauth[_.\\-]?|app[_.\\-]?)?client[_.\\-]?secret`, '[a-f0-9]{40}'),
    ignoreCase: true,
    entropy: 3.0,
    gate: assignmentWithin(40),
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [`GITHUB_CLIENT_SECRET=${fakeString(HEX, 40, 10160)}`, `github_oauth_client_secret: "${fakeString(HEX, 40, 10161)}"`],
        negatives: ['GITHUB_CLIENT_SECRET=${GITHUB_CLIENT_SECRET}', `GITHUB_CLIENT_ID=${fakeString(HEX, 20, 10162)}`, `GITHUB_CLIENT_SECRET=${'0'.repeat(40)}`],
      };
    },
  }),
  // Bitbucket Cloud repository, project and workspace access tokens
  // (https://support.atlassian.com/bitbucket-cloud/docs/repository-access-tokens/).
  // Atlassian staff (Dhananjay Goyani, Atlassian Team) at
  // https://community.atlassian.com/forums/Bitbucket-questions/Can-we-confirm-BitBucket-s-token-prefixes/qaq-p/3093481
  // (25 August 2025): "You can rely on following prefixes for Bitbucket tokens": API token ATAT,
  // app password ATBB, access tokens (workspace, project, repository) ATCT.
  // Atlassian states the ATCT prefix only; the rest of ATCTT3xFfGN0 and the 150+ URL-safe
  // characters after it are as issued.
  defineRule({
    id: 'bitbucket-access-token',
    description: 'Bitbucket Cloud repository, project or workspace access token',
    keywords: ['ATCTT3xFfGN0'],
    keywordsCaseSensitive: true,
    regex: `${B}(?<secret>ATCTT3xFfGN0[A-Za-z0-9_\\-=]{150,})`,
    severity: 'critical',
    confidence: 'medium',
    get examples() {
      return {
        positives: [
          `git clone https://x-token-auth:${fakeToken('ATCTT3xFfGN0', URLSAFE, 180, 10170)}@bitbucket.org/acme/app.git`,
          `Authorization: Bearer ${fakeToken('ATCTT3xFfGN0', URLSAFE, 160, 10790)}`,
        ],
        negatives: ['ATCTT3xFfGN0shEGxO', `ATCTT3xFfGN0${fakeString(URLSAFE, 60, 10171)}`, `ATCTT3xFfGN0${'x'.repeat(180)}`],
      };
    },
  }),
  // Bitbucket Cloud app passwords (https://support.atlassian.com/bitbucket-cloud/docs/app-passwords/).
  // Atlassian staff (Dhananjay Goyani, Atlassian Team) at
  // https://community.atlassian.com/forums/Bitbucket-questions/Can-we-confirm-BitBucket-s-token-prefixes/qaq-p/3093481
  // (25 August 2025): "You can rely on following prefixes for Bitbucket tokens": API token ATAT,
  // app password ATBB, access tokens (workspace, project, repository) ATCT.
  // Atlassian states the ATBB prefix only; 32 letters and digits after it are as issued.
  defineRule({
    id: 'bitbucket-app-password',
    description: 'Bitbucket Cloud app password',
    keywords: ['ATBB'],
    keywordsCaseSensitive: true,
    regex: `${B}(?<secret>ATBB[A-Za-z0-9]{32})${E}`,
    entropy: 4.0,
    severity: 'critical',
    confidence: 'medium',
    get examples() {
      return {
        positives: [
          `BITBUCKET_APP_PASSWORD=${fakeToken('ATBB', ALNUM, 32, 10180)}`,
          `git clone https://jdoe:${fakeToken('ATBB', ALNUM, 32, 10791)}@bitbucket.org/acme/app.git`,
        ],
        negatives: [fakeToken('ATBB', ALNUM, 20, 10181), `ATBB${'x'.repeat(32)}`, `XATBB${fakeString(ALNUM, 32, 10792)}`, fakeToken('ATBB', ALNUM, 40, 10793)],
      };
    },
  }),
  // unverified: Bitbucket Data Center HTTP access tokens
  // (https://confluence.atlassian.com/bitbucketserver/http-access-tokens-939515499.html) start with BBDC-.
  defineRule({
    id: 'bitbucket-dc-http-token',
    description: 'Bitbucket Data Center HTTP access token',
    keywords: ['BBDC-'],
    keywordsCaseSensitive: true,
    regex: `${B}(?<secret>BBDC-[A-Za-z0-9+/]{44})(?![A-Za-z0-9+/=])`,
    entropy: 4.0,
    severity: 'critical',
    confidence: 'low',
    get examples() {
      return {
        positives: [`BITBUCKET_TOKEN=BBDC-${fakeString(ALNUM, 44, 10190)}`],
        negatives: [`BBDC-${fakeString(ALNUM, 30, 10191)}`, `BBDC-${'x'.repeat(44)}`],
      };
    },
  }),
  // Jenkins API tokens (https://www.jenkins.io/doc/book/system-administration/authenticating-scripted-clients/);
  // Jenkins' own source, https://github.com/jenkinsci/jenkins/blob/master/core/src/main/java/jenkins/security/apitoken/ApiTokenStore.java
  // (TOKEN_LENGTH_V2 = 34, HASH_VERSION "11": "11" + 32 hex); legacy tokens are 32 hex. Named jenkins*token.
  defineRule({
    id: 'jenkins-api-token',
    description: 'Jenkins API token (named as such)',
    keywords: ['jenkins'],
    regex: named(`jenkins${GAP}(?:token|password|key)`, '(?:11)?[a-f0-9]{32}'),
    ignoreCase: true,
    entropy: 3.0,
    gate: assignmentWithin(40),
    severity: 'critical',
    confidence: 'medium',
    get examples() {
      return {
        positives: [`JENKINS_API_TOKEN=11${fakeString(HEX, 32, 10200)}`, `jenkins_token: "${fakeString(HEX, 32, 10201)}"`],
        negatives: ['JENKINS_API_TOKEN=${JENKINS_TOKEN}', `JENKINS_URL=${fakeString(HEX, 32, 10202)}`, `JENKINS_TOKEN=${fakeString(HEX, 30, 10203)}`],
      };
    },
  }),
  // https://docs.travis-ci.com/user/triggering-builds/ (API token from the account page), named
  // travis*token. Travis's own source (https://github.com/travis-ci/travis-api,
  // lib/travis/api/app/access_token.rb, which lib/travis/api/v3/queries/access_token.rb
  // regenerate_token issues as the new API token): SecureRandom.urlsafe_base64(16), 22 characters
  // of A-Z a-z 0-9 - _.
  defineRule({
    id: 'travis-ci-token',
    description: 'Travis CI API token (named as such)',
    keywords: ['travis'],
    regex: named(`travis${GAP}(?:token|key)`, '[A-Za-z0-9_\\-]{22}', '(?![A-Za-z0-9_\\-])'),
    ignoreCase: true,
    entropy: 3.5,
    gate: assignmentWithin(40),
    severity: 'high',
    confidence: 'medium',
    get examples() {
      return {
        positives: [`TRAVIS_API_TOKEN=${fakeString(ALNUM, 22, 10210)}`, `travis_token: "${fakeString(URLSAFE, 22, 10740)}"`],
        negatives: [
          'TRAVIS_TOKEN=${TRAVIS_TOKEN}',
          `TRAVIS_TOKEN=${fakeString(ALNUM, 30, 10211)}`,
          'TRAVIS_TOKEN=aaaaaaaaaaaaaaaaaaaaaa',
          `TRAVIS_TOKEN=${'x'.repeat(22)}`,
          `TRAVIS_TOKEN=${fakeString(ALNUM, 10, 10741)}+${fakeString(ALNUM, 11, 10742)}`,
        ],
      };
    },
  }),
  // npm's tokens before its 2021 format (npm_ + 36, the npm-token rule) were UUIDs
  // (https://github.blog/2021-09-23-announcing-npms-new-access-token-format/: "npm access
  // tokens have previously been a 36 character UUID"), and still work until revoked. A UUID
  // is no secret by its look, so only under npm's token names: NPM_TOKEN, NPM_AUTH_TOKEN,
  // GitHub's setup-node NODE_AUTH_TOKEN, yarn's npmAuthToken (.yarnrc.yml). In .npmrc,
  // _authToken= is npmrc-auth-token's.
  defineRule({
    id: 'npm-legacy-token',
    description: 'npm access token in its legacy form (a UUID), named as such',
    keywords: ['npm_token', 'npm-token', 'npmtoken', 'npm_auth', 'npmauth', 'node_auth_token'],
    regex: named(`(?:npm${GAP}token|npm[_.\\-]?auth${GAP}|node_auth_token)`, UUID, '(?![0-9a-f\\-])'),
    ignoreCase: true,
    entropy: 3.0,
    gate: assignmentWithin(40),
    severity: 'high',
    get examples() {
      return {
        positives: [`NPM_TOKEN=${fakeUuid(14301)}`, `  npmAuthToken: "${fakeUuid(14302)}"`, `NODE_AUTH_TOKEN: ${fakeUuid(14303)}`],
        negatives: ['NPM_TOKEN=${{ secrets.NPM_TOKEN }}', 'NPM_TOKEN=00000000-0000-0000-0000-000000000000', `npm_package_id=${fakeUuid(14304)}`],
      };
    },
  }),
  // https://docs.snyk.io/snyk-api/authentication-for-api : API tokens (and service account
  // tokens) are UUIDs; named snyk*token / snyk*key.
  defineRule({
    id: 'snyk-api-token',
    description: 'Snyk API token (named as such)',
    keywords: ['snyk'],
    regex: named(`snyk${GAP}(?:token|key)`, UUID, '(?![0-9a-f\\-])'),
    ignoreCase: true,
    entropy: 3.0,
    gate: assignmentWithin(40),
    severity: 'high',
    get examples() {
      return {
        positives: [`SNYK_TOKEN=${fakeUuid(10220)}`, `snyk_api_key: "${fakeUuid(10221)}"`],
        negatives: ['SNYK_TOKEN=${SNYK_TOKEN}', `SNYK_ORG_ID=${fakeUuid(10222)}`, 'SNYK_TOKEN=00000000-0000-0000-0000-000000000000'],
      };
    },
  }),
  // https://docs.codecov.com/docs/codecov-tokens : upload tokens are UUIDs (CODECOV_TOKEN).
  defineRule({
    id: 'codecov-token',
    description: 'Codecov upload or API token (named as such)',
    keywords: ['codecov'],
    regex: named(`codecov${GAP}token`, UUID, '(?![0-9a-f\\-])'),
    ignoreCase: true,
    entropy: 3.0,
    gate: assignmentWithin(40),
    severity: 'medium',
    get examples() {
      return {
        positives: [`CODECOV_TOKEN=${fakeUuid(10230)}`, `codecov_token: '${fakeUuid(10231)}'`],
        negatives: ['CODECOV_TOKEN=${{ secrets.CODECOV_TOKEN }}', `CODECOV_URL=${fakeUuid(10232)}`, `CODECOV_TOKEN=${fakeUuid(10233).slice(0, 30)}`],
      };
    },
  }),
  // https://docs.drone.io/cli/setup/ (DRONE_TOKEN, the token from the account page). Drone's own
  // source (https://github.com/harness/drone/blob/v2.25.0/handler/api/user/token.go, and
  // handler/web/login.go for a new user): the token is the user's Hash, uniuri.NewLen(32), 32
  // characters of A-Z a-z 0-9 (github.com/dchest/uniuri StdChars).
  defineRule({
    id: 'drone-ci-token',
    description: 'Drone CI personal token (named as such)',
    keywords: ['drone'],
    regex: named(`drone${GAP}token`, '[A-Za-z0-9]{32}'),
    ignoreCase: true,
    entropy: 3.8,
    gate: assignmentWithin(40),
    severity: 'high',
    confidence: 'medium',
    get examples() {
      return {
        positives: [`export DRONE_TOKEN=${fakeString(ALNUM, 32, 10240)}`, `drone_token: "${fakeString(ALNUM, 32, 10710)}"`],
        negatives: [
          'DRONE_TOKEN=${DRONE_TOKEN}',
          `DRONE_SERVER=${fakeString(ALNUM, 32, 10241)}`,
          `DRONE_TOKEN=${fakeString(ALNUM, 33, 10242)}`,
          `DRONE_TOKEN=${'x'.repeat(32)}`,
          `DRONE_TOKEN=${fakeString(ALNUM, 24, 10711)}-${fakeString(ALNUM, 7, 10712)}`,
        ],
      };
    },
  }),
  // https://docs.gitea.com/development/api-usage (access tokens, 40 hex, sent as
  // "Authorization: token ..."); Forgejo (and Codeberg) issue the same.
  defineRule({
    id: 'gitea-token',
    description: 'Gitea, Forgejo, Codeberg or Gogs access token (named as such)',
    keywords: ['gitea', 'forgejo', 'codeberg', 'gogs'],
    regex: named(`(?:gitea|forgejo|codeberg|gogs)${GAP}(?:token|password|key)`, '[a-f0-9]{40}'),
    ignoreCase: true,
    entropy: 3.0,
    gate: assignmentWithin(40),
    severity: 'critical',
    get examples() {
      return {
        positives: [`GITEA_TOKEN=${fakeString(HEX, 40, 10250)}`, `forgejo_access_token: "${fakeString(HEX, 40, 10251)}"`],
        negatives: ['GITEA_TOKEN=${{ secrets.GITEA_TOKEN }}', `GITEA_COMMIT=${fakeString(HEX, 40, 10252)}`, `GITEA_TOKEN=${fakeString(HEX, 39, 10253)}`],
      };
    },
  }),
  // TeamCity access tokens (https://www.jetbrains.com/help/teamcity/rest/token.html): the value
  // is a three-part token whose first part is base64 of {"typ": "TCV2"}. unverified: TeamCity
  // documents the token, not its encoding.
  defineRule({
    id: 'teamcity-token',
    description: 'TeamCity access token',
    keywords: ['eyJ0eXAiOiAiVENWMiJ9'],
    keywordsCaseSensitive: true,
    regex: `${B}(?<secret>eyJ0eXAiOiAiVENWMiJ9\\.[A-Za-z0-9_\\-]{20,}\\.[A-Za-z0-9_\\-]{20,})${E}`,
    entropy: 4.0,
    severity: 'critical',
    confidence: 'low',
    get examples() {
      return {
        positives: [`TEAMCITY_TOKEN=eyJ0eXAiOiAiVENWMiJ9.${fakeString(URLSAFE, 36, 10260)}.${fakeString(URLSAFE, 48, 10261)}`],
        negatives: ['eyJ0eXAiOiAiVENWMiJ9.short.short', `eyJ0eXAiOiAiVENWMiJ9.${fakeString(URLSAFE, 36, 10262)}`],
      };
    },
  }),
  // unverified: Harness personal access and service account tokens
  // (https://developer.harness.io/docs/platform/automation/api/add-and-manage-api-keys/) are
  // pat.<account id>.<token id>.<secret> / sat.<...>; Harness gives no exact lengths.
  defineRule({
    id: 'harness-token',
    description: 'Harness personal access or service account token',
    keywords: ['pat.', 'sat.'],
    keywordsCaseSensitive: true,
    regex: `${B}(?<secret>[ps]at\\.[A-Za-z0-9_\\-]{22}\\.[a-f0-9]{24}\\.[A-Za-z0-9]{20})${E}`,
    entropy: 4.0,
    severity: 'critical',
    confidence: 'low',
    get examples() {
      return {
        positives: [`HARNESS_API_KEY=pat.${fakeString(URLSAFE, 22, 10270)}.${fakeString(HEX, 24, 10271)}.${fakeString(ALNUM, 20, 10272)}`],
        negatives: [
          `pat.${fakeString(URLSAFE, 22, 10273)}.${fakeString(HEX, 24, 10274)}`,
          `spat.${fakeString(URLSAFE, 22, 10275)}.${fakeString(HEX, 24, 10276)}.${fakeString(ALNUM, 20, 10277)}`,
        ],
      };
    },
  }),
  // https://devcenter.bitrise.io/en/accounts/personal-access-tokens.html (personal access
  // tokens). unverified: 86-character URL-safe body, from observed tokens.
  defineRule({
    id: 'bitrise-token',
    description: 'Bitrise personal access or workspace API token (named as such)',
    keywords: ['bitrise'],
    regex: named(`bitrise${GAP}(?:token|key)`, '[A-Za-z0-9_\\-]{86}', '(?![A-Za-z0-9_\\-])'),
    ignoreCase: true,
    entropy: 4.0,
    gate: assignmentWithin(40),
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [`BITRISE_TOKEN=${fakeString(URLSAFE, 86, 10280)}`],
        negatives: ['BITRISE_TOKEN=${BITRISE_TOKEN}', `BITRISE_TOKEN=${fakeString(URLSAFE, 40, 10281)}`],
      };
    },
  }),
  // https://docs.semaphoreci.com/reference/api (API token from the account page, SEMAPHORE_API_TOKEN).
  // Semaphore's own source (https://github.com/semaphoreio/semaphore, guard/lib/guard/authentication_token.ex,
  // used by guard/lib/guard/front_repo/user.ex for a user's token): 15 random bytes, URL-safe
  // base64, 20 characters of A-Z a-z 0-9 - _.
  defineRule({
    id: 'semaphore-ci-token',
    description: 'Semaphore CI API token (named as such)',
    keywords: ['semaphore'],
    regex: named(`semaphore${GAP}token`, '[A-Za-z0-9_\\-]{20}', '(?![A-Za-z0-9_\\-])'),
    ignoreCase: true,
    entropy: 3.5,
    gate: assignmentWithin(40),
    severity: 'high',
    confidence: 'medium',
    get examples() {
      return {
        positives: [`SEMAPHORE_API_TOKEN=${fakeString(ALNUM, 20, 10290)}`, `semaphore_token: '${fakeString(URLSAFE, 20, 10750)}'`],
        negatives: [
          'SEMAPHORE_API_TOKEN=${SEMAPHORE_API_TOKEN}',
          `SEMAPHORE_API_TOKEN=${fakeString(ALNUM, 25, 10291)}`,
          `SEMAPHORE_API_TOKEN=${'x'.repeat(20)}`,
          `SEMAPHORE_API_TOKEN=${fakeString(HEX, 64, 10751)}`,
          `SEMAPHORE_API_TOKEN=${fakeString(ALNUM, 9, 10752)}/${fakeString(ALNUM, 10, 10753)}`,
        ],
      };
    },
  }),
  // https://www.appveyor.com/docs/api/#authentication (API key from the account page; v2 keys
  // are v2.<base62>). unverified: lengths from observed keys.
  defineRule({
    id: 'appveyor-api-token',
    description: 'AppVeyor API token (named as such)',
    keywords: ['appveyor'],
    regex: named(`appveyor${GAP}(?:token|key)`, '(?:v2\\.)?[A-Za-z0-9]{20}'),
    ignoreCase: true,
    entropy: 3.5,
    gate: assignmentWithin(40),
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [`APPVEYOR_API_TOKEN=v2.${fakeString(ALNUM, 20, 10300)}`, `appveyor_token: ${fakeString(ALNUM, 20, 10301)}`],
        negatives: ['APPVEYOR_API_TOKEN=${APPVEYOR_TOKEN}', `APPVEYOR_TOKEN=${fakeString(ALNUM, 24, 10302)}`],
      };
    },
  }),
  // https://docs.coveralls.io/api-introduction (repo_token, COVERALLS_REPO_TOKEN). unverified:
  // 32-37 alphanumeric characters, from observed tokens.
  defineRule({
    id: 'coveralls-repo-token',
    description: 'Coveralls repository token (named as such)',
    keywords: ['coveralls', 'repo_token'],
    regex: named(`(?:coveralls${GAP}token|repo_token)`, '[A-Za-z0-9]{32,37}'),
    ignoreCase: true,
    entropy: 3.8,
    gate: assignmentWithin(40),
    severity: 'medium',
    confidence: 'low',
    get examples() {
      return {
        positives: [`COVERALLS_REPO_TOKEN=${fakeString(ALNUM, 33, 10310)}`, `repo_token: ${fakeString(ALNUM, 32, 10311)}`],
        negatives: ['COVERALLS_REPO_TOKEN=${{ secrets.COVERALLS }}', `COVERALLS_REPO_TOKEN=${fakeString(ALNUM, 20, 10312)}`],
      };
    },
  }),
  // https://docs.codeclimate.com/docs/finding-your-test-coverage-token (CC_TEST_REPORTER_ID, 64 hex).
  defineRule({
    id: 'codeclimate-reporter-id',
    description: 'Code Climate test reporter ID (named as such)',
    keywords: ['cc_test_reporter', 'codeclimate'],
    regex: named(`(?:cc_test_reporter_id|codeclimate${GAP}(?:token|id|key))`, '[a-f0-9]{64}'),
    ignoreCase: true,
    entropy: 3.0,
    gate: assignmentWithin(40),
    severity: 'medium',
    get examples() {
      return {
        positives: [`CC_TEST_REPORTER_ID=${fakeString(HEX, 64, 10320)}`],
        negatives: ['CC_TEST_REPORTER_ID=${{ secrets.CC_TEST_REPORTER_ID }}', `CC_TEST_REPORTER_ID=${fakeString(HEX, 40, 10321)}`],
      };
    },
  }),
  // https://docs.quay.io/glossary/robot-accounts.html (robot account tokens: 64 upper-case
  // alphanumeric characters, used as the password of <org>+<robot>).
  defineRule({
    id: 'quay-robot-token',
    description: 'Quay robot account token (named as such)',
    keywords: ['quay'],
    regex: named(`quay${GAP}(?:token|password|key)`, '[A-Z0-9]{64}'),
    ignoreCase: true,
    entropy: 4.0,
    gate: assignmentWithin(40),
    severity: 'high',
    get examples() {
      return {
        positives: [`QUAY_PASSWORD=${fakeString(UPPER_ALNUM, 64, 10330)}`, `quay_robot_token: "${fakeString(UPPER_ALNUM, 64, 10331)}"`],
        negatives: ['QUAY_PASSWORD=${QUAY_PASSWORD}', `QUAY_TOKEN=${fakeString(UPPER_ALNUM, 40, 10332)}`],
      };
    },
  }),
  // https://help.cloudsmith.io/docs/api-keys (CLOUDSMITH_API_KEY, 40 hex).
  defineRule({
    id: 'cloudsmith-api-key',
    description: 'Cloudsmith API key (named as such)',
    keywords: ['cloudsmith'],
    regex: named(`cloudsmith${GAP}(?:token|key)`, '[a-f0-9]{40}'),
    ignoreCase: true,
    entropy: 3.0,
    gate: assignmentWithin(40),
    severity: 'high',
    get examples() {
      return {
        positives: [`CLOUDSMITH_API_KEY=${fakeString(HEX, 40, 10340)}`],
        negatives: ['CLOUDSMITH_API_KEY=${CLOUDSMITH_API_KEY}', `CLOUDSMITH_API_KEY=${fakeString(HEX, 32, 10341)}`],
      };
    },
  }),
  // https://docs.expo.dev/accounts/programmatic-access/ (EXPO_TOKEN access tokens). unverified:
  // a 40-character URL-safe token, from observed tokens.
  defineRule({
    id: 'expo-access-token',
    description: 'Expo access token (named as such)',
    keywords: ['expo_token', 'expo-token', 'expo_access'],
    regex: named(`expo[_\\-](?:access[_\\-])?token`, '[A-Za-z0-9_\\-]{40}', '(?![A-Za-z0-9_\\-])'),
    ignoreCase: true,
    entropy: 4.0,
    gate: assignmentWithin(40),
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [`EXPO_TOKEN=${fakeString(URLSAFE, 40, 10350)}`],
        negatives: ['EXPO_TOKEN=${{ secrets.EXPO_TOKEN }}', `EXPO_TOKEN=${fakeString(URLSAFE, 30, 10351)}`],
      };
    },
  }),
  // https://nx.dev/ci/recipes/security/access-tokens (NX_CLOUD_ACCESS_TOKEN). unverified: a
  // base64-ish token of 40-100 characters, from observed tokens.
  defineRule({
    id: 'nx-cloud-access-token',
    description: 'Nx Cloud access token (named as such)',
    keywords: ['nx_cloud', 'nxcloud', 'nx-cloud'],
    regex: named(`nx[_\\-]?cloud${GAP}token`, '[A-Za-z0-9+/=_\\-|]{40,100}', '(?![A-Za-z0-9+/=_\\-|])'),
    ignoreCase: true,
    entropy: 4.0,
    gate: assignmentWithin(40),
    severity: 'medium',
    confidence: 'low',
    get examples() {
      return {
        positives: [`NX_CLOUD_ACCESS_TOKEN=${fakeString(ALNUM, 60, 10360)}`],
        negatives: ['NX_CLOUD_ACCESS_TOKEN=${{ secrets.NX_CLOUD_ACCESS_TOKEN }}', `NX_CLOUD_ACCESS_TOKEN=${fakeString(ALNUM, 20, 10361)}`],
      };
    },
  }),
  // https://www.chromatic.com/docs/cli/ (CHROMATIC_PROJECT_TOKEN, chpt_...). unverified: the
  // 14-hex body, from observed tokens.
  defineRule({
    id: 'chromatic-project-token',
    description: 'Chromatic project token',
    keywords: ['chpt_'],
    regex: `${B}(?<secret>chpt_[a-f0-9]{14})${E}`,
    entropy: 3.0,
    severity: 'medium',
    confidence: 'low',
    get examples() {
      return {
        positives: [`CHROMATIC_PROJECT_TOKEN=${fakeToken('chpt_', HEX, 14, 10370)}`],
        negatives: [fakeToken('chpt_', HEX, 10, 10371), `chpt_${'x'.repeat(14)}`],
      };
    },
  }),
  // https://browserstack.com/docs/percy/common-issue/common-errors/incorrect-project-type : Percy
  // project tokens are web_<token_sha>, auto_<token_sha> (Percy with Automate), app_<token_sha>
  // (App Percy); older tokens are the bare sha. Percy's own CLI maps the prefix before the first _
  // to the project type (https://github.com/percy/cli/blob/master/packages/client/src/client.js
  // tokenType: auto, web, app, ss, vmw, res). Percy states the prefixes only; the 64-hex body is
  // as issued.
  defineRule({
    id: 'percy-token',
    description: 'Percy project token (named as such)',
    keywords: ['percy'],
    regex: named(`percy${GAP}token`, '(?:(?:web|auto|app|ss|vmw|res)_)?[a-f0-9]{64}'),
    ignoreCase: true,
    entropy: 3.0,
    gate: assignmentWithin(40),
    severity: 'medium',
    confidence: 'medium',
    get examples() {
      return {
        positives: [
          `PERCY_TOKEN=web_${fakeString(HEX, 64, 10380)}`,
          `PERCY_TOKEN=${fakeString(HEX, 64, 10381)}`,
          `percy_token: "res_${fakeString(HEX, 64, 10770)}"`,
        ],
        negatives: [
          'PERCY_TOKEN=${{ secrets.PERCY_TOKEN }}',
          `PERCY_TOKEN=${fakeString(HEX, 40, 10382)}`,
          `PERCY_TOKEN=web_${'0'.repeat(64)}`,
          `PERCY_TOKEN=cli_${fakeString(HEX, 64, 10771)}`,
        ],
      };
    },
  }),
  // https://www.browserstack.com/docs/automate/selenium/getting-started/nodejs#set-browserstack-credentials
  // (BROWSERSTACK_ACCESS_KEY, 20 alphanumeric characters).
  defineRule({
    id: 'browserstack-access-key',
    description: 'BrowserStack access key (named as such)',
    keywords: ['browserstack'],
    regex: named(`browserstack${GAP}(?:key|token)`, '[A-Za-z0-9]{20}'),
    ignoreCase: true,
    entropy: 3.5,
    gate: assignmentWithin(40),
    severity: 'high',
    get examples() {
      return {
        positives: [`BROWSERSTACK_ACCESS_KEY=${fakeString(ALNUM, 20, 10390)}`, `"browserstack.key": "${fakeString(ALNUM, 20, 10391)}"`],
        negatives: [
          'BROWSERSTACK_ACCESS_KEY=${BROWSERSTACK_ACCESS_KEY}',
          `BROWSERSTACK_USERNAME=${fakeString(ALNUM, 20, 10392)}`,
          `BROWSERSTACK_ACCESS_KEY=${fakeString(ALNUM, 24, 10393)}`,
        ],
      };
    },
  }),
  // https://docs.saucelabs.com/basics/environment-variables/ (SAUCE_ACCESS_KEY, a UUID).
  defineRule({
    id: 'saucelabs-access-key',
    description: 'Sauce Labs access key (named as such)',
    keywords: ['sauce'],
    regex: named(`sauce${GAP}(?:key|token)`, UUID, '(?![0-9a-f\\-])'),
    ignoreCase: true,
    entropy: 3.0,
    gate: assignmentWithin(40),
    severity: 'high',
    get examples() {
      return {
        positives: [`SAUCE_ACCESS_KEY=${fakeUuid(10400)}`, `sauceKey: '${fakeUuid(10401)}'`],
        negatives: ['SAUCE_ACCESS_KEY=${SAUCE_ACCESS_KEY}', `SAUCE_TUNNEL_ID=${fakeUuid(10402)}`],
      };
    },
  }),
  // https://www.lambdatest.com/support/docs/using-environment-variables-for-authentication-credentials/
  // (LT_ACCESS_KEY). unverified: access keys are LT_ plus ~47 alphanumeric characters, or 50 without it.
  defineRule({
    id: 'lambdatest-access-key',
    description: 'LambdaTest access key (named as such)',
    keywords: ['lambdatest', 'lt_access_key', 'lt-access-key'],
    regex: named(`(?:lambdatest${GAP}(?:key|token)|lt[_\\-]access[_\\-]key)`, '(?:LT_)?[A-Za-z0-9]{45,50}'),
    ignoreCase: true,
    entropy: 4.0,
    gate: assignmentWithin(40),
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [`LT_ACCESS_KEY=LT_${fakeString(ALNUM, 47, 10410)}`, `LAMBDATEST_ACCESS_KEY=${fakeString(ALNUM, 50, 10411)}`],
        negatives: ['LT_ACCESS_KEY=${LT_ACCESS_KEY}', `LT_ACCESS_KEY=${fakeString(ALNUM, 20, 10412)}`],
      };
    },
  }),
  // https://docs.cypress.io/cloud/account-management/projects#Record-key (CYPRESS_RECORD_KEY, a UUID).
  defineRule({
    id: 'cypress-record-key',
    description: 'Cypress Cloud record key (named as such)',
    keywords: ['cypress', 'record_key', 'record-key'],
    regex: named(`(?:cypress${GAP}(?:key|token)|record[_\\-]key)`, UUID, '(?![0-9a-f\\-])'),
    ignoreCase: true,
    entropy: 3.0,
    gate: assignmentWithin(40),
    severity: 'medium',
    get examples() {
      return {
        positives: [`CYPRESS_RECORD_KEY=${fakeUuid(10420)}`, `record_key: ${fakeUuid(10421)}`],
        negatives: ['CYPRESS_RECORD_KEY=${{ secrets.CYPRESS_RECORD_KEY }}', `CYPRESS_PROJECT_ID=${fakeUuid(10422)}`],
      };
    },
  }),
  // https://depot.dev/docs/cli/authentication (user, organization and project tokens: depot_...).
  // unverified: prefixes depot_user_/depot_org_/depot_project_ and the 64-hex body.
  defineRule({
    id: 'depot-token',
    description: 'Depot user, organization or project token',
    keywords: ['depot_user_', 'depot_org_', 'depot_project_'],
    regex: `${B}(?<secret>depot_(?:user|org|project)_[a-f0-9]{64})${E}`,
    entropy: 3.0,
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [`DEPOT_TOKEN=${fakeToken('depot_project_', HEX, 64, 10430)}`],
        negatives: [fakeToken('depot_org_', HEX, 40, 10431), `depot_user_${'0'.repeat(64)}`],
      };
    },
  }),
  // https://docs.earthly.dev/docs/earthly-command#earthly-account-create-token (EARTHLY_TOKEN).
  // unverified: a 40+ character URL-safe token, from observed tokens.
  defineRule({
    id: 'earthly-token',
    description: 'Earthly account token (named as such)',
    keywords: ['earthly'],
    regex: named(`earthly${GAP}token`, '[A-Za-z0-9_\\-]{40,64}', '(?![A-Za-z0-9_\\-])'),
    ignoreCase: true,
    entropy: 4.0,
    gate: assignmentWithin(40),
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [`EARTHLY_TOKEN=${fakeString(URLSAFE, 48, 10440)}`],
        negatives: ['EARTHLY_TOKEN=${{ secrets.EARTHLY_TOKEN }}', `EARTHLY_TOKEN=${fakeString(URLSAFE, 20, 10441)}`],
      };
    },
  }),
  // https://docs.codemagic.io/rest-api/codemagic-rest-api/ (API token from the team settings,
  // x-auth-token). unverified: a 43-character URL-safe token, from observed tokens.
  defineRule({
    id: 'codemagic-api-token',
    description: 'Codemagic API token (named as such)',
    keywords: ['codemagic'],
    regex: named(`codemagic${GAP}token`, '[A-Za-z0-9_\\-]{43}', '(?![A-Za-z0-9_\\-])'),
    ignoreCase: true,
    entropy: 4.0,
    gate: assignmentWithin(40),
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [`CODEMAGIC_API_TOKEN=${fakeString(URLSAFE, 43, 10450)}`],
        negatives: ['CODEMAGIC_API_TOKEN=${CM_TOKEN}', `CODEMAGIC_API_TOKEN=${fakeString(URLSAFE, 30, 10451)}`],
      };
    },
  }),
  // https://hex.pm/docs/publish and https://hexdocs.pm/hex/Mix.Tasks.Hex.User.html (HEX_API_KEY,
  // 32 hex characters).
  defineRule({
    id: 'hex-pm-api-key',
    description: 'Hex.pm API key (named as such)',
    keywords: ['hex_api', 'hexpm', 'hex-api'],
    regex: named(`(?:hex[_\\-]api${GAP}key|hexpm${GAP}(?:key|token))`, '[a-f0-9]{32}'),
    ignoreCase: true,
    entropy: 3.0,
    gate: assignmentWithin(40),
    severity: 'critical',
    get examples() {
      return {
        positives: [`HEX_API_KEY=${fakeString(HEX, 32, 10460)}`, `hexpm_key: "${fakeString(HEX, 32, 10461)}"`],
        negatives: ['HEX_API_KEY=${{ secrets.HEX_API_KEY }}', `HEX_API_KEY=${fakeString(HEX, 40, 10462)}`],
      };
    },
  }),
  // https://docs.gradle.org/current/userguide/publishing_gradle_plugins.html and
  // https://plugins.gradle.org/docs/publish-plugin (gradle.publish.key / gradle.publish.secret,
  // 32 alphanumeric characters each).
  defineRule({
    id: 'gradle-plugin-portal-key',
    description: 'Gradle Plugin Portal publishing key or secret',
    keywords: ['gradle.publish.', 'gradle_publish_'],
    regex: named(`gradle[._]publish[._](?:key|secret)`, '[A-Za-z0-9]{32}'),
    ignoreCase: true,
    entropy: 3.8,
    gate: assignmentWithin(10),
    severity: 'critical',
    get examples() {
      return {
        positives: [`gradle.publish.key=${fakeString(ALNUM, 32, 10470)}`, `GRADLE_PUBLISH_SECRET=${fakeString(ALNUM, 32, 10471)}`],
        negatives: ['gradle.publish.key=${GRADLE_KEY}', `gradle.publish.key=${fakeString(ALNUM, 20, 10472)}`],
      };
    },
  }),
  // Dependency-Track API keys: default prefix odt_ (https://github.com/DependencyTrack/dependency-track/pull/3047,
  // documented at https://docs.dependencytrack.org/getting-started/configuration/, alpine.api.key.prefix);
  // the key after it is 32 alphanumeric characters (https://github.com/DependencyTrack/dependency-track/issues/2543).
  defineRule({
    id: 'dependency-track-api-key',
    description: 'OWASP Dependency-Track API key',
    keywords: ['odt_'],
    regex: `${B}(?<secret>odt_[A-Za-z0-9]{32})${E}`,
    entropy: 3.8,
    severity: 'high',
    get examples() {
      return {
        positives: [`DTRACK_API_KEY=${fakeToken('odt_', ALNUM, 32, 10480)}`],
        negatives: [fakeToken('odt_', ALNUM, 20, 10481), `odt_${'x'.repeat(32)}`],
      };
    },
  }),
  // unverified: Infracost API keys (https://www.infracost.io/docs/integrations/environment_variables/,
  // INFRACOST_API_KEY) start with ico-; 32 alphanumeric characters observed.
  defineRule({
    id: 'infracost-api-key',
    description: 'Infracost API key',
    keywords: ['ico-'],
    regex: `${B}(?<secret>ico-[A-Za-z0-9]{32})${E}`,
    entropy: 3.8,
    severity: 'medium',
    confidence: 'low',
    get examples() {
      return {
        positives: [`INFRACOST_API_KEY=${fakeToken('ico-', ALNUM, 32, 10490)}`],
        negatives: [fakeToken('ico-', ALNUM, 20, 10491), `ico-${'0'.repeat(32)}`],
      };
    },
  }),
  // Prefect Cloud API keys (https://docs.prefect.io/v3/manage/cloud/manage-users/api-keys): Prefect's
  // own CLI (https://github.com/PrefectHQ/prefect/blob/main/src/prefect/cli/cloud/__init__.py, login)
  // expects the prefix pnu_ (user) or pnb_ (service account) and says so when a key lacks it.
  // Prefect states only the prefix; 36 alphanumeric characters after it are as issued.
  defineRule({
    id: 'prefect-api-key',
    description: 'Prefect Cloud API key',
    keywords: ['pnu_', 'pnb_'],
    regex: `${B}(?<secret>pn[ub]_[A-Za-z0-9]{36})${E}`,
    entropy: 3.8,
    severity: 'high',
    confidence: 'medium',
    get examples() {
      return {
        positives: [`PREFECT_API_KEY=${fakeToken('pnu_', ALNUM, 36, 10500)}`, `prefect cloud login --key ${fakeToken('pnb_', ALNUM, 36, 10760)}`],
        negatives: [
          fakeToken('pnu_', ALNUM, 30, 10501),
          `pnb_${'x'.repeat(36)}`,
          `PREFECT_API_KEY=${fakeToken('pcu_', ALNUM, 36, 10761)}`,
          `spnu_${fakeString(ALNUM, 36, 10762)}`,
        ],
      };
    },
  }),
  // Deno Deploy access tokens (https://docs.deno.com/deploy/manual/deployctl/, DENO_DEPLOY_TOKEN):
  // personal tokens ddp_, organization tokens ddo_ (as https://docs.doppler.com/docs/deno-deploy
  // says). unverified: the 36-character alphanumeric body, from observed tokens.
  defineRule({
    id: 'deno-deploy-token',
    description: 'Deno Deploy access token',
    keywords: ['ddp_', 'ddo_'],
    regex: `${B}(?<secret>dd[po]_[A-Za-z0-9]{36})${E}`,
    entropy: 3.8,
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [`DENO_DEPLOY_TOKEN=${fakeToken('ddp_', ALNUM, 36, 10510)}`],
        negatives: [fakeToken('ddp_', ALNUM, 30, 10511), `ddp_${'x'.repeat(36)}`],
      };
    },
  }),
  // https://www.jetbrains.com/help/youtrack/devportal/hub-api-permanent-token.html : Hub and
  // YouTrack permanent tokens, perm:<base64 login>.<base64 token name>.<30 alphanumeric> (the
  // documented example; YouTrack Cloud writes perm- with the same parts).
  defineRule({
    id: 'jetbrains-hub-permanent-token',
    description: 'JetBrains Hub / YouTrack permanent token',
    keywords: ['perm:', 'perm-'],
    regex: `${B}(?<secret>perm[:\\-][A-Za-z0-9+/=_\\-]{2,64}\\.[A-Za-z0-9+/=_\\-]{2,64}\\.[A-Za-z0-9]{30})${E}`,
    validate: (s) => {
      const login = Buffer.from(s.slice(5).split('.')[0] ?? '', 'base64').toString('latin1');
      return /^[\x20-\x7e]{1,100}$/.test(login) ? 'valid' : 'unknown';
    },
    severity: 'critical',
    get examples() {
      return {
        positives: [
          `YOUTRACK_TOKEN=perm:${Buffer.from('alice').toString('base64')}.${Buffer.from('CI token').toString('base64')}.${fakeString(ALNUM, 30, 10520)}`,
          `Authorization: Bearer perm-${Buffer.from('bob').toString('base64url')}.${Buffer.from('deploy').toString('base64url')}.${fakeString(ALNUM, 30, 10521)}`,
        ],
        negatives: [
          `perm:${Buffer.from('alice').toString('base64')}.${fakeString(ALNUM, 20, 10522)}`,
          `perm:a.b.${fakeString(ALNUM, 12, 10523)}`,
          `perm:${'x'.repeat(8)}.${'x'.repeat(8)}.${'x'.repeat(30)}`,
        ],
      };
    },
  }),
  // Buildkite API tokens issued before the bkua_ prefix (March 2023, per
  // https://buildkite.com/docs/platform/security/tokens): 40 hex, named buildkite*token.
  // unverified: the 40-hex length is not in Buildkite's description.
  defineRule({
    id: 'buildkite-legacy-token',
    description: 'Buildkite API or agent token without a prefix (named as such)',
    keywords: ['buildkite'],
    regex: named(`buildkite${GAP}token`, '[a-f0-9]{40}(?:[a-f0-9]{10})?'),
    ignoreCase: true,
    entropy: 3.0,
    gate: assignmentWithin(40),
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [`BUILDKITE_API_TOKEN=${fakeString(HEX, 40, 10530)}`, `BUILDKITE_AGENT_TOKEN="${fakeString(HEX, 50, 10531)}"`],
        negatives: [
          'BUILDKITE_AGENT_TOKEN=${BUILDKITE_AGENT_TOKEN}',
          `BUILDKITE_COMMIT=${fakeString(HEX, 40, 10532)}`,
          `BUILDKITE_TOKEN=${fakeString(HEX, 45, 10533)}`,
        ],
      };
    },
  }),
  // unverified: Codefresh API keys (https://codefresh.io/docs/docs/integrations/codefresh-api/,
  // CF_API_KEY) are <24 hex>.<32 hex>, from observed keys.
  defineRule({
    id: 'codefresh-api-key',
    description: 'Codefresh API key (named as such)',
    keywords: ['codefresh', 'cf_api_key', 'cf-api-key'],
    regex: named(`(?:codefresh${GAP}(?:key|token)|cf[_\\-]api[_\\-]key)`, '[a-f0-9]{24}\\.[a-f0-9]{32}'),
    ignoreCase: true,
    entropy: 3.0,
    gate: assignmentWithin(40),
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [`CF_API_KEY=${fakeString(HEX, 24, 10540)}.${fakeString(HEX, 32, 10541)}`],
        negatives: ['CF_API_KEY=${CF_API_KEY}', `CF_API_KEY=${fakeString(HEX, 24, 10542)}`],
      };
    },
  }),
  // unverified: Visual Studio App Center API tokens (https://learn.microsoft.com/en-us/appcenter/api-docs/,
  // APPCENTER_API_TOKEN) are 40 hex characters, from observed tokens. Searched Microsoft's own
  // MicrosoftDocs/appcenter-docs (API tokens: made in settings, sent as X-API-Token) and microsoft/appcenter-cli
  // (no check of a token's shape, no example token): no length or alphabet stated.
  defineRule({
    id: 'appcenter-api-token',
    description: 'Visual Studio App Center API token (named as such)',
    keywords: ['appcenter', 'app_center', 'app-center'],
    regex: named(`app[_\\-]?center${GAP}(?:token|key)`, '[a-f0-9]{40}'),
    ignoreCase: true,
    entropy: 3.0,
    gate: assignmentWithin(40),
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [`APPCENTER_API_TOKEN=${fakeString(HEX, 40, 10550)}`],
        negatives: ['APPCENTER_API_TOKEN=${APPCENTER_TOKEN}', `APPCENTER_APP_SECRET_KEY=${fakeString(HEX, 30, 10551)}`],
      };
    },
  }),
  // CocoaPods trunk session tokens (https://guides.cocoapods.org/making/getting-setup-with-trunk.html,
  // COCOAPODS_TRUNK_TOKEN). Trunk's own source (https://github.com/CocoaPods/trunk.cocoapods.org,
  // app/models/session.rb TOKEN_LENGTH = 32 and lib/token.rb Token.generate): SecureRandom.hex of
  // 16 bytes, 32 lower-case hex characters.
  defineRule({
    id: 'cocoapods-trunk-token',
    description: 'CocoaPods trunk token (named as such)',
    keywords: ['cocoapods'],
    regex: named(`cocoapods${GAP}token`, '[a-f0-9]{32}'),
    ignoreCase: true,
    entropy: 3.0,
    gate: assignmentWithin(40),
    severity: 'critical',
    confidence: 'medium',
    get examples() {
      return {
        positives: [`COCOAPODS_TRUNK_TOKEN=${fakeString(HEX, 32, 10560)}`, `cocoapods_token: "${fakeString(HEX, 32, 10730)}"`],
        negatives: [
          'COCOAPODS_TRUNK_TOKEN=${{ secrets.COCOAPODS_TRUNK_TOKEN }}',
          `COCOAPODS_TRUNK_TOKEN=${fakeString(HEX, 20, 10561)}`,
          `COCOAPODS_TRUNK_TOKEN=${'0'.repeat(32)}`,
          `COCOAPODS_TRUNK_TOKEN=${fakeString(HEX, 40, 10731)}`,
          `COCOAPODS_TRUNK_TOKEN=${fakeString(ALNUM, 32, 10732)}`,
        ],
      };
    },
  }),
  // unverified: Codacy account and project API tokens (https://docs.codacy.com/codacy-api/api-tokens/,
  // CODACY_PROJECT_TOKEN / CODACY_API_TOKEN) are 20 or 32 alphanumeric characters, from observed tokens.
  // Searched Codacy's own codacy/docs (api-tokens.md: a token's name up to 100 characters, values only as
  // <your account API token>) and codacy/codacy-coverage-reporter (no check of a token's shape): none stated.
  defineRule({
    id: 'codacy-api-token',
    description: 'Codacy account or project API token (named as such)',
    keywords: ['codacy'],
    regex: named(`codacy${GAP}token`, '[A-Za-z0-9]{20}(?:[A-Za-z0-9]{12})?'),
    ignoreCase: true,
    entropy: 3.5,
    gate: assignmentWithin(40),
    severity: 'medium',
    confidence: 'low',
    get examples() {
      return {
        positives: [`CODACY_PROJECT_TOKEN=${fakeString(ALNUM, 32, 10570)}`, `CODACY_API_TOKEN=${fakeString(ALNUM, 20, 10571)}`],
        negatives: ['CODACY_PROJECT_TOKEN=${{ secrets.CODACY_PROJECT_TOKEN }}', `CODACY_PROJECT_TOKEN=${fakeString(ALNUM, 26, 10572)}`],
      };
    },
  }),
  // unverified: Applitools API keys (https://applitools.com/docs/topics/overview/obtain-api-key.html,
  // APPLITOOLS_API_KEY) are 40-50 alphanumeric characters, from observed keys. Searched Applitools' docs
  // and its own applitools/eyes.sdk.python (no check of a key's length or alphabet, no example key): none stated.
  defineRule({
    id: 'applitools-api-key',
    description: 'Applitools Eyes API key (named as such)',
    keywords: ['applitools'],
    regex: named(`applitools${GAP}key`, '[A-Za-z0-9]{40,50}'),
    ignoreCase: true,
    entropy: 4.0,
    gate: assignmentWithin(40),
    severity: 'medium',
    confidence: 'low',
    get examples() {
      return {
        positives: [`APPLITOOLS_API_KEY=${fakeString(ALNUM, 44, 10580)}`],
        negatives: ['APPLITOOLS_API_KEY=${APPLITOOLS_API_KEY}', `APPLITOOLS_API_KEY=${fakeString(ALNUM, 20, 10581)}`],
      };
    },
  }),
  // https://goharbor.io/docs/main/working-with-projects/project-configuration/create-robot-accounts/ :
  // robot accounts are named robot$<name> (robot$<project>+<name>). Harbor's own source
  // (https://github.com/goharbor/harbor/blob/main/src/controller/robot/controller.go CreateSec,
  // src/common/utils/utils.go GenerateRandomString): a generated secret is 32 characters of
  // a-z A-Z 0-9, kept only if it has a lower-case letter, an upper-case letter and a digit
  // (IsValidSec). Found as a harbor*secret/password/token.
  defineRule({
    id: 'harbor-robot-secret',
    description: 'Harbor robot account secret (named as such)',
    keywords: ['harbor'],
    regex: named(`harbor${GAP}(?:secret|password|token)`, '[A-Za-z0-9]{32}'),
    ignoreCase: true,
    entropy: 3.8,
    validate: (s) => (/[a-z]/.test(s) && /[A-Z]/.test(s) && /[0-9]/.test(s) ? 'unknown' : 'invalid'),
    gate: assignmentWithin(40),
    severity: 'high',
    confidence: 'medium',
    get examples() {
      return {
        positives: [`HARBOR_ROBOT_SECRET=${fakeString(ALNUM, 32, 10590)}`, `harbor_password: '${fakeString(ALNUM, 32, 10720)}'`],
        negatives: [
          'HARBOR_PASSWORD=${HARBOR_PASSWORD}',
          `HARBOR_ROBOT_SECRET=${fakeString(ALNUM, 20, 10591)}`,
          `HARBOR_ROBOT_SECRET=${'x'.repeat(32)}`,
          `HARBOR_TOKEN=${fakeString(HEX, 32, 10721)}`,
          `HARBOR_ROBOT_SECRET=${fakeString(ALNUM, 32, 10722).toUpperCase()}`,
        ],
      };
    },
  }),
  // unverified: packagecloud API tokens (https://packagecloud.io/docs/api, PACKAGECLOUD_TOKEN) are
  // 48 hex characters, from observed tokens. Searched packagecloud's own clients (computology/packagecloud-ruby,
  // computology/packagecloud.js, computology/packagecloud-examples: "my_api_token", "test_token"): no shape stated.
  defineRule({
    id: 'packagecloud-token',
    description: 'packagecloud API token (named as such)',
    keywords: ['packagecloud'],
    regex: named(`packagecloud${GAP}token`, '[a-f0-9]{48}'),
    ignoreCase: true,
    entropy: 3.0,
    gate: assignmentWithin(40),
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [`PACKAGECLOUD_TOKEN=${fakeString(HEX, 48, 10600)}`],
        negatives: ['PACKAGECLOUD_TOKEN=${PACKAGECLOUD_TOKEN}', `PACKAGECLOUD_TOKEN=${fakeString(HEX, 40, 10601)}`],
      };
    },
  }),
  // unverified: Gemfury push and deploy tokens (https://gemfury.com/help/tokens/, FURY_TOKEN /
  // GEMFURY_TOKEN) are 20 URL-safe characters, from observed tokens. Searched Gemfury's own docs
  // (gemfury.com/help: https://USER:TOKEN@push.fury.io/ACCOUNT/, tokens under Settings > Tokens) and
  // gemfury/cli and gemfury/gemfury (no shape check; fixtures "secrettoken123"): no length or alphabet stated.
  defineRule({
    id: 'gemfury-token',
    description: 'Gemfury push or deploy token (named as such)',
    keywords: ['gemfury', 'fury_token', 'fury_push', 'fury_auth'],
    regex: named(`(?:gemfury${GAP}(?:token|key)|fury_(?:token|push_token|auth))`, '[A-Za-z0-9_\\-]{20}', '(?![A-Za-z0-9_\\-])'),
    ignoreCase: true,
    entropy: 3.5,
    gate: assignmentWithin(40),
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [`FURY_TOKEN=${fakeString(ALNUM, 20, 10610)}`, `GEMFURY_PUSH_TOKEN=${fakeString(URLSAFE, 20, 10611)}`],
        negatives: ['FURY_TOKEN=${{ secrets.FURY_TOKEN }}', `FURY_TOKEN=${fakeString(ALNUM, 30, 10612)}`],
      };
    },
  }),
  // unverified: CodeSandbox API tokens (https://codesandbox.io/docs/sdk, CSB_API_KEY) start with
  // csb_v1_; the 43-character URL-safe body is from observed tokens.
  defineRule({
    id: 'codesandbox-api-token',
    description: 'CodeSandbox API token',
    keywords: ['csb_v1_'],
    regex: `${B}(?<secret>csb_v1_[A-Za-z0-9_\\-]{43})(?![A-Za-z0-9_\\-])`,
    entropy: 4.0,
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [`CSB_API_KEY=${fakeToken('csb_v1_', URLSAFE, 43, 10620)}`],
        negatives: [fakeToken('csb_v1_', URLSAFE, 30, 10621), `csb_v1_${'x'.repeat(43)}`],
      };
    },
  }),
  // Bitbucket Cloud app passwords from before the ATBB prefix
  // (https://support.atlassian.com/bitbucket-cloud/docs/app-passwords/), named bitbucket*password.
  // unverified: the 20 alphanumeric characters are from observed app passwords. Searched Atlassian's app
  // password docs and the Bitbucket blog (creation steps only) and Atlassian staff's prefix answer (ATBB for
  // app passwords, nothing on those made before it): no length or alphabet stated for unprefixed ones.
  defineRule({
    id: 'bitbucket-app-password-legacy',
    description: 'Bitbucket Cloud app password without a prefix (named as such)',
    keywords: ['bitbucket'],
    regex: named(`bitbucket${GAP}(?:app[_\\-]?)?password`, '[A-Za-z0-9]{20}'),
    ignoreCase: true,
    entropy: 3.5,
    gate: assignmentWithin(40),
    severity: 'critical',
    confidence: 'low',
    get examples() {
      return {
        positives: [`BITBUCKET_APP_PASSWORD=${fakeString(ALNUM, 20, 10630)}`, `bitbucket_password: "${fakeString(ALNUM, 20, 10631)}"`],
        negatives: [
          'BITBUCKET_APP_PASSWORD=${BITBUCKET_APP_PASSWORD}',
          `BITBUCKET_USERNAME=${fakeString(ALNUM, 20, 10632)}`,
          `BITBUCKET_APP_PASSWORD=${fakeString(ALNUM, 28, 10633)}`,
        ],
      };
    },
  }),
  // https://support.atlassian.com/bitbucket-cloud/docs/use-oauth-on-bitbucket-cloud/ : OAuth
  // consumers have a key and a secret. unverified: the 32-character alphanumeric secret is from
  // observed consumers. Named bitbucket*secret.
  defineRule({
    id: 'bitbucket-oauth-secret',
    description: 'Bitbucket Cloud OAuth consumer secret (named as such)',
    keywords: ['bitbucket'],
    regex: named(`bitbucket${GAP}(?:client|consumer|oauth)${GAP}secret`, '[A-Za-z0-9]{32}'),
    ignoreCase: true,
    entropy: 3.8,
    gate: assignmentWithin(40),
    severity: 'high',
    confidence: 'low',
    get examples() {
      return {
        positives: [`BITBUCKET_CLIENT_SECRET=${fakeString(ALNUM, 32, 10640)}`, `bitbucket.oauth.consumer_secret: ${fakeString(ALNUM, 32, 10641)}`],
        negatives: [
          'BITBUCKET_CLIENT_SECRET=${BITBUCKET_SECRET}',
          `BITBUCKET_CLIENT_ID=${fakeString(ALNUM, 32, 10642)}`,
          `BITBUCKET_CLIENT_SECRET=${fakeString(ALNUM, 20, 10643)}`,
        ],
      };
    },
  }),
];
