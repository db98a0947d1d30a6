import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type AllowEntry, CONFIG_FILE, configPath, loadConfig } from '../config/config.js';
import { sameTarget, writeConfig } from '../config/write.js';
import { DETECTORS } from '../detectors/index.js';
import { KeygateError } from '../errors.js';
import { gitDir } from '../git/git.js';
import { IN_THE_NAME, REVIEW_USAGE, whatToDo } from '../messages.js';
import { displayPlace } from '../report/display.js';
import { redactedContext, secretSpans, tokenAt } from '../report/context.js';
import { customDetector } from '../detectors/custom.js';
import { type LastRunFinding, loadLastRun, markReal } from '../report/last-run.js';
import { builtinIds, repoRoot } from './allow.js';
import { parseOptions } from './args.js';
import { EXIT_CLEAN, EXIT_FINDINGS, type Io } from './io.js';

export async function reviewCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseOptions('review', args, { help: { type: 'boolean', short: 'h' }, 'no-color': { type: 'boolean' } }, false);
  if (values.help) {
    io.out(REVIEW_USAGE + '\n');
    return EXIT_CLEAN;
  }
  const ask = io.ask;
  if (ask === undefined) {
    throw new KeygateError('USAGE', 'keygate review needs a terminal', { hint: 'or use keygate allow --last / keygate allow <fingerprint>' });
  }
  const root = repoRoot(io.cwd);
  const config = await loadConfig(root, builtinIds());
  // Every rule this repository's scans run, the team's own too: their candidates are masked.
  const detectors = [...DETECTORS, ...config.rules.map(customDetector)];
  const run = loadLastRun(await gitDir(io.cwd));
  const c = io.colors;
  const allowed: AllowEntry[] = [];
  const real: LastRunFinding[] = [];
  io.out(c.bold(`keygate review: ${run.findings.length} finding(s) from the commit blocked at ${run.time}\n`));
  // Each file is read and scanned once, however many of its findings are reviewed.
  const files = new Map<string, { text: string; spans: ReturnType<typeof secretSpans> } | undefined>();
  const scanned = (file: string) => {
    if (!files.has(file)) {
      let text: string | undefined;
      try {
        text = readFileSync(join(root, file), 'utf8');
      } catch {
        text = undefined;
      }
      files.set(file, text === undefined ? undefined : { text, spans: secretSpans(text, file, detectors) });
    }
    return files.get(file);
  };
  for (const [i, f] of run.findings.entries()) {
    io.out(`\n[${i + 1}/${run.findings.length}] ${c.bold(`${displayPlace(f.file, f.line, f.column)}`)}  ${c.yellow(f.rule)}  ${f.match}  ${f.severity}\n`);
    const file = f.line === 0 ? undefined : scanned(f.file);
    if (f.line === 0) io.out(c.dim(`  (${IN_THE_NAME})\n`));
    else if (file === undefined) io.out(c.dim('  (the file is no longer in the work tree)\n'));
    else {
      const own = tokenAt(file.text, f.line, f.column);
      const spans = own ? [...file.spans, own] : file.spans;
      for (const l of redactedContext(file.text, f.line, spans)) io.out(c.dim(l) + '\n');
    }
    const answer = await choose(ask);
    if (answer === 'q') break;
    if (answer === 'r') real.push(f);
    if (answer === 'f') {
      const reason = await reasonFor(ask);
      if (reason === undefined) break;
      allowed.push({ fingerprint: f.fingerprint, rule: f.rule, reason, added: io.today() });
    }
  }
  const fresh = allowed.filter((e) => !config.allow.some((x) => sameTarget(x, e)));
  if (fresh.length > 0) {
    writeConfig(configPath(root), { ...config, allow: [...config.allow, ...fresh] });
    io.out(`\nkeygate: allowed ${fresh.length} false positive(s) in ${CONFIG_FILE}; commit it with your change: git add ${CONFIG_FILE}\n`);
  }
  if (real.length > 0) {
    try {
      markReal(
        await gitDir(io.cwd),
        real.map((f) => f.fingerprint),
      );
    } catch (error) {
      io.warn(`keygate: warning: could not note which findings are real (${(error as Error).message}); keygate allow --last may offer them`);
    }
    io.out(c.red(`\nkeygate: ${real.length} real secret(s):\n`));
    for (const f of real) io.out(`  ${displayPlace(f.file, f.line, f.column)}  ${f.rule}  ${f.match}\n`);
    io.out(whatToDo(real.map((f) => f.rule)).join('\n') + '\n');
  }
  return real.length > 0 ? EXIT_FINDINGS : EXIT_CLEAN;
}

async function choose(ask: NonNullable<Io['ask']>): Promise<'f' | 'r' | 's' | 'q'> {
  for (;;) {
    const a = (await ask('  [f] false positive  [r] real secret  [s] skip  [q] quit > '))?.trim().toLowerCase();
    if (a === undefined) return 'q';
    if (a === 'f' || a === 'r' || a === 's' || a === 'q') return a;
  }
}

async function reasonFor(ask: NonNullable<Io['ask']>): Promise<string | undefined> {
  for (;;) {
    const r = await ask('  why is it not a secret? (your reviewers read this) > ');
    if (r === undefined) return undefined;
    if (r.trim() !== '') return r.trim();
  }
}
