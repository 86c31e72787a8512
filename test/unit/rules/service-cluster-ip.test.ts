// service-cluster-ip: clusterIP/clusterIPs/ipFamilies/ipFamilyPolicy (KUBERNETES.md §A.5, §A.6, §0.4 item 5).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkFiles } from '../../../src/core/index';
import { check, fixture, rangeText } from './ruleTestUtil';

const RULE = 'service-cluster-ip';

test('service-cluster-ip: bad fixture', () => {
  const c = check(RULE, { 'bad.yaml': fixture(RULE, 'bad.yaml') });
  assert.deepEqual(
    c.findings.map((f) => [f.severity, f.field, rangeText(c, f)]),
    [
      ['error', 'spec.clusterIPs[0]', 'None'],
      ['error', 'spec.clusterIPs', 'clusterIPs'],
      ['error', 'spec.clusterIPs[0]', '10.96.0.300'],
      ['error', 'spec.clusterIPs', '10.200.0.10'],
      ['error', 'spec.clusterIPs', '10.96.0.31'],
      ['error', 'spec.ipFamilyPolicy', 'singlestack'],
      ['error', 'spec.ipFamilies[1]', 'IPv4'],
      ['error', 'spec.ipFamilyPolicy', 'SingleStack'],
      ['info', 'spec.clusterIPs[1]', '"fd00::40"'],
    ],
  );
  const m = c.findings.map((f) => f.message);
  assert.match(m[0]!, /\(API server: spec\.clusterIPs\[0\]: Invalid value: "None": may not be set to 'None' for NodePort services\)$/);
  assert.match(m[1]!, /\(API server: spec\.clusterIPs: Invalid value: \["10\.96\.0\.20"\]: must be empty when `clusterIP` is not specified\)$/);
  assert.match(m[2]!, /spec\.clusterIPs\[0\]: Invalid value: "10\.96\.0\.300": must be a valid IP address, \(e\.g\. 10\.9\.8\.7 or 2001:db8::ffff\)\)$/);
  assert.match(m[4]!, /first value must match `clusterIP`\)$/);
  assert.match(m[5]!, /supported values: "PreferDualStack", "RequireDualStack", "SingleStack"\)$/);
  assert.match(m[6]!, /spec\.ipFamilies\[1\]: Duplicate value: "IPv4"\)$/);
  assert.match(m[7]!, /must be 'RequireDualStack' or 'PreferDualStack' when multiple cluster IPs are specified\)$/);
  assert.match(m[8]!, /IPv6 is not configured on this cluster\)$/);
});

test('service-cluster-ip: good fixture (static-band IP, headless, PreferDualStack) is clean', () => {
  assert.deepEqual(check(RULE, { 'good.yaml': fixture(RULE, 'good.yaml') }).findings, []);
});

test('service-cluster-ip: a dual-stack serviceCIDR setting accepts IPv6 and RequireDualStack', () => {
  const text = 'apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec:\n  ipFamilyPolicy: RequireDualStack\n  ipFamilies: [IPv6, IPv4]\n  clusterIP: "fd00:10:96::20"\n  clusterIPs: ["fd00:10:96::20", 10.96.0.20]\n  ports: [{port: 80}]\n';
  const single = checkFiles([{ path: 'a.yaml', text }]).findings.filter((f) => f.rule === RULE);
  assert.deepEqual(single.map((f) => [f.severity, f.field]), [
    ['info', 'spec.ipFamilyPolicy'],
    ['info', 'spec.ipFamilies[0]'],
    ['info', 'spec.clusterIPs[0]'],
  ]);
  const dual = checkFiles([{ path: 'a.yaml', text }], { settings: { serviceCIDR: '10.96.0.0/12,fd00:10:96::/112' } }).findings.filter((f) => f.rule === RULE);
  assert.deepEqual(dual, []);
});

test('service-cluster-ip: the network and broadcast addresses of the range are not allocatable', () => {
  const mk = (ip: string) => `apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec:\n  clusterIP: ${ip}\n  ports: [{port: 80}]\n`;
  const run = (ip: string) => checkFiles([{ path: 'a.yaml', text: mk(ip) }], { settings: { serviceCIDR: '10.0.0.0/24' } }).findings.filter((f) => f.rule === RULE).length;
  assert.equal(run('10.0.0.0'), 1);
  assert.equal(run('10.0.0.255'), 1);
  assert.equal(run('10.0.0.1'), 0);
  assert.equal(run('10.0.0.254'), 0);
});

test('service-cluster-ip: an address of the wrong family for ipFamilies[i] is rejected', () => {
  const c = check(RULE, { 'a.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec:\n  ipFamilies: [IPv4]\n  clusterIP: "fd00::1"\n  ports: [{port: 80}]\n' });
  const e = c.findings.find((f) => f.severity === 'error')!;
  assert.equal(e.field, 'spec.clusterIPs[0]');
  assert.match(e.message, /spec\.clusterIPs\[0\]: Invalid value: "fd00::1": expected an IPv4 value as indicated by `ipFamilies\[0\]`\)$/);
});
