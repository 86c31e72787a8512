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
import type { Layout, Measure, TextStyle } from './diagram';
import { autoZoom, estimateWidth, fitZoom, layoutDiagram, layoutKey, MAX_ZOOM, MIN_AUTO_ZOOM, MIN_ZOOM, renderSvg } from './diagram';
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
const zoomOut = button('−', () => setZoom(currentZoom() / 1.25), { id: 'zoom-out', secondary: '', 'aria-label': 'Zoom out', title: 'Zoom out' });
const zoomIn = button('+', () => setZoom(currentZoom() * 1.25), { id: 'zoom-in', secondary: '', 'aria-label': 'Zoom in', title: 'Zoom in' });
const zoomFit = button('Fit', () => setZoom(layout ? fitZoom(layout.width, availableWidth()) : 1), { id: 'zoom-fit', secondary: '', 'aria-label': 'Zoom out until the whole width shows', title: 'Show the whole width (text may get small)' });
const zoomAuto = button('100%', () => setZoom(undefined), { id: 'zoom-auto', secondary: '', title: `Automatic zoom: fit the panel's width, never below ${Math.round(MIN_AUTO_ZOOM * 100)} % (the smallest readable size)` });
const zoomGroup = h('span', { class: 'zoom', role: 'group', 'aria-label': 'Zoom' }, zoomOut, zoomAuto, zoomFit, zoomIn);
const toolbar = h('header', { class: 'toolbar' }, h('span', { class: 'brand' }, 'Service Lab'), status, h('span', { class: 'spacer' }), h('label', { for: 'target', class: 'target-label' }, 'Request:'), targetSelect, sendBtn, resetBtn, zoomGroup);
const notices = h('section', { id: 'notices', 'aria-live': 'polite', 'aria-label': 'Notices' });
const diagram = h('div', { id: 'diagram', role: 'region', 'aria-label': 'Cluster diagram: clients, Ingresses, Services, EndpointSlices and pods by node. Tab to an element, Enter to select it and reveal its YAML. Plus and minus zoom, 0 returns to the automatic zoom.' });
const details = h('section', { id: 'details', 'aria-live': 'polite', 'aria-label': 'Selected element' });
const tracePanel = h('section', { id: 'trace', 'aria-live': 'polite', 'aria-label': 'Request trace' });
const tabs = h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Service views' });
const viewBody = h('pre', { id: 'view-body', role: 'tabpanel', tabindex: '0' });
const views = h('section', { id: 'views' }, tabs, viewBody);
const side = h('aside', { id: 'side' }, details, tracePanel, views);
document.body.append(toolbar, notices, h('main', {}, diagram, side));

const TAB_LABELS: Record<SideView, string> = { slices: 'EndpointSlice', iptables: 'iptables', nftables: 'nftables', dns: 'DNS', env: 'Env vars', events: 'Event log' };

/** Width the diagram may take without a horizontal scroll bar. */
function availableWidth(): number {
  return diagram.clientWidth - 4;
}

/** The zoom in effect: the learner's, or until they zoom, the automatic fit to the panel's width. */
function currentZoom(): number {
  return ui.zoom ?? (layout ? autoZoom(layout.width, availableWidth()) : 1);
}

/** Sets a manual zoom, or with `undefined` goes back to the automatic fit. */
function setZoom(z: number | undefined): void {
  saveUi({ zoom: z === undefined ? undefined : Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, Math.round(z * 100) / 100)) });
  // Only the SVG's size changes: no re-render, so keyboard focus stays on the focused element.
  applyZoom();
}

/** Sizes the drawn SVG for the current zoom and shows the zoom on the toolbar. */
function applyZoom(): void {
  const z = currentZoom();
  const svg = diagram.querySelector('svg.diagram');
  if (svg && layout) {
    svg.setAttribute('width', String(Math.round(layout.width * z)));
    svg.setAttribute('height', String(Math.round(layout.height * z)));
  }
  const auto = ui.zoom === undefined;
  zoomAuto.textContent = `${auto ? 'Auto ' : ''}${Math.round(z * 100)}%`;
  zoomAuto.setAttribute('aria-label', auto ? `Zoom ${Math.round(z * 100)} percent, automatic` : `Zoom ${Math.round(z * 100)} percent; press for automatic zoom`);
  zoomAuto.setAttribute('aria-pressed', String(auto));
}

/** Zooms to `z` keeping the drawing's point under (clientX, clientY) in place (Ctrl/⌘ + wheel, trackpad pinch). */
function zoomAt(z: number, clientX: number, clientY: number): void {
  const before = currentZoom();
  const next = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, z));
  if (!layout || next === before) return;
  const r = diagram.getBoundingClientRect();
  const x = diagram.scrollLeft + clientX - r.left;
  const y = diagram.scrollTop + clientY - r.top;
  saveUi({ zoom: next });
  applyZoom();
  diagram.scrollLeft = (x * next) / before - (clientX - r.left);
  diagram.scrollTop = (y * next) / before - (clientY - r.top);
}

diagram.addEventListener(
  'wheel',
  (ev) => {
    if (!(ev.ctrlKey || ev.metaKey) || !layout) return;
    ev.preventDefault();
    zoomAt(currentZoom() * Math.exp(-ev.deltaY / 300), ev.clientX, ev.clientY);
  },
  { passive: false },
);

// A resized panel re-fits the diagram while the zoom is automatic (one update per frame).
let lastWidth = 0;
let resizeFrame = 0;
new ResizeObserver(() => {
  if (diagram.clientWidth === lastWidth) return;
  lastWidth = diagram.clientWidth;
  if (ui.zoom !== undefined || resizeFrame) return;
  resizeFrame = requestAnimationFrame(() => {
    resizeFrame = 0;
    applyZoom();
  });
}).observe(diagram);

/** The CSS font of each kind of diagram text, read from hidden probe elements styled by styles.css. */
function diagramFonts(): Record<TextStyle, string> {
  const ns = 'http://www.w3.org/2000/svg';
  const probe = document.createElementNS(ns, 'svg');
  probe.setAttribute('class', 'diagram');
  probe.setAttribute('aria-hidden', 'true');
  // Through the CSSOM: the CSP refuses style attributes.
  Object.assign(probe.style, { position: 'absolute', width: '0', height: '0', overflow: 'hidden', visibility: 'hidden' });
  const el = document.createElementNS(ns, 'g');
  el.setAttribute('class', 'el');
  const edge = document.createElementNS(ns, 'g');
  edge.setAttribute('class', 'edge');
  const texts: [TextStyle, SVGTextElement][] = [];
  for (const [style, cls, parent] of [['title', 'title', el], ['line', 'line', el], ['reason', 'reason', el], ['label', 'edge-label', edge]] as const) {
    const t = document.createElementNS(ns, 'text');
    t.setAttribute('class', cls);
    parent.append(t);
    texts.push([style, t]);
  }
  probe.append(el, edge);
  document.body.append(probe);
  const fonts = {} as Record<TextStyle, string>;
  for (const [style, t] of texts) {
    const cs = getComputedStyle(t);
    fonts[style] = `${cs.fontStyle} ${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
  }
  probe.remove();
  return fonts;
}

/**
 * Measures diagram text in the fonts styles.css gives it, on a canvas, so boxes fit the theme's editor
 * font whatever it is. Falls back to the monospace estimate without a canvas.
 */
function createMeasure(fonts: Record<TextStyle, string>): Measure {
  const ctx = document.createElement('canvas').getContext('2d');
  if (!ctx) return estimateWidth;
  ctx.font = fonts.line;
  if (!(ctx.measureText('x').width > 0)) return estimateWidth;
  const cache = new Map<string, number>();
  return (text, style) => {
    const k = `${style}\u0000${text}`;
    let w = cache.get(k);
    if (w === undefined) {
      if (cache.size > 50000) cache.clear();
      ctx.font = fonts[style];
      w = ctx.measureText(text).width;
      cache.set(k, w);
    }
    return w;
  };
}

let textMeasure: { key: string; measure: Measure } | undefined;

/** The measure for the current fonts (a theme or font change in VS Code updates the CSS variables). */
function currentMeasure(): Measure {
  const fonts = diagramFonts();
  const key = JSON.stringify(fonts);
  if (textMeasure?.key !== key) textMeasure = { key, measure: createMeasure(fonts) };
  return textMeasure.measure;
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
    const measure = currentMeasure();
    const nextLayout = layout && vm && layout.key === layoutKey(next, measure) ? layout : next.elements.length ? layoutDiagram(next, measure) : undefined;
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
    diagram.innerHTML = renderSvg(vm, layout, { selectedId: ui.selectedId, highlight: hl, traced, zoom: currentZoom(), measure: textMeasure?.measure });
    diagram.scrollLeft = scroll.left;
    diagram.scrollTop = scroll.top;
  } else diagram.replaceChildren();
  applyZoom();
  paintDetails();
  paintTrace();
  paintViews();
}

diagram.addEventListener('click', (ev) => {
  const g = (ev.target as Element).closest('g.el');
  if (g) selectElement(g.getAttribute('data-id') ?? '');
});
diagram.addEventListener('keydown', (ev) => {
  // Zoom keys, as in image viewers: + and − step, 0 goes back to the automatic fit.
  if (!ev.ctrlKey && !ev.metaKey && !ev.altKey && (ev.key === '+' || ev.key === '=' || ev.key === '-' || ev.key === '0')) {
    ev.preventDefault();
    setZoom(ev.key === '0' ? undefined : ev.key === '-' ? currentZoom() / 1.25 : currentZoom() * 1.25);
    return;
  }
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
