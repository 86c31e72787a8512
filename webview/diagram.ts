// Lays the view model out with dagre (layered, left to right; pods stacked inside their Node box) and
// renders it to an SVG string. Pure: no DOM, so it runs in Node tests. Every manifest string is escaped.
import dagre, { graphlib } from '@dagrejs/dagre';
import type { EdgeLabel, GraphLabel, NodeLabel } from '@dagrejs/dagre';
import type { ViewEdge, ViewElement, ViewModel } from './viewModel';

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

/** Space at the top of a Node box for its title and detail line, and around the pods inside it. */
const NODE_TOP = TITLE_H + LINE_H + 6;
const NODE_PAD = 10;
const POD_GAP = 10;

/** Left-to-right column of each kind of element (clients first); pods sit in their Node's column. */
const COLUMN: Readonly<Record<ViewElement['kind'], number>> = { client: 0, ingress: 1, service: 2, missing: 2, slice: 3, node: 4, pod: 4 };

type DagreGraph = graphlib.Graph<GraphLabel, NodeLabel, EdgeLabel>;

/**
 * Lays the view model out left to right with dagre and returns absolute coordinates. Each Node box is one
 * dagre node sized to hold its pods, stacked top to bottom under its title; edges to a pod are routed to
 * its Node box by dagre and finished at the pod. Synchronous and deterministic: the same model gives the
 * same layout.
 */
export function layoutDiagram(vm: ViewModel): Layout {
  const byId = new Map(vm.elements.map((e) => [e.id, e]));
  const size = new Map(vm.elements.map((e) => [e.id, elementSize(e)]));
  const children = new Map<string, ViewElement[]>();
  for (const e of vm.elements) {
    if (!e.parent || e.parent === e.id || !byId.has(e.parent) || byId.get(e.parent)?.parent) continue;
    const list = children.get(e.parent) ?? [];
    list.push(e);
    children.set(e.parent, list);
  }
  const holder = (id: string): string => {
    const p = byId.get(id)?.parent;
    return p !== undefined && children.has(p) ? p : id;
  };
  // A Node box holds its own title and its pods stacked under it.
  for (const [id, kids] of children) {
    const own = size.get(id)!;
    const width = Math.max(own.width, ...kids.map((k) => size.get(k.id)!.width + 2 * NODE_PAD));
    const height = NODE_TOP + kids.reduce((h, k) => h + size.get(k.id)!.height, 0) + POD_GAP * (kids.length - 1) + NODE_PAD;
    size.set(id, { width, height });
  }
  // Columns actually present, numbered densely, so a manifest without Ingress has no empty column.
  const used = [...new Set(vm.elements.filter((e) => holder(e.id) === e.id).map((e) => COLUMN[e.kind]))].sort((a, b) => a - b);
  const column = (id: string): number => used.indexOf(COLUMN[byId.get(holder(id))!.kind]);

  const g: DagreGraph = new graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'LR', nodesep: 18, ranksep: 45, edgesep: 12, marginx: 16, marginy: 16 });
  for (const e of vm.elements) if (holder(e.id) === e.id) g.setNode(e.id, { ...size.get(e.id)! });
  const drawn = vm.edges.filter((e) => byId.has(e.from) && byId.has(e.to) && holder(e.from) !== holder(e.to));
  for (const e of drawn) {
    const from = holder(e.from);
    const to = holder(e.to);
    // Keep each kind in its column (clients first, then Ingress, Services, slices, Nodes) as far as the edge direction allows.
    const minlen = Math.max(1, column(to) - column(from));
    g.setEdge(from, to, { minlen, weight: 1, labelpos: 'c', ...(e.label ? labelSize(e.label) : { width: 0, height: 0 }) }, e.id);
  }
  // An element with no edges (an empty Node, an unused client) still goes to its own column: tie it,
  // invisibly and without pull, to an element of an earlier column.
  const linked = new Set(drawn.flatMap((e) => [holder(e.from), holder(e.to)]));
  const hidden: { v: string; w: string; name: string }[] = [];
  for (const id of g.nodes()) {
    const c = column(id);
    if (linked.has(id) || c === 0) continue;
    const anchor = g.nodes().find((n) => column(n) < c && (linked.has(n) || column(n) === 0));
    if (!anchor) continue;
    const name = `\u0000anchor:${id}`;
    g.setEdge(anchor, id, { minlen: c - column(anchor), weight: 0, width: 0, height: 0 }, name);
    hidden.push({ v: anchor, w: id, name });
  }
  dagre.layout(g);

  const boxes = new Map<string, Box>();
  for (const id of g.nodes()) {
    const n = g.node(id);
    const s = size.get(id)!;
    boxes.set(id, { x: (n.x ?? 0) - s.width / 2, y: (n.y ?? 0) - s.height / 2, width: s.width, height: s.height });
  }
  // Pods inside each Node box, ordered by the height at which their edges arrive (so the last segments
  // do not cross), then model order.
  const arrivalY = (e: ViewEdge): number | undefined => {
    const pts = g.edge(holder(e.from), holder(e.to), e.id).points ?? [];
    return pts.length >= 2 ? pts[pts.length - 2]!.y : undefined;
  };
  for (const [id, kids] of children) {
    const box = boxes.get(id)!;
    const rank = new Map(
      kids.map((k, i) => {
        const ys = drawn.filter((e) => e.to === k.id).flatMap((e) => arrivalY(e) ?? []);
        return [k.id, { y: ys.length ? ys.reduce((a, b) => a + b, 0) / ys.length : Infinity, i }];
      }),
    );
    const ordered = [...kids].sort((a, b) => rank.get(a.id)!.y - rank.get(b.id)!.y || rank.get(a.id)!.i - rank.get(b.id)!.i);
    let y = box.y + NODE_TOP;
    for (const k of ordered) {
      const s = size.get(k.id)!;
      boxes.set(k.id, { x: box.x + NODE_PAD, y, width: s.width, height: s.height });
      y += s.height + POD_GAP;
    }
  }

  const edges = new Map<string, EdgeGeometry>();
  for (const e of drawn) {
    const d = g.edge(holder(e.from), holder(e.to), e.id);
    const points = (d.points ?? []).map((p) => ({ x: p.x, y: p.y }));
    // Dagre routes to the Node box; finish the edge at the pod itself (and start there for an edge from a pod).
    const src = boxes.get(e.from)!;
    const dst = boxes.get(e.to)!;
    if (holder(e.to) !== e.to) points.splice(points.length - 1, 1, { x: dst.x, y: dst.y + dst.height / 2 });
    if (holder(e.from) !== e.from) points.splice(0, 1, { x: src.x + src.width, y: src.y + src.height / 2 });
    const ls = e.label ? labelSize(e.label) : undefined;
    const label = ls && d.x !== undefined && d.y !== undefined ? { ...ls, x: d.x - ls.width / 2, y: d.y - ls.height / 2 } : undefined;
    edges.set(e.id, { points, label });
  }
  let width = 0;
  let height = 0;
  const grow = (x: number, y: number) => {
    width = Math.max(width, x);
    height = Math.max(height, y);
  };
  for (const b of boxes.values()) grow(b.x + b.width, b.y + b.height);
  for (const e of edges.values()) {
    for (const p of e.points) grow(p.x, p.y);
    if (e.label) grow(e.label.x + e.label.width, e.label.y + e.label.height);
  }
  return { width: Math.ceil(width + 16), height: Math.ceil(height + 16), boxes, edges, key: layoutKey(vm) };
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
