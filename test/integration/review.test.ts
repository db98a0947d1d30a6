import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, withRepo } from '../helpers/repo.js';
import { fakeKeyId, fakeSecret } from '../helpers/secrets.js';

/** keygate review on a real pseudo-terminal: tmux runs it, send-keys types, capture-pane reads. */
const hasTmux = spawnSync('tmux', ['-V']).status === 0;

function tmux(socket: string, ...args: string[]): string {
  return execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
}

async function waitFor(socket: string, text: string | RegExp, timeoutMs = 10_000): Promise<string> {
  const end = Date.now() + timeoutMs;
  let screen = '';
  while (Date.now() < end) {
    screen = tmux(socket, 'capture-pane', '-p', '-S', '-200', '-t', 'review');
    if (typeof text === 'string' ? screen.includes(text) : text.test(screen)) return screen;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${String(text)}; screen:\n${screen}`);
}

describe.skipIf(!hasTmux)('keygate review (real terminal via tmux)', () => {
  it('walks the blocked findings with redacted context; false positives go to .keygate.json', () =>
    withRepo(async (repo) => {
      const fixture = fakeSecret();
      const real = fakeSecret();
      const id = fakeKeyId();
      repo.write('test/fixture.ini', `[fixture]\naws_secret_access_key = ${fixture}\nregion = eu\n`);
      repo.write('src/deploy.sh', `export AWS_ACCESS_KEY_ID=${id}\nexport AWS_SECRET_ACCESS_KEY=${real}\n`);
      repo.git('add', '.');
      expect(repo.keygate(['scan', '--staged']).status).toBe(1);
      // Unique without the clock: the repository's own temp name.
      const socket = `keygate-test-${basename(repo.dir)}`;
      const command = `cd '${repo.dir}' && GIT_CONFIG_GLOBAL=/dev/null '${process.execPath}' '${CLI}' review; echo "exit=$?"; sleep 30`;
      tmux(socket, 'new-session', '-d', '-s', 'review', '-x', '200', '-y', '50', command);
      try {
        let screen = await waitFor(socket, /\[1\/3\][^]*\[q\] quit >/);
        expect(screen).toMatch(/\[1\/3\] src\/deploy\.sh:1:26 {2}aws-access-key-id/);
        tmux(socket, 'send-keys', '-t', 'review', 'r', 'Enter');
        screen = await waitFor(socket, /\[2\/3\][^]*\[q\] quit >/);
        expect(screen).toMatch(/> +2 \| export AWS_SECRET_ACCESS_KEY=\S{4}…\S{4}/);
        tmux(socket, 'send-keys', '-t', 'review', 'r', 'Enter');
        screen = await waitFor(socket, /\[3\/3\][^]*\[q\] quit >/);
        expect(screen).toMatch(/> +2 \| aws_secret_access_key = \S{4}…\S{4}/);
        expect(screen).toMatch(/ +1 \| \[fixture\]/);
        tmux(socket, 'send-keys', '-t', 'review', 'f', 'Enter');
        await waitFor(socket, 'why is it not a secret?');
        tmux(socket, 'send-keys', '-t', 'review', 'parser test fixture', 'Enter');
        screen = await waitFor(socket, /exit=\d/);
        expect(screen).toMatch(/allowed 1 false positive/);
        expect(screen).toMatch(/2 real secret/);
        expect(screen).toMatch(/rotate it/);
        expect(screen).toMatch(/exit=1/);
        // Each answer echoed once (one readline interface for the whole review).
        expect(screen.match(/quit > r$/gm)?.length).toBe(2);
        expect(screen).not.toMatch(/quit > (rr|ff)/);
        for (const s of [fixture, real]) expect(screen.includes(s)).toBe(false);
      } finally {
        spawnSync('tmux', ['-L', socket, 'kill-server']);
      }
      const config = readFileSync(join(repo.dir, '.keygate.json'), 'utf8');
      expect(config).toMatch(/"rule": "aws-secret-access-key",\n\s+"reason": "parser test fixture"/);
      expect(config.includes(fixture)).toBe(false);
      const after = repo.keygate(['scan', '--staged']);
      expect(after.stdout).toMatch(/allowed: test\/fixture\.ini:2:25/);
      expect(after.status).toBe(1);
    }));

  it('refuses to run without a terminal, pointing at the non-interactive ways', () =>
    withRepo((repo) => {
      const r = repo.keygate(['review']);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/keygate review needs a terminal .*keygate allow --last/);
    }));
});
