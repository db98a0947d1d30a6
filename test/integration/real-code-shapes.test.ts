import { describe, expect, it } from 'vitest';
import { scanJson, where, withRepo } from '../helpers/repo.js';
import { assertNoSecret, pick } from '../helpers/secrets.js';

/**
 * Names and values as third-party code really writes them (issue 11's cases, from the pinned
 * real-code benchmark and from passwords people write), staged and scanned end to end: what
 * is no secret is not reported, what is one is, at its exact file:line:column.
 */
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const B64 = `${ALNUM}+/`;

describe('real code: types, timestamps, cursors and placeholders are not secrets', () => {
  it('none of these is a finding', () =>
    withRepo((repo) => {
      repo.write(
        'clients/appfabric.d.ts',
        'export interface Auth {\n    apiKey: SensitiveString2048;\n    clientSecret: SensitiveString2048;\n}\n  export type MqttPassword = Buffer|Uint8Array|Blob|string;\n',
      );
      repo.write(
        'dist/sdk.min.js',
        'switch(e.code){case"ExpiredTokenException":case"ExpiredToken":e.error.retryable=!0,e.request.service.config.credentials.expired=!0}\nif(e.token===86023)return;\n',
      );
      repo.write(
        'apis/iam.examples.json',
        `{\n  "PasswordLastUsed": "2016-09-08T21:47:36Z",\n  "NextToken": "${pick(B64, 60)}",\n  "NextContinuationToken": "${pick(B64, 48)}==",\n  "ClientRequestToken": "${pick(ALNUM, 32)}",\n  "output_token": "StreamDescription.Shards[-1].ShardId",\n  "PreTokenGeneration": "arn:aws:lambda:us-east-1:123456789012:function:MyFunction"\n}\n`,
      );
      repo.write(
        'README.md',
        "const keyv = new Keyv('redis://user:pass@localhost:6379');\n`'http://user:pass@host.com:8080/p/a/t/h?query=string#hash'`\nuri.parse('uri://user:pass@example.com:123/one/two.three?q1=a1')\n",
      );
      repo.write('test/url.js', "['http://diff:auth@www.example.com', 'http://atpass:foo%40bar@127.0.0.1:8080/path']\n");
      repo.write('app/hashes.py', 'secret_key = "da39a3ee5e6b4b0d3255bfef95601890afd80709"\n');
      repo.git('add', '.');
      const { report } = scanJson(repo);
      expect(where(report)).toEqual([]);
    }));
});

describe('passwords and secrets as people write them are found', () => {
  it('punctuation, a closing bracket after the quote, a leading slash, a long value, a typed declaration', () =>
    withRepo((repo) => {
      const a = `fZSC%90y${pick(ALNUM, 10)}!`;
      const b = `ajy#D9DK${pick(ALNUM, 10)}~`;
      const c = `52Ve${pick(ALNUM, 14)}`;
      const d = `/${pick(ALNUM, 24)}`;
      const e = pick(ALNUM, 150);
      const f = `Qx7${pick(ALNUM, 17)}^*`;
      repo.write('src/db.js', `connect({ user: 'app', password: '${a}' });\nlogin({password: '${c}'});\n`);
      repo.write('src/config.ts', `export const DB_PASSWORD = "${b}" as const;\nconst dbPassword: string = '${f}';\n`);
      repo.write('config/app.yaml', `storage:\n  secret: "${d}"\n  api_token: ${e}\n`);
      repo.git('add', '.');
      const { report } = scanJson(repo);
      expect(where(report).sort()).toEqual(
        [
          'generic-secret config/app.yaml:2:12',
          'generic-secret config/app.yaml:3:14',
          'generic-secret src/config.ts:1:29',
          'generic-secret src/config.ts:2:29',
          'generic-secret src/db.js:1:35',
          'generic-secret src/db.js:2:19',
        ].sort(),
      );
      assertNoSecret([JSON.stringify(report)], [a, b, c, d, e, f]);
    }));
});

describe('documentation example JWTs (placeholder claims) are allowed by default, and said so', () => {
  it('EXAMPLE, repeated-digit accounts or a docs name in the claims; a real-looking token still blocks', () =>
    withRepo((repo) => {
      const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
      const URLSAFE = `${ALNUM}_-`;
      const jwt = (claims: object) => `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims)}.${pick(URLSAFE, 43)}`;
      const docs = [
        jwt({ 'aws:identity_store_id': 'd-3333333333', 'aws:instance_account': '111111111111', sub: 'user' }),
        jwt({ name: 'Abe Lincoln', sub: pick(ALNUM, 20) }),
        jwt({ 'sts:identity_context': 'EXAMPLEIDENTITYCONTEXT', sub: pick(ALNUM, 20) }),
      ];
      const real = jwt({ sub: pick(ALNUM, 20), iat: 1760000000, scope: 'admin' });
      repo.write('docs/tokens.json', `{\n${docs.map((d, i) => `  "idToken${i}": "${d}",`).join('\n')}\n  "real": "${real}"\n}\n`);
      repo.git('add', '.');
      const { report } = scanJson(repo);
      expect(where(report)).toEqual(['jwt docs/tokens.json:5:12']);
      expect(report.suppressed.map((s) => s.reason)).toEqual(Array(3).fill('default: JWT documentation example (its claims are placeholders)'));
    }));
});

describe('a secret-bearing name paired with a value without = or :', () => {
  it('setters and getters with defaults, Dockerfile ENV, XML, Terraform, Markdown tables, CLI flags, curl -u', () =>
    withRepo((repo) => {
      const v = () => `${pick(ALNUM, 18)}9q`;
      const s = Array.from({ length: 9 }, v);
      repo.write('cmd/main.go', `func init() {\n\tos.Setenv("DB_PASSWORD", "${s[0]}")\n}\n`);
      repo.write('app/settings.py', `SECRET_KEY = os.environ.get('DJANGO_SECRET_KEY', '${s[1]}')\n`);
      repo.write('Dockerfile', `FROM alpine\nENV S3_SECRET ${s[2]}\n`);
      repo.write('conf/app.xml', `<config>\n  <property name="api.secret" value="${s[3]}"/>\n</config>\n`);
      repo.write('infra/main.tf', `variable "db_password" {\n  type    = string\n  default = "${s[4]}"\n}\n`);
      repo.write('docs/setup.md', `| name | value |\n| --- | --- |\n| DEPLOY_TOKEN | \`${s[5]}\` |\n`);
      repo.write('scripts/backup.sh', `mysql --password=${s[6]} -h db.internal app\ncurl -u elastic:${s[7]} https://es.internal:9200/_cat\n`);
      repo.write('src/Config.java', `System.setProperty("service.apiKey", "${s[8]}");\n`);
      repo.git('add', '.');
      const { report } = scanJson(repo);
      expect(where(report).sort()).toEqual(
        [
          'generic-secret Dockerfile:2:15',
          'generic-secret app/settings.py:1:51',
          'generic-secret cmd/main.go:2:28',
          'generic-secret conf/app.xml:2:38',
          'generic-secret docs/setup.md:3:19',
          'generic-secret infra/main.tf:3:14',
          'generic-secret scripts/backup.sh:1:18',
          'generic-secret scripts/backup.sh:2:17',
          'generic-secret src/Config.java:1:39',
        ].sort(),
      );
      assertNoSecret([JSON.stringify(report)], s);
    }));
});

describe('AWS knows best; placeholders in a token’s format are not keys', () => {
  it('unique IDs under key-ID names are nothing; AwsSecurityToken is a session token; x-filled tokens are placeholders', () =>
    withRepo((repo) => {
      const token = `IQoJb3JpZ2luX2Vj${pick(B64, 300)}`;
      repo.write(
        'conf/aws.ini',
        [
          'aws_access_key_id = AIDAQ2XJ5BCDEFGHIJK7',
          'role_id = AROAQ2XJ5BCDEFGHIJK7',
          `AwsSecurityToken = ${token}`,
          'STRIPE_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx',
          'HF_TOKEN=hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
          // A Fly.io macaroon: base64 of zero bytes is a run of A, and it is a token all the same.
          `FLY_API_TOKEN="FlyV1 fm2_${pick(B64, 60)}AAAAAAAAAAAAAAAAAAAA${pick(B64, 120)}"`,
          '',
        ].join('\n'),
      );
      repo.git('add', '.');
      const { report } = scanJson(repo);
      expect(where(report)).toEqual(['aws-session-token conf/aws.ini:3:20', 'flyio-token conf/aws.ini:6:16']);
      assertNoSecret([JSON.stringify(report)], [token]);
    }));

  it('Bedrock API keys, long-term and short-term, with the account and the key ID inside', () =>
    withRepo((repo) => {
      const long = 'ABSK' + Buffer.from(`BedrockAPIKey-${pick(ALNUM, 4)}-at-210987654321:${pick(ALNUM, 40)}`).toString('base64');
      const keyId = `ASIAQ${pick('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 15)}`;
      const url = `bedrock.amazonaws.com/?Action=CallWithBearerToken&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${keyId}%2F20251201%2Fus-east-1%2Fbedrock%2Faws4_request&X-Amz-Date=20251201T000000Z&X-Amz-Expires=43200&X-Amz-Security-Token=${pick(ALNUM, 200)}&X-Amz-Signature=${pick('0123456789abcdef', 64)}&X-Amz-SignedHeaders=host&Version=1`;
      const short = `bedrock-api-key-${Buffer.from(url).toString('base64')}`;
      repo.write('.env', `AWS_BEARER_TOKEN_BEDROCK=${long}\nBEDROCK_SHORT=${short}\n`);
      repo.git('add', '.');
      const { report } = scanJson(repo);
      expect(where(report)).toEqual(['aws-bedrock-api-key .env:1:26', 'aws-bedrock-api-key .env:2:15']);
      expect(report.findings[0]?.facts['awsAccountId']).toBe('210987654321');
      expect(report.findings[1]?.facts['keyKind']).toMatch(/short-term, presigned by temporary access key/);
      expect(report.findings.every((f) => f.confidence === 'high')).toBe(true);
      assertNoSecret([JSON.stringify(report)], [long, short, keyId]);
    }));
});

describe('decoding before judging', () => {
  it('base64 under secret names (a Kubernetes Secret) is judged decoded and reported encoded; percent-encoded URL passwords are passwords', () =>
    withRepo((repo) => {
      const real = `${pick(ALNUM, 14)}9q`;
      const pw = `FL1N%25up${pick(ALNUM, 10)}`;
      repo.write(
        'k8s/secret.yaml',
        `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ndata:\n  db-password: ${Buffer.from(real).toString('base64')}\n  admin-password: ${Buffer.from('changeme').toString('base64')}\n`,
      );
      repo.write('.env', `DATABASE_URL=postgresql://svc:${pw}@db.internal:5432/app\n`);
      repo.git('add', '.');
      const { report } = scanJson(repo);
      expect(where(report)).toEqual(['url-credentials .env:1:31', 'generic-secret k8s/secret.yaml:6:16']);
      expect(report.findings[1]?.facts['encoding']).toMatch(/base64/);
      const text = repo.keygate(['scan', '--staged', '--no-color']).stdout;
      expect(text).toMatch(/base64: the decoded value is the secret/);
      assertNoSecret([JSON.stringify(report), text], [real, Buffer.from(real).toString('base64'), pw]);
    }));
});

describe('more shapes people write (from an adversarial trial)', () => {
  it('typed with unions, defaults after lookups, connection strings in code, XML elements, k8s env, PowerShell, SQL', () =>
    withRepo((repo) => {
      const p = () => `${pick(ALNUM, 12)}!#7q`;
      const s = Array.from({ length: 11 }, p);
      repo.write(
        'a.ts',
        `let apiSecret: string | undefined = "${s[0]}";\nconst pw = process.env.PASSWORD || "${s[1]}";\nconst pw2 = process.env.DB_PASSWORD ?? "${s[2]}";\n`,
      );
      repo.write('b.py', `password = os.environ.get("PASSWORD") or "${s[3]}"\n`);
      repo.write('c.cs', `var cs = "Server=db;User Id=sa;Password=${s[4]};";\n`);
      repo.write('d.xml', `<config><password>${s[5]}</password><db.password>${s[6]}</db.password></config>\n`);
      repo.write('e.yaml', `env:\n  - name: DB_PASSWORD\n    value: "${s[7]}"\n`);
      repo.write('f.ps1', `$s = ConvertTo-SecureString "${s[8]}" -AsPlainText -Force\n`);
      repo.write('g.sql', `CREATE USER app WITH PASSWORD '${s[9]}';\nALTER USER 'app'@'%' IDENTIFIED BY '${s[10]}';\n`);
      repo.write('h.min.js', 'switch(e.code){case"ExpiredTokenException":case"ExpiredToken":e.error.retryable=!0,e.request.x=1}\n');
      repo.git('add', '.');
      const { report } = scanJson(repo);
      expect(where(report).sort()).toEqual(
        [
          'generic-secret a.ts:1:38',
          'generic-secret a.ts:2:37',
          'generic-secret a.ts:3:41',
          'generic-secret b.py:1:43',
          'connection-string-password c.cs:1:41',
          'generic-secret d.xml:1:19',
          'generic-secret d.xml:1:59',
          'generic-secret e.yaml:3:13',
          'generic-secret f.ps1:1:30',
          'generic-secret g.sql:1:32',
          'generic-secret g.sql:2:37',
        ].sort(),
      );
      assertNoSecret([JSON.stringify(report)], s);
    }));
  it('a value changed under a name line that stayed: judged with its name, which the diff shows as context', () =>
    withRepo((repo) => {
      // Found by an adversarial trial: only the value line is added, so a diff without context
      // lines shows `value: "..."` with no name. Each file is committed with a placeholder, then
      // the value alone is changed.
      const files: [string, (value: string) => string][] = [
        [
          'k8s/deploy.yaml',
          (x) =>
            `spec:\n  containers:\n    - name: app\n      env:\n        - name: DB_PASSWORD\n          value: "${x}"\n        - name: LOG_LEVEL\n          value: info\n`,
        ],
        // terraform fmt aligns a block's = signs; the variable line is four lines above.
        [
          'vars.tf',
          (x) => `variable "db_password" {\n  description = "Database password"\n  type        = string\n  sensitive   = true\n  default     = "${x}"\n}\n`,
        ],
        ['task.json', (x) => `{\n  "environment": [\n    {\n      "name": "DB_PASSWORD",\n      "value": "${x}"\n    }\n  ]\n}\n`],
        [
          'hive-site.xml',
          (x) =>
            `<configuration>\n  <property>\n    <name>javax.jdo.option.ConnectionPassword</name>\n    <value>${x}</value>\n  </property>\n</configuration>\n`,
        ],
      ];
      for (const [path, text] of files) repo.write(path, text('changeme'));
      // A secret-looking value already committed, two lines from a change: not this change's.
      const token = pick(ALNUM, 24);
      repo.write('settings.py', `DEBUG = False\nAPI_TOKEN = "${token}"\nTIMEOUT = 30\n`);
      repo.git('add', '.');
      repo.git('commit', '-qm', 'placeholders', '--no-verify');
      const values = files.map(() => `${pick(ALNUM, 14)}7q`);
      files.forEach(([path, text], i) => repo.write(path, text(values[i] as string)));
      repo.write('settings.py', `DEBUG = False\nAPI_TOKEN = "${token}"\nTIMEOUT = 60\n`);
      repo.git('add', '.');
      const { report } = scanJson(repo);
      expect(where(report).sort()).toEqual(
        ['generic-secret hive-site.xml:4:12', 'generic-secret k8s/deploy.yaml:6:19', 'generic-secret task.json:5:17', 'generic-secret vars.tf:5:18'].sort(),
      );
      assertNoSecret([JSON.stringify(report)], [...values, token]);
      // Changed, the committed one is found.
      repo.write('settings.py', `DEBUG = False\nAPI_TOKEN = "${pick(ALNUM, 24)}"\nTIMEOUT = 60\n`);
      repo.git('add', 'settings.py');
      expect(where(scanJson(repo).report)).toContain('generic-secret settings.py:2:14');
    }));
});
