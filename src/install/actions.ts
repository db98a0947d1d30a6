import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, rmdirSync } from 'node:fs';
import { writeFileAtomic } from '../atomic-write.js';
import { dirname, join } from 'node:path';
import { commandLine, type PackageManager, packageManagerOf, runPackageManager } from './package-manager.js';

/**
 * The steps install takes, each one undoable and described in plain words. Install records
 * the undo steps in <git-common-dir>/keygate/install.json; uninstall plays them backwards.
 */
export type Undo =
  | { kind: 'remove-file'; path: string }
  | { kind: 'remove-dir'; path: string }
  /** The code caches the launcher writes beside a copy of keygate as it runs (src/launcher.ts). */
  | { kind: 'remove-code-caches'; dir: string }
  | { kind: 'rename'; from: string; to: string }
  | { kind: 'remove-line'; path: string; marker: string; createdFile: boolean }
  | { kind: 'remove-block'; path: string; begin: string; end: string; createdFile: boolean }
  | { kind: 'package-json'; path: string; removeDevDependencies: string[]; prepare?: { before: string | undefined } }
  | { kind: 'git-config-unset'; key: string; root: string }
  /** Dependencies added through the repository's package manager: removed through it too. */
  | {
      kind: 'package-manager';
      root: string;
      manager: PackageManager['name'];
      remove: string[];
      /** Whether package.json ended with a newline before install: the manager's rewrite may add one (npm does). */
      endedWithNewline?: boolean;
    };

export interface Step {
  /** What it does, in plain words: "create .husky/pre-commit with keygate in it". */
  describe: string;
  apply(): Undo[];
}

export function writeFile(path: string, content: string, mode?: number): Undo[] {
  mkdirSync(dirname(path), { recursive: true });
  writeFileAtomic(path, content, mode);
  return [{ kind: 'remove-file', path }];
}

export function copyFiles(fromDir: string, names: readonly string[], toDir: string): Undo[] {
  const existed = existsSync(toDir);
  mkdirSync(toDir, { recursive: true });
  // The code caches the replaced copy's runs wrote are for its build (the launcher would not
  // take them, being keyed by build; gone all the same).
  if (existed) for (const f of readdirSync(toDir)) if (RUNTIME_CACHE.test(f)) rmSync(join(toDir, f), { force: true });
  for (const n of names) copyFileSync(join(fromDir, n), join(toDir, n));
  // Undone last first: the launcher's own caches go before the files (and the directory, if empty).
  return existed
    ? [...names.map((n) => ({ kind: 'remove-file' as const, path: join(toDir, n) })), { kind: 'remove-code-caches', dir: toDir }]
    : [{ kind: 'remove-dir', path: toDir }];
}

/** A code cache the launcher wrote for one Node.js and its flags: hook.<key>.cache, keygate.<key>.cache. */
const RUNTIME_CACHE = /^(?:hook|keygate)\.[0-9a-f]{8}\.cache$/;

/** Runs undo steps, last first. Returns what it did, in plain words. */
export function undo(steps: readonly Undo[]): string[] {
  const done: string[] = [];
  for (const u of [...steps].reverse()) {
    const said = undoOne(u);
    if (said) done.push(said);
  }
  return done;
}

function undoOne(u: Undo): string | undefined {
  switch (u.kind) {
    case 'remove-file':
      if (!existsSync(u.path)) return undefined;
      rmSync(u.path);
      removeIfEmpty(dirname(u.path));
      return `removed ${u.path}`;
    case 'remove-dir':
      if (!existsSync(u.path)) return undefined;
      rmSync(u.path, { recursive: true, force: true });
      removeIfEmpty(dirname(u.path));
      return `removed ${u.path}/`;
    case 'remove-code-caches': {
      const caches = existsSync(u.dir) ? readdirSync(u.dir).filter((f) => RUNTIME_CACHE.test(f)) : [];
      for (const f of caches) rmSync(join(u.dir, f), { force: true });
      return caches.length > 0 ? `removed ${caches.length} code cache file${caches.length === 1 ? '' : 's'} from ${u.dir}` : undefined;
    }
    case 'rename':
      if (!existsSync(u.from)) return undefined;
      renameSync(u.from, u.to);
      removeIfEmpty(dirname(u.from));
      return `put back ${u.to}`;
    case 'remove-line':
      return removeMarkedLine(u.path, u.marker, u.createdFile);
    case 'remove-block':
      return removeBlock(u.path, u.begin, u.end, u.createdFile);
    case 'package-json':
      return restorePackageJson(u);
    case 'git-config-unset':
      return undefined; // handled by the caller, which has git (see uninstall)
    case 'package-manager':
      return removeThroughManager(u);
  }
}

function removeThroughManager(u: Extract<Undo, { kind: 'package-manager' }>): string | undefined {
  const pm = packageManagerOf(u.root);
  if (pm === undefined || pm.name !== u.manager) return undefined;
  runPackageManager(u.root, pm, pm.remove(u.remove), 'run keygate uninstall again');
  // Byte for byte as it was: a package.json without a final newline got one from npm's rewrite
  // (a newcomer's trial, after uninstall).
  const file = join(u.root, 'package.json');
  if (u.endedWithNewline === false && existsSync(file)) {
    const text = readFileSync(file, 'utf8');
    if (text.endsWith('\n')) writeFileAtomic(file, text.replace(/\r?\n+$/, ''));
  }
  return `removed ${u.remove.join(' and ')} with ${commandLine(pm, pm.remove(u.remove))}`;
}

export function removeIfEmpty(dir: string): void {
  try {
    if (readdirSync(dir).length === 0) rmdirSync(dir);
  } catch {
    /* not there, or not empty: leave it */
  }
}

/**
 * Takes keygate's lines out of a hook file: `cut` returns the lines without them, or
 * undefined when they are not there. A file keygate created and that is left empty goes.
 */
function removeFromFile(path: string, createdFile: boolean, what: string, cut: (lines: string[]) => string[] | undefined): string | undefined {
  if (!existsSync(path)) return undefined;
  const kept = cut(readFileSync(path, 'utf8').split('\n'));
  if (kept === undefined) return undefined;
  const rest = kept.join('\n');
  if (createdFile && rest.trim() === '') {
    rmSync(path);
    removeIfEmpty(dirname(path));
    return `removed ${path} (keygate had created it)`;
  }
  writeFileAtomic(path, rest);
  return `removed keygate's ${what} from ${path}`;
}

export function removeMarkedLine(path: string, marker: string, createdFile: boolean): string | undefined {
  return removeFromFile(path, createdFile, 'line', (lines) => {
    const kept = lines.filter((l) => !l.includes(marker));
    return kept.length === lines.length ? undefined : kept;
  });
}

export function removeBlock(path: string, begin: string, end: string, createdFile: boolean): string | undefined {
  return removeFromFile(path, createdFile, 'block', (lines) => {
    const from = lines.indexOf(begin);
    const to = lines.indexOf(end, from);
    if (from === -1 || to === -1) return undefined;
    return [...lines.slice(0, from), ...lines.slice(to + 1)];
  });
}

function restorePackageJson(u: Extract<Undo, { kind: 'package-json' }>): string | undefined {
  if (!existsSync(u.path)) return undefined;
  const text = readFileSync(u.path, 'utf8');
  const data = JSON.parse(text) as { devDependencies?: Record<string, string>; scripts?: Record<string, string> };
  const indent = /^[ \t]+(?=")/m.exec(text)?.[0] ?? '  ';
  const said: string[] = [];
  for (const dep of u.removeDevDependencies) {
    if (data.devDependencies?.[dep] !== undefined) {
      delete data.devDependencies[dep];
      said.push(`devDependency ${dep}`);
    }
  }
  if (data.devDependencies && Object.keys(data.devDependencies).length === 0) delete data.devDependencies;
  if (u.prepare !== undefined && data.scripts) {
    if (u.prepare.before === undefined) delete data.scripts['prepare'];
    else data.scripts['prepare'] = u.prepare.before;
    if (Object.keys(data.scripts).length === 0) delete data.scripts;
    said.push('the prepare script');
  }
  writeFileAtomic(u.path, JSON.stringify(data, null, indent) + (text.endsWith('\n') ? '\n' : ''));
  return said.length ? `restored package.json (${said.join(', ')})` : undefined;
}
