// Ingress matching (KUBERNETES.md §B.2 table, §B.3, G55, G56, G58) and Ingress traces.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hostMatches, matchIngress, pathMatches, trace } from '../../../src/core/sim/index';
import type { PathType, SimIngress } from '../../../src/core/sim/index';
import { deployment, service, sim } from './simHelpers';

function ing(paths: [string, PathType][], opts: { host?: string | null; defaultBackend?: boolean } = {}): SimIngress {
  return {
    namespace: 'default',
    name: 'i',
    class: 'nginx',
    rules: [{ host: opts.host ?? null, paths: paths.map(([path, pathType]) => ({ path, pathType, backend: { service: `default/svc${pathType}${path}`, port: 80 } })) }],
    defaultBackend: opts.defaultBackend ? { service: 'default/fallback', port: 80 } : null,
    tlsHosts: [],
  };
}

/** The §B.2 examples table: [type, rule paths, request, expected winning path or null]. */
const TABLE: [PathType | 'Mixed', string[], string, string | null][] = [
  ['Prefix', ['/'], '/anything/at/all', '/'],
  ['Exact', ['/foo'], '/foo', '/foo'],
  ['Exact', ['/foo'], '/bar', null],
  ['Exact', ['/foo'], '/foo/', null],
  ['Exact', ['/foo/'], '/foo', null],
  ['Prefix', ['/foo'], '/foo', '/foo'],
  ['Prefix', ['/foo'], '/foo/', '/foo'],
  ['Prefix', ['/foo/'], '/foo', '/foo/'],
  ['Prefix', ['/foo/'], '/foo/', '/foo/'],
  ['Prefix', ['/aaa/bb'], '/aaa/bbb', null],
  ['Prefix', ['/aaa/bbb'], '/aaa/bbb', '/aaa/bbb'],
  ['Prefix', ['/aaa/bbb/'], '/aaa/bbb', '/aaa/bbb/'],
  ['Prefix', ['/aaa/bbb'], '/aaa/bbb/', '/aaa/bbb'],
  ['Prefix', ['/aaa/bbb'], '/aaa/bbb/ccc', '/aaa/bbb'],
  ['Prefix', ['/aaa/bbb'], '/aaa/bbbxyz', null],
  ['Prefix', ['/', '/aaa'], '/aaa/ccc', '/aaa'],
  ['Prefix', ['/', '/aaa', '/aaa/bbb'], '/aaa/bbb', '/aaa/bbb'],
  ['Prefix', ['/', '/aaa', '/aaa/bbb'], '/ccc', '/'],
  ['Prefix', ['/aaa'], '/ccc', null],
];

for (const [type, paths, req, want] of TABLE) {
  test(`§B.2 table: ${type} ${paths.join(', ')} with request ${req} → ${want ?? 'no match'}`, () => {
    const m = matchIngress([ing(paths.map((p) => [p, type as PathType]))], 'any.example.com', req);
    if (want === null) assert.equal(m, undefined);
    else {
      assert.equal(m?.match, 'rule');
      assert.equal(m?.path?.path, want);
    }
  });
}

test('§B.2 table, mixed: Exact /foo beats Prefix /foo for /foo (G56), in either order', () => {
  for (const order of [[['/foo', 'Prefix'], ['/foo', 'Exact']], [['/foo', 'Exact'], ['/foo', 'Prefix']]] as [string, PathType][][]) {
    const m = matchIngress([ing(order)], 'h', '/foo');
    assert.equal(m?.path?.pathType, 'Exact');
  }
  assert.equal(matchIngress([ing([['/foo', 'Exact'], ['/foo', 'Prefix']])], 'h', '/foo/bar')?.path?.pathType, 'Prefix');
});

test('G55: Prefix /foo does not match /foobar but matches /foo/bar', () => {
  assert.equal(pathMatches('Prefix', '/foo', '/foobar'), false);
  assert.equal(pathMatches('Prefix', '/foo', '/foo/bar'), true);
});

test('G58: Prefix / and /aaa, request /aaa/ccc → /aaa (longest)', () => {
  assert.equal(matchIngress([ing([['/', 'Prefix'], ['/aaa', 'Prefix']])], 'h', '/aaa/ccc')?.path?.path, '/aaa');
});

test('the query string and fragment are not part of the path', () => {
  assert.equal(matchIngress([ing([['/foo', 'Exact']])], 'h', '/foo?x=1')?.path?.path, '/foo');
  assert.equal(matchIngress([ing([['/foo', 'Exact']])], 'h', '/foo#top')?.path?.path, '/foo');
});

test('hosts: exact, one-label wildcard, and host-less rules', () => {
  assert.ok(hostMatches('foo.bar.com', 'foo.bar.com'));
  assert.ok(!hostMatches('foo.bar.com', 'bar.com'));
  assert.ok(hostMatches('*.foo.com', 'bar.foo.com'));
  assert.ok(!hostMatches('*.foo.com', 'baz.bar.foo.com'));
  assert.ok(!hostMatches('*.foo.com', 'foo.com'));
  assert.ok(hostMatches(null, 'anything.example'));
  // Host first: a rule for another host never matches, even with a better path.
  const m = matchIngress([ing([['/api', 'Prefix']], { host: 'a.com' }), { ...ing([['/', 'Prefix']], { host: 'b.com' }), name: 'j' }], 'b.com', '/api');
  assert.equal(m?.ingress.name, 'j');
});

test('defaultBackend takes requests no rule matches; without it there is no match', () => {
  const m = matchIngress([ing([['/aaa', 'Prefix']], { defaultBackend: true })], 'h', '/ccc');
  assert.equal(m?.match, 'defaultBackend');
  assert.equal(m?.backend.service, 'default/fallback');
  assert.equal(matchIngress([ing([['/aaa', 'Prefix']])], 'h', '/ccc'), undefined);
});

const INGRESS = `apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata:
  name: nginx
  annotations: {ingressclass.kubernetes.io/is-default-class: "true"}
spec: {controller: k8s.io/ingress-nginx}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: site}
spec:
  tls: [{hosts: [shop.example.com], secretName: shop-tls}]
  rules:
  - host: shop.example.com
    http:
      paths:
      - {path: /api, pathType: Prefix, backend: {service: {name: api, port: {number: 8080}}}}
      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {name: http}}}}
---
`;

test('an external request to an unknown host goes through the Ingress, with the contract fields', () => {
  const s = sim(INGRESS + deployment('web', { app: 'web' }, 2) + service('web', '  selector: {app: web}\n  ports: [{name: http, port: 80, targetPort: http}]') + service('api', '  selector: {app: api}\n  ports: [{port: 8080}]'));
  assert.equal(s.ingresses[0]!.class, 'nginx', 'the default IngressClass applies to an Ingress without a class');
  const t = trace(s, { from: { kind: 'external' }, target: 'https://shop.example.com/cart?x=1' });
  assert.equal(t.outcome, 'delivered');
  const step = t.steps.find((x) => x.kind === 'ingress');
  assert.deepEqual(step && { ...step, text: undefined }, { kind: 'ingress', text: undefined, ingress: 'default/site', match: 'rule', service: 'default/web', port: 'http' });
  assert.match(step!.text, /TLS is terminated/);
  assert.equal(t.candidates.length, 2);
  assert.equal(t.port, 8080);
  const api = trace(s, { from: { kind: 'external' }, target: 'http://shop.example.com/api/v1' });
  assert.equal(api.outcome, 'connection-refused');
  const apiStep = api.steps.find((x) => x.kind === 'ingress');
  assert.ok(apiStep && apiStep.kind === 'ingress' && apiStep.port === 8080 && apiStep.service === 'default/api');
  const none = trace(s, { from: { kind: 'external' }, target: 'http://other.example.com/' });
  assert.equal(none.outcome, 'no-route');
});
