// The host <-> webview message guards: well-formed messages pass, anything else is dropped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isClusterAction, isHostToWebview, isWebviewToHost, MAX_ACTIONS, sanitizeUiState } from '../../../src/shared/protocol';

test('webview → host: ready, reveal and log pass; malformed variants are rejected', () => {
  assert.equal(isWebviewToHost({ type: 'ready' }), true);
  assert.equal(isWebviewToHost({ type: 'reveal', path: 'file:///a.yaml', version: 3, range: { start: 1, end: 9 } }), true);
  assert.equal(isWebviewToHost({ type: 'log', level: 'warn', message: 'x' }), true);
  for (const bad of [
    null,
    undefined,
    'ready',
    [],
    {},
    { type: 'nope' },
    { type: 'reveal', path: 'a', version: 1, range: { start: 9, end: 1 } },
    { type: 'reveal', path: 'a', version: -1, range: { start: 0, end: 1 } },
    { type: 'reveal', path: 'a', version: 1.5, range: { start: 0, end: 1 } },
    { type: 'reveal', path: 5, version: 1, range: { start: 0, end: 1 } },
    { type: 'reveal', path: 'a', version: 1 },
    { type: 'log', level: 'debug', message: 'x' },
    { type: 'log', level: 'info', message: 'x'.repeat(20_000) },
    { type: 'apply', edits: [] },
  ]) {
    assert.equal(isWebviewToHost(bad), false, JSON.stringify(bad));
  }
});

test('host → webview: manifest, cursor and empty pass; wrong shapes are rejected', () => {
  const file = { path: 'file:///a.yaml', text: 'kind: Service', version: 1 };
  assert.equal(isHostToWebview({ type: 'manifest', files: [file], activePath: 'file:///a.yaml' }), true);
  assert.equal(isHostToWebview({ type: 'manifest', files: [file], activePath: 'a', settings: { nodePortRange: [30000, 32767], rules: { 'selector-no-match': 'off' } } }), true);
  assert.equal(isHostToWebview({ type: 'cursor', path: 'a', offset: 0 }), true);
  assert.equal(isHostToWebview({ type: 'empty', reason: 'no YAML' }), true);
  for (const bad of [
    { type: 'manifest', files: 'x', activePath: 'a' },
    { type: 'manifest', files: [{ path: 'a', text: 1, version: 1 }], activePath: 'a' },
    { type: 'manifest', files: [file], activePath: 'a', settings: { rules: { x: 'loud' } } },
    { type: 'manifest', files: [file], activePath: 'a', settings: { nodePortRange: [1] } },
    { type: 'cursor', path: 'a', offset: -4 },
    { type: 'empty' },
    { type: 'init' },
  ]) {
    assert.equal(isHostToWebview(bad), false, JSON.stringify(bad));
  }
});

test('cluster actions are validated one by one', () => {
  assert.equal(isClusterAction({ type: 'killPod', pod: 'default/web-1' }), true);
  assert.equal(isClusterAction({ type: 'scale', workload: 'Deployment/default/web', replicas: 4 }), true);
  assert.equal(isClusterAction({ type: 'readiness', pod: 'default/web-1', ready: false }), true);
  assert.equal(isClusterAction({ type: 'failNode', node: 'node-1' }), true);
  assert.equal(isClusterAction({ type: 'scale', workload: 'w', replicas: 1000 }), false);
  assert.equal(isClusterAction({ type: 'readiness', pod: 'p', ready: 'no' }), false);
  assert.equal(isClusterAction({ type: 'editManifest', scope: {} }), false);
});

test('persisted UI state is sanitised: unknown fields dropped, bad values ignored, actions capped', () => {
  assert.deepEqual(sanitizeUiState(undefined), {});
  assert.deepEqual(sanitizeUiState('x'), {});
  const actions = Array.from({ length: MAX_ACTIONS + 5 }, (_, i) => ({ type: 'killPod', pod: `default/p-${i}` }));
  const s = sanitizeUiState({ activePath: 'file:///a.yaml', selectedId: 'svc:default/web', sideView: 'dns', zoom: 1.5, extra: 1, actions: [...actions, { type: 'bogus' }] });
  assert.equal(s.activePath, 'file:///a.yaml');
  assert.equal(s.selectedId, 'svc:default/web');
  assert.equal(s.sideView, 'dns');
  assert.equal(s.zoom, 1.5);
  assert.equal(s.actions?.length, MAX_ACTIONS);
  assert.deepEqual(s.actions?.at(-1), { type: 'killPod', pod: `default/p-${MAX_ACTIONS + 4}` });
  assert.equal('extra' in s, false);
  assert.deepEqual(sanitizeUiState({ sideView: 'secrets', zoom: 99, selectedId: 7 }), {});
});
