// The "Service Lab" commands: Explain Field at Cursor and Check Workspace.
import * as vscode from 'vscode';
import type { Finding, Logger } from '../core/index';
import { applyRuleLevels, checkScope } from '../core/index';
import { readConfig } from './config';
import type { DiagnosticsController } from './diagnostics';
import { explainAt } from './hoverProvider';
import { fireAndLog, registerFailableCommand } from './log';
import type { WorkspaceIndex } from './workspaceIndex';

export const EXPLAIN_SCHEME = 'service-lab';

/** What "Check Workspace" found; also returned to callers (tests, other commands). */
export interface WorkspaceReport {
  readonly yamlFiles: number;
  readonly kubernetesFiles: number;
  readonly services: number;
  readonly ingresses: number;
  readonly workloads: number;
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
}

/** Read-only virtual documents holding explanations (no "save?" prompt on close). */
export class ExplainDocuments implements vscode.TextDocumentContentProvider {
  private readonly docs = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private next = 1;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.docs.get(uri.toString()) ?? '# Service Lab\n\nThis explanation is no longer available: run "Explain Field at Cursor" again.\n';
  }

  /** Stores markdown under a fresh URI named after the field. */
  add(title: string, markdown: string): vscode.Uri {
    const safe = title.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 60) || 'field';
    const uri = vscode.Uri.from({ scheme: EXPLAIN_SCHEME, path: `/${safe}.md`, query: String(this.next++) });
    this.docs.set(uri.toString(), markdown);
    if (this.docs.size > 20) this.docs.delete(this.docs.keys().next().value as string);
    return uri;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

export function registerCommands(index: WorkspaceIndex, diagnostics: DiagnosticsController, logger: Logger, explainDocs: ExplainDocuments): vscode.Disposable[] {
  return [
    registerFailableCommand(logger, 'serviceLab.explainField', 'Explain Field', async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) {
        void vscode.window.showInformationMessage('Service Lab: open a Kubernetes YAML file and put the cursor on a field to explain it.');
        return undefined;
      }
      const doc = editor.document;
      const pos = editor.selection.active;
      const hit = explainAt(index, logger, doc, pos);
      if (!hit) {
        void vscode.window.showInformationMessage('Service Lab has no explanation for the text at the cursor. Put the cursor on a key or value of a Service, Ingress or workload (for example `type:` or `targetPort:`).');
        return undefined;
      }
      const word = doc.getText(doc.getWordRangeAtPosition(pos) ?? hit.range).trim() || 'field';
      const header = `*${doc.uri.path.split('/').pop() ?? 'this file'}, line ${pos.line + 1}*\n\n`;
      const uri = explainDocs.add(word, header + hit.markdown);
      try {
        await vscode.commands.executeCommand('markdown.showPreviewToSide', uri);
      } catch (e) {
        // No markdown preview (e.g. a minimal host): show the markdown source instead.
        logger.warn('markdown preview unavailable, opening the explanation as text', e);
        await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: true });
      }
      return hit.markdown;
    }),
    registerFailableCommand(logger, 'serviceLab.checkWorkspace', 'Check Workspace', async (): Promise<WorkspaceReport> => {
      await index.rescan();
      diagnostics.refreshNow();
      const scope = index.scope();
      const base = readConfig(undefined, logger);
      const all = checkScope(scope, { settings: { ...base.settings, rules: {} }, logger });
      const byFile = new Map<string, Finding[]>();
      for (const f of all) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
      const counts = { error: 0, warning: 0, info: 0 };
      for (const [file, findings] of byFile) {
        const levels = readConfig(vscode.Uri.parse(file), logger).settings.rules;
        for (const f of applyRuleLevels(findings, levels)) counts[f.severity]++;
      }
      const stats = index.stats();
      const report: WorkspaceReport = {
        yamlFiles: stats.files,
        kubernetesFiles: stats.kubernetesFiles,
        services: scope.services.length,
        ingresses: scope.ingresses.length,
        workloads: scope.podSources.length,
        errors: counts.error,
        warnings: counts.warning,
        infos: counts.info,
      };
      const msg =
        `Service Lab checked ${report.kubernetesFiles} Kubernetes file${report.kubernetesFiles === 1 ? '' : 's'} ` +
        `(${report.services} Service${report.services === 1 ? '' : 's'}, ${report.ingresses} Ingress${report.ingresses === 1 ? '' : 'es'}, ${report.workloads} workload${report.workloads === 1 ? '' : 's'}): ` +
        `${report.errors} error${report.errors === 1 ? '' : 's'}, ${report.warnings} warning${report.warnings === 1 ? '' : 's'}, ${report.infos} hint${report.infos === 1 ? '' : 's'}.`;
      logger.info(msg);
      // Not awaited: the command returns while the toast stays open.
      fireAndLog(
        logger,
        'Show Problems',
        vscode.window.showInformationMessage(msg, 'Show Problems').then((choice) => (choice === 'Show Problems' ? vscode.commands.executeCommand('workbench.actions.view.problems') : undefined)),
      );
      return report;
    }),
  ];
}
