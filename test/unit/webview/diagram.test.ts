// The dagre layout and the SVG renderer: every manifest string escaped, nodes laid out left to right,
// pods inside their node, and a layout key that ignores edits which do not change the drawing.
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEvent } from '../../../src/core/sim/index';
import { esc, layoutDiagram, layoutKey, renderSvg } from '../../../webview/diagram';
import type { ViewElement, ViewModel } from '../../../webview/viewModel';
import { fromText, sample } from './helpers';

const XSS = `apiVersion: v1
kind: Pod
metadata:
  name: evil
  labels:
    app: "<img src=x onerror=alert(1)>"
spec:
  containers:
    - name: c
      image: nginx
      ports:
        - name: "p<b>"
          containerPort: 80
---
apiVersion: v1
kind: Service
metadata:
  name: svc
spec:
  selector:
    app: "<img src=x onerror=alert(1)>"
  ports:
    - port: 80
      targetPort: 80
`;

test('esc escapes the five HTML-significant characters', () => {
  assert.equal(esc(`<a href="x" onclick='y'>&</a>`), '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
});

test('a label value with markup renders as text, never as an element', () => {
  const b = fromText(XSS);
  const layout = layoutDiagram(b.vm);
  const svg = renderSvg(b.vm, layout);
  assert.ok(svg.includes('app=&lt;img src=x onerror=alert(1)&gt;'), 'escaped label text is drawn');
  assert.equal(/<img/i.test(svg), false);
  assert.equal(/<b>/.test(svg), false);
  // Only our own elements appear in the markup.
  const tags = new Set([...svg.matchAll(/<([a-zA-Z]+)/g)].map((m) => m[1]));
  assert.deepEqual([...tags].sort(), ['defs', 'g', 'marker', 'path', 'rect', 'svg', 'text', 'title', 'tspan']);
});

test('layout: left to right (clients, Ingress, Service, slice, pods) and pods inside their node box', () => {
  const b = sample('web-app.yaml');
  const l = layoutDiagram(b.vm);
  const x = (id: string) => l.boxes.get(id)!.x;
  const slice = b.vm.elements.find((e) => e.kind === 'slice')!.id;
  assert.ok(x('client:external') < x('ing:default/web'));
  assert.ok(x('ing:default/web') < x('svc:default/web'));
  assert.ok(x('svc:default/web') < x(slice));
  for (const p of b.vm.elements.filter((e) => e.kind === 'pod')) {
    const pb = l.boxes.get(p.id)!;
    const nb = l.boxes.get(p.parent!)!;
    assert.ok(pb.x >= nb.x && pb.y >= nb.y && pb.x + pb.width <= nb.x + nb.width + 0.5 && pb.y + pb.height <= nb.y + nb.height + 0.5, `${p.id} inside ${p.parent}`);
    assert.ok(x(slice) < pb.x);
  }
  for (const e of b.vm.edges) assert.ok(l.edges.get(e.id)?.points.length ?? 0 >= 2, e.id);
  const svg = renderSvg(b.vm, l, { selectedId: 'svc:default/web', highlight: new Set([slice]) });
  assert.match(svg, /<g class="el kind-service health-ok selected" data-id="svc:default\/web"[^>]*tabindex="0" role="button" aria-label="NodePort Service web, cluster IP 10\./);
  assert.match(svg, new RegExp(`class="el kind-slice[^"]*highlight" data-id="${slice.replace(/[/]/g, '\\/')}"`));
  assert.ok(svg.includes('>node:30080 → 80</text>'));
  assert.ok(svg.includes('>80 → http (8080)</text>'));
});

test('the layout key ignores edits that do not change the drawing (stable layout while typing)', () => {
  const a = sample('web-app.yaml');
  // As the webview does on each keystroke: the simulation follows the edit with editManifest.
  const edited = (text: string) => fromText(text, 'web-app.yaml', applyEvent(a.sim, { type: 'editManifest', scope: fromText(text, 'web-app.yaml').scope }));
  const b = edited(a.text.replace('# A small web app', '# A tiny web app').replace('  type: NodePort', '  type: NodePort\n  sessionAffinity: None'));
  assert.equal(layoutKey(a.vm), layoutKey(b.vm));
  const c = edited(a.text.replace('replicas: 3', 'replicas: 3\n  minReadySeconds: 1'));
  assert.equal(layoutKey(a.vm), layoutKey(c.vm));
  // A new replica is a new pod: the layout must change.
  const text4 = a.text.replace('replicas: 3', 'replicas: 4');
  const d = edited(text4);
  assert.equal(d.vm.elements.filter((e) => e.kind === 'pod').length, 4);
  assert.notEqual(layoutKey(a.vm), layoutKey(d.vm));
});

test('dimmed pods and their reasons are drawn and announced', () => {
  const b = sample('broken-selector-typo.yaml');
  const l = layoutDiagram(b.vm);
  const svg = renderSvg(b.vm, l);
  const pods = [...svg.matchAll(/<g class="el kind-pod[^"]*" data-id="([^"]+)"[^>]*aria-label="([^"]*)"/g)];
  assert.equal(pods.length, 2);
  for (const m of pods) {
    assert.match(m[0], /dimmed/);
    assert.match(m[2]!, /label differs for frontend: app: &quot;frontend&quot; ≠ &quot;frontnd&quot;/);
  }
  assert.ok(svg.includes('class="reason"'));
  assert.ok(svg.includes('edge edge-unmatched'));
});

type Rect = { x: number; y: number; width: number; height: number };
const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

test('every sample: no two boxes overlap, pods sit inside their Node box, edges end at their pod, labels clear of boxes', () => {
  for (const name of readdirSync('samples').filter((n) => n.endsWith('.yaml'))) {
    const b = sample(name);
    const l = layoutDiagram(b.vm);
    assert.equal(l.boxes.size, b.vm.elements.length, name);
    const els = b.vm.elements;
    for (const [i, a] of els.entries()) {
      const ab = l.boxes.get(a.id)!;
      assert.ok(ab.x >= 0 && ab.y >= 0 && ab.x + ab.width <= l.width && ab.y + ab.height <= l.height, `${name}: ${a.id} inside the drawing`);
      for (const c of els.slice(i + 1)) {
        if (a.parent === c.id || c.parent === a.id) continue;
        assert.equal(overlaps(ab, l.boxes.get(c.id)!), false, `${name}: ${a.id} overlaps ${c.id}`);
      }
      if (a.parent) {
        const nb = l.boxes.get(a.parent)!;
        assert.ok(ab.x > nb.x && ab.x + ab.width < nb.x + nb.width && ab.y > nb.y + 30 && ab.y + ab.height < nb.y + nb.height, `${name}: ${a.id} inside ${a.parent}, below its title`);
      }
    }
    for (const e of b.vm.edges) {
      const g = l.edges.get(e.id)!;
      assert.ok(g.points.length >= 2, `${name}: ${e.id} has a path`);
      const to = l.boxes.get(e.to)!;
      const end = g.points[g.points.length - 1]!;
      if (e.to.startsWith('pod:')) assert.deepEqual(end, { x: to.x, y: to.y + to.height / 2 }, `${name}: ${e.id} ends at its pod`);
      assert.ok(end.x >= to.x - 1 && end.x <= to.x + to.width + 1 && end.y >= to.y - 1 && end.y <= to.y + to.height + 1, `${name}: ${e.id} ends on ${e.to}`);
      if (!e.label) continue;
      assert.ok(g.label, `${name}: ${e.id} has a label position`);
      for (const el of els) if (el.kind !== 'node') assert.equal(overlaps(g.label, l.boxes.get(el.id)!), false, `${name}: label of ${e.id} over ${el.id}`);
    }
  }
});

test('layout is synchronous and deterministic; a Node with no pods still goes to the right of the Services', () => {
  const b = fromText(XSS);
  assert.deepEqual(layoutDiagram(b.vm), layoutDiagram(b.vm));
  const nodes = b.vm.elements.filter((e) => e.kind === 'node');
  const empty = nodes.find((n) => !b.vm.elements.some((e) => e.parent === n.id));
  assert.ok(empty, 'one of the two nodes runs no pod');
  const l = layoutDiagram(b.vm);
  assert.ok(l.boxes.get(empty.id)!.x > l.boxes.get('svc:default/svc')!.x + l.boxes.get('svc:default/svc')!.width);
});

test('odd view models lay out without throwing: no elements, self edges, dangling edges, a pod whose Node is missing', () => {
  const base = { state: 'ok', notices: [], targets: [], services: [], events: [], ranges: [] } as const;
  const el = (id: string, kind: ViewElement['kind'], parent?: string): ViewElement => ({ id, kind, title: id, lines: [], parent, dimmed: false, reasons: [], problems: [], health: 'ok', label: id });
  const empty = layoutDiagram({ ...base, elements: [], edges: [] });
  assert.equal(empty.boxes.size, 0);
  const vm: ViewModel = {
    ...base,
    elements: [el('svc', 'service'), el('n', 'node'), el('p', 'pod', 'n'), el('orphan', 'pod', 'gone')],
    edges: [
      { id: 'self', from: 'svc', to: 'svc', kind: 'ports', label: 'self' },
      { id: 'dangling', from: 'svc', to: 'gone', kind: 'ports', label: 'x' },
      { id: 'back', from: 'p', to: 'svc', kind: 'request', label: 'from a pod' },
    ],
  };
  const l = layoutDiagram(vm);
  assert.deepEqual([...l.boxes.keys()].sort(), ['n', 'orphan', 'p', 'svc']);
  assert.deepEqual([...l.edges.keys()], ['back']);
  const p = l.boxes.get('p')!;
  assert.deepEqual(l.edges.get('back')!.points[0], { x: p.x + p.width, y: p.y + p.height / 2 }, 'an edge from a pod starts at the pod');
});
