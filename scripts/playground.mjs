#!/usr/bin/env node
// The playground server behind `npm start`: plain node:http on 127.0.0.1, serving the playground
// page, the Visualize webview bundle (dist/webview), the samples and the Kubernetes JSON schema.
// PORT chooses the port (default 5173); when it is taken, a free port is used instead.
// Expects `node esbuild.mjs` to have run (scripts/start.mjs does it first).
import { createServer } from 'node:http';
import { readFile, readdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8', '.yaml': 'text/yaml; charset=utf-8', '.yml': 'text/yaml; charset=utf-8', '.ttf': 'font/ttf', '.map': 'application/json; charset=utf-8', '.svg': 'image/svg+xml' };

/** URL prefix -> folder; files are served only from inside these folders. */
const MOUNTS = [
  ['/dist/webview/', join(root, 'dist', 'webview')],
  ['/playground/', join(root, 'webview', 'playground')],
  ['/samples/', join(root, 'samples')],
];

function inside(base, rel) {
  const p = normalize(join(base, rel));
  return p === base || p.startsWith(base + sep) ? p : undefined;
}

async function sampleIndex() {
  const dir = join(root, 'samples');
  const names = (await readdir(dir)).filter((n) => /\.ya?ml$/.test(n)).sort();
  return Promise.all(
    names.map(async (name) => {
      const text = await readFile(join(dir, name), 'utf8');
      const title = /^#\s*(.+)$/m.exec(text)?.[1]?.trim() ?? name;
      return { name, title: title.length > 90 ? title.slice(0, 89) + '…' : title };
    }),
  );
}

async function handle(req, res) {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const path = decodeURIComponent(url.pathname);
  const send = (status, body, type = 'text/plain; charset=utf-8') => {
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    res.end(body);
  };
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed');
  if (path === '/favicon.ico') return send(204, '');
  if (path === '/' || path === '/index.html') return send(200, await readFile(join(root, 'webview', 'playground', 'index.html')), TYPES['.html']);
  if (path === '/webview.html') return send(200, await readFile(join(root, 'webview', 'playground', 'webview.html')), TYPES['.html']);
  if (path === '/samples/index.json') return send(200, JSON.stringify(await sampleIndex()), TYPES['.json']);
  if (path === '/schema/kubernetes.schema.json') {
    const f = join(root, 'webview', 'playground', 'kubernetes.schema.json');
    return existsSync(f) ? send(200, await readFile(f), TYPES['.json']) : send(404, 'schema not generated');
  }
  for (const [prefix, dir] of MOUNTS) {
    if (!path.startsWith(prefix)) continue;
    const file = inside(dir, path.slice(prefix.length));
    if (!file || !existsSync(file)) return send(404, 'not found');
    try {
      return send(200, await readFile(file), TYPES[extname(file)] ?? 'application/octet-stream');
    } catch {
      return send(404, 'not found');
    }
  }
  return send(404, 'not found');
}

/** Starts the server; resolves with its URL. Port 0 picks a free port. */
export function startPlayground(port = Number(process.env.PORT ?? 5173), host = '127.0.0.1') {
  return new Promise((resolvePromise, reject) => {
    const server = createServer((req, res) => {
      handle(req, res).catch((e) => {
        console.error('playground:', e);
        if (!res.headersSent) res.writeHead(500);
        res.end('internal error');
      });
    });
    server.once('error', (e) => {
      if (e.code === 'EADDRINUSE' && port !== 0) {
        console.log(`Port ${port} is busy; using a free port instead.`);
        startPlayground(0, host).then(resolvePromise, reject);
      } else reject(e);
    });
    server.listen(port, host, () => {
      const addr = server.address();
      resolvePromise({ server, url: `http://${host}:${addr.port}/` });
    });
  });
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
const viaStart = process.argv[1] && /start\.mjs$/.test(process.argv[1]);
if (isMain || viaStart) {
  if (!existsSync(join(root, 'dist', 'webview', 'main.js'))) console.warn('dist/webview/main.js is missing: run `node esbuild.mjs` first (npm start does).');
  const { url } = await startPlayground();
  console.log(`Service Lab playground: ${url}`);
}
