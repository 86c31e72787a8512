// service-load-balancer-fields (KUBERNETES.md §A.11).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, fixture, rangeText } from './ruleTestUtil';

const RULE = 'service-load-balancer-fields';
const ANN = 'metadata.annotations[service.beta.kubernetes.io/load-balancer-source-ranges]';

test('service-load-balancer-fields: bad fixture', () => {
  const c = check(RULE, { 'bad.yaml': fixture(RULE, 'bad.yaml') });
  assert.deepEqual(
    c.findings.map((f) => [f.severity, f.field, rangeText(c, f)]),
    [
      ['error', 'spec.LoadBalancerSourceRanges', 'loadBalancerSourceRanges'],
      ['error', 'spec.allocateLoadBalancerNodePorts', 'allocateLoadBalancerNodePorts'],
      ['error', 'spec.loadBalancerClass', 'loadBalancerClass'],
      ['error', 'spec.LoadBalancerSourceRanges[0]', '10.0.0.0/33'],
      ['error', 'spec.loadBalancerClass', '"not a class"'],
      ['error', ANN, 'service.beta.kubernetes.io/load-balancer-source-ranges'],
      ['error', ANN, '"10.0.0.0/8, nope"'],
    ],
  );
  assert.match(c.findings[0]!.message, /\(API server: spec\.LoadBalancerSourceRanges: Forbidden: may only be used when `type` is 'LoadBalancer'\)$/);
  assert.match(c.findings[3]!.message, /spec\.LoadBalancerSourceRanges\[0\]: Invalid value: "10\.0\.0\.0\/33": must be a valid CIDR value, \(e\.g\. 10\.9\.8\.0\/24 or 2001:db8::\/64\)\)$/);
  assert.match(c.findings[6]!.message, /Invalid value: "nope": must be a valid CIDR value/);
});

test('service-load-balancer-fields: good fixture (padded range, IPv6 range, class, annotation) is clean', () => {
  assert.deepEqual(check(RULE, { 'good.yaml': fixture(RULE, 'good.yaml') }).findings, []);
});
