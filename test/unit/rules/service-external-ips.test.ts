// service-external-ips (KUBERNETES.md §A.9).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, fixture, rangeText } from './ruleTestUtil';

const RULE = 'service-external-ips';

test('service-external-ips: not an IP, loopback, unspecified, link-local', () => {
  const c = check(RULE, { 'bad.yaml': fixture(RULE, 'bad.yaml') });
  assert.deepEqual(
    c.findings.map((f) => [f.severity, f.field, rangeText(c, f)]),
    [
      ['error', 'spec.externalIPs[0]', '203.0.113.10:80'],
      ['error', 'spec.externalIPs[1]', '127.0.0.1'],
      ['error', 'spec.externalIPs[2]', '0.0.0.0'],
      ['error', 'spec.externalIPs[3]', '169.254.1.1'],
    ],
  );
  assert.match(c.findings[0]!.message, /must be a valid IP address, \(e\.g\. 10\.9\.8\.7 or 2001:db8::ffff\)\)$/);
  assert.match(c.findings[1]!.message, /may not be in the loopback range \(127\.0\.0\.0\/8, ::1\/128\)\)$/);
  assert.match(c.findings[2]!.message, /may not be unspecified \(0\.0\.0\.0\)\)$/);
  assert.match(c.findings[3]!.message, /may not be in the link-local range \(169\.254\.0\.0\/16, fe80::\/10\)\)$/);
});

test('service-external-ips: good fixture (IPv4 and IPv6) is clean', () => {
  assert.deepEqual(check(RULE, { 'good.yaml': fixture(RULE, 'good.yaml') }).findings, []);
});
