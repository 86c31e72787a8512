// `service-lab simulate | trace | rules`, spawned as a user would run them.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCli, runCli as run } from '../cliKit';

const ROOT = process.cwd();
const SHOP = join(ROOT, 'test', 'fixtures', 'sim', 'shop.yaml');

before(buildCli);

test('simulate --format json follows the contract', () => {
  const r = run(['simulate', '--format', 'json', '--seed', '3', SHOP]);
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(j), ['services', 'pods', 'ingresses']);
  const web = j.services.find((s: { name: string }) => s.name === 'web');
  assert.deepEqual(Object.keys(web), ['namespace', 'name', 'type', 'clusterIP', 'headless', 'ports', 'endpoints', 'receivesTraffic', 'dns']);
  assert.deepEqual(Object.keys(web.ports[0]), ['name', 'port', 'targetPort', 'nodePort', 'protocol']);
  assert.deepEqual(Object.keys(web.endpoints[0]), ['pod', 'node', 'ip', 'ready', 'serving', 'terminating', 'ports']);
  assert.equal(web.receivesTraffic.http.length, 3);
  assert.equal(web.ports[0].targetPort, 'http');
  const db = j.services.find((s: { name: string }) => s.name === 'db');
  assert.equal(db.receivesTraffic, null);
  assert.equal(db.headless, true);
  assert.deepEqual(Object.keys(j.pods[0]), ['namespace', 'name', 'owner', 'node', 'ip', 'phase', 'ready', 'labels']);
  assert.deepEqual(Object.keys(j.ingresses[0]), ['namespace', 'name', 'class', 'rules']);
  // Deterministic: the same seed prints the same bytes.
  assert.equal(run(['simulate', '--format', 'json', '--seed', '3', SHOP]).stdout, r.stdout);
  assert.notEqual(run(['simulate', '--format', 'json', '--seed', '4', SHOP]).stdout, r.stdout);
});

test('simulate text output reads the manifest from stdin', () => {
  const r = run(['simulate', '--nodes', '2', '-'], readFileSync(SHOP, 'utf8'));
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^Cluster: node-1 \(192\.168\.49\.2\), node-2 \(192\.168\.49\.3\); Service CIDR 10\.96\.0\.0\/12; seed 1\n/);
  assert.match(r.stdout, /\nService default\/web {2}NodePort {2}ClusterIP 10\.\d+\.\d+\.\d+\n {2}port http 80\/TCP -> targetPort http, nodePort 3\d{4}\n {4}traffic goes to: web-/);
  assert.match(r.stdout, /\nService default\/db {2}ClusterIP {2}headless \(no ClusterIP\)\n/);
  assert.match(r.stdout, /\n {2}\[ReplicaSet controller\] ReplicaSet web-\w+ created pod web-\w+-\w+ on node-\d\.\n/);
});

test('trace --format json through the Ingress', () => {
  const r = run(['trace', '--format', 'json', '--from', 'external', 'http://shop.example.com/cart', SHOP]);
  assert.equal(r.code, 0, r.stderr);
  const t = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(t), ['outcome', 'steps', 'candidates', 'pod', 'port']);
  assert.equal(t.outcome, 'delivered');
  const ing = t.steps.find((s: { kind: string }) => s.kind === 'ingress');
  assert.deepEqual({ ...ing, text: undefined }, { kind: 'ingress', text: undefined, ingress: 'default/site', match: 'rule', service: 'default/web', port: 'http' });
  assert.equal(t.candidates.length, 3);
  assert.deepEqual(Object.keys(t.candidates[0]), ['pod', 'port', 'probability']);
  assert.equal(t.port, 8080);
  assert.match(t.pod, /^default\/web-/);
});

test('trace outcomes and exit codes', () => {
  const none = run(['trace', '--from', 'external', 'http://nowhere.example.com/', SHOP]);
  assert.equal(none.code, 1);
  assert.match(none.stdout, /=> no route\n$/);
  const nx = run(['trace', '--format', 'json', '--from', 'pod:default/db-0', 'missing:80', SHOP]);
  assert.equal(nx.code, 1);
  assert.equal(JSON.parse(nx.stdout).outcome, 'nxdomain');
  const ok = run(['trace', '--from', 'node:node-1', 'web.default.svc.cluster.local:80', SHOP]);
  assert.equal(ok.code, 0, ok.stdout + ok.stderr);
  assert.match(ok.stdout, /^1\. \[dns\] DNS: web\.default\.svc\.cluster\.local → 10\./);
  assert.match(ok.stdout, /\[snat\] The packet is masqueraded/);
});

test('rules prints iptables-save and nft output', () => {
  const r = run(['rules', 'default/web', SHOP]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /\n\*nat\n/);
  assert.match(r.stdout, /-A KUBE-NODEPORTS -m comment --comment default\/web:http -m tcp -p tcp --dport 3\d{4} -j KUBE-EXT-[A-Z2-7]{16}\n/);
  const n = run(['rules', '--mode', 'nftables', '--node', 'node-2', 'default/lb', SHOP]);
  assert.equal(n.code, 0, n.stderr);
  assert.match(n.stdout, /as seen on node-2\.\ntable ip kube-proxy \{/);
});

test('bad usage exits 2 with a clear message', () => {
  const cases: [string[], RegExp][] = [
    [['trace', 'http://x/', SHOP], /trace needs --from/],
    [['trace', '--from', 'moon', 'http://x/', SHOP], /--from must be external, node:NAME or pod:NS\/NAME/],
    [['trace', '--from', 'external'], /trace needs a target/],
    [['simulate', '--seed', 'abc', SHOP], /--seed must be a whole number/],
    [['simulate', '--nodes', '0', SHOP], /--nodes must be between 1 and 100/],
    [['simulate', '--bogus', SHOP], /unknown option --bogus/],
    [['rules', 'default/nope', SHOP], /no Service "default\/nope" in these inputs; Services: default\/web/],
    [['rules', '--mode', 'ipvs', 'default/web', SHOP], /--mode must be iptables or nftables/],
    [['rules', '--node', 'node-9', 'default/web', SHOP], /there is no node "node-9"/],
    [['simulate', '/no/such/file.yaml'], /no such file or directory/],
  ];
  for (const [args, msg] of cases) {
    const r = run(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stdout}`);
    assert.match(r.stderr, msg);
  }
});
