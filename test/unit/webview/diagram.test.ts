// The ELK layout and the SVG renderer: every manifest string escaped, nodes laid out left to right,
// pods inside their node, and a layout key that ignores edits which do not change the drawing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import ELK from 'elkjs/lib/elk.bundled.js';
import { applyEvent } from '../../../src/core/sim/index';
import { esc, layoutDiagram, layoutKey, renderSvg } from '../../../webview/diagram';
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

test('a label value with markup renders as text, never as an element', async () => {
  const b = fromText(XSS);
  const layout = await layoutDiagram(b.vm, new ELK());
  const svg = renderSvg(b.vm, layout);
  assert.ok(svg.includes('app=&lt;img src=x onerror=alert(1)&gt;'), 'escaped label text is drawn');
  assert.equal(/<img/i.test(svg), false);
  assert.equal(/<b>/.test(svg), false);
  // Only our own elements appear in the markup.
  const tags = new Set([...svg.matchAll(/<([a-zA-Z]+)/g)].map((m) => m[1]));
  assert.deepEqual([...tags].sort(), ['defs', 'g', 'marker', 'path', 'rect', 'svg', 'text', 'title', 'tspan']);
});

test('layout: left to right (clients, Ingress, Service, slice, pods) and pods inside their node box', async () => {
  const b = sample('web-app.yaml');
  const l = await layoutDiagram(b.vm, new ELK());
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

test('dimmed pods and their reasons are drawn and announced', async () => {
  const b = sample('broken-selector-typo.yaml');
  const l = await layoutDiagram(b.vm, new ELK());
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
