// Entry point of the Visualize webview (VS Code panel and playground iframe): receives the manifest,
// checks and simulates it with the bundled core, lays it out with dagre and renders the SVG diagram,
// and turns clicks and keys into protocol messages and cluster actions.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import './styles.css';
import type { Settings } from '../src/core/index';
import { checkFiles, withDefaults } from '../src/core/index';
import type { SimState } from '../src/core/sim/index';
import { applyEvent, applyEvents, createSimulation } from '../src/core/sim/index';
import type { ClusterAction, HostToWebview, ManifestFile, SideView, UiState } from '../src/shared/protocol';
import { assertNever, MAX_ACTIONS, sanitizeUiState } from '../src/shared/protocol';
import type { Layout } from './diagram';
import { layoutDiagram, layoutKey, renderSvg } from './diagram';
import { connectHost } from './host';
import type { Hop, ViewElement, ViewModel } from './viewModel';
import { buildViewModel, elementsAt, limitView, traceHops } from './viewModel';

const host = connectHost();
let ui: UiState = sanitizeUiState(host.getState());
let files: readonly ManifestFile[] = [];
let activePath = '';
let settings: Settings = withDefaults();
let vm: ViewModel | undefined;
let layout: Layout | undefined;
let highlight = new Set<string>();
let sim: SimState | undefined;
/** Settings the current simulation was created with; a change starts a fresh simulation. */
let simSettingsKey = '';
let trace: { result: { hops: Hop[]; ok: boolean }; step: number } | undefined;
let traceTimer: ReturnType<typeof setTimeout> | undefined;
let emptyReason: string | undefined;

function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) e.append(c);
  return e;
}

function button(label: string, onClick: () => void, attrs: Record<string, string> = {}): HTMLElement {
  const b = document.createElement('vscode-button');
  b.textContent = label;
  for (const [k, v] of Object.entries(attrs)) b.setAttribute(k, v);
  b.addEventListener('click', onClick);
  return b;
}

// Static layout of the page; every manifest-derived string below goes in through textContent.
const status = h('span', { id: 'status', role: 'status' });
const targetSelect = document.createElement('vscode-single-select');
targetSelect.id = 'target';
targetSelect.setAttribute('aria-label', 'Request to send');
const sendBtn = button('Send request', () => sendRequest(), { id: 'send' });
const resetBtn = button('Reset cluster', () => resetCluster(), { id: 'reset', secondary: '' });
const zoomOut = button('−', () => setZoom((ui.zoom ?? (layout ? autoZoom(layout) : 1)) / 1.25), { id: 'zoom-out', secondary: '', 'aria-label': 'Zoom out', title: 'Zoom out' });
const zoomIn = button('+', () => setZoom((ui.zoom ?? (layout ? autoZoom(layout) : 1)) * 1.25), { id: 'zoom-in', secondary: '', 'aria-label': 'Zoom in', title: 'Zoom in' });
const zoomFit = button('Fit', () => setZoom(layout ? Math.min(1, Math.max(0.25, (diagram.clientWidth - 8) / layout.width)) : 1), { id: 'zoom-fit', secondary: '', 'aria-label': 'Zoom to fit the width', title: 'Zoom to fit' });
const toolbar = h('header', { class: 'toolbar' }, h('span', { class: 'brand' }, 'Service Lab'), status, h('span', { class: 'spacer' }), h('label', { for: 'target', class: 'target-label' }, 'Request:'), targetSelect, sendBtn, resetBtn, zoomOut, zoomFit, zoomIn);
const notices = h('section', { id: 'notices', 'aria-live': 'polite', 'aria-label': 'Notices' });
const diagram = h('div', { id: 'diagram', role: 'region', 'aria-label': 'Cluster diagram: clients, Ingresses, Services, EndpointSlices and pods by node. Tab to an element, Enter to select it and reveal its YAML.' });
const details = h('section', { id: 'details', 'aria-live': 'polite', 'aria-label': 'Selected element' });
const tracePanel = h('section', { id: 'trace', 'aria-live': 'polite', 'aria-label': 'Request trace' });
const tabs = h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Service views' });
const viewBody = h('pre', { id: 'view-body', role: 'tabpanel', tabindex: '0' });
const views = h('section', { id: 'views' }, tabs, viewBody);
const side = h('aside', { id: 'side' }, details, tracePanel, views);
document.body.append(toolbar, notices, h('main', {}, diagram, side));

const TAB_LABELS: Record<SideView, string> = { slices: 'EndpointSlice', iptables: 'iptables', nftables: 'nftables', dns: 'DNS', env: 'Env vars', events: 'Event log' };

/** Until the learner zooms, shrink a wide diagram to the panel's width (never below 60 %). */
function autoZoom(l: Layout): number {
  const w = diagram.clientWidth - 8;
  return w > 0 && l.width > w ? Math.max(0.6, w / l.width) : 1;
}

function setZoom(z: number): void {
  saveUi({ zoom: Math.min(4, Math.max(0.25, Math.round(z * 100) / 100)) });
  paint();
}

function saveUi(patch: Partial<UiState>): void {
  ui = { ...ui, ...patch };
  host.setState(ui);
}

/** Applies a learner action to the simulation and remembers it for replay after a reload. */
function act(a: ClusterAction): void {
  saveUi({ actions: [...(ui.actions ?? []), a].slice(-MAX_ACTIONS) });
  if (sim) sim = applyEvent(sim, a);
  refresh(false);
}

host.onMessage((msg: HostToWebview) => {
  switch (msg.type) {
    case 'manifest':
      files = msg.files;
      activePath = msg.activePath;
      if (ui.activePath !== activePath) {
        // Another file: its cluster starts fresh.
        saveUi({ activePath, actions: [], selectedId: undefined });
        sim = undefined;
      }
      settings = withDefaults(msg.settings);
      emptyReason = undefined;
      refresh(true);
      break;
    case 'cursor':
      if (vm) {
        highlight = new Set(elementsAt(vm, msg.path, msg.offset));
        const shown = vm.elements;
        // A large manifest draws only part of itself: draw the part around the cursor.
        if (vm.limited && [...highlight].some((id) => !shown.some((e) => e.id === id))) refresh(false);
        else paint();
      }
      break;
    case 'empty':
      emptyReason = msg.reason;
      files = [];
      refresh(true);
      break;
    default:
      assertNever(msg);
  }
});

/** Re-checks, re-simulates, lays out and re-renders (all synchronous). */
function refresh(manifestChanged: boolean): void {
  if (emptyReason !== undefined) {
    vm = undefined;
    layout = undefined;
    status.textContent = '';
    showNotices([{ severity: 'info', text: emptyReason }]);
    diagram.replaceChildren();
    details.replaceChildren();
    return;
  }
  try {
    const checked = checkFiles(files.map((f) => ({ path: f.path, text: f.text })), { settings });
    const key = JSON.stringify(settings);
    if (!sim || key !== simSettingsKey) {
      // A fresh simulation (first manifest, reload, or new settings): replay the learner's actions.
      simSettingsKey = key;
      sim = applyEvents(createSimulation(checked.scope, { seed: 1, nodes: 2, settings }), ui.actions ?? []);
    } else if (manifestChanged) {
      // An edit: the simulation keeps the pods whose workload and template survive, so nodes stay put.
      sim = applyEvent(sim, { type: 'editManifest', scope: checked.scope });
    }
    const full = buildViewModel(checked.scope, sim, { findings: checked.findings });
    const next = limitView(full, [...highlight, ...(ui.selectedId ? [ui.selectedId] : [])]);
    const nextLayout = layout && vm && layout.key === layoutKey(next) ? layout : next.elements.length ? layoutDiagram(next) : undefined;
    vm = next;
    layout = nextLayout;
    if (ui.selectedId && !vm.elements.some((e) => e.id === ui.selectedId)) saveUi({ selectedId: undefined });
    paint();
  } catch (e) {
    host.send({ type: 'log', level: 'error', message: `visualize failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}` });
    showNotices([{ severity: 'error', text: 'Service Lab could not draw this manifest (an internal error was logged). Edit the file or pick another one.' }]);
  }
}

function showNotices(list: readonly { severity: string; text: string; source?: { path: string; range: { start: number; end: number } } }[]): void {
  notices.replaceChildren(
    ...list.map((n) => {
      const li = h('div', { class: `notice notice-${n.severity}` }, h('span', { class: 'notice-sev' }, n.severity === 'error' ? 'Error' : n.severity === 'warning' ? 'Warning' : 'Note'), ' ', n.text);
      if (n.source) {
        const src = n.source;
        li.append(' ', button('Show in YAML', () => reveal(src.path, src.range), { secondary: '' }));
      }
      return li;
    }),
  );
}

function paint(): void {
  if (!vm) return;
  const counts = { svc: vm.elements.filter((e) => e.kind === 'service').length, pods: vm.elements.filter((e) => e.kind === 'pod').length };
  const file = activePath.replace(/^.*[\\/]/, '');
  status.textContent = (file ? `${file}: ` : '') + (vm.state === 'ok' ? `${counts.svc} Service${counts.svc === 1 ? '' : 's'}, ${counts.pods} pod${counts.pods === 1 ? '' : 's'}` : vm.state === 'yaml-error' ? 'YAML error' : 'Nothing to draw');
  showNotices(vm.notices);
  // Request targets.
  const wanted = vm.targets.map((t) => `${t.id}\u0000${t.label}`).join('\u0001');
  if (targetSelect.dataset['targets'] !== wanted) {
    const prev = (targetSelect as unknown as { value: string }).value;
    targetSelect.replaceChildren(
      ...vm.targets.map((t) => {
        const o = document.createElement('vscode-option');
        o.setAttribute('value', t.id);
        o.textContent = `${t.client === 'client:external' ? 'outside →' : 'pod →'} ${t.label}`;
        return o;
      }),
    );
    targetSelect.dataset['targets'] = wanted;
    if (vm.targets.some((t) => t.id === prev)) (targetSelect as unknown as { value: string }).value = prev;
  }
  sendBtn.toggleAttribute('disabled', vm.targets.length === 0);
  const traced = trace ? new Set(trace.result.hops.slice(0, trace.step + 1).map((h) => h.at)) : undefined;
  const current = trace ? trace.result.hops[trace.step]?.at : undefined;
  const hl = new Set(highlight);
  if (current) hl.add(current);
  if (layout) {
    const scroll = { left: diagram.scrollLeft, top: diagram.scrollTop };
    // renderSvg escapes every manifest string (see diagram.ts `esc`).
    diagram.innerHTML = renderSvg(vm, layout, { selectedId: ui.selectedId, highlight: hl, traced, zoom: ui.zoom ?? autoZoom(layout) });
    diagram.scrollLeft = scroll.left;
    diagram.scrollTop = scroll.top;
  } else diagram.replaceChildren();
  paintDetails();
  paintTrace();
  paintViews();
}

diagram.addEventListener('click', (ev) => {
  const g = (ev.target as Element).closest('g.el');
  if (g) selectElement(g.getAttribute('data-id') ?? '');
});
diagram.addEventListener('keydown', (ev) => {
  const g = (ev.target as Element).closest('g.el');
  if (!g) return;
  if (ev.key === 'Enter' || ev.key === ' ') {
    ev.preventDefault();
    selectElement(g.getAttribute('data-id') ?? '');
  } else if (ev.key === 'Delete' && g.classList.contains('kind-pod')) {
    ev.preventDefault();
    const ref = (g.getAttribute('data-id') ?? '').replace(/^pod:/, '');
    if (sim?.pods.some((p) => `${p.namespace}/${p.name}` === ref)) act({ type: 'killPod', pod: ref });
  }
});

function selectElement(id: string): void {
  const e = vm?.elements.find((x) => x.id === id);
  if (!e) return;
  saveUi({ selectedId: id });
  if (e.source) reveal(e.source.path, e.source.range);
  paint();
  const again = diagram.querySelector<SVGGElement>(`g.el[data-id="${CSS.escape(id)}"]`);
  again?.focus({ preventScroll: true });
}

function reveal(path: string, range: { start: number; end: number }): void {
  const f = files.find((x) => x.path === path);
  if (f) host.send({ type: 'reveal', path, version: f.version, range });
}


function paintDetails(): void {
  const e = vm?.elements.find((x) => x.id === ui.selectedId);
  if (!vm || !e) {
    details.replaceChildren(h('p', { class: 'hint' }, 'Click an element (or Tab to it and press Enter) to see its details and reveal its YAML. Send a request to watch it travel.'));
    return;
  }
  const parts: (Node | string)[] = [h('h2', {}, `${kindName(e)} ${e.title}`), ...e.lines.map((l) => h('div', { class: 'line' }, l))];
  if (e.reasons.length) parts.push(h('ul', { class: 'reasons', 'aria-label': 'Why' }, ...e.reasons.map((r) => h('li', {}, r))));
  if (e.problems.length) parts.push(h('ul', { class: 'problems', 'aria-label': 'Problems' }, ...e.problems.map((p) => h('li', { class: `sev-${p.severity}` }, h('strong', {}, `${p.severity}: `), p.message, h('span', { class: 'rule' }, ` (${p.rule})`)))));
  const bar = h('div', { class: 'actions' });
  if (e.kind === 'pod' && sim) {
    const ref = e.id.replace(/^pod:/, '');
    const pod = sim.pods.find((p) => `${p.namespace}/${p.name}` === ref);
    if (pod) {
      bar.append(button('Kill pod', () => act({ type: 'killPod', pod: ref }), { id: 'kill-pod', 'aria-label': `Kill pod ${pod.name}` }));
      bar.append(button(pod.ready ? 'Fail readiness' : 'Recover readiness', () => act({ type: 'readiness', pod: ref, ready: !pod.ready }), { id: 'toggle-ready', secondary: '' }));
      const w = sim.workloads.find((x) => x.key === pod.workload);
      if (w && w.replicas >= 0 && w.kind !== 'Pod' && w.kind !== 'Job' && w.kind !== 'CronJob') {
        const cur = w.replicas;
        bar.append(button('Scale −', () => act({ type: 'scale', workload: w.key, replicas: Math.max(0, cur - 1) }), { id: 'scale-down', secondary: '', 'aria-label': `Scale ${w.name} down to ${Math.max(0, cur - 1)}` }));
        bar.append(button('Scale +', () => act({ type: 'scale', workload: w.key, replicas: Math.min(20, cur + 1) }), { id: 'scale-up', secondary: '', 'aria-label': `Scale ${w.name} up to ${Math.min(20, cur + 1)}` }));
        bar.append(h('span', { class: 'hint' }, `${w.kind} ${w.name}: ${cur} replica${cur === 1 ? '' : 's'}`));
      }
    }
  } else if (e.kind === 'node' && sim) {
    const node = sim.nodes.find((n) => n.name === e.title);
    if (node) bar.append(button(node.ready ? 'Fail node' : 'Recover node', () => act(node.ready ? { type: 'failNode', node: node.name } : { type: 'recoverNode', node: node.name }), { id: 'toggle-node' }));
  }
  if (e.source) {
    const s = e.source;
    bar.append(button('Show YAML', () => reveal(s.path, s.range), { secondary: '' }));
  }
  if (bar.childNodes.length) parts.push(bar);
  details.replaceChildren(...parts);
}

function kindName(e: ViewElement): string {
  return { client: 'Client', ingress: 'Ingress', service: 'Service', slice: 'EndpointSlice', node: 'Node', pod: 'Pod', missing: 'Missing Service' }[e.kind];
}

function sendRequest(): void {
  if (!vm || !sim) return;
  const id = (targetSelect as unknown as { value: string }).value || vm.targets[0]?.id;
  if (!id) return;
  const result = traceHops(sim, vm, id);
  trace = { result, step: 0 };
  if (traceTimer) clearTimeout(traceTimer);
  const advance = () => {
    if (!trace) return;
    paint();
    if (trace.step < trace.result.hops.length - 1) {
      traceTimer = setTimeout(() => {
        if (trace) trace.step++;
        advance();
      }, 650);
    }
  };
  advance();
}

function paintTrace(): void {
  if (!trace) {
    tracePanel.replaceChildren();
    return;
  }
  const { result, step } = trace;
  const ol = h('ol', { class: 'hops' });
  result.hops.forEach((hop, i) => {
    const li = h('li', { class: i === step ? 'current' : i < step ? 'done' : 'pending', 'data-at': hop.at }, hop.text);
    if (i > step) li.setAttribute('aria-hidden', 'true');
    ol.append(li);
  });
  const done = step >= result.hops.length - 1;
  tracePanel.replaceChildren(h('h2', {}, 'Request trace'), ol, done ? h('p', { class: result.ok ? 'trace-ok' : 'trace-fail', id: 'trace-result' }, result.ok ? 'Delivered.' : 'The request fails here.') : '');
}

function resetCluster(): void {
  trace = undefined;
  if (traceTimer) clearTimeout(traceTimer);
  saveUi({ actions: [] });
  sim = undefined;
  refresh(false);
}

function paintViews(): void {
  const sel = vm?.elements.find((e) => e.id === ui.selectedId);
  const svcIdSel = sel?.kind === 'service' ? sel.id : sel?.kind === 'slice' ? sel.id.replace(/^slice:/, 'svc:') : undefined;
  const svc = svcIdSel ? vm?.services.find((s) => s.id === svcIdSel) : undefined;
  const available: SideView[] = svc ? ['slices', 'iptables', 'nftables', 'dns', 'env', 'events'] : ['events'];
  const current: SideView = ui.sideView && available.includes(ui.sideView) ? ui.sideView : available[0]!;
  tabs.replaceChildren(
    ...available.map((v) => {
      const b = h('button', { role: 'tab', id: `tab-${v}`, 'aria-selected': String(v === current), tabindex: v === current ? '0' : '-1', class: 'tab' }, TAB_LABELS[v]);
      b.addEventListener('click', () => {
        saveUi({ sideView: v });
        paintViews();
      });
      b.addEventListener('keydown', (ev) => {
        const i = available.indexOf(v);
        const j = ev.key === 'ArrowRight' ? (i + 1) % available.length : ev.key === 'ArrowLeft' ? (i - 1 + available.length) % available.length : -1;
        if (j >= 0) {
          saveUi({ sideView: available[j] });
          paintViews();
          tabs.querySelector<HTMLElement>(`#tab-${available[j]}`)?.focus({ preventScroll: true });
        }
      });
      return b;
    }),
  );
  let text: string;
  if (current === 'events' || !svc) text = vm?.events.length ? vm.events.join('\n') : 'No events yet. Kill a pod, scale a workload, fail readiness or a node: the controllers\' reactions are logged here.';
  else if (current === 'slices') text = svc.sliceYaml;
  else if (current === 'iptables') text = svc.iptables;
  else if (current === 'nftables') text = svc.nftables;
  else if (current === 'dns') text = svc.dns;
  else text = svc.env;
  viewBody.setAttribute('aria-labelledby', `tab-${current}`);
  viewBody.textContent = text;
}

host.send({ type: 'ready' });
status.textContent = 'Waiting for a manifest…';
paint();
paintDetails();
paintViews();
