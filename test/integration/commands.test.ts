import * as assert from 'assert';
import * as vscode from 'vscode';
import { open, positionOf, waitForTab } from './helpers';

interface WorkspaceReport {
  yamlFiles: number;
  kubernetesFiles: number;
  services: number;
  ingresses: number;
  workloads: number;
  errors: number;
  warnings: number;
  infos: number;
}

suite('commands', () => {
  test('Check Workspace re-indexes and reports counts', async () => {
    const report = await vscode.commands.executeCommand<WorkspaceReport>('serviceLab.checkWorkspace');
    assert.equal(report.yamlFiles, 6);
    assert.equal(report.kubernetesFiles, 5);
    assert.equal(report.services, 2);
    assert.equal(report.ingresses, 1);
    assert.equal(report.workloads, 2);
    assert.ok(report.warnings >= 1, 'the targetPort warning is counted');
  });

  test('Explain Field at Cursor shows the explanation beside the editor', async () => {
    const editor = await open('web/service.yaml');
    const at = positionOf(editor.document, 'NodePort', 1);
    editor.selection = new vscode.Selection(at, at);
    const markdown = await vscode.commands.executeCommand<string | undefined>('serviceLab.explainField');
    assert.ok(markdown, 'an explanation for type: NodePort');
    assert.match(markdown, /NodePort/);
    await waitForTab(
      (i) => (i instanceof vscode.TabInputWebview && /markdown/i.test(i.viewType)) || (i instanceof vscode.TabInputText && i.uri.scheme === 'service-lab'),
      'a markdown preview (or the explanation document)',
    );
  });

  test('Explain Field at Cursor on nothing explains nothing', async () => {
    const editor = await open('notes.yaml');
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    assert.equal(await vscode.commands.executeCommand('serviceLab.explainField'), undefined);
  });
});
