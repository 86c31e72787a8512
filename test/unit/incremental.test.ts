// The incremental Checker must always agree with a full check: after random edits (whole documents
// swapped, characters typed or deleted anywhere, files added and removed), its findings equal
// checkFiles on the same files, and remembered findings are really reused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { Checker, checkFiles, checkScope, ParseCache, parseFile, rules, Scope, splitDocuments } from '../../src/core/index';
import type { Rule } from '../../src/core/index';

const root = resolve(__dirname, '../..');

/** Every document of the rule fixtures and samples: services, workloads, Ingresses, slices, broken YAML. */
function documentPool(): string[] {
  const files: string[] = [];
  const rulesDir = join(root, 'test/fixtures/rules');
  for (const d of readdirSync(rulesDir).sort()) for (const f of readdirSync(join(rulesDir, d)).sort()) if (f.endsWith('.yaml')) files.push(join(rulesDir, d, f));
  for (const f of readdirSync(join(root, 'samples')).sort()) if (f.endsWith('.yaml')) files.push(join(root, 'samples', f));
  const docs: string[] = [];
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    for (const s of splitDocuments(text)) {
      let doc = text.slice(s.start, s.end).replace(/^---[^\n]*\n/, '');
      if (!doc.endsWith('\n')) doc += '\n';
      if (doc.trim()) docs.push(doc);
    }
  }
  return docs;
}

const pool = documentPool();

function join3(docs: readonly string[]): string {
  return docs.map((d) => `---\n${d}`).join('');
}

type Edit =
  | { type: 'replaceDoc'; file: number; doc: number; with: number }
  | { type: 'insertDoc'; file: number; at: number; doc: number }
  | { type: 'removeDoc'; file: number; doc: number }
  | { type: 'type'; file: number; at: number; text: string }
  | { type: 'delete'; file: number; at: number; length: number }
  | { type: 'removeFile'; file: number }
  | { type: 'addFile'; docs: number[] };

const poolIndex = fc.nat({ max: pool.length - 1 });
const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ type: fc.constant('replaceDoc' as const), file: fc.nat(), doc: fc.nat(), with: poolIndex }),
  fc.record({ type: fc.constant('insertDoc' as const), file: fc.nat(), at: fc.nat(), doc: poolIndex }),
  fc.record({ type: fc.constant('removeDoc' as const), file: fc.nat(), doc: fc.nat() }),
  fc.record({
    type: fc.constant('type' as const),
    file: fc.nat(),
    at: fc.nat(),
    text: fc.constantFrom('x', '1', ' ', '\n', ':', '-', '"', '{', '---\n', 'namespace: other\n', '  app: web\n', 'port: 80\n'),
  }),
  fc.record({ type: fc.constant('delete' as const), file: fc.nat(), at: fc.nat(), length: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ type: fc.constant('removeFile' as const), file: fc.nat() }),
  fc.record({ type: fc.constant('addFile' as const), docs: fc.array(poolIndex, { minLength: 1, maxLength: 4 }) }),
);

interface Model {
  /** path -> documents; texts are derived, except after character edits (then `text` wins). */
  files: { path: string; docs: string[]; text?: string }[];
  nextId: number;
}

function textOf(f: Model['files'][number]): string {
  return f.text ?? join3(f.docs);
}

function apply(model: Model, e: Edit): string[] {
  const changed: string[] = [];
  if (e.type === 'addFile') {
    const path = `file${model.nextId++}.yaml`;
    model.files.push({ path, docs: e.docs.map((i) => pool[i]!) });
    return [path];
  }
  if (model.files.length === 0) return changed;
  const f = model.files[e.file % model.files.length]!;
  switch (e.type) {
    case 'replaceDoc':
      if (f.docs.length) f.docs[e.doc % f.docs.length] = pool[e.with]!;
      f.text = undefined;
      break;
    case 'insertDoc':
      f.docs.splice(e.at % (f.docs.length + 1), 0, pool[e.doc]!);
      f.text = undefined;
      break;
    case 'removeDoc':
      if (f.docs.length) f.docs.splice(e.doc % f.docs.length, 1);
      f.text = undefined;
      break;
    case 'type': {
      const t = textOf(f);
      const at = e.at % (t.length + 1);
      f.text = t.slice(0, at) + e.text + t.slice(at);
      break;
    }
    case 'delete': {
      const t = textOf(f);
      const at = e.at % (t.length + 1);
      f.text = t.slice(0, at) + t.slice(at + e.length);
      break;
    }
    case 'removeFile':
      model.files.splice(model.files.indexOf(f), 1);
      return [f.path];
  }
  return [f.path];
}

test('incremental findings equal a full check after random edits', () => {
  fc.assert(
    fc.property(fc.array(fc.array(poolIndex, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 3 }), fc.array(editArb, { minLength: 1, maxLength: 25 }), (initial, edits) => {
      const model: Model = { files: initial.map((docs, i) => ({ path: `file${i}.yaml`, docs: docs.map((d) => pool[d]!) })), nextId: initial.length };
      const checker = new Checker();
      for (const f of model.files) checker.update(f.path, textOf(f));
      const compare = () => {
        const inputs = model.files.map((f) => ({ path: f.path, text: textOf(f) }));
        const full = checkFiles(inputs).findings;
        assert.deepStrictEqual(checker.findings(), full);
        for (const f of model.files) assert.deepStrictEqual(checker.findings(f.path), full.filter((x) => x.file === f.path));
      };
      compare();
      for (const e of edits) {
        for (const path of apply(model, e)) {
          const f = model.files.find((x) => x.path === path);
          if (f) checker.update(path, textOf(f));
          else checker.remove(path);
        }
        compare();
      }
    }),
    { numRuns: 120 },
  );
});

test('checkScope on an externally built scope equals the full check, edit after edit', () => {
  const cache = new ParseCache();
  const checker = new Checker({ cache });
  fc.assert(
    fc.property(fc.array(poolIndex, { minLength: 1, maxLength: 8 }), fc.nat(), fc.constantFrom('x', '\n', 'namespace: b\n'), (docs, at, typed) => {
      const text = join3(docs.map((d) => pool[d]!));
      const pos = at % (text.length + 1);
      for (const t of [text, text.slice(0, pos) + typed + text.slice(pos)]) {
        const scope = new Scope([parseFile('a.yaml', t, cache), parseFile('b.yaml', text, cache)]);
        assert.deepStrictEqual(checker.checkScope(scope), checkScope(scope));
      }
    }),
    { numRuns: 80 },
  );
});

/** The rules, wrapped to record each checkObject call as "Kind/name". */
function countingRules(): { rules: Rule[]; calls: string[] } {
  const calls: string[] = [];
  const wrapped = rules.map((r): Rule => (r.checkObject ? { ...r, checkObject: (o, c) => (calls.push(`${o.ref.kind}/${o.ref.name}`), r.checkObject!(o, c)) } : r));
  return { rules: wrapped, calls };
}

const workload = (name: string, ns: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  replicas: 1
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
        - name: main
          image: example/${name}:1
          ports:
            - name: http
              containerPort: 8080
`;
const service = (name: string, ns: string, target: string) => `apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  selector:
    app: ${name}
  ports:
    - port: 80
      targetPort: ${target}
`;

test('an edit re-runs rules only on the edited document and on readers of its namespace', () => {
  const docs = [workload('a', 'one'), service('a', 'one', 'http'), workload('b', 'two'), service('b', 'two', 'htp')];
  const { rules: counted, calls } = countingRules();
  const checker = new Checker({ rules: counted });
  checker.update('m.yaml', join3(docs));
  checker.findings();
  assert.ok(calls.length > 0);

  // A new object in a third namespace: only its own rules run, plus the rule whose finding points into
  // another document (Service b's typo names Deployment b's ports), which is always recomputed.
  const configMap = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: three\n';
  calls.length = 0;
  checker.update('m.yaml', join3([...docs, configMap]));
  const again = checker.findings();
  assert.deepStrictEqual([...new Set(calls)].sort(), ['ConfigMap/c', 'Service/b']);
  assert.ok(again.some((f) => f.rule === 'target-port-name-missing' && f.message.includes('htp')));

  // Editing the Deployment in namespace one re-runs it and namespace one's Service, not Deployment b.
  const edited = [workload('a', 'one').replace('replicas: 1', 'replicas: 22'), docs[1]!, docs[2]!, docs[3]!, configMap];
  calls.length = 0;
  checker.update('m.yaml', join3(edited));
  const after = checker.findings();
  assert.deepStrictEqual([...new Set(calls)].sort(), ['Deployment/a', 'Service/a', 'Service/b']);
  assert.deepStrictEqual(after, checkFiles([{ path: 'm.yaml', text: join3(edited) }], { rules: counted }).findings);
  // The remembered finding moved with its document (one more character before it).
  const typo = after.find((f) => f.rule === 'target-port-name-missing')!;
  assert.equal(join3(edited).slice(typo.range.start, typo.range.end), 'htp');
});

test('settings changes drop remembered findings', () => {
  const text = join3([service('a', 'one', '80').replace('port: 80', 'port: 80\n      nodePort: 31000').replace('spec:\n', 'spec:\n  type: NodePort\n')]);
  const checker = new Checker();
  checker.update('s.yaml', text);
  assert.ok(!checker.findings().some((f) => f.rule === 'service-node-port'));
  checker.setSettings({ nodePortRange: [30000, 30999] });
  const f = checker.findings().find((x) => x.rule === 'service-node-port');
  assert.ok(f, 'nodePort 31000 is outside the new range');
  assert.equal(text.slice(f.range.start, f.range.end), '31000');
});

test('two copies of the same document keep their own findings', () => {
  // A rule that treats the first and the later copies of a ConfigMap differently (through the scope).
  const laterCopy: Rule = {
    id: 'test-later-copy',
    defaultSeverity: 'warning',
    description: 'test only',
    kinds: ['ConfigMap'],
    checkObject(obj, ctx) {
      const first = ctx.scope.objects.find((o) => o.ref.kind === 'ConfigMap' && o.ref.name === obj.ref.name);
      if (first !== obj) ctx.report(obj, ['metadata', 'name'], 'a later copy');
    },
  };
  const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: same\n';
  const text = join3([cm, cm]);
  // One parse cache: both copies share one yaml Document, as in an editor.
  const scope = new Scope([parseFile('c.yaml', text, new ParseCache())]);
  const checker = new Checker({ rules: [laterCopy] });
  const expected = checkScope(scope, { rules: [laterCopy] });
  assert.equal(expected.length, 1);
  assert.ok(expected[0]!.range.start > text.indexOf('same') + 4, 'only the second copy is reported');
  // Checked twice with nothing changed: the second run comes from memory and must not mix the copies up.
  assert.deepStrictEqual(checker.checkScope(scope), expected);
  assert.deepStrictEqual(checker.checkScope(scope), expected);
});
