import { rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanWorkTree } from '../../src/index.js';
import { withRepo } from '../helpers/repo.js';
import { fakeKeyId } from '../helpers/secrets.js';

/** keygate scan with no files: the work tree (issue 14), in a real repository. */
describe('scanWorkTree', () => {
  it('tracked and untracked-not-ignored files; ignored ones only with allFiles; links, deleted files and binaries passed over', () =>
    withRepo(async (repo) => {
      repo.write('.gitignore', 'secret.local\n');
      repo.write('tracked.ini', `key = ${fakeKeyId()}\n`);
      repo.write('gone.ini', `key = ${fakeKeyId()}\n`);
      repo.git('add', '.');
      repo.gitRun(['commit', '-q', '-m', 'init']);
      rmSync(join(repo.dir, 'gone.ini'));
      repo.write('new/untracked.env', `AWS_ACCESS_KEY_ID=${fakeKeyId()}\n`);
      repo.write('secret.local', `key = ${fakeKeyId()}\n`);
      repo.write('image.bin', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0, 1, 2, 3]));
      symlinkSync('tracked.ini', join(repo.dir, 'link.ini'));
      const files = (r: Awaited<ReturnType<typeof scanWorkTree>>) => r.findings.map((f) => `${f.path}:${f.line}`).sort();
      const plain = await scanWorkTree({ cwd: join(repo.dir, 'new') });
      expect(files(plain)).toEqual(['new/untracked.env:1', 'tracked.ini:1']);
      expect(plain.stats.binarySkipped).toBe(1);
      expect(files(await scanWorkTree({ cwd: repo.dir, allFiles: true }))).toEqual(['new/untracked.env:1', 'secret.local:1', 'tracked.ini:1']);
    }));

  it('outside a repository: one clear error', async () => {
    await expect(scanWorkTree({ cwd: '/' })).rejects.toThrow(/not inside a git repository/);
  });
});
