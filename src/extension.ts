// Composition root: creates the index, diagnostics and providers, and registers every disposable.
import * as vscode from 'vscode';
import { CodeLensProvider, VISUALIZE_COMMAND } from './vscode/codeLens';
import { EXPLAIN_SCHEME, ExplainDocuments, registerCommands } from './vscode/commands';
import { onDidChangeConfig, readConfig } from './vscode/config';
import { docsBaseFrom } from './vscode/convert';
import { DiagnosticsController } from './vscode/diagnostics';
import { HoverProvider } from './vscode/hoverProvider';
import { createLog } from './vscode/log';
import { QuickFixProvider } from './vscode/quickFix';
import { WorkspaceIndex } from './vscode/workspaceIndex';
import { registerClusterPanel } from './panel/clusterPanel';

const YAML: vscode.DocumentSelector = [{ language: 'yaml' }];

export function activate(context: vscode.ExtensionContext): void {
  const started = Date.now();
  const { channel, logger } = createLog();
  const pkg = context.extension.packageJSON as { contributes?: { commands?: { command?: string }[] } };
  const visualizeContributed = (pkg.contributes?.commands ?? []).some((c) => c.command === VISUALIZE_COMMAND);
  let maxFileSize = readConfig(undefined, logger).maxFileSize;
  const index = new WorkspaceIndex(logger, () => maxFileSize);
  const diagnostics = new DiagnosticsController(index, logger, docsBaseFrom(context.extension.packageJSON), () => vscode.extensions.getExtension('redhat.vscode-yaml') !== undefined);
  const lenses = new CodeLensProvider(index, () => visualizeContributed);
  const explainDocs = new ExplainDocuments();
  context.subscriptions.push(
    channel,
    index,
    diagnostics,
    lenses,
    explainDocs,
    diagnostics.onDidRefresh(() => lenses.refresh()),
    onDidChangeConfig(() => {
      const next = readConfig(undefined, logger).maxFileSize;
      if (next !== maxFileSize) {
        maxFileSize = next;
        index.invalidateAll();
        void index.rescan();
      }
      diagnostics.refreshNow();
    }),
    vscode.languages.registerHoverProvider(YAML, new HoverProvider(index, logger)),
    vscode.languages.registerCodeActionsProvider(YAML, new QuickFixProvider(diagnostics), QuickFixProvider.metadata),
    vscode.languages.registerCodeLensProvider(YAML, lenses),
    vscode.workspace.registerTextDocumentContentProvider(EXPLAIN_SCHEME, explainDocs),
    ...registerCommands(index, diagnostics, logger, explainDocs),
  );
  registerClusterPanel(context, { logger, index });
  // The duration is what `npm run bench` reports as activation time (docs/performance.md).
  // esbuild's web target defines SERVICE_LAB_WEB: the log then says which bundle the host loaded.
  const host = process.env.SERVICE_LAB_WEB === '1' ? 'web worker extension host (dist/web/extension.js)' : 'Node.js extension host';
  logger.info(`Service Lab ${String((context.extension.packageJSON as { version?: unknown }).version)} activated in ${Date.now() - started} ms in the ${host}`);
}

export function deactivate(): void {}
