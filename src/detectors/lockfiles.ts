import { isVersion } from './heuristics.js';

/**
 * Lock files are full of values a catch-all rule would take for secrets: versions under package
 * names such as "tokenizers" or "password-hash", integrity hashes, checksums, resolved URLs.
 * Skipping the files would hide a token pasted into one; instead, what their grammar puts in
 * a value is recognised as such, and anything else is judged as anywhere else.
 */
const LOCK_FILES = new Set([
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'bun.lock',
  'Cargo.lock',
  'poetry.lock',
  'Pipfile.lock',
  'uv.lock',
  'pdm.lock',
  'go.sum',
  'composer.lock',
  'Gemfile.lock',
  'Podfile.lock',
  'packages.lock.json',
  'gradle.lockfile',
  'mix.lock',
  'pubspec.lock',
  'flake.lock',
  'Package.resolved',
  'deno.lock',
  'conan.lock',
]);

export function isLockFile(path: string): boolean {
  return LOCK_FILES.has(path.slice(path.lastIndexOf('/') + 1));
}

/** Subresource integrity (npm, yarn, pnpm): sha512-<base64>. */
const INTEGRITY = /^(?:sha1|sha256|sha384|sha512)-[A-Za-z0-9+/]{20,}={0,2}$/;
/** Prefixed digests: go.sum h1:<base64>=, poetry/uv sha256:<hex>, composer/nix sha256-... */
const PREFIXED_DIGEST = /^(?:h1|sha1|sha256|sha384|sha512|md5|blake2b|xxh64):[A-Za-z0-9+/]{16,}={0,2}$/;
// Bare hex is not taken as a checksum: lock files keep those under keys no rule looks at
// (checksum, shasum, rev, reference), and a hex API key pasted under a key that names a
// secret must still be found.

/** What a lock file's grammar puts in this value, if it is one of those. */
export function lockFileValue(value: string): string | undefined {
  if (isVersion(value)) return 'version';
  if (INTEGRITY.test(value)) return 'integrity hash';
  if (PREFIXED_DIGEST.test(value)) return 'checksum';
  return undefined;
}
