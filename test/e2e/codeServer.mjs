// code-server for the e2e stages (test/e2e/run.mjs installs it; run.mjs and webExtension.mjs start it):
// where the pinned copy lives, and starting and stopping a server in its own process group.
import { spawn } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const CODE_SERVER_VERSION = '4.139.1';
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const toolDir = join(process.env.SERVICE_LAB_CACHE ?? join(homedir(), '.cache', 'service-lab'), `code-server-${CODE_SERVER_VERSION}`);
export const node24 = join(toolDir, 'node24', 'node_modules', 'node', 'bin', 'node');
export const entry = join(toolDir, 'cs', 'node_modules', 'code-server', 'out', 'node', 'entry.js');

const servers = new Set();

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Kills every server still running; registered for exit and SIGINT/SIGTERM once the first one starts. */
export function stopAllSync() {
  for (const s of servers) {
    try {
      process.kill(-s.child.pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
  servers.clear();
}

let handlersInstalled = false;
function installExitHandlers() {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', stopAllSync);
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => { stopAllSync(); process.exit(130); });
}

/**
 * Starts code-server on 127.0.0.1 in its own process group (detached = setsid) and waits for /healthz.
 * `dirs`: `{ ud, xdg, ws, log }` (user-data dir, XDG base, workspace folder to open, server log file).
 */
export async function startServer(dirs, extensionsDir, extraArgs = [], extraEnv = {}) {
  installExitHandlers();
  const port = await freePort();
  const out = createWriteStream(dirs.log);
  const env = { ...process.env, ...extraEnv, XDG_CONFIG_HOME: dirs.xdg, XDG_DATA_HOME: dirs.xdg, XDG_CACHE_HOME: join(dirs.xdg, 'cache') };
  const args = [entry, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', '--user-data-dir', dirs.ud, '--extensions-dir', extensionsDir, '--config', '/dev/null', ...extraArgs, dirs.ws];
  const child = spawn(node24, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env });
  child.stdout.pipe(out);
  child.stderr.pipe(out);
  const server = { child, port, url: `http://127.0.0.1:${port}/`, exited: new Promise((r) => child.on('exit', r)) };
  servers.add(server);
  const deadline = Date.now() + 60000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited early; log: ${dirs.log}\n${readFileSync(dirs.log, 'utf8').slice(-2000)}`);
    try {
      const r = await fetch(`${server.url}healthz`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`code-server did not answer /healthz within 60 s; log: ${dirs.log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return server;
}

/** Stops the whole process group (killing only the pid would leave VS Code's helpers running). */
export async function stopServer(server) {
  if (!servers.delete(server)) return;
  const group = -server.child.pid;
  try {
    process.kill(group, 'SIGTERM');
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(group, 'SIGKILL');
    } catch {
      // already gone
    }
  }, 5000);
  await server.exited;
  clearTimeout(timer);
  try {
    process.kill(group, 'SIGKILL'); // helpers that outlived the server process
  } catch {
    // none left
  }
}
