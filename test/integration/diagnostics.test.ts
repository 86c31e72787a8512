import * as assert from 'assert';
import * as vscode from 'vscode';
import { codeOf, fixture, open, ours, positionOf, replaceText, setSetting, waitForDiagnostics, withCode, withoutCode } from './helpers';

suite('diagnostics', () => {
  test('a Service is checked against the Deployment in another file', async () => {
    const editor = await open('web/service.yaml');
    const doc = editor.document;
    const diags = await waitForDiagnostics(doc.uri, withCode('target-port-number-undeclared'), 'the targetPort warning');
    const d = diags.find((x) => codeOf(x) === 'target-port-number-undeclared')!;
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(doc.getText(d.range), '80');
    assert.equal(d.range.start.line, positionOf(doc, 'targetPort: 80').line);
    assert.match(d.message, /8080/);
    const code = d.code as { value: string; target: vscode.Uri };
    assert.equal(code.value, 'target-port-number-undeclared');
    assert.match(code.target.toString(), /docs\/rules\/target-port-number-undeclared\.md$/);
    const related = d.relatedInformation ?? [];
    assert.ok(related.length > 0, 'related information points at the container port');
    assert.equal(related[0]!.location.uri.toString(), fixture('web/deployment.yaml').toString());
    const deployment = await vscode.workspace.openTextDocument(fixture('web/deployment.yaml'));
    assert.match(deployment.getText(related[0]!.location.range), /8080/);
  });

  test('YAML that is not Kubernetes gets no diagnostics', async () => {
    const notes = await open('notes.yaml');
    const svc = await open('web/service.yaml');
    // Both documents are published in the same pass, so once the Service has its warning the notes were checked too.
    await waitForDiagnostics(svc.document.uri, withCode('target-port-number-undeclared'), 'the Service warning');
    assert.deepEqual(ours(notes.document.uri), []);
  });

  test('editing one file refreshes the open files it affects', async () => {
    const svc = await open('api/service.yaml');
    await waitForDiagnostics(svc.document.uri, (ds) => ds.length === 0, 'a clean api Service');
    const dep = await open('api/deployment.yaml');
    // Change the pod template's label (unsaved): the Service in the other file now selects nothing.
    const undo = await replaceText(dep.document, 'app: api\n    spec:', 'app: apx\n    spec:');
    try {
      await waitForDiagnostics(svc.document.uri, withCode('selector-no-match'), 'selector-no-match on the api Service');
    } finally {
      await undo();
    }
    await waitForDiagnostics(svc.document.uri, withoutCode('selector-no-match'), 'the warning to go away after the undo');
  });

  test('diagnostics follow typing in an unsaved document', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: typed\nspec:\n  ports:\n    - port: 80\n' });
    await vscode.window.showTextDocument(doc);
    await waitForDiagnostics(doc.uri, withoutCode('yaml-syntax'), 'the valid document to be checked');
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(doc.lineCount - 1, 0), '  selector: [unclosed\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const diags = await waitForDiagnostics(doc.uri, withCode('yaml-syntax'), 'a YAML syntax error');
    assert.equal(diags.find((d) => codeOf(d) === 'yaml-syntax')!.severity, vscode.DiagnosticSeverity.Error);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('files over serviceLab.maxFileSize get one hint instead of checks', async () => {
    const editor = await open('web/service.yaml');
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, withCode('target-port-number-undeclared'), 'the normal warning');
    const restore = await setSetting('maxFileSize', 100);
    try {
      const diags = await waitForDiagnostics(uri, (ds) => ds.length === 1 && codeOf(ds[0]!) === 'file-too-large', 'the file-too-large hint');
      assert.equal(diags[0]!.severity, vscode.DiagnosticSeverity.Information);
      assert.match(diags[0]!.message, /maxFileSize/);
    } finally {
      await restore();
    }
    await waitForDiagnostics(uri, withCode('target-port-number-undeclared'), 'checks to resume');
  });
});
