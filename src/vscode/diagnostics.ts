// Owns the "Service Lab" DiagnosticCollection: checks the workspace scope (debounced as you type,
// at once on save), publishes findings for open documents only, and clears a document on close.
import * as vscode from 'vscode';
import type { Finding, LineIndex, Logger, Scope } from '../core/index';
import { Checker, applyRuleLevels } from '../core/index';
import { readConfig } from './config';
import { SOURCE, codeOf, diagnosticKey, toDiagnostic } from './convert';
import type { WorkspaceIndex } from './workspaceIndex';
import { isYamlDocument } from './workspaceIndex';

export const DEBOUNCE_MS = 250;

/** Rule ids whose findings Red Hat's YAML extension already reports (YAML syntax errors). */
const SYNTAX_RULES = new Set(['yaml-syntax']);

/** What a published diagnostic came from, for quick fixes. */
export interface PublishedFinding {
  readonly finding: Finding;
  /** The text the finding's offsets refer to, per file (to detect stale fixes). */
  readonly snapshot: Scope;
}

export class DiagnosticsController implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('service-lab');
  private readonly disposables: vscode.Disposable[] = [this.collection];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private published = new Map<string, Map<string, PublishedFinding>>();
  /** Remembers findings of unchanged documents between refreshes, so typing re-checks only what changed. */
  private readonly checker: Checker;
  private readonly refreshed = new vscode.EventEmitter<void>();
  /** Fires after every refresh (CodeLens listens to it). */
  readonly onDidRefresh = this.refreshed.event;

  constructor(
    private readonly index: WorkspaceIndex,
    private readonly logger: Logger,
    private readonly docsBase: string | undefined,
    /** True while Red Hat's YAML extension is installed: it reports syntax errors itself. */
    private readonly yamlExtensionPresent: () => boolean,
  ) {
    this.checker = new Checker({ logger });
    this.disposables.push(
      this.refreshed,
      index.onDidChange(() => this.schedule()),
      vscode.workspace.onDidSaveTextDocument((d) => {
        if (isYamlDocument(d)) this.refreshNow();
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.collection.delete(d.uri);
        this.published.delete(d.uri.toString());
      }),
    );
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables.splice(0)) d.dispose();
  }

  /** Refreshes after the debounce delay (restarted by every change). */
  schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refreshNow(), DEBOUNCE_MS);
  }

  /** The finding behind a diagnostic VS Code hands back (matched by range, code and message). */
  findingFor(uri: vscode.Uri, d: vscode.Diagnostic): PublishedFinding | undefined {
    if (d.source !== SOURCE) return undefined;
    const code = codeOf(d);
    return code ? this.published.get(uri.toString())?.get(diagnosticKey(d.range, code, d.message)) : undefined;
  }

  /** Checks the whole scope once and publishes diagnostics for every open YAML document. */
  refreshNow(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    try {
      this.publish();
    } catch (e) {
      this.logger.error('refreshing diagnostics failed', e);
    }
    this.refreshed.fire();
  }

  private publish(): void {
    const scope = this.index.scope();
    const base = readConfig(undefined, this.logger);
    // Rule levels are applied per file below (the setting is resource-scoped).
    const all = this.checker.checkScope(scope, { ...base.settings, rules: {} });
    const byFile = new Map<string, Finding[]>();
    for (const f of all) {
      const list = byFile.get(f.file);
      if (list) list.push(f);
      else byFile.set(f.file, [f]);
    }
    const linesOf = (file: string): LineIndex | undefined => scope.files.find((p) => p.path === file)?.lines;
    const hideSyntax = this.yamlExtensionPresent();
    const published = new Map<string, Map<string, PublishedFinding>>();
    for (const doc of vscode.workspace.textDocuments) {
      if (!isYamlDocument(doc)) continue;
      const key = doc.uri.toString();
      const info = this.index.info(key);
      if (info.tooLarge !== undefined) {
        const limit = readConfig(doc.uri, this.logger).maxFileSize;
        const d = new vscode.Diagnostic(
          new vscode.Range(0, 0, 0, 0),
          `This file is ${info.tooLarge.toLocaleString('en-US')} bytes, more than serviceLab.maxFileSize (${limit.toLocaleString('en-US')} bytes), so Service Lab does not check it as you type. Raise the setting, or run "service-lab check" on it from a terminal.`,
          vscode.DiagnosticSeverity.Information,
        );
        d.source = SOURCE;
        d.code = 'file-too-large';
        this.collection.set(doc.uri, [d]);
        continue;
      }
      const parsed = info.parsed;
      if (!parsed) {
        this.collection.delete(doc.uri);
        continue;
      }
      // Per-file rule levels from `serviceLab.rules` (resource-scoped).
      const levels = readConfig(doc.uri, this.logger).settings.rules;
      let findings = applyRuleLevels(byFile.get(key) ?? [], levels);
      if (hideSyntax) findings = findings.filter((f) => !SYNTAX_RULES.has(f.rule));
      const map = new Map<string, PublishedFinding>();
      const diags = findings.map((f) => {
        const d = toDiagnostic(f, parsed.lines, linesOf, this.docsBase);
        map.set(diagnosticKey(d.range, f.rule, d.message), { finding: f, snapshot: scope });
        return d;
      });
      published.set(key, map);
      this.collection.set(doc.uri, diags);
    }
    this.published = published;
  }
}
