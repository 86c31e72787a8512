// Lays the view model out with ELK (layered, left to right; pods nested in their Node) and renders
// it to an SVG string. Pure: no DOM, so it runs in Node tests. Every manifest string is escaped.
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import type { ViewElement, ViewModel } from './viewModel';

/** The subset of the ELK API we use (so tests and the page can pass their own instance). */
export interface ElkLike {
  layout(graph: ElkNode): Promise<ElkNode>;
}

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface EdgeGeometry {
  readonly points: readonly { x: number; y: number }[];
  readonly label?: { x: number; y: number; width: number; height: number };
}

export interface Layout {
  readonly width: number;
  readonly height: number;
  readonly boxes: ReadonlyMap<string, Box>;
  readonly edges: ReadonlyMap<string, EdgeGeometry>;
  /** Identifies the graph's structure: equal keys give equal layouts, so callers can reuse one. */
  readonly key: string;
}

const TITLE_H = 22;
const LINE_H = 15;
const PAD = 10;
const CHAR_W = 6.7;
/** Widths snap to this step so typing a character rarely changes the layout. */
const WIDTH_STEP = 30;
const MAX_CHARS = 46;

export function clip(s: string, max = MAX_CHARS): string {
  return s.length > max ? s.slice(0, max - 1) + '…' : s;
}

/** Size of an element's box from its text (monospace-ish estimate; stable across renders). */
export function elementSize(e: ViewElement): { width: number; height: number } {
  const chars = Math.max(clip(e.title).length + 4, ...e.lines.map((l) => clip(l).length));
  const reasons = e.kind === 'pod' ? Math.min(e.reasons.length, 2) : 0;
  return { width: Math.ceil(Math.max(150, Math.min(MAX_CHARS, chars) * CHAR_W + 2 * PAD) / WIDTH_STEP) * WIDTH_STEP, height: TITLE_H + (e.lines.length + reasons) * LINE_H + PAD };
}

function labelSize(text: string): { width: number; height: number } {
  return { width: Math.round(clip(text, 40).length * 6.2 + 8), height: 16 };
}

/** A string that changes whenever the layout would: element ids and sizes, edges and their labels. */
export function layoutKey(vm: ViewModel): string {
  const els = vm.elements.map((e) => `${e.id}|${e.parent ?? ''}|${JSON.stringify(elementSize(e))}`);
  const eds = vm.edges.map((e) => `${e.id}|${clip(e.label, 40).length}`);
  return els.join(';') + '#' + eds.join(';');
}

/** The ELK graph of a view model. */
export function toElkGraph(vm: ViewModel): ElkNode {
  const children: ElkNode[] = [];
  const byParent = new Map<string, ElkNode[]>();
  for (const e of vm.elements) {
    const size = elementSize(e);
    const n: ElkNode = { id: e.id, ...size, layoutOptions: e.kind === 'client' ? { 'elk.layered.layering.layerConstraint': 'FIRST' } : {} };
    if (e.parent) {
      const list = byParent.get(e.parent) ?? [];
      list.push(n);
      byParent.set(e.parent, list);
    } else children.push(n);
  }
  for (const c of children) {
    const kids = byParent.get(c.id);
    if (kids) {
      c.children = kids;
      delete c.width;
      delete c.height;
      c.layoutOptions = { 'elk.padding': `[top=${TITLE_H + LINE_H + 6},left=10,bottom=10,right=10]`, 'elk.algorithm': 'layered', 'elk.direction': 'DOWN', 'elk.spacing.nodeNode': '10' };
    }
  }
  const ids = new Set(vm.elements.map((e) => e.id));
  const edges: ElkExtendedEdge[] = vm.edges
    .filter((e) => ids.has(e.from) && ids.has(e.to))
    .map((e) => ({ id: e.id, sources: [e.from], targets: [e.to], labels: e.label ? [{ text: clip(e.label, 40), ...labelSize(e.label) }] : [] }));
  return {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
      'elk.layered.spacing.nodeNodeBetweenLayers': '45',
      'elk.layered.spacing.edgeNodeBetweenLayers': '12',
      'elk.spacing.nodeNode': '18',
      'elk.spacing.edgeLabel': '4',
      'elk.edgeLabels.placement': 'CENTER',
      'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      'elk.padding': '[top=16,left=16,bottom=16,right=16]',
    },
    children,
    edges,
  };
}

/** Runs ELK and flattens the result to absolute coordinates. */
export async function layoutDiagram(vm: ViewModel, elk: ElkLike): Promise<Layout> {
  const out = await elk.layout(toElkGraph(vm));
  const boxes = new Map<string, Box>();
  const abs = new Map<string, { x: number; y: number }>([['root', { x: 0, y: 0 }]]);
  const walk = (n: ElkNode, ox: number, oy: number) => {
    for (const c of n.children ?? []) {
      const x = ox + (c.x ?? 0);
      const y = oy + (c.y ?? 0);
      boxes.set(c.id, { x, y, width: c.width ?? 0, height: c.height ?? 0 });
      abs.set(c.id, { x, y });
      walk(c, x, y);
    }
  };
  walk(out, 0, 0);
  const edges = new Map<string, EdgeGeometry>();
  const collect = (n: ElkNode) => {
    for (const e of (n.edges ?? []) as (ElkExtendedEdge & { container?: string })[]) {
      const o = abs.get(e.container ?? n.id) ?? { x: 0, y: 0 };
      const s = e.sections?.[0];
      if (!s) continue;
      const points = [s.startPoint, ...(s.bendPoints ?? []), s.endPoint].map((p) => ({ x: p.x + o.x, y: p.y + o.y }));
      const l = e.labels?.[0];
      edges.set(e.id, { points, label: l && l.x !== undefined ? { x: (l.x ?? 0) + o.x, y: (l.y ?? 0) + o.y, width: l.width ?? 0, height: l.height ?? 0 } : undefined });
    }
    for (const c of n.children ?? []) collect(c);
  };
  collect(out);
  return { width: Math.ceil(out.width ?? 0), height: Math.ceil(out.height ?? 0), boxes, edges, key: layoutKey(vm) };
}

/** Escapes text for SVG/HTML content and attribute values. */
export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

export interface RenderOptions {
  /** Scale factor of the drawing (1 = 100 %). */
  readonly zoom?: number;
  readonly selectedId?: string;
  /** Elements to emphasise (cursor in the editor, current trace hop). */
  readonly highlight?: ReadonlySet<string>;
  /** Elements on the path of the current trace. */
  readonly traced?: ReadonlySet<string>;
}

const ICON: Readonly<Record<string, string>> = { client: '◉', ingress: '⇶', service: '◆', slice: '☰', node: '▣', pod: '●', missing: '?' };
const KIND_NAME: Readonly<Record<string, string>> = { client: 'Client', ingress: 'Ingress', service: 'Service', slice: 'EndpointSlice', node: 'Node', pod: 'Pod', missing: 'Missing Service' };

/** Renders the laid-out diagram as an SVG string. */
export function renderSvg(vm: ViewModel, layout: Layout, opts: RenderOptions = {}): string {
  const parts: string[] = [];
  const z = opts.zoom ?? 1;
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" class="diagram" role="group" aria-label="Cluster diagram" width="${Math.round(layout.width * z)}" height="${Math.round(layout.height * z)}" viewBox="0 0 ${layout.width} ${layout.height}">`);
  parts.push('<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="arrowhead"/></marker></defs>');
  // Containers (nodes) first, so pods and edges draw on top.
  const ordered = [...vm.elements].sort((a, b) => (a.kind === 'node' ? 0 : 1) - (b.kind === 'node' ? 0 : 1));
  const edgeParts: string[] = [];
  for (const e of vm.edges) {
    const g = layout.edges.get(e.id);
    if (!g) continue;
    const d = g.points.map((p, i) => `${i ? 'L' : 'M'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
    const traced = opts.traced?.has(e.from) && opts.traced?.has(e.to);
    edgeParts.push(`<g class="edge edge-${e.kind}${traced ? ' traced' : ''}" data-edge="${esc(e.id)}" data-from="${esc(e.from)}" data-to="${esc(e.to)}"><title>${esc(e.label)}</title><path d="${d}" marker-end="url(#arrow)"/>`);
    if (g.label && e.label) edgeParts.push(`<rect class="edge-label-bg" x="${g.label.x.toFixed(1)}" y="${g.label.y.toFixed(1)}" width="${g.label.width}" height="${g.label.height}" rx="3"/><text class="edge-label" x="${(g.label.x + 4).toFixed(1)}" y="${(g.label.y + 12).toFixed(1)}">${esc(clip(e.label, 40))}</text>`);
    edgeParts.push('</g>');
  }
  for (const e of ordered) {
    const b = layout.boxes.get(e.id);
    if (!b) continue;
    const cls = ['el', `kind-${e.kind}`, `health-${e.health}`];
    if (e.dimmed) cls.push('dimmed');
    if (opts.selectedId === e.id) cls.push('selected');
    if (opts.highlight?.has(e.id)) cls.push('highlight');
    if (opts.traced?.has(e.id)) cls.push('traced');
    const problems = e.problems.length ? `, ${e.problems.length} problem${e.problems.length > 1 ? 's' : ''}: ${e.problems.map((p) => p.message).join(' ')}` : '';
    const reasons = e.reasons.length ? `. ${e.reasons.join('; ')}` : '';
    const aria = `${e.label}${reasons}${problems}`;
    const tip = [`${KIND_NAME[e.kind]} ${e.title}`, ...e.lines, ...e.reasons.map((r) => `• ${r}`), ...e.problems.map((p) => `${p.severity}: ${p.message}`)].join('\n');
    parts.push(`<g class="${cls.join(' ')}" data-id="${esc(e.id)}" transform="translate(${b.x.toFixed(1)},${b.y.toFixed(1)})" tabindex="0" role="button" aria-label="${esc(aria)}"${opts.selectedId === e.id ? ' aria-pressed="true"' : ''}>`);
    parts.push(`<title>${esc(tip)}</title>`);
    parts.push(`<rect class="box" width="${b.width}" height="${b.height}" rx="${e.kind === 'pod' ? 10 : 4}"/>`);
    parts.push(`<text class="title" x="${PAD}" y="16"><tspan class="icon" aria-hidden="true">${ICON[e.kind]}</tspan> ${esc(clip(e.title, MAX_CHARS - 4))}</text>`);
    let y = TITLE_H + 11;
    for (const l of e.lines) {
      parts.push(`<text class="line" x="${PAD}" y="${y}">${esc(clip(l))}</text>`);
      y += LINE_H;
    }
    if (e.kind === 'pod') {
      for (const r of e.reasons.slice(0, 2)) {
        parts.push(`<text class="reason" x="${PAD}" y="${y}">${esc(clip(r))}</text>`);
        y += LINE_H;
      }
    }
    if (e.problems.length) {
      const sev = e.health === 'error' ? '⨯' : e.health === 'warning' ? '⚠' : 'ℹ';
      parts.push(`<g class="badge badge-${e.health}" transform="translate(${b.width - 24},4)"><rect width="20" height="16" rx="8"/><text x="10" y="12" text-anchor="middle">${sev}${e.problems.length > 1 ? e.problems.length : ''}</text></g>`);
    }
    parts.push('</g>');
  }
  // Edges above containers but below nothing else: insert after node groups.
  const firstNonNode = parts.findIndex((p, i) => i > 1 && p.startsWith('<g class="el') && !p.includes('kind-node'));
  parts.splice(firstNonNode < 0 ? parts.length : firstNonNode, 0, ...edgeParts);
  parts.push('</svg>');
  return parts.join('');
}
