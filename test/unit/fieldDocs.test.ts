import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FIELD_DOCS, docPath, escapeMarkdown, explainField, explainableFields, markdownToPlain, mdCode } from '../../src/core/index';

/** Every field and value the hovers promise to explain (docs/hovers.md). */
const REQUIRED = [
  'Service:metadata.name',
  'Service:metadata.namespace',
  'Service:metadata.labels',
  'Service:spec.selector',
  'Service:spec.type',
  'Service:spec.ports',
  'Service:spec.ports[*].name',
  'Service:spec.ports[*].port',
  'Service:spec.ports[*].targetPort',
  'Service:spec.ports[*].nodePort',
  'Service:spec.ports[*].protocol',
  'Service:spec.ports[*].appProtocol',
  'Service:spec.clusterIP',
  'Service:spec.clusterIPs',
  'Service:spec.ipFamilies',
  'Service:spec.ipFamilyPolicy',
  'Service:spec.sessionAffinity',
  'Service:spec.sessionAffinityConfig',
  'Service:spec.sessionAffinityConfig.clientIP.timeoutSeconds',
  'Service:spec.externalIPs',
  'Service:spec.externalName',
  'Service:spec.externalTrafficPolicy',
  'Service:spec.internalTrafficPolicy',
  'Service:spec.healthCheckNodePort',
  'Service:spec.loadBalancerIP',
  'Service:spec.loadBalancerSourceRanges',
  'Service:spec.loadBalancerClass',
  'Service:spec.allocateLoadBalancerNodePorts',
  'Service:spec.publishNotReadyAddresses',
  'Service:spec.trafficDistribution',
  'Service:spec.type=ClusterIP',
  'Service:spec.type=NodePort',
  'Service:spec.type=LoadBalancer',
  'Service:spec.type=ExternalName',
  'Service:spec.clusterIP=None',
  'Ingress:spec.ingressClassName',
  'Ingress:spec.defaultBackend',
  'Ingress:spec.defaultBackend.service.name',
  'Ingress:spec.defaultBackend.service.port.number',
  'Ingress:spec.rules',
  'Ingress:spec.rules[*].host',
  'Ingress:spec.rules[*].http.paths[*].path',
  'Ingress:spec.rules[*].http.paths[*].pathType',
  'Ingress:spec.rules[*].http.paths[*].backend.service.name',
  'Ingress:spec.rules[*].http.paths[*].backend.service.port.number',
  'Ingress:spec.rules[*].http.paths[*].backend.service.port.name',
  'Ingress:spec.rules[*].http.paths[*].backend.resource',
  'Ingress:spec.tls[*].hosts',
  'Ingress:spec.tls[*].secretName',
  'Ingress:spec.rules[*].http.paths[*].pathType=Exact',
  'Ingress:spec.rules[*].http.paths[*].pathType=Prefix',
  'Ingress:spec.rules[*].http.paths[*].pathType=ImplementationSpecific',
  'IngressClass:spec.controller',
  'PodTemplate:metadata.labels',
  'Workload:spec.selector',
  'Workload:spec.selector.matchLabels',
  'Workload:spec.selector.matchExpressions',
  'Workload:spec.replicas',
  'PodTemplate:spec.containers[*].ports[*].containerPort',
  'PodTemplate:spec.containers[*].ports[*].name',
  'PodTemplate:spec.containers[*].ports[*].protocol',
  'PodTemplate:spec.containers[*].readinessProbe',
  'PodTemplate:spec.containers[*].livenessProbe',
  'PodTemplate:spec.containers[*].startupProbe',
  'PodTemplate:spec.containers[*].readinessProbe.httpGet.port',
  'PodTemplate:spec.containers[*].readinessProbe.tcpSocket.port',
  'PodTemplate:spec.containers[*].livenessProbe.httpGet.port',
  'PodTemplate:spec.containers[*].livenessProbe.tcpSocket.port',
  'PodTemplate:spec.containers[*].startupProbe.httpGet.port',
  'PodTemplate:spec.containers[*].startupProbe.tcpSocket.port',
  'PodTemplate:spec.initContainers[*].ports[*].containerPort',
  'StatefulSet:spec.serviceName',
  'PodTemplate:spec.hostname',
  'PodTemplate:spec.subdomain',
];

test('every promised field and value has an entry', () => {
  const missing = REQUIRED.filter((k) => !(k in FIELD_DOCS));
  assert.deepEqual(missing, []);
});

test('every entry has a short explanation, a rule and a kubernetes.io link', () => {
  for (const [key, doc] of Object.entries(FIELD_DOCS)) {
    assert.match(key, /^[A-Za-z]+:[A-Za-z.[\]*]+(=[A-Za-z]+)?$/, `key shape: ${key}`);
    assert.ok(doc.explain.trim().length >= 20, `explain too short: ${key}`);
    const sentences = doc.explain.split(/(?<=[.!?])\s+(?=[A-Z`])/).filter((x) => x.trim());
    assert.ok(sentences.length >= 1 && sentences.length <= 3, `explain must be 1-3 sentences: ${key} has ${sentences.length}`);
    assert.ok(doc.rule.trim().length >= 10, `rule too short: ${key}`);
    assert.match(doc.link, /^https:\/\/kubernetes\.io\/docs\/[a-z0-9/-]+\/(#[a-z0-9-]+)?$/, `link: ${key}`);
    // Entry text is trusted Markdown, but outside code spans it must not carry raw HTML or links.
    const prose = (doc.explain + ' ' + doc.rule).replace(/`[^`]*`/g, '');
    assert.doesNotMatch(prose, /<[a-z/]|\]\(/i, `no HTML or links in ${key}`);
    assert.equal((doc.explain.match(/`/g) ?? []).length % 2, 0, `balanced backticks in ${key}`);
    assert.equal((doc.rule.match(/`/g) ?? []).length % 2, 0, `balanced backticks in ${key}`);
  }
});

test('facts in entries match KUBERNETES.md', () => {
  assert.match(FIELD_DOCS['Service:spec.ports[*].name']!.rule, /63/);
  assert.match(FIELD_DOCS['PodTemplate:spec.containers[*].ports[*].name']!.rule, /15 characters/);
  assert.match(FIELD_DOCS['Service:spec.sessionAffinityConfig.clientIP.timeoutSeconds']!.rule, /86400.*10800/);
  assert.match(FIELD_DOCS['Service:spec.ports[*].nodePort']!.rule, /30000-32767/);
  assert.match(FIELD_DOCS['Ingress:spec.rules[*].http.paths[*].pathType']!.rule, /no default/);
  assert.match(FIELD_DOCS['Service:spec.ports[*].targetPort']!.rule, /"8080"/);
  assert.match(FIELD_DOCS['Service:metadata.name']!.rule, /DNS-1035/);
  assert.match(FIELD_DOCS['Ingress:metadata.name']!.rule, /DNS-1123 subdomain/);
});

test('docPath turns indexes into [*]', () => {
  assert.equal(docPath(['spec', 'ports', 3, 'targetPort']), 'spec.ports[*].targetPort');
  assert.equal(docPath(['spec', 'rules', 0, 'http', 'paths', 12]), 'spec.rules[*].http.paths[*]');
  assert.equal(docPath([]), '');
});

test('explainField accepts dotted paths with or without indexes, values and workload template paths', () => {
  const a = explainField('Service', 'spec.ports.targetPort');
  assert.equal(a?.key, 'Service:spec.ports[*].targetPort');
  assert.equal(explainField('service', 'spec.ports[0].targetPort')?.key, 'Service:spec.ports[*].targetPort');
  assert.equal(explainField('Service', 'spec.type=NodePort')?.key, 'Service:spec.type=NodePort');
  assert.equal(explainField('Ingress', 'spec.rules.http.paths.pathType=Prefix')?.key, 'Ingress:spec.rules[*].http.paths[*].pathType=Prefix');
  assert.equal(explainField('Deployment', 'spec.template.spec.containers.ports.name')?.key, 'PodTemplate:spec.containers[*].ports[*].name');
  assert.equal(explainField('CronJob', 'spec.jobTemplate.spec.template.metadata.labels')?.key, 'PodTemplate:metadata.labels');
  assert.equal(explainField('Pod', 'spec.subdomain')?.key, 'PodTemplate:spec.subdomain');
  assert.equal(explainField('Deployment', 'spec.replicas')?.key, 'Workload:spec.replicas');
  assert.equal(explainField('StatefulSet', 'spec.serviceName')?.key, 'StatefulSet:spec.serviceName');
  assert.equal(explainField('Service', 'spec.nope'), undefined);
  assert.equal(explainField('Service', 'spec.type=Bogus'), undefined);
  assert.equal(explainField('Widget', 'spec'), undefined);
  assert.match(a!.markdown, /\*\*Rule:\*\*/);
  assert.match(a!.markdown, /\[Kubernetes documentation\]\(https:\/\/kubernetes\.io\//);
  assert.ok(explainableFields().includes('Service.spec.ports.targetPort'));
});

test('escapeMarkdown neutralizes links, images, HTML, emphasis and line breaks', () => {
  assert.equal(escapeMarkdown('[x](javascript:alert(1))'), '\\[x\\]\\(javascript\\:alert\\(1\\)\\)');
  assert.equal(escapeMarkdown('<img src=x onerror=alert(1)>'), '\\<img src\\=x onerror\\=alert\\(1\\)\\>');
  assert.equal(escapeMarkdown('**bold** _it_ `code` ![i](u) a&amp;b'), '\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\!\\[i\\]\\(u\\) a\\&amp;b');
  assert.equal(escapeMarkdown('line1\nline2\r\n# head'), 'line1 line2 \\# head');
  assert.equal(escapeMarkdown('web-app.v1'), 'web\\-app\\.v1');
  assert.equal(escapeMarkdown('plain words 123'), 'plain words 123');
  assert.equal(markdownToPlain(escapeMarkdown('[x](y) <b> *z*')), '[x](y) <b> *z*');
});

test('mdCode fences any text as one literal code span', () => {
  assert.equal(mdCode('web'), '`web`');
  assert.equal(mdCode('a`b'), '``a`b``');
  assert.equal(mdCode('`x`'), '`` `x` ``');
  assert.equal(mdCode('a\nb'), '`a b`');
  assert.equal(mdCode(''), '`""`');
});

test('markdownToPlain keeps link targets and drops emphasis', () => {
  assert.equal(markdownToPlain('**Rule:** x\n\n[Kubernetes documentation](https://kubernetes.io/docs/a/)'), 'Rule: x\n\nKubernetes documentation: https://kubernetes.io/docs/a/');
});

test('mdCode and escapeMarkdown shorten long manifest text and say how much they left out', () => {
  assert.equal(mdCode('x'.repeat(300)), '`' + 'x'.repeat(300) + '`');
  assert.equal(mdCode('x'.repeat(1300)), '`' + 'x'.repeat(300) + '` … (1,000 more characters)');
  assert.equal(escapeMarkdown('y'.repeat(301)), 'y'.repeat(300) + ' … (1 more character)');
  // Never cut inside a surrogate pair: the emoji is kept whole or left out whole.
  const emoji = 'z'.repeat(299) + '🙂' + 'z'.repeat(10);
  assert.equal(mdCode(emoji), '`' + 'z'.repeat(299) + '` … (12 more characters)');
});
