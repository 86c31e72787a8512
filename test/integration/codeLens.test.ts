import * as assert from 'assert';
import * as vscode from 'vscode';
import { EXTENSION_ID, open, positionOf, waitForDiagnostics, withCode } from './helpers';

async function lenses(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  return vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 10);
}

function visualizeContributed(): boolean {
  const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes?: { commands?: { command: string }[] } };
  return (pkg.contributes?.commands ?? []).some((c) => c.command === 'serviceLab.visualize');
}

suite('CodeLens', () => {
  test('a Service gets a traffic summary from the Deployment in another file', async () => {
    const { document } = await open('web/service.yaml');
    await waitForDiagnostics(document.uri, withCode('target-port-number-undeclared'), 'the workspace to be indexed');
    const list = await lenses(document.uri);
    const titles = list.map((l) => l.command?.title ?? '');
    assert.ok(titles.includes('3 endpoints · NodePort 30080 · 80→80'), `summary among ${JSON.stringify(titles)}`);
    assert.equal(list[0]!.range.start.line, positionOf(document, 'apiVersion').line);
    const visualize = list.filter((l) => l.command?.command === 'serviceLab.visualize');
    assert.equal(visualize.length, visualizeContributed() ? 1 : 0);
    if (visualize.length) assert.equal((visualize[0]!.command!.arguments?.[0] as vscode.Uri).toString(), document.uri.toString());
  });

  test('an Ingress gets its backends and path count', async () => {
    const { document } = await open('web/ingress.yaml');
    const titles = (await lenses(document.uri)).map((l) => l.command?.title ?? '');
    assert.ok(titles.includes('→ web:80 · 2 paths'), `summary among ${JSON.stringify(titles)}`);
  });

  test('YAML that is not Kubernetes gets no lenses', async () => {
    const { document } = await open('notes.yaml');
    assert.deepEqual(await lenses(document.uri), []);
  });
});
