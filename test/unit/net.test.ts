import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseIP, parseCIDR, cidrContains, formatIP, addressAt, isDNS1035Label, isValidPortName, isDNS1123Label } from '../../src/core/index';

test('parses and formats IPv4 and IPv6', () => {
  assert.equal(formatIP(parseIP('10.96.0.10')!), '10.96.0.10');
  assert.equal(formatIP(parseIP('2001:db8::ffff')!), '2001:db8::ffff');
  assert.equal(formatIP(parseIP('::1')!), '::1');
  assert.equal(parseIP('10.96.0.256'), undefined);
  assert.equal(parseIP('010.1.1.1'), undefined);
  assert.equal(parseIP('None'), undefined);
});

test('CIDR containment and offsets', () => {
  const c = parseCIDR('10.96.0.0/12')!;
  assert.equal(c.size, 1n << 20n);
  assert.ok(cidrContains(c, parseIP('10.111.255.254')!));
  assert.ok(!cidrContains(c, parseIP('10.200.0.10')!));
  assert.equal(formatIP(addressAt(c, 10n)), '10.96.0.10');
  assert.equal(parseCIDR('10.0.0.0/33'), undefined);
});

test('name checks print the API server messages', () => {
  assert.deepEqual(isDNS1035Label('web'), []);
  assert.match(isDNS1035Label('1-backend')[0]!, /DNS-1035 label/);
  assert.deepEqual(isValidPortName('metrics-endpoint-xyz'), ['must be no more than 15 characters']);
  assert.deepEqual(isValidPortName('8080'), ['must contain at least one letter (a-z)']);
  assert.deepEqual(isDNS1123Label('a.b'), ['must not contain dots']);
  assert.match(isDNS1123Label('HTTP')[0]!, /RFC 1123 label/);
});
