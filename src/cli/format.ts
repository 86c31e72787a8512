// Renders findings for people (compiler-style lines) and for CI (one JSON object).
import type { Finding, Span } from '../core/index';
import { LineIndex } from '../core/index';

export interface JsonRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

export function makeRanger(texts: ReadonlyMap<string, string>): (file: string, span: Span) => JsonRange {
  const cache = new Map<string, LineIndex>();
  return (file, span) => {
    let idx = cache.get(file);
    if (!idx) {
      idx = new LineIndex(texts.get(file) ?? '');
      cache.set(file, idx);
    }
    return { start: idx.positionAt(span.start), end: idx.positionAt(span.end) };
  };
}

export function findingsToJson(findings: readonly Finding[], texts: ReadonlyMap<string, string>): unknown {
  const range = makeRanger(texts);
  return {
    findings: findings.map((f) => ({
      file: f.file,
      rule: f.rule,
      severity: f.severity,
      message: f.message,
      field: f.field ?? null,
      object: f.object ? { apiVersion: f.object.apiVersion, kind: f.object.kind, namespace: f.object.namespace, name: f.object.name } : null,
      range: range(f.file, f.range),
      related: f.related.map((r) => ({ file: r.file, range: range(r.file, r.range), message: r.message })),
      fixes: f.fixes.map((x) => ({ title: x.title, edits: x.edits.map((e) => ({ file: e.file, range: range(e.file, e.range), newText: e.newText })) })),
    })),
  };
}

export function findingsToText(findings: readonly Finding[], texts: ReadonlyMap<string, string>): string {
  const range = makeRanger(texts);
  const lines = findings.map((f) => {
    const r = range(f.file, f.range);
    return `${f.file}:${r.start.line + 1}:${r.start.character + 1} ${f.severity} ${f.rule} ${f.message}`;
  });
  const count = (s: string) => findings.filter((f) => f.severity === s).length;
  const e = count('error');
  const w = count('warning');
  const i = count('info');
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  lines.push(`${plural(e, 'error')}, ${plural(w, 'warning')}, ${plural(i, 'info')} in ${plural(texts.size, 'file')}`);
  return lines.join('\n') + '\n';
}
