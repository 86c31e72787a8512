// The service-* rules never throw on odd input: random Service specs (right and wrong types mixed)
// go through every rule, and a rule that throws is logged by the driver, which fails this test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { checkFiles } from '../../../src/core/index';
import type { Logger } from '../../../src/core/index';
import { serviceRules } from '../../../src/core/rules/service';

const scalar = fc.oneof(
  fc.constantFrom('None', '', 'TCP', 'udp', 'ClientIP', 'Local', 'Cluster', 'NodePort', 'LoadBalancer', 'ExternalName', 'IPv4', 'IPv6', 'SingleStack', '10.96.0.10', 'fd00::1', '8080', 'http', 'a_b', '0.0.0.0/0'),
  fc.integer({ min: -5, max: 70000 }),
  fc.boolean(),
  fc.constant(null),
  fc.string({ maxLength: 12 }),
);
const value = fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }), fc.dictionary(fc.constantFrom('clientIP', 'timeoutSeconds', 'app', 'x/y'), scalar, { maxKeys: 2 }));
const port = fc.dictionary(fc.constantFrom('name', 'port', 'targetPort', 'protocol', 'nodePort', 'appProtocol'), scalar, { maxKeys: 6 });
const spec = fc.record(
  {
    type: scalar,
    ports: fc.oneof(fc.array(fc.oneof(port, scalar), { maxLength: 4 }), scalar),
    clusterIP: scalar,
    clusterIPs: value,
    ipFamilies: value,
    ipFamilyPolicy: scalar,
    selector: value,
    sessionAffinity: scalar,
    sessionAffinityConfig: value,
    externalIPs: value,
    externalTrafficPolicy: scalar,
    internalTrafficPolicy: scalar,
    healthCheckNodePort: scalar,
    loadBalancerSourceRanges: value,
    loadBalancerClass: scalar,
    allocateLoadBalancerNodePorts: scalar,
    trafficDistribution: scalar,
    externalName: scalar,
  },
  { requiredKeys: [] },
);
const meta = fc.record({ name: scalar, namespace: scalar, generateName: scalar, annotations: value }, { requiredKeys: [] });

test('service-* rules: random Services never make a rule throw', () => {
  const failures: string[] = [];
  const logger: Logger = { error: (m, ...a) => failures.push(`${m} ${a.map(String).join(' ')}`), warn() {}, info() {} };
  fc.assert(
    fc.property(fc.array(fc.record({ metadata: meta, spec }), { minLength: 1, maxLength: 3 }), (objs) => {
      const text = objs.map((o) => stringify({ apiVersion: 'v1', kind: 'Service', ...o })).join('---\n');
      checkFiles([{ path: 'r.yaml', text }], { rules: serviceRules, logger });
      assert.deepEqual(failures, []);
    }),
    { numRuns: 400, seed: 42 },
  );
});
