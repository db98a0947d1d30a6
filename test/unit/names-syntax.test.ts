import { describe, expect, it } from 'vitest';
import { nameRejection, nameWords } from '../../src/detectors/names.js';
import { genericRejection } from '../../src/detectors/structured.js';
import { syntaxFamily } from '../../src/detectors/syntax.js';

describe('syntax family of a file', () => {
  it.each([
    ['src/app.ts', 'code'],
    ['types/index.d.ts', 'code'],
    ['lib/x.min.js', 'code'],
    ['app/settings.py', 'code'],
    ['main.go', 'code'],
    ['Jenkinsfile', 'code'],
    ['deploy.sh', 'shell'],
    ['Dockerfile', 'shell'],
    ['Dockerfile.prod', 'shell'],
    ['profile.ps1', 'shell'],
    ['.env', 'config'],
    ['.env.production', 'config'],
    ['config/app.yaml', 'config'],
    ['terraform/main.tf', 'config'],
    ['package.json', 'config'],
    ['web.config', 'markup'],
    ['pom.xml', 'markup'],
    ['README.md', 'prose'],
    ['notes.txt', 'prose'],
    ['LICENSE', 'config'],
    // Names of Object.prototype's members are names like any other (they read as functions once).
    ['lib/constructor', 'config'],
    ['x.toString', 'config'],
    ['__proto__', 'config'],
    ['src/a.hasOwnProperty', 'config'],
  ])('%s is %s', (path, family) => expect(syntaxFamily(path)).toBe(family));
});

describe('names: secret-bearing or only mentioning one, by their words', () => {
  it('splits names into words', () => {
    expect(nameWords('NextContinuationToken')).toEqual(['next', 'continuation', 'token']);
    expect(nameWords('AWS_SECRET_ACCESS_KEY')).toEqual(['aws', 'secret', 'access', 'key']);
    expect(nameWords('apiKeyV2')).toEqual(['api', 'key', 'v2']);
    expect(nameWords('db.password')).toEqual(['db', 'password']);
  });
  it.each(['DB_PASSWORD', 'clientSecret', 'api_key', 'apiKeyV2', 'refresh_token', 'SESSION_TOKEN', 'password_confirmation', 'GITHUB_TOKEN', 'old_password'])(
    '%s bears a secret',
    (name) => expect(nameRejection(name)).toBeUndefined(),
  );
  it.each([
    'PasswordLastUsed',
    'password_hint',
    'secretArn',
    'tokenUrl',
    'apiKeyId',
    'AccessKeyId',
    'TokenType',
    'NextToken',
    'NextContinuationToken',
    'nextPageToken',
    'ClientRequestToken',
    'csrf_token',
    'PublicKey',
    'PreTokenGeneration',
    'SECRET_HASH',
    'output_token',
    'secret_name',
    'password_length',
  ])('%s only mentions one', (name) => expect(nameRejection(name)).toBeDefined());
});

describe('values that are no secret, whatever their name', () => {
  it.each([
    ['2016-09-08T21:47:36Z', 'date or timestamp'],
    ['2026-01-31', 'date or timestamp'],
    ['arn:aws:lambda:us-east-1:123456789012:function:MyFunction', 'an AWS resource name'],
    ['StreamDescription.Shards[-1].ShardId', 'identifier'],
    ['This-is-my-test-99!', 'a sample (its words say so)'],
    ['${DB_CREDS}', 'templated or a reference'],
    ['%(db_creds)s', 'templated or a reference'],
    ['{{ vault_creds }}', 'templated or a reference'],
    ['<your-value-here>', 'templated or a reference'],
    ['/etc/app/server.pem', 'path or URL'],
    ['SomeKindOfPassword123!@#', 'names a secret'],
    ['SensitiveString2048', 'identifier'],
    ['NonEmptyMaxLength64String', 'identifier'],
    ['S3StagingLocation', 'identifier'],
  ])('%s: %s', (value, why) => expect(genericRejection(value)).toBe(why));
  it.each(['fZSC%90y4Lq!wR7e', 'ajy#D9DKmQ2~pz8X', '/Yx3Kq9ZmT4wLp8R', 'h]6EszR}vJ*m2Q', 'q7Lm2PzX9aB4Tr8W', '13ka4h7u28d9oo44tqpq9djqsfvhvu8rk4'])(
    '%s is judged a possible secret (punctuation is no disqualifier)',
    (value) => expect(genericRejection(value)).toBeUndefined(),
  );
});
