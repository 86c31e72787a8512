#!/usr/bin/env node
// Writes the extension's own keys into package.json (read-modify-write of only those keys, so
// other engineers' entries, e.g. the Visualize command and menus, are kept). Run after editing.
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../package.json', import.meta.url);
const pkg = JSON.parse(readFileSync(file, 'utf8'));
const mine = new Set(['serviceLab.explainField', 'serviceLab.checkWorkspace']);
const c = (pkg.contributes ??= {});

c.commands = [
  ...(c.commands ?? []).filter((x) => !mine.has(x.command)),
  { command: 'serviceLab.explainField', title: 'Explain Field at Cursor', category: 'Service Lab' },
  { command: 'serviceLab.checkWorkspace', title: 'Check Workspace', category: 'Service Lab' },
];
const menus = (c.menus ??= {});
const palette = (menus.commandPalette ?? []).filter((x) => !mine.has(x.command));
palette.push({ command: 'serviceLab.explainField', when: 'editorLangId == yaml' });
menus.commandPalette = palette;
menus['editor/context'] = [
  ...(menus['editor/context'] ?? []).filter((x) => !mine.has(x.command)),
  { command: 'serviceLab.explainField', when: 'editorLangId == yaml', group: 'navigation@90' },
];

const levels = ['off', 'info', 'warning', 'error'];
c.configuration = {
  title: 'Service Lab',
  properties: {
    'serviceLab.rules': {
      type: 'object',
      scope: 'resource',
      default: {},
      markdownDescription: 'Severity per rule id, e.g. `{ "target-port-number-undeclared": "error", "service-no-ready-endpoints": "off" }`. Rule ids are shown as the diagnostic code; `service-lab rules` lists them all.',
      additionalProperties: {
        type: 'string',
        enum: levels,
        enumDescriptions: ['Do not report this rule.', 'Report as a hint (Information).', 'Report as a warning.', 'Report as an error.'],
      },
    },
    'serviceLab.cluster.nodePortRange': {
      type: 'string',
      scope: 'window',
      default: '30000-32767',
      pattern: '^\\s*\\d{1,5}\\s*-\\s*\\d{1,5}\\s*$',
      patternErrorMessage: 'Write the range as low-high, e.g. 30000-32767.',
      markdownDescription: "The cluster's NodePort range (kube-apiserver `--service-node-port-range`), used to check `nodePort` values.",
    },
    'serviceLab.cluster.serviceCIDR': {
      type: 'string',
      scope: 'window',
      default: '10.96.0.0/12',
      markdownDescription: "The cluster's Service IP range (kube-apiserver `--service-cluster-ip-range`), used to check `clusterIP` values. The default is kubeadm's.",
    },
    'serviceLab.cluster.clusterDomain': {
      type: 'string',
      scope: 'window',
      default: 'cluster.local',
      markdownDescription: 'The cluster DNS domain, used in hovers to spell out Service DNS names (`web.default.svc.cluster.local`).',
    },
    'serviceLab.maxFileSize': {
      type: 'number',
      scope: 'window',
      default: 1000000,
      minimum: 1,
      markdownDescription: 'Largest YAML file (in bytes) checked as you type. Larger files get a single hint instead; check them with the `service-lab` CLI.',
    },
  },
};
c.snippets = [...(c.snippets ?? []).filter((x) => x.path !== './snippets/kubernetes-services.json'), { language: 'yaml', path: './snippets/kubernetes-services.json' }];
c.grammars = [
  ...(c.grammars ?? []).filter((x) => x.scopeName !== 'kubernetes.services.injection'),
  { scopeName: 'kubernetes.services.injection', path: './syntaxes/kubernetes-services.injection.tmLanguage.json', injectTo: ['source.yaml'] },
];

pkg.icon = 'media/icon.png';
pkg.homepage ??= (pkg.repository?.url ?? '').replace(/\.git$/, '');
const scripts = (pkg.scripts ??= {});
scripts['test:grammar'] = 'node scripts/test-grammar.mjs';
scripts['test:integration'] = 'node test/e2e/run.mjs';
scripts['test:electron'] = 'node esbuild.mjs --only=extension,tests && node --import tsx test/runTest.ts';
// vsce runs vscode:prepublish itself: the production bundles of what ships (types and lint are their own stages).
scripts['package'] = 'vsce package --no-dependencies --no-rewrite-relative-links -o service-lab.vsix';
scripts['vscode:prepublish'] = 'node esbuild.mjs --production --only=extension,web,webview';

writeFileSync(file, JSON.stringify(pkg, null, 2) + '\n');
console.log('package.json: extension contributions written');
