// The generated Kubernetes schema: drift against kubernetes-models, internal consistency, and no false
// unknown-field / field-type errors on real published manifests (../shared/corpus/real).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { checkFiles } from '../../src/core/index';
import type { Logger } from '../../src/core/index';
import { unknownFieldRule } from '../../src/core/rules/unknown-field';
import { fieldTypeRule } from '../../src/core/rules/field-type';
import { fieldsOf, schemaTypeOf } from '../../src/core/fieldSchema';
import { SCHEMA_KINDS, SCHEMA_KUBERNETES_VERSION, SCHEMA_TYPES } from '../../src/core/generated/schema';

const repoRoot = resolve(__dirname, '../..');
const corpusDir = resolve(repoRoot, '../shared/corpus/real');

test('schema: regenerating from kubernetes-models gives byte-identical files (drift check)', () => {
  const r = spawnSync(process.execPath, ['scripts/gen-schema.mjs', '--check'], { cwd: repoRoot, encoding: 'utf8' });
  assert.equal(r.stderr, '');
  assert.equal(r.stdout.trim(), 'schema: up to date');
  assert.equal(r.status, 0);
});

test('schema: every type code names a known type, and the tree stays small', () => {
  const scalar = new Set(['s', 'i', 'n', 'b', 'is', 'q', 'any']);
  const valid = (code: string): boolean => {
    if (code.startsWith('[') && code.endsWith(']')) return valid(code.slice(1, -1));
    if (code.startsWith('{') && code.endsWith('}')) return valid(code.slice(1, -1));
    return scalar.has(code) || Object.prototype.hasOwnProperty.call(SCHEMA_TYPES, code);
  };
  for (const [type, fields] of Object.entries(SCHEMA_TYPES)) {
    for (const [field, code] of Object.entries(fields)) assert.ok(valid(code), `${type}.${field}: ${code}`);
  }
  for (const t of Object.values(SCHEMA_KINDS)) assert.ok(SCHEMA_TYPES[t], t);
  assert.ok(statSync(join(repoRoot, 'src/core/generated/schema.ts')).size < 150_000);
});

test('schema: the fields the rules depend on have the right types', () => {
  assert.equal(schemaTypeOf('v1', 'Service'), 'Service');
  assert.equal(schemaTypeOf('apps/v1', 'Deployment'), 'Deployment');
  assert.equal(schemaTypeOf('extensions/v1beta1', 'Ingress'), undefined);
  assert.equal(schemaTypeOf('example.com/v1', 'Widget'), undefined);
  assert.deepEqual(fieldsOf('ServicePort'), { appProtocol: 's', name: 's', nodePort: 'i', port: 'i', protocol: 's', targetPort: 'is' });
  assert.equal(fieldsOf('ObjectMeta')?.['labels'], '{s}');
  assert.equal(fieldsOf('ObjectMeta')?.['managedFields'], '[ManagedFieldsEntry]');
  assert.equal(fieldsOf('ManagedFieldsEntry')?.['fieldsV1'], 'any');
  assert.equal(fieldsOf('ResourceRequirements')?.['limits'], '{q}');
  assert.equal(fieldsOf('RollingUpdateDeployment')?.['maxSurge'], 'is');
  assert.equal(fieldsOf('HTTPGetAction')?.['port'], 'is');
  assert.equal(fieldsOf('ServiceSpec')?.['ipFamilies'], '[s]');
  assert.equal(fieldsOf('ServiceSpec')?.['ipFamily'], undefined);
  assert.equal(fieldsOf('IngressServiceBackend')?.['port'], 'ServiceBackendPort');
  // kubernetes-models writes the claim templates inline: the generator names them PersistentVolumeClaim again.
  assert.equal(fieldsOf('StatefulSetSpec')?.['volumeClaimTemplates'], '[PersistentVolumeClaim]');
  assert.equal(fieldsOf('PersistentVolumeClaim')?.['spec'], 'PersistentVolumeClaimSpec');
  assert.equal(fieldsOf('PersistentVolumeClaim')?.['status'], 'any');
});

test('schema: it is Kubernetes 1.36, with the fields added since 1.30', () => {
  assert.equal(SCHEMA_KUBERNETES_VERSION, '1.36.0');
  // The generator checks the installed kubernetes-models against the release's marker fields.
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', "import('./scripts/gen-schema.mjs').then((m) => console.log(m.kubernetesRelease()))"], { cwd: repoRoot, encoding: 'utf8' });
  assert.equal(r.stdout.trim(), SCHEMA_KUBERNETES_VERSION, r.stderr);
  assert.equal(fieldsOf('PodSpec')?.['resources'], 'ResourceRequirements');
  assert.equal(fieldsOf('PodSpec')?.['hostnameOverride'], 's');
  assert.equal(fieldsOf('PodSpec')?.['schedulingGroup'], 'PodSchedulingGroup');
  assert.equal(fieldsOf('PodSpec')?.['workloadRef'], undefined); // 1.35 only
  assert.equal(fieldsOf('Lifecycle')?.['stopSignal'], 's');
  assert.equal(fieldsOf('Container')?.['restartPolicyRules'], '[ContainerRestartRule]');
  assert.equal(fieldsOf('ContainerRestartRuleOnExitCodes')?.['values'], '[i]');
  assert.equal(fieldsOf('VolumeProjection')?.['podCertificate'], 'PodCertificateProjection');
  assert.equal(fieldsOf('PodResourceClaim')?.['source'], undefined); // removed in 1.31
  const json = readFileSync(join(repoRoot, 'webview/playground/kubernetes.schema.json'), 'utf8');
  assert.match(JSON.parse(json).$comment as string, /from kubernetes-models \d+\.\d+\.\d+ \(Kubernetes 1\.36\.0\)/);
  assert.match(readFileSync(join(repoRoot, 'src/core/generated/schema.ts'), 'utf8'), /^\/\/ GENERATED by scripts\/gen-schema\.mjs from kubernetes-models \S+ \(Kubernetes 1\.36\.0\)/);
});

test('schema: the playground JSON Schema dispatches on apiVersion and kind', () => {
  const schema = JSON.parse(readFileSync(join(repoRoot, 'webview/playground/kubernetes.schema.json'), 'utf8')) as {
    $schema: string;
    allOf: { if: { properties: { apiVersion: { const: string }; kind: { const: string } } }; then: { $ref: string } }[];
    definitions: Record<string, { properties?: Record<string, { type?: unknown; description?: string }>; additionalProperties?: unknown }>;
  };
  assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
  const dispatch = schema.allOf.map((a) => `${a.if.properties.apiVersion.const}/${a.if.properties.kind.const}`).sort();
  assert.deepEqual(dispatch, Object.keys(SCHEMA_KINDS).sort());
  for (const a of schema.allOf) assert.ok(schema.definitions[a.then.$ref.replace('#/definitions/', '')], a.then.$ref);
  const port = schema.definitions['ServicePort']!;
  assert.equal(port.additionalProperties, false);
  assert.equal(port.properties!['port']!.type, 'integer');
  assert.deepEqual(port.properties!['targetPort']!.type, ['integer', 'string']);
  assert.match(port.properties!['port']!.description ?? '', /port that will be exposed/);
  assert.deepEqual((schema.definitions['Quantity'] as { type?: unknown }).type, ['string', 'number']);
  const refs = JSON.stringify(schema).match(/"#\/definitions\/[^"]+"/g) ?? [];
  for (const r of refs) assert.ok(schema.definitions[JSON.parse(r).replace('#/definitions/', '')], r);
});

/** Files SOURCES.md names as using a field the current API does not have. */
const EXPECTED: Readonly<Record<string, readonly string[]>> = {
  'kubernetes__website__content__en__examples__service__networking__dual-stack-ipv6-svc.yaml': ['unknown-field spec.ipFamily'],
  'kubernetes__website__content__en__examples__service__networking__dual-stack-ipv6-lb-svc.yaml': ['unknown-field spec.ipFamily'],
};

/** The corpus sits next to the repository (../shared); a clone elsewhere skips the corpus parts, as corpus.test.ts does. */
const corpusPresent = existsSync(corpusDir);
const noCorpus = `corpus folder not found at ${corpusDir} (clone the repository next to shared/)`;

test('schema: no false unknown-field or field-type errors on any real manifest (each file on its own)', { skip: corpusPresent ? false : noCorpus }, () => {
  const files = readdirSync(corpusDir).filter((f) => /\.ya?ml$/.test(f)).sort();
  assert.ok(files.length >= 100, `corpus has ${files.length} files`);
  for (const file of files) {
    const text = readFileSync(join(corpusDir, file), 'utf8');
    const { findings } = checkFiles([{ path: file, text }]);
    const got = findings.filter((f) => f.rule === 'unknown-field' || f.rule === 'field-type').map((f) => `${f.rule} ${f.field}`);
    assert.deepEqual(got, EXPECTED[file] ?? [], file);
  }
});

test('schema: yaml-language-server (the engine in monaco-yaml) agrees with the rules on fixtures and the corpus', async () => {
  const { getLanguageService } = await import('yaml-language-server');
  const { TextDocument } = await import('vscode-languageserver-textdocument');
  const schema = JSON.parse(readFileSync(join(repoRoot, 'webview/playground/kubernetes.schema.json'), 'utf8')) as Record<string, unknown>;
  const ls = getLanguageService({ schemaRequestService: () => Promise.resolve(JSON.stringify(schema)), workspaceContext: { resolveRelativePath: (p: string) => p } });
  ls.configure({ validate: true, completion: true, schemas: [{ uri: 'file:///kubernetes.schema.json', fileMatch: ['*.yaml'], schema }] });
  const diagnose = async (name: string, text: string): Promise<string[]> => {
    const doc = TextDocument.create(`file:///t/${name}`, 'yaml', 1, text);
    return (await ls.doValidation(doc, false)).map((d) => `${d.range.start.line + 1} ${d.message}`);
  };
  const fx = (rule: string, name: string) => readFileSync(join(repoRoot, 'test/fixtures/rules', rule, name), 'utf8');
  assert.deepEqual(await diagnose('g1.yaml', fx('unknown-field', 'good.yaml')), []);
  const bad = await diagnose('b1.yaml', fx('unknown-field', 'bad.yaml'));
  for (const key of ['lables', 'selectors', 'ipFamily', 'targetport', 'containers', 'containerport', 'colour', 'nodeport']) {
    assert.ok(bad.some((d) => d.includes(`Property ${key} is not allowed`)), key);
  }
  const badTypes = await diagnose('b2.yaml', fx('field-type', 'bad.yaml'));
  assert.ok(badTypes.includes('13 Incorrect type. Expected "integer".'), badTypes.join('\n'));
  assert.ok(badTypes.includes('7 Incorrect type. Expected "string".'), badTypes.join('\n'));
  // Real manifests: only the two documented spec.ipFamily files are flagged.
  if (!corpusPresent) return;
  const flagged: string[] = [];
  for (const file of readdirSync(corpusDir).filter((f) => /\.ya?ml$/.test(f) && !f.includes('__templates__')).sort()) {
    for (const d of await diagnose(file, readFileSync(join(corpusDir, file), 'utf8'))) flagged.push(`${file} ${d}`);
  }
  assert.deepEqual(flagged, [
    'kubernetes__website__content__en__examples__service__networking__dual-stack-ipv6-lb-svc.yaml 8 Property ipFamily is not allowed.',
    'kubernetes__website__content__en__examples__service__networking__dual-stack-ipv6-svc.yaml 6 Property ipFamily is not allowed.',
  ]);
  // Enums are completions, not errors: `effect: ""` is valid on a toleration; claim templates need no apiVersion/kind.
  const tolerations = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  tolerations:\n    - key: k\n      operator: Exists\n      effect: ""\n  containers:\n    - name: c\n      image: i\n';
  assert.deepEqual(await diagnose('t.yaml', tolerations), []);
  const typeAt = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: a\nspec:\n  type: \n';
  const types = await ls.doComplete(TextDocument.create('file:///t/type.yaml', 'yaml', 1, typeAt), { line: 5, character: 8 }, false);
  assert.deepEqual(types.items.map((i) => i.label).sort(), ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort']);
  // Completion inside a Service's spec offers its fields.
  const text = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: a\nspec:\n  \n';
  const list = await ls.doComplete(TextDocument.create('file:///t/c.yaml', 'yaml', 1, text), { line: 5, character: 2 }, false);
  const labels = list.items.map((i) => i.label);
  assert.ok(labels.includes('selector') && labels.includes('ports') && labels.includes('ipFamilies'), labels.join(','));
});

test('schema: the rules never throw on arbitrary values in known kinds', () => {
  const failures: string[] = [];
  const logger: Logger = { error: (m: string, ...a: unknown[]) => failures.push(`${m} ${String(a[0])}`), warn() {}, info() {} };
  const kinds = Object.keys(SCHEMA_KINDS).map((k) => ({ apiVersion: k.slice(0, k.lastIndexOf('/')), kind: k.slice(k.lastIndexOf('/') + 1) }));
  fc.assert(
    fc.property(fc.constantFrom(...kinds), fc.jsonValue({ maxDepth: 4 }), fc.jsonValue({ maxDepth: 3 }), (k, spec, meta) => {
      const text = stringify({ ...k, metadata: meta, spec });
      checkFiles([{ path: 'f.yaml', text }], { rules: [unknownFieldRule, fieldTypeRule], logger });
      return failures.length === 0;
    }),
    { numRuns: 300, seed: 42 },
  );
  assert.deepEqual(failures, []);
});

test('schema: the rules never throw on mangled manifests (anchors, tags, flow style, cut-off text)', () => {
  const failures: string[] = [];
  const logger: Logger = { error: (m: string, ...a: unknown[]) => failures.push(`${m} ${String(a[0])}`), warn() {}, info() {} };
  const base = readFileSync(join(repoRoot, 'test/fixtures/rules/field-type/bad.yaml'), 'utf8') + '---\n' + readFileSync(join(repoRoot, 'test/fixtures/rules/unknown-field/bad.yaml'), 'utf8');
  const piece = fc.constantFrom('&a ', '*a', '!!str ', '!!int ', '!custom ', '<<: *a\n', '? [x]\n', '{', '}', '[', ']', '- ', ': ', '\n', '  ', '"', "'", '~', 'yes', '1.5', '|\n', '#');
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.nat(base.length), piece, fc.nat(6)), { maxLength: 6 }), (edits) => {
      let text = base;
      for (const [at, ins, del] of edits) text = text.slice(0, Math.min(at, text.length)) + ins + text.slice(Math.min(at, text.length) + del);
      checkFiles([{ path: 'f.yaml', text }], { rules: [unknownFieldRule, fieldTypeRule], logger });
      return failures.length === 0;
    }),
    { numRuns: 300, seed: 7 },
  );
  assert.deepEqual(failures, []);
});
