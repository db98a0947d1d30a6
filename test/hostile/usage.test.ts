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
