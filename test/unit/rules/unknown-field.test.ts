// unknown-field: fields the object's type does not have, with "did you mean" renames.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, check, fixture, fixTitles, rangeText } from './ruleTestUtil';

const RULE = 'unknown-field';

test('unknown-field: bad fixture flags each unknown key at the key, with the strict-decoding text', () => {
  const c = check(RULE, { 'bad.yaml': fixture(RULE, 'bad.yaml') });
  const got = c.findings.map((f) => [f.severity, f.field, rangeText(c, f), fixTitles(f).join(';')]);
  assert.deepEqual(got, [
    ['error', 'metadata.lables', 'lables', '*Rename `lables` to `labels`'],
    ['error', 'spec.selectors', 'selectors', '*Rename `selectors` to `selector`'],
    ['error', 'spec.ipFamily', 'ipFamily', '*Rename `ipFamily` to `ipFamilies`'],
    ['error', 'spec.ports[0].targetport', 'targetport', '*Rename `targetport` to `targetPort`'],
    ['error', 'spec.template.containers', 'containers', ''],
    ['error', 'spec.containers[0].ports[0].containerport', 'containerport', '*Rename `containerport` to `containerPort`'],
    ['error', 'spec.containers[0].colour', 'colour', ''],
    ['error', 'spec.ports[0].nodeport', '"nodeport"', '*Rename `nodeport` to `nodePort`'],
    ['error', 'metadata.ports', 'ports', ''],
  ]);
  const tp = c.findings[3]!;
  assert.match(tp.message, /Did you mean `targetPort`\? Field names are case-sensitive/);
  assert.match(tp.message, /Service in version "v1" cannot be handled as a Service: strict decoding error: unknown field "spec\.ports\[0\]\.targetport"/);
  assert.match(c.findings[4]!.message, /belongs inside `spec:`/);
  assert.match(c.findings[4]!.message, /Deployment in version "v1" cannot be handled as a Deployment/);
  assert.match(c.findings[6]!.message, /Valid fields here: `args`, `command`/);
  assert.match(c.findings[0]!.message, /not a field of an ObjectMeta/);
  assert.match(c.findings[8]!.message, /`ports` is a field of `spec`, not of `metadata`: it probably belongs under `spec:`/);
});

test('unknown-field: every rename round-trips (parses, no longer flagged there, rest byte-identical)', () => {
  const c = check(RULE, { 'bad.yaml': fixture(RULE, 'bad.yaml') });
  for (const f of c.findings) {
    for (const fix of f.fixes) {
      const after = applyFix(c, fix, RULE);
      assert.equal(after.all.filter((x) => x.rule === 'yaml-syntax').length, 0, fix.title);
      assert.equal(after.findings.length, c.findings.length - 1, fix.title);
      assert.ok(!after.findings.some((x) => x.field === f.field), fix.title);
    }
  }
  // The quoted flow-style key keeps its quotes.
  const flow = c.findings.find((f) => f.field === 'spec.ports[0].nodeport')!;
  assert.equal(flow.fixes[0]!.edits[0]!.newText, '"nodePort"');
});

test('unknown-field: good fixture (kubectl get -o yaml output, CRD, List, anchors) is clean', () => {
  const c = check(RULE, { 'good.yaml': fixture(RULE, 'good.yaml') });
  assert.deepEqual(c.findings, []);
  assert.deepEqual(c.all.filter((f) => f.rule === 'field-type'), []);
});

test('unknown-field: no rename when the suggested field already exists', () => {
  const text = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: a\nspec:\n  selector:\n    app: a\n  selectors:\n    app: b\n  ports:\n  - port: 80\n';
  const c = check(RULE, { 's.yaml': text });
  assert.equal(c.findings.length, 1);
  assert.equal(rangeText(c, c.findings[0]!), 'selectors');
  assert.deepEqual(c.findings[0]!.fixes, []);
});

test('unknown-field: only known apiVersion/kind pairs are checked', () => {
  const text = 'apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata:\n  name: old\nspec:\n  backend:\n    serviceName: web\n    servicePort: 80\n';
  assert.deepEqual(check(RULE, { 'old.yaml': text }).findings, []);
  assert.deepEqual(check(RULE, { 'x.yaml': 'kind: Service\nfoo: bar\n' }).findings, []);
});

test('unknown-field: a merge key is not an unknown field', () => {
  const text = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: a\nspec:\n  <<: {type: ClusterIP}\n  ports:\n  - port: 80\n';
  assert.deepEqual(check(RULE, { 'm.yaml': text }).findings, []);
});

test('unknown-field: items of a kind: List are checked with paths relative to the item', () => {
  const text = 'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Service\n    metadata:\n      name: a\n    spec:\n      ports:\n        - port: 80\n          targetPorts: 8080\n';
  const c = check(RULE, { 'l.yaml': text });
  assert.deepEqual(
    c.findings.map((f) => [f.field, rangeText(c, f), fixTitles(f).join(';')]),
    [['spec.ports[0].targetPorts', 'targetPorts', '*Rename `targetPorts` to `targetPort`']],
  );
  assert.match(c.findings[0]!.message, /unknown field "spec\.ports\[0\]\.targetPorts"/);
});

/** A Pod whose first container is `web`; `podSpec` and `container` are extra YAML lines at those levels. */
function pod(podSpec: string, container = ''): string {
  const indent = (text: string, n: number) => text.split('\n').filter(Boolean).map((l) => ' '.repeat(n) + l).join('\n');
  return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n${indent(podSpec, 2)}\n  containers:\n    - name: web\n      image: nginx\n${indent(container, 6)}\n`;
}

test('unknown-field: fields added after Kubernetes 1.30 are accepted (the schema is 1.36)', () => {
  const cases: Record<string, string> = {
    'pod-level resources (1.32)': pod('resources:\n  limits:\n    cpu: "1"\n    memory: 512Mi'),
    'lifecycle.stopSignal (1.33)': pod('', 'lifecycle:\n  stopSignal: SIGUSR1'),
    'container restartPolicyRules (1.34)': pod('', 'restartPolicy: Never\nrestartPolicyRules:\n  - action: Restart\n    exitCodes:\n      operator: In\n      values: [42]'),
    'hostnameOverride (1.34)': pod('hostnameOverride: my-host'),
    'image volume (1.31)': pod('volumes:\n  - name: model\n    image:\n      reference: registry.example/model:v1'),
    'podCertificate projection (1.34)': pod('volumes:\n  - name: cert\n    projected:\n      sources:\n        - podCertificate:\n            signerName: example.com/s\n            keyType: ED25519'),
    'schedulingGroup (1.36)': pod('schedulingGroup:\n  podGroupName: training'),
  };
  for (const [name, text] of Object.entries(cases)) {
    const c = check(RULE, { 'p.yaml': text });
    assert.deepEqual(c.findings, [], name);
    assert.deepEqual(c.all.filter((f) => f.rule === 'field-type'), [], name);
  }
});

test('unknown-field: a misspelt newer field gets its rename, a removed one is still reported', () => {
  const c = check(RULE, { 'p.yaml': pod('hostnameOveride: my-host', 'lifecycle:\n  stopSignl: SIGUSR1') });
  assert.deepEqual(
    c.findings.map((f) => [f.field, rangeText(c, f), fixTitles(f).join(';')]),
    [
      ['spec.hostnameOveride', 'hostnameOveride', '*Rename `hostnameOveride` to `hostnameOverride`'],
      ['spec.containers[0].lifecycle.stopSignl', 'stopSignl', '*Rename `stopSignl` to `stopSignal`'],
    ],
  );
  // PodResourceClaim.source (1.30) was replaced by resourceClaimName/resourceClaimTemplateName in 1.31.
  const old = check(RULE, { 'p.yaml': pod('resourceClaims:\n  - name: gpu\n    source:\n      resourceClaimTemplateName: t') });
  assert.deepEqual(old.findings.map((f) => [f.field, rangeText(old, f)]), [['spec.resourceClaims[0].source', 'source']]);
});

test('unknown-field: a field no release has says which release Service Lab knows', () => {
  const c = check(RULE, { 'bad.yaml': fixture(RULE, 'bad.yaml') });
  const colour = c.findings.find((f) => f.field === 'spec.containers[0].colour')!;
  assert.match(colour.message, /^`colour` is not a field of a Container \(`spec\.containers\[0\]`\)\. Valid fields here: /);
  assert.match(colour.message, /\(API server: Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec\.containers\[0\]\.colour"\)/);
  assert.match(colour.message, /Service Lab knows the fields of Kubernetes 1\.36: if this field was added in a later release and your cluster has it, ignore this\.$/);
  // With a "did you mean" the release note is left out: the field is a typo, not a newer field.
  assert.doesNotMatch(c.findings.find((f) => f.field === 'spec.ports[0].targetport')!.message, /Kubernetes 1\.36/);
});
