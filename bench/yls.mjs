// yaml-language-server's doValidation on a file, with the playground's Kubernetes JSON schema (the
// baseline for bench/run.mjs). Prints one JSON line: the first validation and the warm ones (wall and CPU ms).
// usage: node bench/yls.mjs <file> [runs]
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const [file, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 3);
const schemaPath = fileURLToPath(new URL('../webview/playground/kubernetes.schema.json', import.meta.url));
const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
const text = readFileSync(file, 'utf8');

const { getLanguageService } = await import('yaml-language-server');
const { TextDocument } = await import('vscode-languageserver-textdocument');
const ls = getLanguageService({ schemaRequestService: () => Promise.resolve(JSON.stringify(schema)), workspaceContext: { resolveRelativePath: (p) => p } });
ls.configure({ validate: true, schemas: [{ uri: 'file:///kubernetes.schema.json', fileMatch: ['*.yaml'], schema }] });

const times = [];
const cpu = [];
let diagnostics = 0;
for (let i = 0; i < runs + 1; i++) {
  // A new version each time, as an editor sends after every change (YLS caches parses per document text).
  const doc = TextDocument.create('file:///bench/bench.yaml', 'yaml', i + 1, i % 2 ? text + '\n' : text);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  diagnostics = (await ls.doValidation(doc, false)).length;
  times.push(performance.now() - t0);
  const c = process.cpuUsage(c0);
  cpu.push((c.user + c.system) / 1000);
}
process.stdout.write(JSON.stringify({ first: times[0], times: times.slice(1), cpu: cpu.slice(1), diagnostics, node: process.version }) + '\n');
