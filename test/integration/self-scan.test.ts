import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, where, scanJson, withRepo } from '../helpers/repo.js';

/**
 * keygate guards its own commits, and commits one at a time can hide a finding that a whole
 * tree shows: every file of this checkout (tracked, and new files not ignored) staged at once
 * in a fresh repository, then the staged scan, as the reproduction did.
 */
describe('keygate’s own tree', () => {
  it('passes its own full staged scan', () =>
    withRepo((repo) => {
      const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' })
        .split('\0')
        .filter((f) => f !== '');
      let copied = 0;
      for (const f of files) {
        try {
          mkdirSync(dirname(join(repo.dir, f)), { recursive: true });
          copyFileSync(join(ROOT, f), join(repo.dir, f));
          copied++;
        } catch (error) {
          // Deleted in the work tree but still in the index: not part of the tree.
          if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        }
      }
      repo.git('add', '-A');
      const { status, report } = scanJson(repo);
      expect(where(report)).toEqual([]);
      expect(status).toBe(0);
      expect(report.stats.files).toBe(copied);
      expect(copied).toBeGreaterThan(100);
    }));
});
