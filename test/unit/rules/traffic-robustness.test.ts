// The traffic rules on arbitrary, often malformed, objects: no rule throws, every range and fix edit
// lies inside the file, and every fix round-trips through the parser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { applyEdits, checkFiles, parseFile } from '../../../src/core/index';
import { trafficRules } from '../../../src/core/rules/traffic';

const scalar = fc.oneof(fc.constantFrom('web', 'http', 'htp', 'app', 'None', 'TCP', 'UDP', 'db', ''), fc.integer({ min: -1, max: 70000 }), fc.boolean(), fc.constant(null));
// Biased towards matching selectors, so the port rules get pods to look at.
const labels = fc.dictionary(fc.constantFrom('app', 'app', 'tier', 'app.kubernetes.io/name'), fc.oneof({ weight: 6, arbitrary: fc.constantFrom('web', 'web', 'web-app') }, { weight: 1, arbitrary: scalar }), { maxKeys: 2 });
const port = fc.record({ name: scalar, port: fc.oneof(fc.constantFrom(80, 8080), scalar), targetPort: fc.oneof(fc.constantFrom(80, 8080, 'http', 'htp'), scalar), protocol: fc.constantFrom('TCP', 'UDP', undefined) }, { requiredKeys: [] });
const cport = fc.record({ name: fc.constantFrom('http', 'web', undefined), containerPort: fc.oneof(fc.constantFrom(80, 8080), scalar), protocol: fc.constantFrom('TCP', 'UDP', undefined) }, { requiredKeys: [] });
const probe = fc.record({ httpGet: fc.record({ port: fc.oneof(fc.constantFrom('http', 'htp', 8080, 9090), scalar) }), tcpSocket: fc.record({ port: scalar }) }, { requiredKeys: [] });
const container = fc.record({ name: fc.constantFrom('app', 'side'), ports: fc.oneof({ weight: 5, arbitrary: fc.array(cport, { maxLength: 3 }) }, { weight: 1, arbitrary: scalar }), readinessProbe: probe, livenessProbe: fc.oneof(probe, scalar) }, { requiredKeys: ['name'] });
const ns = fc.constantFrom(undefined, 'default', undefined, 'shop');

const service = fc.record({
  apiVersion: fc.constant('v1'),
  kind: fc.constant('Service'),
  metadata: fc.record({ name: fc.constantFrom('web', 'db', 'api'), namespace: ns }, { requiredKeys: ['name'] }),
  spec: fc.record({ type: fc.constantFrom('ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName', undefined), clusterIP: fc.constantFrom(undefined, undefined, undefined, 'None'), selector: fc.oneof({ weight: 5, arbitrary: labels }, { weight: 1, arbitrary: scalar }), ports: fc.oneof({ weight: 5, arbitrary: fc.array(port, { minLength: 1, maxLength: 3 }) }, { weight: 1, arbitrary: scalar }) }, { requiredKeys: ['selector', 'ports'] }),
});
const workload = fc.record({
  apiVersion: fc.constant('apps/v1'),
  kind: fc.constantFrom('Deployment', 'StatefulSet'),
  metadata: fc.record({ name: fc.constantFrom('web', 'db'), namespace: ns }, { requiredKeys: ['name'] }),
  spec: fc.record({ serviceName: fc.oneof(fc.constantFrom('web', 'dbs'), scalar), template: fc.record({ metadata: fc.record({ labels }), spec: fc.record({ containers: fc.oneof({ weight: 5, arbitrary: fc.array(container, { minLength: 1, maxLength: 2 }) }, { weight: 1, arbitrary: scalar }) }) }) }, { requiredKeys: ['template'] }),
});
const backend = fc.record({ service: fc.record({ name: fc.oneof(fc.constantFrom('web', 'wbe', 'db'), scalar), port: fc.oneof(fc.record({ number: fc.oneof(fc.constantFrom(80, 8080), scalar) }), fc.record({ name: fc.oneof(fc.constantFrom('http', 'web'), scalar) })) }, { requiredKeys: [] }) });
const ingress = fc.record({
  apiVersion: fc.constant('networking.k8s.io/v1'),
  kind: fc.constant('Ingress'),
  metadata: fc.record({ name: fc.constant('site'), namespace: ns }, { requiredKeys: ['name'] }),
  spec: fc.record({ ingressClassName: fc.oneof(fc.constantFrom('nginx', 'ngnix'), scalar), defaultBackend: backend, rules: fc.array(fc.record({ http: fc.record({ paths: fc.array(fc.record({ backend }), { maxLength: 2 }) }) }), { maxLength: 2 }) }, { requiredKeys: [] }),
});

test('traffic rules never throw, ranges and fixes stay in the file, fixes re-parse', () => {
  const seen = new Set<string>();
  let fixesApplied = 0;
  fc.assert(
    fc.property(fc.array(fc.oneof({ weight: 2, arbitrary: service }, { weight: 3, arbitrary: workload }, { weight: 1, arbitrary: ingress }), { minLength: 1, maxLength: 6 }), fc.boolean(), (objs, flow) => {
      const text = objs.map((o) => stringify(JSON.parse(JSON.stringify(o)), { collectionStyle: flow ? 'flow' : 'block' })).join('---\n');
      const errors: unknown[] = [];
      const logger = { error: (...a: unknown[]) => errors.push(a), warn() {}, info() {} };
      const { findings } = checkFiles([{ path: 'x.yaml', text }], { rules: trafficRules, logger });
      assert.deepEqual(errors, []);
      for (const f of findings) {
        seen.add(f.rule);
        fixesApplied += f.fixes.length;
        assert.ok(f.range.start >= 0 && f.range.end <= text.length && f.range.start <= f.range.end);
        for (const fix of f.fixes) {
          for (const e of fix.edits) assert.ok(e.range.start >= 0 && e.range.end <= text.length);
          const after = applyEdits(text, fix.edits);
          const parsed = parseFile('x.yaml', after);
          assert.deepEqual(parsed.findings.filter((x) => x.rule === 'yaml-syntax'), [], `${fix.title}\n${after}`);
          assert.equal(parsed.objects.length, parseFile('x.yaml', text).objects.length);
        }
      }
    }),
    { numRuns: 200, seed: 42 },
  );
  // The generator must reach the rules it is meant to exercise.
  assert.ok(fixesApplied > 50, `only ${fixesApplied} fixes exercised`);
  for (const id of ['selector-no-match', 'target-port-name-missing', 'target-port-number-undeclared', 'ingress-backend-missing', 'ingress-backend-port-missing', 'probe-port-missing', 'statefulset-service-missing']) assert.ok(seen.has(id), `${id} never fired`);
});
