// "Service Lab: Visualize" in the real extension host: the command opens one webview panel per
// workspace folder beside the editor, and the panel follows the active YAML editor.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { fixture, open, waitForTab } from './helpers';

const VIEW_TYPE = 'serviceLab.cluster';

function clusterTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes(VIEW_TYPE));
}

/** Resolves when a cluster tab with this label exists (the panel title names the file it shows). */
function waitForLabel(label: string): Promise<void> {
  return waitForTab((i) => i instanceof vscode.TabInputWebview && i.viewType.includes(VIEW_TYPE) && clusterTabs().some((t) => t.label === label), `a Service Lab tab labelled ${label}`);
}

suite('visualize', () => {
  suiteTeardown(async () => {
    for (const t of clusterTabs()) await vscode.window.tabGroups.close(t);
  });

  test('the command is contributed, with the editor-title button and the panel activation event', () => {
    const pkg = vscode.extensions.getExtension('service-lab.service-lab')!.packageJSON as {
      activationEvents: string[];
      contributes: { commands: { command: string }[]; menus: Record<string, { command: string; when?: string }[]> };
    };
    assert.ok(pkg.contributes.commands.some((c) => c.command === 'serviceLab.visualize'));
    assert.ok(pkg.contributes.menus['editor/title']?.some((m) => m.command === 'serviceLab.visualize' && m.when === 'resourceLangId == yaml'));
    assert.ok(pkg.activationEvents.includes(`onWebviewPanel:${VIEW_TYPE}`));
  });

  test('Visualize opens a webview panel beside the editor for the file', async () => {
    await open('web/service.yaml');
    await vscode.commands.executeCommand('serviceLab.visualize', fixture('web/service.yaml'));
    await waitForTab((i) => i instanceof vscode.TabInputWebview && i.viewType.includes(VIEW_TYPE), 'the Service Lab webview tab');
    await waitForLabel('Service Lab: service.yaml');
    const tab = clusterTabs()[0]!;
    const editorTab = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === fixture('web/service.yaml').toString());
    assert.ok(editorTab, 'the YAML stays open');
    assert.notEqual(tab.group.viewColumn, editorTab.group.viewColumn, 'the panel opens beside the editor, not over it');
  });

  test('one panel per folder: running it again reuses the panel, which follows the active YAML editor', async () => {
    await vscode.commands.executeCommand('serviceLab.visualize', fixture('web/service.yaml'));
    await waitForLabel('Service Lab: service.yaml');
    const count = clusterTabs().length;
    await vscode.commands.executeCommand('serviceLab.visualize');
    assert.equal(clusterTabs().length, count);
    const first = vscode.window.tabGroups.all.find((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputText));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(fixture('api/service.yaml')), { viewColumn: first?.viewColumn ?? vscode.ViewColumn.One, preview: false });
    await waitForLabel('Service Lab: service.yaml'); // same file name in another folder of the workspace tree
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(fixture('web/ingress.yaml')), { viewColumn: first?.viewColumn ?? vscode.ViewColumn.One, preview: false });
    await waitForLabel('Service Lab: ingress.yaml');
    assert.equal(clusterTabs().length, count);
  });
});
