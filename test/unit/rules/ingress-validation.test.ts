// Ingress validation rules: fixtures per rule, the §G Ingress scenarios and the pathType fix round-trip.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits } from '../../../src/core/text';
import { apiText, fixture, run, summary } from './validationKit';

const E = 'error';

function expectGood(rule: string): void {
  const text = fixture(rule, 'good.yaml');
  assert.deepEqual(summary(text, run(rule, text)), []);
}

test('ingress-path: bad fixture', () => {
  const text = fixture('ingress-path', 'bad.yaml');
  assert.deepEqual(summary(text, run('ingress-path', text)), [
    `spec.rules[0].http.paths[0].pathType | ${E} | path: /cart`,
    `spec.rules[0].http.paths[1].path | ${E} | catalog`,
    `spec.rules[0].http.paths[2].path | ${E} | /a//b`,
    `spec.rules[0].http.paths[3].path | ${E} | /static/..`,
    `spec.rules[0].http.paths[4].pathType | ${E} | prefix`,
    `spec.rules[0].http.paths[5].path | ${E} | docs`,
    `spec.rules[1].http.paths | ${E} | []`,
  ]);
});
test('ingress-path: good fixture', () => expectGood('ingress-path'));

test('G59: a path without pathType is rejected with the exact API text', () => {
  const text = fixture('ingress-path', 'bad.yaml');
  const f = run('ingress-path', text)[0]!;
  assert.equal(apiText(f), 'spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified');
  assert.deepEqual(f.fixes.map((x) => `${x.preferred ? '*' : ''}${x.title}`), ['*Add `pathType: Prefix`', 'Add `pathType: Exact`', 'Add `pathType: ImplementationSpecific`']);
});

test('G60: a Prefix path without a leading slash is not absolute', () => {
  const f = run('ingress-path', fixture('ingress-path', 'bad.yaml'))[1]!;
  assert.equal(apiText(f), 'spec.rules[0].http.paths[1].path: Invalid value: "catalog": must be an absolute path');
});

test("G61: '//' inside and '/..' at the end of a path are rejected", () => {
  const f = run('ingress-path', fixture('ingress-path', 'bad.yaml'));
  assert.equal(apiText(f[2]!), `spec.rules[0].http.paths[2].path: Invalid value: "/a//b": must not contain '//'`);
  assert.equal(apiText(f[3]!), `spec.rules[0].http.paths[3].path: Invalid value: "/static/..": cannot end with '/..'`);
});

test('ingress-path: unsupported pathType lists the sorted values and offers the right-case fix', () => {
  const f = run('ingress-path', fixture('ingress-path', 'bad.yaml'))[4]!;
  assert.equal(apiText(f), 'spec.rules[0].http.paths[4].pathType: Unsupported value: "prefix": supported values: "Exact", "ImplementationSpecific", "Prefix"');
  assert.equal(f.fixes[0]!.title, 'Change to `Prefix`');
});

const BLOCK = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop   # keep this comment
spec:
  rules:
    - http:
        paths:
          - path: /cart # checkout
            backend:
              service:
                name: cart
                port: {number: 80}
`;
const FLOW = `{apiVersion: networking.k8s.io/v1, kind: Ingress, metadata: {name: shop},
 spec: {rules: [{http: {paths: [{path: "/cart", backend: {service: {name: cart, port: {number: 80}}}}]}}]}}
`;
const NO_PATH = 'apiVersion: networking.k8s.io/v1\r\nkind: Ingress\r\nmetadata:\r\n  name: shop\r\nspec:\r\n  rules:\r\n  - http:\r\n      paths:\r\n      - backend:\r\n          service: {name: cart, port: {number: 80}}\r\n';

for (const [name, text, expected] of [
  ['block style, trailing comment kept on its line', BLOCK, BLOCK.replace('- path: /cart # checkout\n', '- path: /cart # checkout\n            pathType: Prefix\n')],
  ['flow style', FLOW, FLOW.replace('path: "/cart"', 'path: "/cart", pathType: Prefix')],
  ['no path key, CRLF line ends', NO_PATH, NO_PATH.replace('      - backend:', '      - pathType: Prefix\r\n        backend:')],
] as const) {
  test(`pathType fix round-trip: ${name}`, () => {
    const [f] = run('ingress-path', text);
    assert.ok(f, 'missing pathType is flagged');
    const fix = f.fixes.find((x) => x.preferred)!;
    const out = applyEdits(text, fix.edits);
    assert.equal(out, expected);
    assert.deepEqual(run('ingress-path', out).filter((x) => x.field?.endsWith('.pathType')), []);
  });
}

test('pathType fix: the Exact and ImplementationSpecific alternatives also parse and pass', () => {
  const [f] = run('ingress-path', BLOCK);
  for (const fix of f!.fixes.filter((x) => !x.preferred)) {
    const out = applyEdits(BLOCK, fix.edits);
    assert.deepEqual(run('ingress-path', out), []);
  }
});

test('G63: hosts "*", "foo.*.com" and an IP address are rejected (ingress-host bad fixture)', () => {
  const text = fixture('ingress-host', 'bad.yaml');
  const f = run('ingress-host', text);
  assert.deepEqual(summary(text, f), [
    `spec.rules[0].host | ${E} | "*"`,
    `spec.rules[1].host | ${E} | foo.*.com`,
    `spec.rules[2].host | ${E} | 192.168.1.1`,
    `spec.rules[3].host | ${E} | Shop.Example.com`,
    `spec.rules[4].host | ${E} | "*.*.foo.com"`,
  ]);
  assert.equal(apiText(f[2]!), 'spec.rules[2].host: Invalid value: "192.168.1.1": must be a DNS name, not an IP address');
  assert.match(apiText(f[0]!), /^spec\.rules\[0\]\.host: Invalid value: "\*": a wildcard DNS-1123 subdomain must start with '\*\.'/);
});
test('ingress-host: good fixture', () => expectGood('ingress-host'));

test('G67: neither rules nor defaultBackend (ingress-spec bad fixture)', () => {
  const text = fixture('ingress-spec', 'bad.yaml');
  const f = run('ingress-spec', text);
  assert.deepEqual(summary(text, f), [`spec | ${E} | spec`, `spec | ${E} | spec`]);
  assert.equal(apiText(f[0]!), 'spec: Invalid value: null: either `defaultBackend` or `rules` must be specified');
});
test('ingress-spec: good fixture', () => expectGood('ingress-spec'));

test('ingress-name: bad and good fixtures', () => {
  const text = fixture('ingress-name', 'bad.yaml');
  const f = run('ingress-name', text);
  assert.deepEqual(summary(text, f), [`metadata.name | ${E} | My_Ingress`, `metadata.name | ${E} | metadata`]);
  assert.equal(apiText(f[1]!), 'metadata.name: Required value: name or generateName is required');
  expectGood('ingress-name');
});

test('ingress-backend: bad fixture', () => {
  const text = fixture('ingress-backend', 'bad.yaml');
  const f = run('ingress-backend', text);
  assert.deepEqual(summary(text, f), [
    `spec.defaultBackend.service.name | ${E} | 1-web`,
    `spec.defaultBackend | ${E} | port`,
    `spec.rules[0].http.paths[0].backend | ${E} | resource`,
    `spec.rules[0].http.paths[1].backend | ${E} | backend`,
    `spec.rules[0].http.paths[2].backend.service.port.name | ${E} | metrics-endpoint-xyz`,
    `spec.rules[0].http.paths[3].backend | ${E} | service`,
    `spec.rules[0].http.paths[4].backend.service.port.number | ${E} | 70000`,
    `spec.rules[0].http.paths[5].backend | ${E} | backend`,
    `spec.rules[0].http.paths[6].backend.resource.kind | ${E} | resource`,
    `spec.rules[0].http.paths[6].backend.resource.name | ${E} | a/b`,
  ]);
  assert.equal(apiText(f[3]!), 'spec.rules[0].http.paths[1].backend: Invalid value: "": resource or service backend is required');
  assert.equal(apiText(f[5]!), 'spec.rules[0].http.paths[3].backend: Required value: port name or number is required');
  assert.match(f[7]!.message, /serviceName/);
  assert.match(f[0]!.message, /RelaxedServiceNameValidation/);
});
test('ingress-backend: good fixture', () => expectGood('ingress-backend'));

test('G64: port name and number together', () => {
  const f = run('ingress-backend', fixture('ingress-backend', 'bad.yaml'))[1]!;
  assert.equal(apiText(f), 'spec.defaultBackend: Invalid value: "": cannot set both port name & port number');
});

test('G68: service and resource backends together', () => {
  const f = run('ingress-backend', fixture('ingress-backend', 'bad.yaml'))[2]!;
  assert.equal(apiText(f), 'spec.rules[0].http.paths[0].backend: Invalid value: "": cannot set both resource and service backends');
});

test('G66: a backend Service that does not exist is not a validation error', () => {
  const text = fixture('ingress-backend', 'good.yaml');
  assert.match(text, /name: nope/);
  assert.deepEqual(run('ingress-backend', text), []);
});

test('§0.4.1: a valid Service port name longer than 15 characters is rejected as an Ingress port name', () => {
  const f = run('ingress-backend', fixture('ingress-backend', 'bad.yaml'))[4]!;
  assert.equal(apiText(f), 'spec.rules[0].http.paths[2].backend.service.port.name: Invalid value: "metrics-endpoint-xyz": must be no more than 15 characters');
});

test('ingress-backend: a path without pathType is not looked at (the API server stops there)', () => {
  assert.deepEqual(run('ingress-backend', BLOCK.replace('name: cart', 'name: Cart')), []);
});

test('ingress-tls: bad and good fixtures', () => {
  const text = fixture('ingress-tls', 'bad.yaml');
  assert.deepEqual(summary(text, run('ingress-tls', text)), [
    `spec.tls[0].hosts[0] | ${E} | https://shop.example.com`,
    `spec.tls[0].hosts[1] | ${E} | "*.*.example.com"`,
    `spec.tls[0].secretName | ${E} | Shop_TLS`,
  ]);
  expectGood('ingress-tls');
});

test('ingress-class: bad and good fixtures, and the annotation fix', () => {
  const text = fixture('ingress-class', 'bad.yaml');
  const f = run('ingress-class', text);
  assert.deepEqual(summary(text, f), [`annotations.kubernetes.io/ingress.class | ${E} | traefik`, `spec.ingressClassName | ${E} | NGINX_Public`]);
  assert.equal(apiText(f[0]!), 'annotations.kubernetes.io/ingress.class: Invalid value: "traefik": must match `ingressClassName` when both are specified');
  const fixed = applyEdits(text, f[0]!.fixes[0]!.edits);
  assert.equal(fixed, text.replace('ingress.class: traefik', 'ingress.class: "nginx"'));
  assert.equal(run('ingress-class', fixed).length, 1);
  expectGood('ingress-class');
});

test('ingress-class-object: bad and good fixtures', () => {
  const text = fixture('ingress-class-object', 'bad.yaml');
  const f = run('ingress-class-object', text);
  assert.deepEqual(summary(text, f), [
    `spec.controller | ${E} | spec`,
    `spec.parameters.namespace | ${E} | Namespace`,
    `spec.controller | ${E} | nginx`,
    `spec.parameters.namespace | ${E} | namespace`,
  ]);
  assert.equal(apiText(f[2]!), 'spec.controller: Invalid value: "nginx": must be a domain-prefixed path (such as "acme.io/foo")');
  expectGood('ingress-class-object');
});

test('api-version-removed: bad and good fixtures', () => {
  const text = fixture('api-version-removed', 'bad.yaml');
  const f = run('api-version-removed', text);
  assert.deepEqual(summary(text, f), [
    `apiVersion | ${E} | extensions/v1beta1`,
    `apiVersion | ${E} | apps/v1beta2`,
    `apiVersion | ${E} | batch/v1beta1`,
    `apiVersion | ${E} | discovery.k8s.io/v1beta1`,
  ]);
  assert.match(f[0]!.message, /removed in Kubernetes 1\.22.*networking\.k8s\.io\/v1.*`service\.name`.*`spec\.defaultBackend`.*pathType/);
  assert.match(f[1]!.message, /removed in Kubernetes 1\.16.*apps\/v1.*`spec\.selector` is now required/);
  assert.match(f[2]!.message, /removed in Kubernetes 1\.25.*batch\/v1/);
  assert.match(f[3]!.message, /removed in Kubernetes 1\.25.*discovery\.k8s\.io\/v1/);
  assert.equal(applyEdits(text, f[2]!.fixes[0]!.edits), text.replace('batch/v1beta1', 'batch/v1'));
  expectGood('api-version-removed');
});

test('ingress-host: IPv4 with leading zeros is still an IP address (ParseIPSloppy)', () => {
  const text = 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: x}\nspec:\n  rules:\n    - host: 010.001.1.1\n';
  const f = run('ingress-host', text);
  assert.deepEqual(f.map(apiText), ['spec.rules[0].host: Invalid value: "010.001.1.1": must be a DNS name, not an IP address']);
});
