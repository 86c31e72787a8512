import * as assert from 'assert';
import * as vscode from 'vscode';
import { codeOf, open, setSetting, waitForDiagnostics, withCode, withoutCode } from './helpers';

const RULE = 'target-port-number-undeclared';

suite('settings', () => {
  test('serviceLab.rules changes a rule severity and turns it off', async () => {
    const { document } = await open('web/service.yaml');
    await waitForDiagnostics(document.uri, withCode(RULE), 'the default warning');
    const restore = await setSetting('rules', { [RULE]: 'error' });
    try {
      await waitForDiagnostics(document.uri, (ds) => ds.some((d) => codeOf(d) === RULE && d.severity === vscode.DiagnosticSeverity.Error), 'the rule as an error');
      await vscode.workspace.getConfiguration('serviceLab').update('rules', { [RULE]: 'off' }, vscode.ConfigurationTarget.Workspace);
      await waitForDiagnostics(document.uri, withoutCode(RULE), 'the rule turned off');
    } finally {
      await restore();
    }
    const back = await waitForDiagnostics(document.uri, withCode(RULE), 'the default again');
    assert.equal(back.find((d) => codeOf(d) === RULE)!.severity, vscode.DiagnosticSeverity.Warning);
  });

  test('serviceLab.cluster.nodePortRange is used by the nodePort check', async () => {
    const { document } = await open('web/service.yaml');
    await waitForDiagnostics(document.uri, withCode(RULE), 'the file to be checked');
    const before = vscode.languages.getDiagnostics(document.uri).filter((d) => /30080/.test(document.getText(d.range)));
    assert.equal(before.length, 0, 'nodePort 30080 is fine in the default range');
    const restore = await setSetting('cluster.nodePortRange', '31000-31999');
    try {
      await waitForDiagnostics(document.uri, (ds) => ds.some((d) => document.getText(d.range) === '30080'), 'a finding on nodePort 30080');
    } finally {
      await restore();
    }
    await waitForDiagnostics(document.uri, (ds) => !ds.some((d) => document.getText(d.range) === '30080'), 'the nodePort finding to go away');
  });
});
