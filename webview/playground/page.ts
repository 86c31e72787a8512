// The playground page (`npm start`): a Monaco editor with monaco-yaml (schema validation and
// completion) plus Service Lab's own diagnostics and hovers, and the Visualize webview in an iframe.
// The page is the webview's host: it speaks the same protocol as the VS Code panel.
import * as monaco from 'monaco-editor';
import { configureMonacoYaml } from 'monaco-yaml';
import type { Finding } from '../../src/core/index';
import { checkFiles, LineIndex } from '../../src/core/index';
import { hoverAt } from '../../src/core/hover';
import type { HostToWebview, ManifestFile } from '../../src/shared/protocol';
import { assertNever, describeMessage, isWebviewToHost } from '../../src/shared/protocol';

interface SampleInfo {
  readonly name: string;
  readonly title: string;
}

declare global {
  interface Window {
    MonacoEnvironment?: { getWorker(workerId: string, label: string): Worker };
    /** Handle for tests and curious learners. */
    serviceLabPlayground?: { setText(text: string): void; getText(): string; getSelectedText(): string; loadSample(name: string): Promise<void>; ready: Promise<void> };
  }
}

window.MonacoEnvironment = {
  getWorker(_id, label) {
    return new Worker(label === 'yaml' ? '/dist/webview/playground/yaml.worker.js' : '/dist/webview/playground/editor.worker.js');
  },
};

const DEBOUNCE_MS = 250;
const picker = document.getElementById('sample') as HTMLSelectElement;
const themeSelect = document.getElementById('theme') as HTMLSelectElement;
const frame = document.getElementById('viz') as HTMLIFrameElement;
const editorHost = document.getElementById('editor') as HTMLElement;
const problemsEl = document.getElementById('problems') as HTMLElement;

let current = 'untitled.yaml';
let version = 1;
let webviewReady = false;
let timer: ReturnType<typeof setTimeout> | undefined;
let lastSent: ManifestFile | undefined;

const params = new URLSearchParams(location.search);
const theme = params.get('theme') === 'light' ? 'light' : 'dark';
document.documentElement.dataset['theme'] = theme;
themeSelect.value = theme;
themeSelect.addEventListener('change', () => {
  params.set('theme', themeSelect.value);
  location.search = params.toString();
});
frame.src = `/webview.html?theme=${theme}`;

const model = monaco.editor.createModel('', 'yaml', monaco.Uri.parse('inmemory://playground/untitled.yaml'));
const editor = monaco.editor.create(editorHost, {
  model,
  automaticLayout: true,
  theme: theme === 'light' ? 'vs' : 'vs-dark',
  minimap: { enabled: false },
  fontSize: 13,
  tabSize: 2,
  quickSuggestions: { other: true, comments: false, strings: true },
  ariaLabel: 'Kubernetes YAML editor',
});

function post(msg: HostToWebview): void {
  if (!webviewReady) return;
  frame.contentWindow?.postMessage(msg, location.origin);
}

function sendManifest(): void {
  lastSent = { path: current, text: model.getValue(), version };
  post({ type: 'manifest', files: [lastSent], activePath: current });
}

function severityOf(f: Finding): monaco.MarkerSeverity {
  return f.severity === 'error' ? monaco.MarkerSeverity.Error : f.severity === 'warning' ? monaco.MarkerSeverity.Warning : monaco.MarkerSeverity.Info;
}

/** Service Lab's own diagnostics, as Monaco markers (monaco-yaml adds its schema markers separately). */
function updateMarkers(): void {
  const text = model.getValue();
  const { findings } = checkFiles([{ path: current, text }]);
  const lines = new LineIndex(text);
  const markers = findings.filter((f) => f.file === current).map((f) => {
    const s = lines.positionAt(f.range.start);
    const e = lines.positionAt(Math.max(f.range.end, f.range.start));
    return { severity: severityOf(f), message: f.message, code: f.rule, source: 'Service Lab', startLineNumber: s.line + 1, startColumn: s.character + 1, endLineNumber: e.line + 1, endColumn: e.character + 1 };
  });
  monaco.editor.setModelMarkers(model, 'service-lab', markers);
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  problemsEl.textContent = `Service Lab: ${counts.error} error${counts.error === 1 ? '' : 's'}, ${counts.warning} warning${counts.warning === 1 ? '' : 's'}, ${counts.info} hint${counts.info === 1 ? '' : 's'}`;
}

model.onDidChangeContent(() => {
  version++;
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => {
    updateMarkers();
    sendManifest();
  }, DEBOUNCE_MS);
});

editor.onDidChangeCursorPosition((e) => {
  post({ type: 'cursor', path: current, offset: model.getOffsetAt(e.position) });
});

monaco.languages.registerHoverProvider('yaml', {
  provideHover(m, position) {
    if (m !== model) return undefined;
    const text = m.getValue();
    const { scope } = checkFiles([{ path: current, text }]);
    const h = hoverAt(scope, current, m.getOffsetAt(position));
    if (!h) return undefined;
    const s = m.getPositionAt(h.range.start);
    const e = m.getPositionAt(h.range.end);
    // Untrusted markdown: no command links, no HTML.
    return { contents: [{ value: h.markdown, isTrusted: false, supportHtml: false }], range: new monaco.Range(s.lineNumber, s.column, e.lineNumber, e.column) };
  },
});

window.addEventListener('message', (ev: MessageEvent<unknown>) => {
  if (ev.source !== frame.contentWindow || ev.origin !== location.origin) return;
  const m = ev.data;
  if (!isWebviewToHost(m)) {
    console.warn(`playground: dropped a malformed message from the webview (${describeMessage(m)})`);
    return;
  }
  switch (m.type) {
    case 'ready':
      webviewReady = true;
      sendManifest();
      resolveReady();
      break;
    case 'reveal': {
      if (m.path !== current || m.version !== version || !lastSent || lastSent.version !== version) return;
      const len = model.getValueLength();
      if (m.range.end > len) return;
      const s = model.getPositionAt(m.range.start);
      const e = model.getPositionAt(m.range.end);
      const range = new monaco.Range(s.lineNumber, s.column, e.lineNumber, e.column);
      editor.setSelection(range);
      editor.revealRangeInCenterIfOutsideViewport(range);
      editor.focus();
      break;
    }
    case 'log':
      console[m.level === 'info' ? 'info' : m.level](`webview: ${m.message}`);
      break;
    default:
      assertNever(m);
  }
});

let resolveReady: () => void = () => {};
const ready = new Promise<void>((r) => (resolveReady = r));

async function loadSample(name: string): Promise<void> {
  const res = await fetch(`/samples/${encodeURIComponent(name)}`);
  if (!res.ok) throw new Error(`sample ${name}: HTTP ${res.status}`);
  const text = await res.text();
  current = name;
  version++;
  model.setValue(text);
  picker.value = name;
  params.set('sample', name);
  history.replaceState(null, '', `?${params.toString()}`);
  if (timer) clearTimeout(timer);
  updateMarkers();
  sendManifest();
}

/**
 * monaco-yaml 5 creates its worker with Monaco's pre-0.50 `createWebWorker({ label, createData })`;
 * Monaco 0.57 takes `{ worker }`. This adapter starts the worker itself and sends the two messages
 * the worker expects first: a wake-up (monaco-worker-manager) and then `createData` (Monaco's initialize).
 */
const monacoForYaml = {
  ...monaco,
  editor: {
    ...monaco.editor,
    createWebWorker: (opts: { createData?: unknown }) => {
      const worker = new Worker('/dist/webview/playground/yaml.worker.js');
      worker.postMessage('start');
      worker.postMessage(opts.createData);
      return monaco.editor.createWebWorker({ worker });
    },
  },
} as unknown as typeof monaco;

async function start(): Promise<void> {
  const [samples, schema] = await Promise.all([
    fetch('/samples/index.json').then((r) => r.json() as Promise<SampleInfo[]>),
    fetch('/schema/kubernetes.schema.json').then((r) => (r.ok ? (r.json() as Promise<object>) : undefined)).catch(() => undefined),
  ]);
  configureMonacoYaml(monacoForYaml, {
    enableSchemaRequest: false,
    validate: true,
    completion: true,
    hover: true,
    schemas: schema ? [{ uri: `${location.origin}/schema/kubernetes.schema.json`, fileMatch: ['*'], schema: schema as never }] : [],
  });
  for (const s of samples) {
    const o = document.createElement('option');
    o.value = s.name;
    o.textContent = s.title;
    picker.append(o);
  }
  picker.addEventListener('change', () => void loadSample(picker.value));
  const wanted = params.get('sample');
  const first = samples.find((s) => s.name === wanted) ?? samples[0];
  if (first) await loadSample(first.name);
}

window.serviceLabPlayground = {
  setText: (text) => model.setValue(text),
  getText: () => model.getValue(),
  getSelectedText: () => {
    const sel = editor.getSelection();
    return sel ? model.getValueInRange(sel) : '';
  },
  loadSample,
  ready,
};

start().catch((e: unknown) => {
  problemsEl.textContent = `Could not start the playground: ${e instanceof Error ? e.message : String(e)}`;
});
