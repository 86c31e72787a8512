// Workload validation rules: fixtures per rule, §0.4.6 (missing selector), §0.4.7 (successThreshold),
// G73, and the real-world corpus (no errors except on files SOURCES.md calls invalid).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { checkFiles } from '../../../src/core/check';
import { applyEdits } from '../../../src/core/text';
import { ingressRules } from '../../../src/core/rules/ingress';
import { workloadRules } from '../../../src/core/rules/workload';
import { apiText, fixture, run, summary } from './validationKit';

const E = 'error';

function expectGood(rule: string): void {
  const text = fixture(rule, 'good.yaml');
  assert.deepEqual(summary(text, run(rule, text)), []);
}

test('workload-selector: bad fixture', () => {
  const text = fixture('workload-selector', 'bad.yaml');
  const f = run('workload-selector', text);
  assert.deepEqual(summary(text, f), [
    `spec.selector | ${E} | spec`,
    `spec.template.metadata.labels | ${E} | labels`,
    `spec.template.metadata.labels | ${E} | labels`,
    `spec.selector | ${E} | {}`,
    `spec.template.metadata.labels | ${E} | labels`,
    `spec.selector.matchExpressions[0].operator | ${E} | Equals`,
    `spec.template.metadata.labels | ${E} | labels`,
    `spec.template.metadata.labels | ${E} | labels`,
  ]);
  assert.match(f[2]!.message, /the selector wants `app: web` but the template has `app: frontend`/);
  assert.equal(apiText(f[3]!), 'spec.selector: Invalid value: {}: empty selector is not valid for statefulset.');
  assert.equal(apiText(f[5]!), 'spec.selector.matchExpressions[0].operator: Invalid value: "Equals": not a valid selector operator');
});
test('workload-selector: good fixture (matchExpressions, generated Job selector, RC defaulting)', () => expectGood('workload-selector'));

test('§0.4.6: an apps/v1 Deployment without spec.selector gets both errors', () => {
  const text = fixture('workload-selector', 'bad.yaml');
  const f = run('workload-selector', text).filter((x) => x.object?.name === 'no-selector');
  assert.deepEqual(f.map(apiText), ['spec.selector: Required value', 'spec.template.metadata.labels: Invalid value: {"app":"web"}: `selector` does not match template `labels`']);
});

test('a DaemonSet without spec.selector gets only the template-labels error (no Required check in ValidateDaemonSetSpec)', () => {
  const f = run('workload-selector', fixture('workload-selector', 'bad.yaml')).filter((x) => x.object?.name === 'agent');
  assert.deepEqual(f.map((x) => x.field), ['spec.template.metadata.labels']);
});

test('object-labels: bad and good fixtures', () => {
  const text = fixture('object-labels', 'bad.yaml');
  const f = run('object-labels', text);
  assert.deepEqual(summary(text, f), [
    `metadata.labels | ${E} | my web`,
    `metadata.labels | ${E} | -team`,
    `metadata.labels | ${E} | example.com/owner/name`,
    `spec.template.metadata.labels | ${E} | "1.0/beta"`,
  ]);
  assert.match(apiText(f[0]!), /^metadata\.labels: Invalid value: "my web": a valid label must be an empty string/);
  expectGood('object-labels');
});

test('container-ports: bad and good fixtures', () => {
  const text = fixture('container-ports', 'bad.yaml');
  const f = run('container-ports', text);
  const p = 'spec.template.spec.containers[0].ports';
  assert.deepEqual(summary(text, f), [
    `${p}[0].name | ${E} | metrics-endpoint-xyz`,
    `${p}[2].name | ${E} | http`,
    `${p}[3].containerPort | ${E} | name: admin`,
    `${p}[4].containerPort | ${E} | 70000`,
    `${p}[5].protocol | ${E} | udp`,
    `${p}[7].hostPort | ${E} | -1`,
  ]);
  assert.equal(apiText(f[1]!), `${p}[2].name: Duplicate value: "http"`);
  assert.equal(apiText(f[2]!), `${p}[3].containerPort: Required value`);
  assert.equal(apiText(f[4]!), `${p}[5].protocol: Unsupported value: "udp": supported values: "SCTP", "TCP", "UDP"`);
  assert.equal(applyEdits(text, f[4]!.fixes[0]!.edits), text.replace('protocol: udp', 'protocol: UDP'));
  expectGood('container-ports');
});

test('probe: bad fixture', () => {
  const text = fixture('probe', 'bad.yaml');
  const c = 'spec.template.spec.containers';
  assert.deepEqual(summary(text, run('probe', text)), [
    `spec.template.spec.initContainers[0].readinessProbe | ${E} | readinessProbe`,
    `${c}[0].livenessProbe | ${E} | livenessProbe`,
    `${c}[0].livenessProbe.successThreshold | ${E} | 3`,
    `${c}[0].readinessProbe.httpGet.port | ${E} | "8080"`,
    `${c}[0].readinessProbe.httpGet.scheme | ${E} | http`,
    `${c}[0].readinessProbe.tcpSocket | ${E} | tcpSocket`,
    `${c}[0].readinessProbe.terminationGracePeriodSeconds | ${E} | terminationGracePeriodSeconds`,
    `${c}[0].readinessProbe.timeoutSeconds | ${E} | -1`,
    `${c}[0].startupProbe.grpc.port | ${E} | 0`,
    `${c}[1].livenessProbe.exec.command | ${E} | command`,
    `${c}[1].readinessProbe.httpGet.port | ${E} | httpGet`,
  ]);
});
test('probe: good fixture (successThreshold 0 on liveness, 3 on readiness, sidecar probe)', () => expectGood('probe'));

test('probe: "must specify a handler type" and "may not specify more than 1 handler type"', () => {
  const f = run('probe', fixture('probe', 'bad.yaml'));
  assert.equal(apiText(f[1]!), 'spec.template.spec.containers[0].livenessProbe: Required value: must specify a handler type');
  assert.equal(apiText(f[5]!), 'spec.template.spec.containers[0].readinessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type');
  assert.match(f[3]!.message, /Remove the quotes/);
});

test('G73: readinessProbe with terminationGracePeriodSeconds is rejected', () => {
  const f = run('probe', fixture('probe', 'bad.yaml'))[6]!;
  assert.equal(apiText(f), 'spec.template.spec.containers[0].readinessProbe.terminationGracePeriodSeconds: Invalid value: 10: must not be set for readinessProbes');
});

const pod = (probe: string) => `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - name: c
      image: nginx
      ${probe}
`;

for (const [kind, value, rejected] of [
  ['livenessProbe', 0, false],
  ['livenessProbe', 1, false],
  ['livenessProbe', 2, true],
  ['startupProbe', 0, false],
  ['startupProbe', 5, true],
  ['readinessProbe', 5, false],
] as const) {
  test(`§0.4.7: ${kind} successThreshold ${value} is ${rejected ? 'rejected' : 'accepted'}`, () => {
    const text = pod(`${kind}: {tcpSocket: {port: 80}, successThreshold: ${value}}`);
    const f = run('probe', text);
    if (!rejected) return assert.deepEqual(f, []);
    assert.deepEqual(summary(text, f), [`spec.containers[0].${kind}.successThreshold | ${E} | ${value}`]);
    assert.equal(apiText(f[0]!), `spec.containers[0].${kind}.successThreshold: Invalid value: ${value}: must be 1`);
    const fixed = applyEdits(text, f[0]!.fixes[0]!.edits);
    assert.equal(fixed, text.replace(`successThreshold: ${value}`, 'successThreshold: 1'));
    assert.deepEqual(run('probe', fixed), []);
  });
}

test('bad input never throws: wrong types and nulls are left to the schema rules', () => {
  const text = `apiVersion: apps/v1
kind: Deployment
metadata: {name: 5, labels: [a]}
spec:
  selector: {matchLabels: 3, matchExpressions: [null, {operator: 7}]}
  template:
    metadata: {labels: null}
    spec:
      containers: [null, {name: c, ports: [null, {containerPort: "80"}], livenessProbe: {httpGet: null}}]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: x}
spec: {rules: [null, {host: 5, http: {paths: [null, {pathType: 3, path: 4, backend: {service: {port: {number: "80"}}}}]}}], tls: [null, {hosts: [1]}]}
`;
  const rules = [...ingressRules, ...workloadRules];
  assert.doesNotThrow(() => checkFiles([{ path: 'x.yaml', text }], { rules, logger: { error: (m) => assert.fail(m), warn() {}, info() {} } }));
});

const CORPUS = '/work/shared/corpus/real/';
// SOURCES.md table 2: these two files carry placeholders (`registry.<your domain>`, `__INGRESS_HOST__`).
const LEGITIMATELY_INVALID = new Set([
  'kubernetes__ingress-nginx__docs__examples__docker-registry__ingress-with-tls.yaml',
  'kubernetes__ingress-nginx__docs__examples__auth__oauth-external-auth__oauth2-proxy.yaml',
]);

test('real-world corpus: no errors from these rules except on the placeholder files', { skip: !safeExists(CORPUS) && 'corpus not present' }, () => {
  const rules = [...ingressRules, ...workloadRules];
  const ids = new Set(rules.map((r) => r.id));
  const errors: string[] = [];
  const files = readdirSync(CORPUS).filter((f) => f.endsWith('.yaml'));
  assert.ok(files.length >= 100);
  for (const file of files) {
    const text = readFileSync(CORPUS + file, 'utf8');
    const { findings } = checkFiles([{ path: file, text }], { rules });
    const mine = findings.filter((f) => ids.has(f.rule) && f.severity === 'error');
    if (LEGITIMATELY_INVALID.has(file)) assert.ok(mine.length > 0, `${file} should be flagged`);
    else for (const f of mine) errors.push(`${file}: ${f.rule} ${f.field}: ${f.message}`);
  }
  assert.deepEqual(errors, []);
});

function safeExists(dir: string): boolean {
  try {
    readdirSync(dir);
    return true;
  } catch {
    return false;
  }
}

test('workload-selector: an invalid matchLabels value is reported at spec.selector.matchLabels and the template is not compared', () => {
  const text = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector:
    matchLabels: {app: "my web"}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: nginx}]}
`;
  const f = run('workload-selector', text);
  assert.deepEqual(summary(text, f), [`spec.selector.matchLabels | ${E} | "my web"`]);
});
