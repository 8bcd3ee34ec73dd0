// Ralph, the LRS, for the benches: a fresh app and data folder and one user with one scope,
// on a loopback port, served by scripts/run-ralph.py (with its fixes to Ralph 5.1's file
// backend). `fill(dataDir)` may put statements in its store before it starts.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';

/// A port nothing listens on, on the loopback.
export const freePort = () => new Promise((resolve) => {
  const s = createServer();
  s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
});

/// Waits until `url` answers (anything but a 5xx).
export async function until(url, what) {
  for (let i = 0; i < 150; i++) {
    try { if ((await fetch(url)).status < 500) return; } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} did not start`);
}

/// Starts Ralph; returns its xAPI endpoint, the user's Authorization and `stop()`, which
/// also removes its folders.
export async function startRalph({ port, scope, user = 'bench', cors = [], workers = 1, restrict = false, fill = () => {} }) {
  port ??= await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'bench-ralph-'));
  const data = join(dir, 'data');
  const env = {
    ...process.env,
    RALPH_APP_DIR: join(dir, 'app'),
    RALPH_RUNSERVER_BACKEND: 'fs',
    RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH: data,
    ...(cors.length ? { RALPH_RUNSERVER_CORS_ALLOW_ORIGINS: JSON.stringify(cors) } : {}),
    ...(restrict ? { RALPH_LRS_RESTRICT_BY_SCOPES: 'true', RALPH_LRS_RESTRICT_BY_AUTHORITY: 'true' } : {}),
  };
  mkdirSync(env.RALPH_APP_DIR); mkdirSync(data);
  fill(data);
  const password = randomBytes(16).toString('hex');
  execFileSync('target/ralph-venv/bin/ralph', ['auth', '-u', user, '-p', password, '-s', scope, '-M', `mailto:${user}@example.org`, '-w'], { env, stdio: 'ignore' });
  const ralph = spawn('target/ralph-venv/bin/python', ['scripts/run-ralph.py', String(port), String(workers)], { env, stdio: 'ignore' });
  await until(`http://127.0.0.1:${port}/__heartbeat__`, 'Ralph');
  return {
    endpoint: `http://127.0.0.1:${port}/xAPI/`,
    user,
    password,
    auth: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
    stop() { ralph.kill(); rmSync(dir, { recursive: true, force: true }); },
  };
}
