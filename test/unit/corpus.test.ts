// Real published manifests (../shared/corpus/real, see its SOURCES.md): no false errors, and every
// warning and info the checker raises is kept in corpus.snapshot.json, compared exactly (the errors
// that SOURCES.md allows are kept by rule and place).
// UPDATE_SNAPSHOTS=1 rewrites the snapshot; read the diff before committing it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkFiles } from '../../src/core/index';
import type { Finding, ParsedFile } from '../../src/core/index';

const repoRoot = resolve(__dirname, '../..');
const corpusDir = resolve(repoRoot, '../shared/corpus/real');
const snapshotFile = join(__dirname, 'corpus.snapshot.json');

/**
 * Files that SOURCES.md says are legitimately invalid for the API server, with the reason. Errors are
 * allowed (and snapshotted) only here.
 */
const MAY_HAVE_ERRORS: Readonly<Record<string, string>> = {
  'kubernetes__website__content__en__examples__service__networking__dual-stack-ipv6-svc.yaml': 'spec.ipFamily is not a field of core/v1 Service',
  'kubernetes__website__content__en__examples__service__networking__dual-stack-ipv6-lb-svc.yaml': 'spec.ipFamily is not a field of core/v1 Service',
  'kubernetes__ingress-nginx__docs__examples__docker-registry__ingress-with-tls.yaml': 'placeholder host registry.<your domain>',
  'kubernetes__ingress-nginx__docs__examples__auth__oauth-external-auth__oauth2-proxy.yaml': 'placeholder host __INGRESS_HOST__',
};

/**
 * Scopes. By default each upstream directory is one scope. In the directories listed here the files
 * are unrelated examples or alternative versions of one object (SOURCES.md table 2), so only the
 * groups named here are checked together and every other file of the directory is its own scope.
 */
const DIRECTORY_GROUPS: Readonly<Record<string, readonly (readonly string[])[]>> = {
  kubernetes__website__content__en__examples__service__networking: [['nginx-svc.yaml', 'run-my-nginx.yaml']],
  kubernetes__website__content__en__examples__service: [
    ['nginx-service.yaml', 'pod-with-graceful-termination.yaml'],
    ['explore-graceful-termination-nginx.yaml', 'pod-with-graceful-termination.yaml'],
  ],
  kubernetes__website__content__en__examples__application__mysql: [['mysql-services.yaml', 'mysql-statefulset.yaml']],
  kubernetes__website__content__en__examples__application__web: [],
  istio__istio__samples__bookinfo__platform__kube: [
    ['bookinfo.yaml', 'bookinfo-ingress.yaml', 'bookinfo-db.yaml'],
    ['bookinfo.yaml', 'productpage-nodeport.yaml'],
  ],
};

/** Files from another directory that a directory's files refer to (SOURCES.md: "defined in ..."). */
const EXTRA_FILES: Readonly<Record<string, readonly string[]>> = {
  'kubernetes__ingress-nginx__docs__examples__tls-termination': ['kubernetes__ingress-nginx__docs__examples__http-svc.yaml'],
  'kubernetes__ingress-nginx__docs__examples__affinity__cookie': ['kubernetes__ingress-nginx__docs__examples__http-svc.yaml'],
  'kubernetes__ingress-nginx__docs__examples__static-ip': ['kubernetes__ingress-nginx__docs__examples__http-svc.yaml'],
};

function scopes(files: readonly string[]): { name: string; files: string[] }[] {
  const byDir = new Map<string, string[]>();
  for (const f of files) {
    const dir = f.slice(0, f.lastIndexOf('__'));
    byDir.set(dir, [...(byDir.get(dir) ?? []), f]);
  }
  const out: { name: string; files: string[] }[] = [];
  for (const [dir, list] of byDir) {
    const groups = DIRECTORY_GROUPS[dir];
    if (!groups) {
      out.push({ name: dir, files: [...list, ...(EXTRA_FILES[dir] ?? [])] });
      continue;
    }
    const grouped = new Set<string>();
    for (const g of groups) {
      const members = g.map((base) => `${dir}__${base}`);
      for (const m of members) assert.ok(list.includes(m), `corpus file ${m} named in DIRECTORY_GROUPS is missing`);
      members.forEach((m) => grouped.add(m));
      out.push({ name: `${dir} [${g.join(' + ')}]`, files: members });
    }
    for (const f of list) if (!grouped.has(f)) out.push({ name: f, files: [f] });
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function render(f: Finding, parsed: readonly ParsedFile[]): string {
  const file = parsed.find((p) => p.path === f.file);
  const pos = file ? file.lines.positionAt(f.range.start) : { line: 0, character: 0 };
  const text = file ? file.text.slice(f.range.start, f.range.end) : '';
  const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  const head = `${f.file}:${pos.line + 1}:${pos.character + 1} ${f.severity} ${f.rule} ${f.field ?? '-'} «${shown}»`;
  // Allowed errors are kept by place only: their wording belongs to the error rules' own tests.
  return f.severity === 'error' ? head : `${head} ${f.message}`;
}

const present = existsSync(corpusDir);

test('real-manifest corpus: no false errors, warnings and hints match the snapshot', { skip: present ? false : `corpus folder not found at ${corpusDir} (clone the repository next to shared/)` }, () => {
  const files = readdirSync(corpusDir).filter((f) => f.endsWith('.yaml')).sort();
  assert.ok(files.length >= 100, `expected the corpus files, found ${files.length}`);
  const actual: Record<string, string[]> = {};
  const unexpectedErrors: string[] = [];
  for (const scope of scopes(files)) {
    const { findings, parsed } = checkFiles(scope.files.map((f) => ({ path: f, text: readFileSync(join(corpusDir, f), 'utf8') })));
    const lines: string[] = [];
    for (const f of findings) {
      if (f.severity === 'error' && !MAY_HAVE_ERRORS[f.file]) unexpectedErrors.push(`${scope.name}: ${render(f, parsed)}`);
      lines.push(render(f, parsed));
    }
    if (lines.length) actual[scope.name] = lines;
  }
  assert.deepEqual(unexpectedErrors, [], 'error findings on valid real manifests');
  if (process.env['UPDATE_SNAPSHOTS'] === '1') {
    writeFileSync(snapshotFile, JSON.stringify(actual, null, 1) + '\n');
    return;
  }
  assert.ok(existsSync(snapshotFile), `${snapshotFile} is missing: run with UPDATE_SNAPSHOTS=1 to create it`);
  const expected = JSON.parse(readFileSync(snapshotFile, 'utf8')) as Record<string, string[]>;
  assert.deepEqual(actual, expected, 'corpus findings changed: review them, then run with UPDATE_SNAPSHOTS=1 to accept');
});

test('corpus scoping: every file lands in a scope, errors are only allowed where SOURCES.md says so', { skip: !present }, () => {
  const files = readdirSync(corpusDir).filter((f) => f.endsWith('.yaml'));
  const covered = new Set(scopes(files).flatMap((s) => s.files));
  assert.deepEqual(files.filter((f) => !covered.has(f)), []);
  for (const f of Object.values(EXTRA_FILES).flat()) assert.ok(files.includes(f), `${f} is not in the corpus`);
  for (const f of Object.keys(MAY_HAVE_ERRORS)) assert.ok(files.includes(f), `${f} is not in the corpus`);
});
