import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './repo.js';

/** What `npm pack` needs of the checkout: the published files and the pack scripts. */
const PACK_INPUTS = ['package.json', '.npmrc', 'dist', 'hooks', 'README.md', '.pre-commit-hooks.yaml', 'scripts/pack-manifest.mjs'];

export interface Packed {
  /** The tarball, named by its content's hash: npx caches by spec and must not reuse an older build. */
  tarball: string;
  /** What npm pack printed on stdout (the pre-commit framework reads the tarball's name there). */
  stdout: string;
  dir: string;
  remove(): void;
}

/**
 * Packs keygate as `npm pack` would publish it (its prepack/postpack scripts run), from a copy
 * of the checkout: test files run in parallel and must not race on the real package.json.
 * Needs the built dist/ (npm test builds it first). Offline: packing fetches nothing.
 */
export function packKeygate(): Packed {
  const dir = mkdtempSync(join(tmpdir(), 'keygate-pack-'));
  const src = join(dir, 'src');
  for (const f of PACK_INPUTS) cpSync(join(ROOT, f), join(src, f), { recursive: true });
  const out = join(dir, 'out');
  mkdirSync(out);
  const stdout = execFileSync('npm', ['pack', '--pack-destination', out], {
    cwd: src,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, npm_config_offline: 'true', npm_config_update_notifier: 'false' },
  });
  const packed = join(out, readdirSync(out)[0] as string);
  const hash = createHash('sha256').update(readFileSync(packed)).digest('hex').slice(0, 12);
  const tarball = join(out, `keygate-${hash}.tgz`);
  renameSync(packed, tarball);
  return { tarball, stdout, dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
