import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { hoverAt, parseFile, Scope } from '../../src/core/index';
import type { Hover, Settings } from '../../src/core/index';

const FIXTURES = join(process.cwd(), 'test', 'fixtures', 'hover');
const CARET = '‸';

/** Removes the one caret marker from a text: the text to parse and the caret's offset. */
function caret(textWithCaret: string): { text: string; offset: number } {
  const offset = textWithCaret.indexOf(CARET);
  assert.ok(offset >= 0 && textWithCaret.indexOf(CARET, offset + 1) < 0, 'exactly one caret expected');
  return { text: textWithCaret.slice(0, offset) + textWithCaret.slice(offset + CARET.length), offset };
}

/** Hover at the caret of `textWithCaret`, checked together with the other files. */
function hover(textWithCaret: string, others: { path: string; text: string }[] = [], settings?: Partial<Settings>): { h: Hover | undefined; text: string } {
  const { text, offset } = caret(textWithCaret);
  const scope = new Scope([parseFile('main.yaml', text), ...others.map((o) => parseFile(o.path, o.text))]);
  return { h: hoverAt(scope, 'main.yaml', offset, settings), text };
}

const shop = readFileSync(join(FIXTURES, 'shop.yaml'), 'utf8');

/**
 * Hover in the shop fixture, with the caret placed by an anchor such as `targetPort: ht‸tp`
 * (the anchor without the caret must occur exactly once; `after` narrows the search).
 */
function shopHover(anchor: string, after = ''): { h: Hover; text: string } {
  const plain = anchor.replace(CARET, '');
  const from = after ? shop.indexOf(after) : 0;
  assert.ok(from >= 0, `anchor start ${after} not found`);
  const at = shop.indexOf(plain, from);
  assert.ok(at >= 0, `anchor ${plain} not found`);
  if (!after) assert.equal(shop.indexOf(plain, at + 1), -1, `anchor ${plain} is not unique`);
  const withCaret = shop.slice(0, at) + anchor + shop.slice(at + plain.length);
  const { h, text } = hover(withCaret);
  assert.ok(h, `no hover at ${anchor}`);
  return { h, text };
}

function covered(text: string, h: Hover): string {
  return text.slice(h.range.start, h.range.end);
}

test('hovering a key and its value both explain the field, with the exact range', () => {
  const key = shopHover('target‸Port: http');
  assert.equal(covered(key.text, key.h), 'targetPort');
  const value = shopHover('targetPort: ht‸tp');
  assert.equal(covered(value.text, value.h), 'http');
  for (const { h } of [key, value]) {
    assert.match(h.markdown, /^\*\*Service\*\* `spec\.ports\[0\]\.targetPort`/);
    assert.match(h.markdown, /The port on the pod where traffic arrives/);
    assert.match(h.markdown, /\*\*Rule:\*\* A number from 1 to 65535, or a port name/);
    assert.match(h.markdown, /\[Kubernetes documentation\]\(https:\/\/kubernetes\.io\/docs\/concepts\/services-networking\/service\/#port-definitions\)/);
  }
});

test('a named targetPort shows where it lands per workload, and which workload lacks it', () => {
  const { h } = shopHover('targetPort: ht‸tp');
  assert.match(h.markdown, /- Deployment `web-a`: lands on container `app`, port 8080 \(`http`\)\./);
  assert.match(h.markdown, /- Deployment `web-b`: lands on container `server`, port 9090 \(`http`\)\./);
  assert.match(h.markdown, /- Deployment `web-c`: no selected container declares a `TCP` port named `http`, so these pods get \*\*no traffic\*\*/);
  // Different numbers per workload: the chain names the port instead of one number.
  assert.match(h.markdown, /`<node-ip>:30080 → 10\.96\.0\.50:80 → pod:<http>`/);
});

test('nodePort shows the full address chain from a node to the pod', () => {
  const { h, text } = hover(shop.replace('targetPort: http', 'targetPort: 8080').replace('nodePort: 30080', 'nodePort: 30‸080'));
  assert.ok(h);
  assert.equal(covered(text, h), '30080');
  assert.match(h.markdown, /^\*\*Service\*\* `spec\.ports\[0\]\.nodePort`/);
  assert.match(h.markdown, /From outside: `<node-ip>:30080 → 10\.96\.0\.50:80 → pod:8080`/);
  assert.match(h.markdown, /Inside the cluster: `web\.shop\.svc\.cluster\.local:80 → 10\.96\.0\.50:80 → pod:8080`/);
});

test('a LoadBalancer chain goes through the load balancer and a node port', () => {
  const { h } = hover(
    'apiVersion: v1\nkind: Service\nmetadata: {name: lb}\nspec:\n  type: Load‸Balancer\n  selector: {app: x}\n  ports:\n    - port: 443\n      targetPort: 8443\n',
  );
  assert.ok(h);
  assert.match(h.markdown, /^\*\*Service\*\* `spec\.type`: `LoadBalancer`/);
  assert.match(h.markdown, /`<load-balancer-ip>:443 → <node-ip>:<nodePort 30000-32767> → <cluster-ip>:443 → pod:8443`/);
});

test('the Service name shows its DNS name, with the configured cluster domain', () => {
  const { h } = hover('apiVersion: v1\nkind: Service\nmetadata:\n  name: ca‸rt\n  namespace: shop\nspec:\n  ports: [{name: http, port: 80}]\n', [], { clusterDomain: 'corp.internal' });
  assert.ok(h);
  assert.match(h.markdown, /^\*\*Service\*\* `metadata\.name`/);
  assert.match(h.markdown, /DNS: `cart\.shop\.svc\.corp\.internal` resolves to the cluster IP\. From namespace `shop`, `cart` alone works\./);
  assert.match(h.markdown, /SRV for named port `http`: `_http\._tcp\.cart\.shop\.svc\.corp\.internal`/);
});

test('the selector lists matched workloads and why the others are not selected', () => {
  const { h, text } = shopHover('sel‸ector:\n    app: web');
  assert.equal(covered(text, h), 'selector');
  assert.match(h.markdown, /Selects the pods of Deployment `web-a` \(3 pods\)\./);
  assert.match(h.markdown, /Selects the pods of Deployment `web-b` \(2 pods\)\./);
  assert.match(h.markdown, /Selects the pods of Deployment `web-c` \(1 pod\)\./);
  assert.match(h.markdown, /Not Deployment `api`: its pod template has `app: api`, the selector wants `app: web`\./);
  assert.match(h.markdown, /Not Deployment `web-elsewhere` in namespace `staging`: the labels match, but a Service only selects pods in its own namespace \(`shop`\)\./);
  assert.doesNotMatch(h.markdown, /Selects the pods of Deployment `api`/);
});

test('a selector key hovers with the selector entry and the same live facts', () => {
  const { h, text } = shopHover('  selector:\n    a‸pp: web');
  assert.equal(covered(text, h), 'app');
  assert.match(h.markdown, /^\*\*Service\*\* `spec\.selector\.app`/);
  assert.match(h.markdown, /The selector picks the pods/);
  assert.match(h.markdown, /has no label|Selects the pods of Deployment `web-a`/);
});

test('a missing label key is named as the reason', () => {
  const { h } = hover(
    'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  selector: {app: web, tier: front‸end}\n  ports: [{port: 80}]\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: {app: web}}\nspec: {containers: [{name: c, image: i}]}\n',
  );
  assert.ok(h);
  assert.match(h.markdown, /Not Pod `p`: its pod template has no label `tier`\./);
  assert.match(h.markdown, /Selects \*\*no\*\* pod template/);
});

test('Ingress backends name the Service and port they reach, and flag missing ones', () => {
  const ok = shopHover('name: w‸eb\n                port:\n                  number: 80', 'path: /\n');
  assert.match(ok.h.markdown, /^\*\*Ingress\*\* `spec\.rules\[0\]\.http\.paths\[0\]\.backend\.service\.name`/);
  assert.match(ok.h.markdown, /Requests for `shop\.example\.com\/` \(`Prefix`\):/);
  assert.match(ok.h.markdown, /Goes to Service `web` port 80\/`TCP` \(`http`\) \(in this scope\)\./);
  assert.match(ok.h.markdown, /Deployment `web-a`: lands on container `app`, port 8080/);

  const missing = shopHover('name: w‸be');
  assert.match(missing.h.markdown, /No Service `wbe` in namespace `shop` among the files checked together\..*Did you mean `web`\?/);

  const wrongPort = shopHover('number: 80‸80');
  assert.match(wrongPort.h.markdown, /^\*\*Ingress\*\* `spec\.rules\[0\]\.http\.paths\[2\]\.backend\.service\.port\.number`/);
  assert.match(wrongPort.h.markdown, /Service `web` has no port 8080 \(its ports: 80 \(`http`\)\)/);
});

test('pathType values and clusterIP None have their own entries', () => {
  const prefix = shopHover('pathType: Pre‸fix', 'path: /api');
  assert.match(prefix.h.markdown, /^\*\*Ingress\*\* `spec\.rules\[0\]\.http\.paths\[2\]\.pathType`: `Prefix`/);
  assert.match(prefix.h.markdown, /matches whole path segments: `\/foo` matches `\/foo`, `\/foo\/` and `\/foo\/bar`, but not `\/foobar`/);
  const exact = shopHover('pathType: Ex‸act');
  assert.match(exact.h.markdown, /`Exact` matches the URL path exactly/);
  const pathTypeKey = shopHover('path‸Type: Exact');
  assert.match(pathTypeKey.h.markdown, /Required, no default: `pathType must be specified`/);
  const headless = shopHover('clusterIP: No‸ne');
  assert.match(headless.h.markdown, /^\*\*Service\*\* `spec\.clusterIP`: `None`/);
  assert.match(headless.h.markdown, /makes a \*\*headless\*\* Service/);
  assert.match(headless.h.markdown, /DNS: `db\.shop\.svc\.cluster\.local` returns the IPs of the ready pods/);
});

test('pod template labels show which Services select the pods', () => {
  const { h } = shopHover('        app: a‸pi');
  assert.match(h.markdown, /^\*\*Deployment\*\* `spec\.template\.metadata\.labels\.app`/);
  assert.match(h.markdown, /No Service among the files checked together selects these pods\./);
  const { h: labels } = shopHover('lab‸els:\n        app: web\n        track: stable');
  assert.match(labels.markdown, /^\*\*Deployment\*\* `spec\.template\.metadata\.labels`/);
  assert.match(labels.markdown, /- Selected by Service `web`\./);
});

test('a container port shows which Service ports target it', () => {
  const { h, text } = shopHover('containerPort: 90‸90');
  assert.equal(covered(text, h), '9090');
  assert.match(h.markdown, /^\*\*Deployment\*\* `spec\.template\.spec\.containers\[0\]\.ports\[0\]\.containerPort`/);
  assert.match(h.markdown, /- Service `web` port 80\/`TCP` \(`http`\) sends traffic here\./);
  const unused = shopHover('containerPort: 80‸00');
  assert.match(unused.h.markdown, /No Service among the files checked together targets this port\./);
});

test('probe ports resolve named ports, and readiness lists the Services affected', () => {
  const { h } = shopHover('port: ht‸tp\n---');
  assert.match(h.markdown, /^\*\*Deployment\*\* `spec\.template\.spec\.containers\[0\]\.readinessProbe\.httpGet\.port`/);
  assert.match(h.markdown, /`http` is port 8080 of container `app`\./);
  const probe = shopHover('readiness‸Probe');
  assert.match(probe.h.markdown, /While it fails, these pods are removed from: `web`\./);
});

test('StatefulSet serviceName and workload selectors have live checks', () => {
  const sts = shopHover('serviceName: d‸b');
  assert.match(sts.h.markdown, /^\*\*StatefulSet\*\* `spec\.serviceName`/);
  assert.match(sts.h.markdown, /Pod DNS names: `db-0\.db\.shop\.svc\.cluster\.local`/);
  const ml = shopHover('match‸Labels:\n      app: api');
  assert.match(ml.h.markdown, /^\*\*Deployment\*\* `spec\.selector\.matchLabels`/);
  assert.match(ml.h.markdown, /`matchLabels` matches the pod template labels\./);
  const { h } = hover('apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  selector:\n    matchLabels: {app: w‸eb}\n  template:\n    metadata: {labels: {app: api}}\n    spec: {containers: [{name: c, image: i}]}\n');
  assert.ok(h);
  assert.match(h.markdown, /`matchLabels` does not match the pod template: the template has `app: api`, the selector wants `app: web`/);
});

test('Pod subdomain needs a headless Service of that name', () => {
  const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p1, namespace: n}\nspec:\n  hostname: p1\n  subdomain: gro‸up\n  containers: [{name: c, image: i}]\n';
  const none = hover(pod).h;
  assert.ok(none);
  assert.match(none.markdown, /No Service `group` in namespace `n`.*`p1\.group\.n\.svc\.cluster\.local` will not resolve/);
  const svc = { path: 'svc.yaml', text: 'apiVersion: v1\nkind: Service\nmetadata: {name: group, namespace: n}\nspec: {clusterIP: None, selector: {a: b}}\n' };
  const ok = hover(pod, [svc]).h;
  assert.ok(ok);
  assert.match(ok.markdown, /DNS name: `p1\.group\.n\.svc\.cluster\.local` \(through headless Service `group`\)\./);
});

test('a Service in one file and its pods in another are hovered together', () => {
  const deploy = { path: 'deploy.yaml', text: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  selector: {matchLabels: {app: x}}\n  template:\n    metadata: {labels: {app: x}}\n    spec:\n      containers:\n        - name: c\n          image: i\n          ports: [{containerPort: 8080}]\n' };
  const { h } = hover('apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  selector: {app: x}\n  ports:\n    - port: 80\n      targetPort: 80‸80\n', [deploy]);
  assert.ok(h);
  assert.match(h.markdown, /- Deployment `d`: lands on container `c`, port 8080\./);
});

test('nothing to explain gives undefined: blank lines, comments, unknown fields, non-Kubernetes YAML', () => {
  assert.equal(hover('apiVersion: v1\nkind: Service\nmetadata: {name: s}\n‸\nspec: {ports: [{port: 80}]}\n').h, undefined);
  assert.equal(hover('# a comment ‸here\napiVersion: v1\nkind: Service\nmetadata: {name: s}\n').h, undefined);
  assert.equal(hover('apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  fooBar‸: 1\n').h, undefined);
  assert.equal(hover('jobs:\n  bu‸ild: [x]\n').h, undefined);
  assert.equal(hover('apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {ports: [‸\n').h, undefined);
});

test('manifest text is escaped: labels and names cannot inject HTML, images or links', () => {
  const evil = 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  selector: {app: web}\n  ports: [{port: 80}]\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: "<img src=x onerror=alert(1)>"\n  labels: {app: "[x](javascript:alert(1))", "`b`": "**c**"}\nspec: {containers: [{name: "</code><script>alert(2)</script>", image: i}]}\n';
  const { h } = hover(evil.replace('selector: {app: web}', 'selector: {app: w‸eb}'));
  assert.ok(h);
  assert.match(h.markdown, /Not Pod `<img src=x onerror=alert\(1\)>`: its pod template has `app: \[x\]\(javascript:alert\(1\)\)`/);
  const require = createRequire(join(process.cwd(), 'package.json'));
  const MarkdownIt = require('markdown-it') as new (o: object) => { render(s: string): string };
  // Render as permissively as possible (raw HTML on): the manifest text must still come out as text.
  const html = new MarkdownIt({ html: true, linkify: true }).render(h.markdown);
  assert.doesNotMatch(html, /<img/i);
  assert.doesNotMatch(html, /<script/i);
  assert.doesNotMatch(html, /href="javascript:/i);
  assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
  const links = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
  assert.deepEqual(links, ['https://kubernetes.io/docs/concepts/services-networking/service/']);
});

test('hoverAt never throws, at every offset of the fixtures and of broken YAML', () => {
  const texts = [
    shop,
    'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports: [{port: "x", targetPort: [1]}, 7, null]\n  selector: [a]\n  type: {a: b}\n',
    'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Service\n    metadata: {name: a}\n    spec: {selector: {app: a}, ports: [{port: 1, targetPort: x}]}\n  - &p {apiVersion: v1, kind: Pod, metadata: {name: p, labels: {app: a}}, spec: {containers: [{name: c, ports: [{name: x, containerPort: 2}]}]}}\n',
    'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: i}\nspec:\n  defaultBackend: {service: {name: nope, port: {name: http}}}\n  rules: [{http: {paths: [{backend: 5}]}}, null, {host: 7}]\n',
    'apiVersion: v1\nkind: Service\nmetadata: {name: s\n  spec: [',
  ];
  for (const text of texts) {
    const scope = new Scope([parseFile('f.yaml', text)]);
    for (let off = 0; off <= text.length; off++) {
      const h = hoverAt(scope, 'f.yaml', off);
      if (h) {
        assert.ok(h.range.start <= off && off <= h.range.end, `range must contain the offset ${off}`);
        assert.ok(h.markdown.length > 0);
      }
    }
  }
});

test('a List item and an aliased value are hovered inside their own object', () => {
  const { h, text } = hover('apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Service\n    metadata: {name: a}\n    spec:\n      type: Node‸Port\n      ports: [{port: 1}]\n');
  assert.ok(h);
  assert.equal(covered(text, h), 'NodePort');
  assert.match(h.markdown, /^\*\*Service\*\* `spec\.type`: `NodePort`/);
});

test('an ExternalName Service shows the CNAME and no pod hop', () => {
  const { h } = hover('apiVersion: v1\nkind: Service\nmetadata: {name: ext, namespace: n}\nspec:\n  type: ExternalName\n  externalName: db.exa‸mple.com\n');
  assert.ok(h);
  assert.match(h.markdown, /^\*\*Service\*\* `spec\.externalName`/);
  assert.match(h.markdown, /DNS: `ext\.n\.svc\.cluster\.local` is a CNAME to `db\.example\.com`\./);
  assert.doesNotMatch(h.markdown, /pod:/);
});

test('hovering kind: Service gives the big picture and the Service overview', () => {
  const { h, text } = shopHover('kind: Ser‸vice\nmetadata:\n  name: web\n');
  assert.equal(covered(text, h), 'Service');
  assert.match(h.markdown, /^\*\*Service\*\* `kind`/);
  assert.match(h.markdown, /A Service is a stable address \(a virtual IP and a DNS name\) in front of pods that come and go\./);
  assert.match(h.markdown, /Selects the pods of Deployment `web-a` \(3 pods\)\./);
  assert.match(h.markdown, /From outside: `<node-ip>:30080 → 10\.96\.0\.50:80 → pod:<http>`/);
});

test('controller labels are explained as not what Services select', () => {
  const { h } = hover('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n  labels: {app: we‸b}\nspec:\n  selector: {matchLabels: {app: x}}\n  template:\n    metadata: {labels: {app: x}}\n    spec: {containers: [{name: c, image: i}]}\n');
  assert.ok(h);
  assert.match(h.markdown, /^\*\*Deployment\*\* `metadata\.labels\.app`/);
  assert.match(h.markdown, /Services do \*\*not\*\* look at these/);
});

test('TLS hosts are checked against rule hosts', () => {
  const { h } = hover(
    'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: i}\nspec:\n  tls:\n    - hosts: [a.example.com, b.exa‸mple.com]\n      secretName: cert\n  rules:\n    - host: a.example.com\n      http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: s, port: {number: 80}}}}]}\n',
  );
  assert.ok(h);
  assert.match(h.markdown, /^\*\*Ingress\*\* `spec\.tls\[0\]\.hosts\[1\]`/);
  assert.match(h.markdown, /`a\.example\.com` is served over HTTPS by a rule of this Ingress\./);
  assert.match(h.markdown, /No rule of this Ingress has host `b\.example\.com`: TLS hosts must match rule hosts exactly\./);
});

test('long lists are capped with a count of the rest', () => {
  let text = 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  sel‸ector: {app: web}\n  ports: [{port: 80}]\n';
  for (let i = 0; i < 12; i++) text += `---\napiVersion: v1\nkind: Pod\nmetadata: {name: p${i}, labels: {app: other}}\nspec: {containers: [{name: c, image: i}]}\n`;
  const { h } = hover(text);
  assert.ok(h);
  assert.equal((h.markdown.match(/^- Not Pod/gm) ?? []).length, 8);
  assert.match(h.markdown, /^- … and 4 more workloads not selected$/m);
});

test('an Ingress overview lists every backend and flags missing Services and ports', () => {
  const { h } = shopHover('kind: Ingr‸ess');
  assert.match(h.markdown, /^\*\*Ingress\*\* `kind`/);
  assert.match(h.markdown, /^- `shop\.example\.com\/` → `web:80`$/m);
  assert.match(h.markdown, /^- `shop\.example\.com\/admin` → `wbe:80` \(Service not in the files checked\)$/m);
  assert.match(h.markdown, /^- `shop\.example\.com\/api` → `web:8080` \(the Service has no such port\)$/m);
});

test('pod labels name Services that want another value, or sit in another namespace', () => {
  const api = shopHover('        app: a‸pi');
  assert.match(api.h.markdown, /- Service `web` selects `app: web`, not `app: api`\./);
  const elsewhere = shopHover('        app: w‸eb', 'name: web-elsewhere');
  assert.match(elsewhere.h.markdown, /No Service among the files checked together selects these pods\./);
  assert.match(elsewhere.h.markdown, /- Service `web` in namespace `shop` has a matching selector, but a Service only selects pods in its own namespace\./);
});
