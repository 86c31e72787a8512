import * as assert from 'assert';
import * as vscode from 'vscode';
import { codeOf, open, waitForDiagnostics, withCode, withoutCode } from './helpers';

suite('quick fixes', () => {
  test('the targetPort fix changes only the targetPort and clears the warning', async () => {
    const { document } = await open('web/service.yaml');
    const before = document.getText();
    const diags = await waitForDiagnostics(document.uri, withCode('target-port-number-undeclared'), 'the targetPort warning');
    const diag = diags.find((d) => codeOf(d) === 'target-port-number-undeclared')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diag.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title === 'Set targetPort to 8080');
    assert.ok(fix, `a "Set targetPort to 8080" fix among ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.equal(fix.isPreferred, true);
    assert.equal(fix.kind?.value, vscode.CodeActionKind.QuickFix.value);
    // (executeCodeActionProvider does not hand back `action.diagnostics`; the UI test sees the fix attached to the warning.)
    assert.ok(fix.edit, 'the fix carries a WorkspaceEdit');
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(document.getText(), before.replace('targetPort: 80\n', 'targetPort: 8080\n'));
    await waitForDiagnostics(document.uri, withoutCode('target-port-number-undeclared'), 'the warning to go away');
    // Put the fixture back for the other suites.
    const undo = new vscode.WorkspaceEdit();
    undo.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), before);
    assert.ok(await vscode.workspace.applyEdit(undo));
    await waitForDiagnostics(document.uri, withCode('target-port-number-undeclared'), 'the warning to come back');
  });

  test('no actions are offered for diagnostics of other sources', async () => {
    const { document } = await open('web/service.yaml');
    const foreign = new vscode.Diagnostic(new vscode.Range(0, 0, 0, 5), 'something else', vscode.DiagnosticSeverity.Warning);
    foreign.source = 'other';
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, foreign.range, vscode.CodeActionKind.QuickFix.value);
    assert.ok(!actions.some((a) => a.title.startsWith('Set targetPort')), 'no targetPort fix on the first line');
  });
});
