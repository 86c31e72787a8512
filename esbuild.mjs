// Bundles: the extension (Node, CJS), the CLI (Node, CJS) and the webview (browser, IIFE).
// Usage: node esbuild.mjs [--production] [--watch] [--only name,name]
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const onlyArg = process.argv.find((a) => a.startsWith('--only='));
const only = onlyArg ? new Set(onlyArg.slice('--only='.length).split(',')) : undefined;

const common = { bundle: true, minify: production, sourcemap: !production, logLevel: 'warning', legalComments: 'none' };

/** monaco-yaml's worker imports monaco's pre-0.50 deep paths, which monaco-editor's exports map no longer maps; point them at the files. */
const monacoDeepPaths = {
  name: 'monaco-deep-paths',
  setup(build) {
    build.onResolve({ filter: /^monaco-editor\/esm\/vs\// }, (args) => ({ path: join(process.cwd(), 'node_modules', args.path) }));
  },
};

/** name -> build options; entries whose entry point does not exist yet are skipped. */
const targets = {
  extension: { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', target: 'node18', external: ['vscode'] },
  web: { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/web/extension.js', platform: 'browser', format: 'cjs', target: 'es2022', external: ['vscode'], mainFields: ['browser', 'module', 'main'], define: { 'process.env.SERVICE_LAB_WEB': '"1"' } },
  cli: { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs', target: 'node18', minify: false, sourcemap: false },
  webview: { ...common, entryPoints: ['webview/main.ts'], outfile: 'dist/webview/main.js', platform: 'browser', format: 'iife', target: 'es2022' },
  playground: { ...common, entryPoints: ['webview/playground/page.ts'], outfile: 'dist/webview/playground/page.js', platform: 'browser', format: 'iife', target: 'es2022', loader: { '.ttf': 'file' }, plugins: [monacoDeepPaths] },
  playgroundWorkers: { ...common, requires: 'webview/playground/page.ts', entryPoints: [{ in: 'node_modules/monaco-editor/esm/vs/editor/editor.worker.js', out: 'editor.worker' }, { in: 'node_modules/monaco-yaml/yaml.worker.js', out: 'yaml.worker' }], outdir: 'dist/webview/playground', platform: 'browser', format: 'iife', target: 'es2022', plugins: [monacoDeepPaths] },
  tests: { ...common, entryPoints: ['test/integration/index.ts', 'test/integration/*.test.ts'], outdir: 'dist/test/integration', platform: 'node', format: 'cjs', target: 'node18', external: ['vscode', 'mocha'], minify: false, sourcemap: false },
};

const run = [];
for (const [name, { requires, ...opts }] of Object.entries(targets)) {
  if (only && !only.has(name)) continue;
  if (requires && !existsSync(requires)) continue;
  const entries = opts.entryPoints.filter((e) => typeof e !== 'string' || e.includes('*') || existsSync(e));
  if (entries.length === 0 || (entries.every((e) => typeof e === 'string' && e.includes('*')) && !existsSync(entries[0].replace(/\/[^/]*$/, '')))) continue;
  const o = { ...opts, entryPoints: entries };
  if (watch) {
    const ctx = await esbuild.context(o);
    await ctx.watch();
  } else run.push(esbuild.build(o));
}
await Promise.all(run);
if (!watch) console.log(`built${production ? ' (production)' : ''}`);
