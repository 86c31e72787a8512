// Quick fixes: each `Finding.fix` of a Service Lab diagnostic in range becomes a WorkspaceEdit.
import * as vscode from 'vscode';
import type { Fix } from '../core/index';
import { toRange, uriOf } from './convert';
import type { DiagnosticsController, PublishedFinding } from './diagnostics';

export class QuickFixProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly diagnostics: DiagnosticsController) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    if (context.only && !vscode.CodeActionKind.QuickFix.intersects(context.only)) return [];
    const actions: vscode.CodeAction[] = [];
    for (const diag of context.diagnostics) {
      const pub = this.diagnostics.findingFor(document.uri, diag);
      if (!pub) continue;
      for (const fix of pub.finding.fixes) {
        const edit = this.toEdit(fix, pub);
        if (!edit) continue;
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.edit = edit;
        action.diagnostics = [diag];
        action.isPreferred = fix.preferred === true;
        actions.push(action);
      }
    }
    return actions;
  }

  /** Undefined when a file the fix touches changed since the check (its offsets would be wrong). */
  private toEdit(fix: Fix, pub: PublishedFinding): vscode.WorkspaceEdit | undefined {
    const edit = new vscode.WorkspaceEdit();
    for (const e of fix.edits) {
      const file = pub.snapshot.files.find((f) => f.path === e.file);
      if (!file) return undefined;
      const uri = uriOf(e.file);
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === e.file);
      if (open && open.getText() !== file.text) return undefined;
      edit.replace(uri, toRange(file.lines, e.range), e.newText);
    }
    return edit;
  }
}
