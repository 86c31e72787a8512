import * as assert from 'assert';
import * as vscode from 'vscode';
import { open, positionOf } from './helpers';

function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

suite('hovers', () => {
  test('hovering `type: NodePort` explains NodePort Services', async () => {
    const { document } = await open('web/service.yaml');
    const at = positionOf(document, 'NodePort', 2);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, at);
    const text = hoverText(hovers);
    assert.match(text, /NodePort/);
    assert.match(text, /every\*{0,2} node/);
    const ours = hovers.find((h) => h.range && document.getText(h.range) === 'NodePort');
    assert.ok(ours, 'the hover range covers the value NodePort');
  });

  test('hover markdown is untrusted', async () => {
    const { document } = await open('web/service.yaml');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, positionOf(document, 'targetPort: 80', 3));
    const md = hovers.flatMap((h) => h.contents).find((c): c is vscode.MarkdownString => typeof c !== 'string' && /targetPort/.test(c.value));
    assert.ok(md, 'a targetPort hover');
    assert.ok(!md.isTrusted, 'not trusted');
    assert.ok(!md.supportHtml, 'no HTML');
  });

  test('no Service Lab hover in YAML that is not Kubernetes', async () => {
    const { document } = await open('notes.yaml');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, positionOf(document, 'NodePort', 2));
    assert.doesNotMatch(hoverText(hovers), /every\*{0,2} node/);
  });
});
