// kube-proxy scenarios of KUBERNETES.md §G (G23, G46, G47, G48, G51, G52) through rules and traces.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { iptablesSave, nftables, trace } from '../../../src/core/sim/index';
import { deployment, pod, service, sim } from './simHelpers';

const onNode = (name: string, node: string) => pod(name, { app: 'web' }, { node });

test('G51: three ready endpoints give 0.3333333333, 0.5000000000, then an unconditional jump', () => {
  const s = sim(deployment('web', { app: 'web' }, 3) + service('web', '  selector: {app: web}\n  ports: [{name: http, port: 80, targetPort: http}]'));
  const rules = iptablesSave(s, 'default/web')!;
  const svcRules = rules.split('\n').filter((l) => l.startsWith('-A KUBE-SVC-') && l.includes('KUBE-SEP-'));
  assert.equal(svcRules.length, 3);
  assert.match(svcRules[0]!, /--probability 0\.3333333333 -j KUBE-SEP-/);
  assert.match(svcRules[1]!, /--probability 0\.5000000000 -j KUBE-SEP-/);
  assert.doesNotMatch(svcRules[2]!, /probability/);
  assert.match(rules, /-A KUBE-SERVICES -m comment --comment "default\/web:http cluster IP" -m tcp -p tcp -d 10\.\d+\.\d+\.\d+\/32 --dport 80 -j KUBE-SVC-/);
  const dnat = rules.split('\n').filter((l) => l.includes('DNAT --to-destination'));
  assert.equal(dnat.length, 3);
  for (const p of s.pods) assert.ok(dnat.some((l) => l.endsWith(`${p.ip}:8080`)), `DNAT to ${p.ip}:8080`);
  assert.ok(rules.startsWith('# ') && rules.includes('*filter\n') && rules.includes('*nat\n') && rules.trimEnd().endsWith('COMMIT'));
  const t = trace(s, { from: { kind: 'pod', pod: `default/${s.pods[0]!.name}` }, target: 'web:80' });
  assert.deepEqual(t.candidates.map((c) => c.probability), [1 / 3, 1 / 3, 1 / 3]);
});

test('G23: a Service with no endpoints gets a filter REJECT and traces are refused', () => {
  const s = sim(service('web', '  selector: {app: web}\n  ports: [{port: 80}]') + pod('client', { app: 'client' }));
  const rules = iptablesSave(s, 'default/web')!;
  assert.match(rules, /\*filter[\s\S]*-A KUBE-SERVICES -m comment --comment "default\/web has no endpoints" -m tcp -p tcp -d [\d.]+\/32 --dport 80 -j REJECT[\s\S]*\*nat/);
  assert.doesNotMatch(rules, /KUBE-SVC-/);
  assert.match(nftables(s, 'default/web')!, /no-endpoint-services[\s\S]*goto reject-chain/);
  const t = trace(s, { from: { kind: 'pod', pod: 'default/client' }, target: 'web:80' });
  assert.equal(t.outcome, 'connection-refused');
  assert.equal(t.pod, null);
});

test('G46: LoadBalancer with ETP Local: DROP on a node without a backend, no SNAT on the node with one', () => {
  const yaml = onNode('a', 'node-1') + service('web', '  type: LoadBalancer\n  externalTrafficPolicy: Local\n  selector: {app: web}\n  ports: [{port: 80, targetPort: 8080, nodePort: 30080}]');
  const s = sim(yaml);
  const svc = s.services[0]!;
  assert.ok(svc.healthCheckNodePort! >= 30000 && svc.healthCheckNodePort! <= 32767);
  const n2 = s.nodes.find((n) => n.name === 'node-2')!;
  const n1 = s.nodes.find((n) => n.name === 'node-1')!;
  const dropped = trace(s, { from: { kind: 'external' }, target: `${n2.ip}:30080` });
  assert.equal(dropped.outcome, 'dropped');
  assert.match(dropped.steps.at(-1)!.text, /no local endpoints|no ready backend/);
  const ok = trace(s, { from: { kind: 'external' }, target: `${n1.ip}:30080` });
  assert.equal(ok.outcome, 'delivered');
  assert.equal(ok.pod, 'default/a');
  const snat = ok.steps.find((x) => x.kind === 'snat');
  assert.ok(snat && snat.kind === 'snat' && snat.masquerade === false);
  const r2 = iptablesSave(s, 'default/web', 'node-2')!;
  assert.match(r2, /-A KUBE-EXTERNAL-SERVICES -m comment --comment "default\/web has no local endpoints" -m addrtype --dst-type LOCAL -m tcp -p tcp --dport 30080 -j DROP/);
  assert.match(r2, new RegExp(`-A KUBE-NODEPORTS -m comment --comment "default/web health check node port" -m tcp -p tcp --dport ${svc.healthCheckNodePort} -j ACCEPT`));
  const r1 = iptablesSave(s, 'default/web', 'node-1')!;
  assert.match(r1, /-A KUBE-EXT-\w+ -j KUBE-SVL-/);
  // The load balancer only sends to nodes whose health check passes.
  const lb = trace(s, { from: { kind: 'external' }, target: `${svc.loadBalancerIP}:80` });
  assert.equal(lb.outcome, 'delivered');
});

test('G47: NodePort with ETP Cluster masquerades and may reach a pod on any node', () => {
  const s = sim(onNode('a', 'node-1') + service('web', '  type: NodePort\n  selector: {app: web}\n  ports: [{port: 80, targetPort: 8080, nodePort: 30080}]'));
  const n3 = s.nodes.find((n) => n.name === 'node-3')!;
  const t = trace(s, { from: { kind: 'external' }, target: `${n3.ip}:30080` });
  assert.equal(t.outcome, 'delivered');
  assert.equal(t.pod, 'default/a');
  const snat = t.steps.find((x) => x.kind === 'snat');
  assert.ok(snat && snat.kind === 'snat' && snat.masquerade === true);
  assert.match(iptablesSave(s, 'default/web', 'node-3')!, /masquerade traffic for default\/web external destinations" -j KUBE-MARK-MASQ/);
});

test('G48: internalTrafficPolicy Local drops ClusterIP traffic from a node without a backend', () => {
  const s = sim(onNode('a', 'node-1') + pod('client', { app: 'client' }, { node: 'node-2' }) + pod('near', { app: 'client' }, { node: 'node-1' }) + service('web', '  internalTrafficPolicy: Local\n  selector: {app: web}\n  ports: [{port: 80, targetPort: 8080}]'));
  const t = trace(s, { from: { kind: 'pod', pod: 'default/client' }, target: 'web:80' });
  assert.equal(t.outcome, 'dropped');
  assert.match(iptablesSave(s, 'default/web', 'node-2')!, /"default\/web has no local endpoints" -m tcp -p tcp -d [\d.]+\/32 --dport 80 -j DROP/);
  const near = trace(s, { from: { kind: 'pod', pod: 'default/near' }, target: 'web:80' });
  assert.equal(near.outcome, 'delivered');
  assert.match(iptablesSave(s, 'default/web', 'node-1')!, /cluster IP" -m tcp -p tcp -d [\d.]+\/32 --dport 80 -j KUBE-SVL-/);
});

test('G52: a LoadBalancer IP with ipMode Proxy is not captured by kube-proxy', () => {
  const body = '  type: LoadBalancer\n  selector: {app: web}\n  ports: [{port: 80, targetPort: 8080}]';
  const status = (mode: string) => `status:\n  loadBalancer:\n    ingress:\n    - {ip: 198.51.100.7, ipMode: ${mode}}\n---\n`;
  const vip = sim(onNode('a', 'node-1') + service('web', body).replace(/---\n$/, '') + status('VIP'));
  const proxy = sim(onNode('a', 'node-1') + service('web', body).replace(/---\n$/, '') + status('Proxy'));
  assert.equal(vip.services[0]!.loadBalancerIP, '198.51.100.7');
  assert.match(iptablesSave(vip, 'default/web')!, /loadbalancer IP" -m tcp -p tcp -d 198\.51\.100\.7\/32/);
  assert.doesNotMatch(iptablesSave(proxy, 'default/web')!, /198\.51\.100\.7/);
  const from = { kind: 'pod' as const, pod: 'default/a' };
  const viaProxy = trace(proxy, { from, target: '198.51.100.7:80' });
  assert.ok(viaProxy.steps.some((x) => x.kind === 'kube-proxy' && /ipMode Proxy/.test(x.text)));
  const viaVip = trace(vip, { from, target: '198.51.100.7:80' });
  assert.ok(!viaVip.steps.some((x) => /ipMode Proxy/.test(x.text)));
  assert.equal(viaVip.outcome, 'delivered');
});

test('session affinity writes recent --rcheck rules before the random ones and --set in each SEP', () => {
  const s = sim(deployment('web', { app: 'web' }, 2) + service('web', '  sessionAffinity: ClientIP\n  selector: {app: web}\n  ports: [{port: 80, targetPort: 8080}]'));
  const lines = iptablesSave(s, 'default/web')!.split('\n').filter((l) => l.startsWith('-A KUBE-SVC-'));
  assert.match(lines[1]!, /-m recent --name KUBE-SEP-\w+ --rcheck --seconds 10800 --reap -j KUBE-SEP-/);
  assert.match(lines[3]!, /--probability 0\.5000000000/);
  assert.match(iptablesSave(s, 'default/web')!, /-m recent --name (KUBE-SEP-\w+) --set -m tcp -p tcp -j DNAT/);
});

test('headless and ExternalName Services get no rules', () => {
  const s = sim(service('db', '  clusterIP: None\n  selector: {app: db}\n  ports: [{port: 5432}]') + service('ext', '  type: ExternalName\n  externalName: example.com'));
  assert.match(iptablesSave(s, 'default/db')!, /headless: kube-proxy writes no rules/);
  assert.match(nftables(s, 'default/ext')!, /ExternalName Service: kube-proxy writes no rules/);
  assert.equal(iptablesSave(s, 'default/nope'), undefined);
});

test('nftables mode uses a numgen vmap over the endpoints', () => {
  const s = sim(deployment('web', { app: 'web' }, 3) + service('web', '  selector: {app: web}\n  ports: [{name: http, port: 80, targetPort: 8080}]'));
  const nft = nftables(s, 'default/web')!;
  assert.match(nft, /table ip kube-proxy \{/);
  assert.match(nft, /numgen random mod 3 vmap \{ 0 : goto endpoint-\w{8}-default\/web\/tcp\/http__[\d.]+\/8080 , 1 : goto/);
  assert.equal((nft.match(/dnat to [\d.]+:8080/g) ?? []).length, 3);
});

test('a numeric targetPort no container declares is delivered-undeclared; a port the Service lacks goes nowhere', () => {
  const s = sim(pod('client', { app: 'c' }) + pod('api', { app: 'api' }, { ports: ['http:8080'] }) + service('api', '  selector: {app: api}\n  ports: [{port: 80, targetPort: 9090}, {name: b, port: 81, targetPort: 8080}]'.replace('{port: 80', '{name: a, port: 80')));
  const from = { kind: 'pod' as const, pod: 'default/client' };
  const und = trace(s, { from, target: 'api:80' });
  assert.equal(und.outcome, 'delivered-undeclared');
  assert.equal(und.port, 9090);
  assert.match(und.steps.at(-1)!.text, /no container declares that port/);
  const ok = trace(s, { from, target: 'api:81' });
  assert.equal(ok.outcome, 'delivered');
  const dnat = ok.steps.find((x) => x.kind === 'dnat');
  assert.ok(dnat && dnat.kind === 'dnat' && dnat.to === `${s.pods.find((p) => p.name === 'api')!.ip}:8080`);
  const none = trace(s, { from, target: 'api:82' });
  assert.equal(none.outcome, 'no-route');
  assert.match(none.steps.at(-1)!.text, /has no port 82; its ports are 80, 81/);
});

test('pod traffic to a Local-policy nodePort is short-circuited to the cluster chain; hairpin is masqueraded', () => {
  const s = sim(onNode('a', 'node-1') + pod('client', { app: 'c' }, { node: 'node-2' }) + service('web', '  type: NodePort\n  externalTrafficPolicy: Local\n  selector: {app: web}\n  ports: [{port: 80, targetPort: 8080, nodePort: 30080}]'));
  const n2 = s.nodes.find((n) => n.name === 'node-2')!;
  const fromPod = trace(s, { from: { kind: 'pod', pod: 'default/client' }, target: `${n2.ip}:30080` });
  assert.equal(fromPod.outcome, 'delivered');
  assert.ok(fromPod.steps.some((x) => /short-circuited/.test(x.text)));
  assert.equal(trace(s, { from: { kind: 'external' }, target: `${n2.ip}:30080` }).outcome, 'dropped');
  const self = trace(s, { from: { kind: 'pod', pod: 'default/a' }, target: 'web:80' });
  const snat = self.steps.find((x) => x.kind === 'snat');
  assert.ok(snat && snat.kind === 'snat' && snat.masquerade && /hairpin/.test(snat.text));
});
