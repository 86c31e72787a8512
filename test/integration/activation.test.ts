import * as assert from 'assert';
import * as vscode from 'vscode';
import { EXTENSION_ID, open } from './helpers';

suite('activation', () => {
  test('activates on a YAML file and registers its commands', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is installed`);
    await open('web/service.yaml');
    await ext.activate();
    assert.equal(ext.isActive, true);
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['serviceLab.explainField', 'serviceLab.checkWorkspace']) assert.ok(commands.includes(id), `${id} is registered`);
  });

  test('contributes the settings with their defaults', () => {
    const c = vscode.workspace.getConfiguration('serviceLab');
    assert.equal(c.get('cluster.nodePortRange'), '30000-32767');
    assert.equal(c.get('cluster.clusterDomain'), 'cluster.local');
    assert.equal(c.get('cluster.serviceCIDR'), '10.96.0.0/12');
    assert.equal(c.get('maxFileSize'), 1000000);
    assert.deepEqual(c.get('rules'), {});
  });
});
