// The only place that turns core offsets and findings into vscode ranges and diagnostics.
import * as vscode from 'vscode';
import type { Finding, LineIndex, Severity, Span } from '../core/index';

export const SOURCE = 'Service Lab';

/** Core file paths are URI strings; this turns one back into a Uri. */
export function uriOf(file: string): vscode.Uri {
  return vscode.Uri.parse(file, true);
}

export function toRange(lines: LineIndex, span: Span): vscode.Range {
  const s = lines.positionAt(span.start);
  const e = lines.positionAt(span.end);
  return new vscode.Range(s.line, s.character, e.line, e.character);
}

export function toOffset(lines: LineIndex, pos: vscode.Position): number {
  return lines.offsetAt({ line: pos.line, character: pos.character });
}

export function toSeverity(s: Severity): vscode.DiagnosticSeverity {
  switch (s) {
    case 'error':
      return vscode.DiagnosticSeverity.Error;
    case 'warning':
      return vscode.DiagnosticSeverity.Warning;
    default:
      return vscode.DiagnosticSeverity.Information;
  }
}

/**
 * The docs base URL (".../blob/main/docs/rules/") from package.json `repository` or `homepage`;
 * undefined when neither is an http(s) URL.
 */
export function docsBaseFrom(packageJSON: unknown): string | undefined {
  const pj = (packageJSON ?? {}) as { repository?: unknown; homepage?: unknown };
  const repo = typeof pj.repository === 'string' ? pj.repository : (pj.repository as { url?: unknown } | undefined)?.url;
  const candidates = [typeof repo === 'string' ? repo : undefined, typeof pj.homepage === 'string' ? pj.homepage : undefined];
  for (const c of candidates) {
    if (!c) continue;
    const url = c.replace(/^git\+/, '').replace(/\.git$/, '').replace(/\/+$/, '');
    if (/^https?:\/\//.test(url)) return `${url}/blob/main/docs/rules/`;
  }
  return undefined;
}

/** A stable key for matching a diagnostic handed back by VS Code to the finding it came from. */
export function diagnosticKey(range: vscode.Range, code: string, message: string): string {
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}|${code}|${message}`;
}

export function codeOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  if (typeof c === 'string' || typeof c === 'number') return String(c);
  return c ? String(c.value) : undefined;
}

/**
 * Converts one finding. `linesOf` gives the line index of any file in the scope (for related
 * locations in other files); related locations in unknown files are dropped.
 */
export function toDiagnostic(f: Finding, lines: LineIndex, linesOf: (file: string) => LineIndex | undefined, docsBase: string | undefined): vscode.Diagnostic {
  const d = new vscode.Diagnostic(toRange(lines, f.range), f.message, toSeverity(f.severity));
  d.source = SOURCE;
  d.code = docsBase ? { value: f.rule, target: vscode.Uri.parse(`${docsBase}${encodeURIComponent(f.rule)}.md`) } : f.rule;
  const related: vscode.DiagnosticRelatedInformation[] = [];
  for (const r of f.related) {
    const li = r.file === f.file ? lines : linesOf(r.file);
    if (!li) continue;
    related.push(new vscode.DiagnosticRelatedInformation(new vscode.Location(uriOf(r.file), toRange(li, r.range)), r.message));
  }
  if (related.length) d.relatedInformation = related;
  return d;
}
