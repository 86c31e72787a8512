import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { buildCli, runCli as run } from './cliKit';

const ROOT = process.cwd();
const SHOP = join(ROOT, 'test', 'fixtures', 'hover', 'shop.yaml');

before(buildCli);

test('explain Kind.path prints the static explanation as plain text', () => {
  const r = run(['explain', 'Service.spec.ports.targetPort']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^Service `spec\.ports\.targetPort`\n\nThe port on the pod where traffic arrives\./);
  assert.match(r.stdout, /\nRule: A number from 1 to 65535, or a port name/);
  assert.match(r.stdout, /\nKubernetes documentation: https:\/\/kubernetes\.io\/docs\/concepts\/services-networking\/service\/#port-definitions\n$/);
  assert.doesNotMatch(r.stdout, /\*\*/);
});

test('explain a value, as JSON', () => {
  const r = run(['explain', '--format', 'json', 'Service.spec.type=ExternalName']);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { markdown: string; range: unknown };
  assert.match(out.markdown, /^\*\*Service\*\* `spec\.type=ExternalName`/);
  assert.match(out.markdown, /only a DNS alias/);
  assert.equal(out.range, null);
});

test('an unknown field suggests the closest one and exits 1', () => {
  const r = run(['explain', 'Service.spec.prots.targetPort']);
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /no explanation for Service\.spec\.prots\.targetPort; did you mean Service\.spec\.ports\.targetPort\?/);
});

test('explain --at gives the hover with live facts and its range (1-based position in, 0-based range out)', () => {
  // Line 16 of shop.yaml is `      targetPort: http`; column 19 is inside `http`.
  const r = run(['explain', '--at', '16:19', '--format', 'json', SHOP]);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { markdown: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } };
  assert.deepEqual(out.range, { start: { line: 15, character: 18 }, end: { line: 15, character: 22 } });
  assert.match(out.markdown, /^\*\*Service\*\* `spec\.ports\[0\]\.targetPort`/);
  assert.match(out.markdown, /Deployment `web-b`: lands on container `server`, port 9090/);

  const text = run(['explain', '--at', '16:19', SHOP]);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /In this manifest:\n\n- Deployment `web-a`: lands on container `app`, port 8080 \(`http`\)\./);
});

test('explain --at uses the other files as scope', () => {
  const svc = 'apiVersion: v1\nkind: Service\nmetadata: {name: s, namespace: shop}\nspec:\n  selector: {app: web}\n  ports: [{port: 80, targetPort: http}]\n';
  const r = run(['explain', '--at', '5:14', '-', SHOP], svc);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /Selects the pods of Deployment `web-a` \(3 pods\)\./);
  assert.match(r.stdout, /Not Deployment `api`: its pod template has `app: api`, the selector wants `app: web`\./);
});

test('explain --at on a blank spot, bad positions and bad usage', () => {
  const blank = run(['explain', '--at', '1:1', SHOP]);
  assert.equal(blank.code, 1);
  assert.match(blank.stderr, /nothing to explain at .*shop\.yaml:1:1/);
  const json = run(['explain', '--at', '1:1', '--format', 'json', SHOP]);
  assert.equal(json.code, 1);
  assert.equal(json.stdout, 'null\n');
  assert.equal(run(['explain', '--at', '0:3', SHOP]).code, 2);
  assert.match(run(['explain', '--at', 'x', SHOP]).stderr, /--at must be <line>:<col>/);
  assert.match(run(['explain', '--at', '9999:1', SHOP]).stderr, /past the end/);
  assert.equal(run(['explain']).code, 2);
  assert.equal(run(['explain', 'Service']).code, 2);
  assert.equal(run(['explain', '--at', '1:1', join(ROOT, 'no-such-file.yaml')]).code, 2);
});

test('explain is listed in help', () => {
  const r = run(['help']);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /explain {2}\[--format text\|json\] <Kind\.field\.path>/);
});
