// Lays the view model out with dagre (layered, left to right; pods stacked inside their Node box) and
// renders it to an SVG string. Pure: no DOM, so it runs in Node tests. Every manifest string is escaped.
import dagre, { graphlib } from '@dagrejs/dagre';
import type { EdgeLabel, GraphLabel, NodeLabel } from '@dagrejs/dagre';
import { headOf, tailOf } from '../src/core/index';
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
/** Box widths, in px at 100 %: boxes grow with their text up to BOX_MAX_W; longer text is cut with an ellipsis. */
export const BOX_MIN_W = 150;
export const BOX_MAX_W = 270;
/** Widest edge label (background included); longer labels are cut with an ellipsis. */
export const LABEL_MAX_W = 230;
const LABEL_PAD = 4;
/** Room at the right of a title for the problem badge. */
const BADGE_W = 26;
/** Widths snap to this step so typing a character rarely changes the layout. */
const WIDTH_STEP = 30;
/** Most lines of reasons drawn in a pod box (each reason takes up to two); the rest is in the tooltip and the details. */
export const MAX_REASON_LINES = 3;

/** The kinds of diagram text, each with its own font (styles.css: `svg .el .title`, `.line`, `.reason`, `.edge-label`). */
export type TextStyle = 'title' | 'line' | 'reason' | 'label';
/** Width in px (at 100 %) of a text drawn in a style. */
export type Measure = (text: string, style: TextStyle) => number;
/** Font sizes set in styles.css, for the estimate used where nothing can measure (Node tests). */
export const FONT_PX: Readonly<Record<TextStyle, number>> = { title: 12, line: 11, reason: 11, label: 10.5 };

/** Characters drawn twice as wide as a Latin letter in a monospace font (CJK, Hangul, full-width forms, emoji). */
function isWide(cp: number): boolean {
  return (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) || (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x1f300 && cp <= 0x1faff) || (cp >= 0x20000 && cp <= 0x3fffd);
}

/** Characters that take no room (combining marks, zero-width spaces and joiners, variation selectors). */
function isZeroWidth(cp: number): boolean {
  return (cp >= 0x0300 && cp <= 0x036f) || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0xfe00 && cp <= 0xfe0f);
}

/**
 * Width of a text in the diagram's monospace font without a DOM: 0.6 em a character (the advance of
 * DejaVu Sans Mono, Menlo, Consolas and most coding fonts), 1 em for wide characters. The webview
 * measures with the real font instead (main.ts).
 */
export function estimateWidth(text: string, style: TextStyle): number {
  let em = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    em += isZeroWidth(cp) ? 0 : isWide(cp) ? 1 : 0.6;
  }
  return em * FONT_PX[style];
}

/** No box or label shows more than this many UTF-16 units of one text: longer input is looked at only at its ends. */
const LOOK_AT = 4000;

/** A tooltip or accessible-name text, shortened when it is absurdly long (a 1 MB name must not make a 30 MB SVG). */
export function labelText(text: string): string {
  if (text.length <= LOOK_AT) return text;
  const head = headOf(text, LOOK_AT);
  return `${head}… (${(text.length - head.length).toLocaleString('en-US')} more characters)`;
}

/**
 * The text cut to fit `max` px, with an ellipsis where characters were left out: at the end, or in
 * the middle (for names, whose end tells them apart: the hash of a pod, the version of a Service).
 * Never splits a surrogate pair. Returns '' when not even the ellipsis fits.
 */
export function fitText(text: string, max: number, measure: Measure, style: TextStyle, cut: 'end' | 'middle' = 'end'): string {
  // A box is at most a few hundred pixels wide: for a huge text only its ends can matter.
  const long = text.length > 2 * LOOK_AT;
  if (!long && measure(text, style) <= max) return text;
  const chars = long ? [...Array.from(headOf(text, LOOK_AT)), ...(cut === 'middle' ? Array.from(tailOf(text, LOOK_AT)) : [])] : Array.from(text);
  const build = (n: number): string => {
    if (cut === 'end') return chars.slice(0, n).join('').trimEnd() + '…';
    const tail = Math.floor(n / 2);
    return chars.slice(0, n - tail).join('') + '…' + (tail ? chars.slice(chars.length - tail).join('') : '');
  };
  // The widest cut that fits: widths grow with the number of characters kept, so search it.
  let lo = 0;
  let hi = chars.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (measure(build(mid), style) <= max) lo = mid;
    else hi = mid - 1;
  }
  const out = build(lo);
  return measure(out, style) <= max ? out : '';
}

/**
 * Word-wraps a text into at most `maxLines` lines of `max` px; a word wider than a line is broken, and
 * the last line ends with an ellipsis when text is left over.
 */
export function wrapText(text: string, max: number, measure: Measure, style: TextStyle, maxLines: number): string[] {
  const lines: string[] = [];
  // A few lines of a box hold far fewer characters than this; the cut text still ends with an ellipsis.
  const long = text.length > LOOK_AT;
  let rest = (long ? headOf(text, LOOK_AT) + ' …' : text).trim();
  while (rest && lines.length < maxLines) {
    if (measure(rest, style) <= max) {
      lines.push(rest);
      break;
    }
    if (lines.length === maxLines - 1) {
      lines.push(fitText(rest, max, measure, style));
      break;
    }
    const chars = Array.from(rest);
    // Most characters that fit (at least one, so the loop always advances).
    let lo = 1;
    let hi = chars.length;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (measure(chars.slice(0, mid).join(''), style) <= max) lo = mid;
      else hi = mid - 1;
    }
    const space = chars.slice(0, lo + 1).lastIndexOf(' ');
    const at = space > 0 ? space : lo;
    lines.push(chars.slice(0, at).join('').trimEnd());
    rest = chars.slice(at).join('').trimStart();
  }
  return lines;
}

/**
 * Results per measure, keyed by the text they depend on: the layout key is computed on every keystroke,
 * and most boxes and labels do not change between two.
 */
const memo = new WeakMap<Measure, Map<string, unknown>>();
function memoized<T>(measure: Measure, key: string, compute: () => T): T {
  let m = memo.get(measure);
  if (!m) memo.set(measure, (m = new Map()));
  if (m.has(key)) return m.get(key) as T;
  if (m.size > 20000) m.clear();
  const v = compute();
  m.set(key, v);
  return v;
}

/** The text of an element's box, cut to fit its width. */
export interface BoxText {
  readonly title: string;
  readonly lines: readonly string[];
  /** Pods: their reasons, wrapped (at most MAX_REASON_LINES lines). */
  readonly reasons: readonly string[];
}

const ICON: Readonly<Record<string, string>> = { client: '◉', ingress: '⇶', service: '◆', slice: '☰', node: '▣', pod: '●', missing: '?' };
const iconWidth = (e: ViewElement, measure: Measure): number => measure(`${ICON[e.kind] ?? ''} `, 'title');
const badgeRoom = (e: ViewElement): number => (e.problems.length ? BADGE_W : 0);

/** Wraps a pod's reasons into its box: each reason up to two lines, MAX_REASON_LINES in all. */
function reasonLines(e: ViewElement, width: number, measure: Measure): string[] {
  if (e.kind !== 'pod') return [];
  const out: string[] = [];
  for (const r of e.reasons) {
    const room = MAX_REASON_LINES - out.length;
    if (room <= 0) break;
    out.push(...wrapText(r, width - 2 * PAD, measure, 'reason', Math.min(2, room)));
  }
  return out;
}

/** The text drawn in a box of `width` px: names cut in the middle, detail lines and reasons at the end. */
export function boxText(e: ViewElement, width: number, measure: Measure = estimateWidth): BoxText {
  const inner = width - 2 * PAD;
  return memoized(measure, JSON.stringify(['text', width, e.kind, e.title, e.lines, e.kind === 'pod' ? e.reasons : 0, e.problems.length > 0]), () => ({
    title: fitText(e.title, inner - iconWidth(e, measure) - badgeRoom(e), measure, 'title', 'middle'),
    lines: e.lines.map((l) => fitText(l, inner, measure, 'line')),
    reasons: reasonLines(e, width, measure),
  }));
}

/** Size of an element's box: wide enough for its text (between BOX_MIN_W and BOX_MAX_W), tall enough for its lines. */
export function elementSize(e: ViewElement, measure: Measure = estimateWidth): { width: number; height: number } {
  const key = JSON.stringify([e.kind, e.title, e.lines, e.kind === 'pod' ? e.reasons : 0, e.problems.length > 0]);
  return memoized(measure, key, () => sizeOf(e, measure));
}

function sizeOf(e: ViewElement, measure: Measure): { width: number; height: number } {
  const natural = Math.max(
    iconWidth(e, measure) + measure(e.title, 'title') + badgeRoom(e),
    ...e.lines.map((l) => measure(l, 'line')),
    ...(e.kind === 'pod' ? e.reasons.map((r) => measure(r, 'reason')) : []),
  );
  const width = Math.min(BOX_MAX_W, Math.max(BOX_MIN_W, Math.ceil((natural + 2 * PAD) / WIDTH_STEP) * WIDTH_STEP));
  return { width, height: TITLE_H + (e.lines.length + reasonLines(e, width, measure).length) * LINE_H + PAD };
}

/** An edge label as drawn: cut to LABEL_MAX_W, and the size of its background. */
export function edgeLabel(text: string, measure: Measure = estimateWidth): { text: string; width: number; height: number } {
  return memoized(measure, `label\u0000${text}`, () => {
    const shown = fitText(text, LABEL_MAX_W - 2 * LABEL_PAD, measure, 'label');
    return { text: shown, width: Math.ceil(measure(shown, 'label') + 2 * LABEL_PAD), height: 16 };
  });
}

/** A string that changes whenever the layout would: element ids and sizes, edges and their labels. */
export function layoutKey(vm: ViewModel, measure: Measure = estimateWidth): string {
  const els = vm.elements.map((e) => `${e.id}|${e.parent ?? ''}|${JSON.stringify(elementSize(e, measure))}`);
  const eds = vm.edges.map((e) => `${e.id}|${e.label ? edgeLabel(e.label, measure).width : 0}`);
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
export function layoutDiagram(vm: ViewModel, measure: Measure = estimateWidth): Layout {
  const byId = new Map(vm.elements.map((e) => [e.id, e]));
  const size = new Map(vm.elements.map((e) => [e.id, elementSize(e, measure)]));
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
    const ls = e.label ? edgeLabel(e.label, measure) : { width: 0, height: 0 };
    g.setEdge(from, to, { minlen, weight: 1, labelpos: 'c', width: ls.width, height: ls.height }, e.id);
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
    const ls = e.label ? edgeLabel(e.label, measure) : undefined;
    const label = ls && d.x !== undefined && d.y !== undefined ? { width: ls.width, height: ls.height, x: d.x - ls.width / 2, y: d.y - ls.height / 2 } : undefined;
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
  return { width: Math.ceil(width + 16), height: Math.ceil(height + 16), boxes, edges, key: layoutKey(vm, measure) };
}

/**
 * Lowest zoom the automatic fit uses: the smallest diagram text (11 px lines, 10.5 px edge labels at
 * 100 %) is then 6.6 and 6.3 CSS px, about the smallest size still read without effort on a 1x display
 * (checked on the screenshots of test/web). A wider diagram scrolls; the Fit button goes lower on request.
 */
export const MIN_AUTO_ZOOM = 0.6;
/** Zoom range of the manual controls (the same bounds sanitizeUiState accepts). */
export const MIN_ZOOM = 0.25;
export const MAX_ZOOM = 4;

/**
 * The automatic zoom: the diagram at 100 % when it fits `available` px, else shrunk to fit the width,
 * never below MIN_AUTO_ZOOM. Rounded down to whole percents so that the result really fits.
 */
export function autoZoom(diagramWidth: number, available: number): number {
  if (!(diagramWidth > 0) || !(available > 0) || diagramWidth <= available) return 1;
  return Math.max(MIN_AUTO_ZOOM, Math.floor((available / diagramWidth) * 100) / 100);
}

/** The zoom that shows the whole width (the Fit button): may go below MIN_AUTO_ZOOM, down to MIN_ZOOM. */
export function fitZoom(diagramWidth: number, available: number): number {
  if (!(diagramWidth > 0) || !(available > 0)) return 1;
  return Math.min(1, Math.max(MIN_ZOOM, Math.floor((available / diagramWidth) * 100) / 100));
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
  /** How text is measured; must be the one the layout was made with. */
  readonly measure?: Measure;
}

const KIND_NAME: Readonly<Record<string, string>> = { client: 'Client', ingress: 'Ingress', service: 'Service', slice: 'EndpointSlice', node: 'Node', pod: 'Pod', missing: 'Missing Service' };

/** Renders the laid-out diagram as an SVG string. */
export function renderSvg(vm: ViewModel, layout: Layout, opts: RenderOptions = {}): string {
  const parts: string[] = [];
  const z = opts.zoom ?? 1;
  const measure = opts.measure ?? estimateWidth;
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
    edgeParts.push(`<g class="edge edge-${e.kind}${traced ? ' traced' : ''}" data-edge="${esc(e.id)}" data-from="${esc(e.from)}" data-to="${esc(e.to)}"><title>${esc(labelText(e.label))}</title><path d="${d}" marker-end="url(#arrow)"/>`);
    // The group's <title> holds the whole label (tooltip, screen readers); the drawn text may be cut.
    if (g.label && e.label) edgeParts.push(`<rect class="edge-label-bg" x="${g.label.x.toFixed(1)}" y="${g.label.y.toFixed(1)}" width="${g.label.width}" height="${g.label.height}" rx="3"/><text class="edge-label" x="${(g.label.x + LABEL_PAD).toFixed(1)}" y="${(g.label.y + 12).toFixed(1)}" aria-hidden="true">${esc(edgeLabel(e.label, measure).text)}</text>`);
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
    parts.push(`<g class="${cls.join(' ')}" data-id="${esc(e.id)}" transform="translate(${b.x.toFixed(1)},${b.y.toFixed(1)})" tabindex="0" role="button" aria-label="${esc(labelText(aria))}"${opts.selectedId === e.id ? ' aria-pressed="true"' : ''}>`);
    parts.push(`<title>${esc(labelText(tip))}</title>`);
    parts.push(`<rect class="box" width="${b.width}" height="${b.height}" rx="${e.kind === 'pod' ? 10 : 4}"/>`);
    // The text is cut to the box; the <title> tooltip, the aria-label and the details pane have all of it.
    const text = boxText(e, b.width, measure);
    parts.push(`<text class="title" x="${PAD}" y="16"><tspan class="icon" aria-hidden="true">${ICON[e.kind]}</tspan> ${esc(text.title)}</text>`);
    let y = TITLE_H + 11;
    for (const [cls, list] of [['line', text.lines], ['reason', text.reasons]] as const) {
      for (const l of list) {
        parts.push(`<text class="${cls}" x="${PAD}" y="${y}">${esc(l)}</text>`);
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
