// Offset <-> line/character conversion (0-based, UTF-16 characters: the LSP convention).

export interface Position {
  readonly line: number;
  readonly character: number;
}

export class LineIndex {
  private lineStarts: number[] | undefined;

  constructor(private readonly text: string) {}

  /** Line start offsets, computed on first use (a check that reports nothing never needs them). */
  private get starts(): number[] {
    this.lineStarts ??= LineIndex.scan(this.text);
    return this.lineStarts;
  }

  private static scan(text: string): number[] {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    return starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo]! };
  }

  offsetAt(pos: Position): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.starts.length) return this.text.length;
    const start = this.starts[pos.line]!;
    const next = pos.line + 1 < this.starts.length ? this.starts[pos.line + 1]! : this.text.length;
    let lineEnd = next;
    while (lineEnd > start && (this.text.charCodeAt(lineEnd - 1) === 10 || this.text.charCodeAt(lineEnd - 1) === 13)) lineEnd--;
    return Math.min(start + Math.max(0, pos.character), lineEnd);
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))]!;
  }
}

/** Applies non-overlapping edits to a text (edits may come in any order). */
export function applyEdits(text: string, edits: readonly { range: { start: number; end: number }; newText: string }[]): string {
  const sorted = [...edits].sort((a, b) => b.range.start - a.range.start || b.range.end - a.range.end);
  let out = text;
  let lastStart = Infinity;
  for (const e of sorted) {
    if (e.range.end > lastStart) continue; // overlapping edit: skip rather than corrupt the text
    out = out.slice(0, e.range.start) + e.newText + out.slice(e.range.end);
    lastStart = e.range.start;
  }
  return out;
}

/** The first `n` UTF-16 units of a text, never ending inside a surrogate pair. */
export function headOf(text: string, n: number): string {
  if (text.length <= n) return text;
  const c = text.charCodeAt(n - 1);
  return text.slice(0, c >= 0xd800 && c <= 0xdbff ? n - 1 : n);
}

/** The last `n` UTF-16 units of a text, never starting inside a surrogate pair. */
export function tailOf(text: string, n: number): string {
  if (text.length <= n) return text;
  const c = text.charCodeAt(text.length - n);
  return text.slice(c >= 0xdc00 && c <= 0xdfff ? text.length - n + 1 : text.length - n);
}
