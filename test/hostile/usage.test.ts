import { describe, expect, it } from 'vitest';
import { withRepo } from '../helpers/repo.js';
import { fakeSecret } from '../helpers/secrets.js';

/** Mistakes on the command line get keygate's words and a likely fix, never Node's. */
describe('typos and misuse', () => {
  it.each([
    [['scan', '--stagged'], /unknown option --stagged for keygate scan \(did you mean --staged\?\)/],
    [['scna', '--staged'], /unknown command "scna" \(did you mean scan\?\)/],
    [['hook', 'extra'], /keygate hook scans what is staged and takes no file names, but was given "extra"/],
    [['scan', '--format'], /option --format of keygate scan needs a value/],
    [['allow', '--reasn', 'x'], /unknown option --reasn for keygate allow \(did you mean --reason\?\)/],
    [['install', '--no-huskey'], /unknown option --no-huskey for keygate install \(did you mean --no-husky\?\)/],
    [['review', 'extra'], /keygate review takes no arguments/],
    [['scan', 'a.env', '--format=json'], /"--format=json" comes after a file name: options go first/],
  ] as [string[], RegExp][])('keygate %j', (args, message) =>
    withRepo((repo) => {
      repo.write('a.env', 'x=1\n');
      const r = repo.keygate(args);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/positional argument|To specify/);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }),
  );

  it('a file named like an option in the repository does not stop the staged, history or range scans, which take no file names', () =>
    withRepo((repo) => {
      // Found by an adversarial trial: a file called --staged, added in a pull request, made
      // every commit of everyone with the hook fail as "both an option and a file".
      repo.write('--staged', 'hello\n');
      repo.write('--no-color', 'hello\n');
      repo.git('add', '--', '--staged', '--no-color');
      repo.git('commit', '-qm', 'files named like options');
      const secret = fakeSecret();
      repo.write('k.env', `AWS_SECRET_ACCESS_KEY=${secret}\n`);
      repo.git('add', 'k.env');
      for (const args of [['hook'], ['scan', '--staged'], ['scan', '--staged', '--no-color']]) {
        const r = repo.keygate(args);
        expect(r.status, args.join(' ')).toBe(1);
        expect(r.stdout, args.join(' ')).toContain('k.env:1:23');
      }
      repo.git('commit', '-qm', 'key', '--no-verify');
      for (const args of [
        ['scan', '--history', '--no-color'],
        ['scan', '--range', 'HEAD~1..HEAD', '--no-color'],
      ]) {
        const r = repo.keygate(args);
        expect(r.status, args.join(' ')).toBe(1);
        expect(r.stdout, args.join(' ')).toContain('k.env');
      }
      // Where file names are taken, the ambiguity is still refused.
      expect(repo.keygate(['scan', '--no-color', 'k.env']).status).toBe(2);
    }));

  it('scan <files> says what it scanned, not "staged changes"', () =>
    withRepo((repo) => {
      repo.write('a.env', `AWS_SECRET_ACCESS_KEY=${fakeSecret()}\n`);
      const r = repo.keygate(['scan', '--no-color', '--', 'a.env']);
      expect(r.status).toBe(1);
      expect(r.stdout).toMatch(/^keygate: blocked: 1 secret in the files scanned$/m);
      expect(r.stdout).not.toMatch(/staged change/);
      expect(r.stdout).toMatch(/1\. Take the secret out of the file/);
    }));
});
