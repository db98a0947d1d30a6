import { describe, expect, it } from 'vitest';
import { EMPTY_CONFIG } from '../../src/config/config.js';
import { DETECTORS } from '../../src/detectors/index.js';
import { Scanner } from '../../src/scan/scanner.js';
import { fakeSecret } from '../helpers/secrets.js';

/** generic-secret's shapes that read only some files (by path), which the rules' own examples cannot show. */
async function found(path: string, text: string): Promise<string[]> {
  const scanner = new Scanner(DETECTORS);
  scanner.scan({ path, startLine: 1, startColumn: 0, text });
  return (await scanner.result(EMPTY_CONFIG)).findings.map((f) => `${f.ruleId} ${f.line}`);
}

describe('Gradle and Groovy: a name and its value as a method call without parentheses', () => {
  const [a, b, c] = [fakeSecret().slice(0, 20), fakeSecret().slice(0, 18), fakeSecret().slice(0, 22)].map((s) => s.replace(/[+/]/g, 'x'));
  const signing = `android {\n  signingConfigs {\n    release {\n      storeFile file("release.jks")\n      storePassword "${a}"\n      keyAlias "upload"\n      keyPassword '${b}'\n    }\n  }\n}\n`;
  const repo = `repositories {\n  maven {\n    credentials {\n      username "deploy"\n      password "${c}"\n    }\n  }\n}\n`;

  it("Android's signing passwords and a repository's credentials, in build.gradle, .kts and a Jenkinsfile", async () => {
    expect(await found('app/build.gradle', signing)).toEqual(['generic-secret 5', 'generic-secret 7']);
    expect(await found('build.gradle.kts', repo)).toEqual(['generic-secret 5']);
    expect(await found('Jenkinsfile', repo)).toEqual(['generic-secret 5']);
  });

  it('not in other files, and not where the line holds more than the name (a call, an expression)', async () => {
    expect(await found('notes.md', signing)).toEqual([]);
    expect(await found('app/build.gradle', `  println "password ${a}"\n  def x = password "${a}" + y\n`)).toEqual([]);
  });
});
