// Text edits that add to a YAML mapping without touching anything else: the new key goes on its own
// line in block style (indented like its siblings) or at the front of a flow mapping.
import { isMap, isScalar } from 'yaml';
import type { Node as YNode, Pair, YAMLMap } from 'yaml';
import type { Path, TextEdit } from './model';
import type { K8sObject } from './parse';
import { locate, resolveNode } from './parse';

/**
 * An edit inserting `key: valueText` into the mapping at `path` inside `obj`.
 * Block mappings get a new line after their last entry (after any comment on that line), indented
 * like the first key; flow mappings get `key: value, ` before their first entry. Returns undefined
 * when there is no mapping at `path`, or the key is already there. `valueText` is inserted verbatim.
 */
export function insertKeyAt(obj: K8sObject, path: Path, key: string, valueText: string): TextEdit | undefined {
  const loc = locate(obj, path);
  if (!loc.found) return undefined;
  const doc = obj.document;
  const node = resolveNode(doc.doc, loc.node);
  if (!isMap(node)) return undefined;
  const map = node as YAMLMap;
  const items = map.items as Pair[];
  if (items.some((p) => isScalar(p.key) && String(p.key.value) === key)) return undefined;
  const src = doc.source;
  const entry = `${key}: ${valueText}`;
  const range = (n: unknown): [number, number, number] | undefined => (n as { range?: [number, number, number] } | null)?.range ?? undefined;
  if (map.flow) {
    const mr = range(map);
    if (!mr) return undefined;
    const firstKey = items.length ? range(items[0]!.key) : undefined;
    if (firstKey) return { file: obj.file, range: at(doc.offset + firstKey[0]), newText: `${entry}, ` };
    // An empty flow mapping `{}`: write inside the braces.
    const open = src.indexOf('{', mr[0]);
    if (open < 0 || open >= mr[1]) return undefined;
    return { file: obj.file, range: at(doc.offset + open + 1), newText: entry };
  }
  if (!items.length) return undefined;
  const firstKey = range(items[0]!.key);
  if (!firstKey) return undefined;
  const indent = firstKey[0] - lineStart(src, firstKey[0]);
  const last = items[items.length - 1]!;
  const lastEnd = range(last.value as YNode | null)?.[1] ?? range(last.key)?.[1];
  if (lastEnd === undefined) return undefined;
  const eol = src.includes('\r\n') ? '\r\n' : '\n';
  const pad = ' '.repeat(indent);
  // A block value ends at the start of the next line; a scalar ends mid-line (maybe before a comment).
  if (lastEnd > 0 && (src[lastEnd - 1] === '\n' || src[lastEnd - 1] === '\r')) {
    return { file: obj.file, range: at(doc.offset + lastEnd), newText: `${pad}${entry}${eol}` };
  }
  let end = lastEnd;
  while (end < src.length && src[end] !== '\n' && src[end] !== '\r') end++;
  return { file: obj.file, range: at(doc.offset + end), newText: `${eol}${pad}${entry}` };
}

/**
 * An edit inserting `key: valueText` into the mapping at `path` right after its entry `afterKey`.
 * Block style: a new line at that entry's indentation, after the end of its value's line (a trailing
 * comment stays where it was), or, for a block value, on the line where the value ends; flow style:
 * `, key: value` after the entry. Returns undefined when the mapping or the entry is missing, or when
 * something other than a comment follows the entry's value on its line.
 */
export function insertAfterKey(obj: K8sObject, path: Path, afterKey: string, key: string, valueText: string): TextEdit | undefined {
  const mapLoc = locate(obj, path);
  const entryLoc = locate(obj, [...path, afterKey]);
  if (!mapLoc.found || !entryLoc.found || !entryLoc.key) return undefined;
  const doc = obj.document;
  const node = resolveNode(doc.doc, mapLoc.node);
  if (!isMap(node)) return undefined;
  const entry = `${key}: ${valueText}`;
  const valueEnd = (entryLoc.value ?? entryLoc.key).end;
  if (node.flow) return { file: obj.file, range: at(valueEnd), newText: `, ${entry}` };
  const src = doc.source;
  const rel = entryLoc.key.start - doc.offset;
  const pad = ' '.repeat(rel - lineStart(src, rel));
  const end = valueEnd - doc.offset;
  const fileEol = src.includes('\r\n') ? '\r\n' : '\n';
  // A block value ends at the start of the next line; a scalar ends mid-line (maybe before a comment).
  if (end > 0 && (src[end - 1] === '\n' || src[end - 1] === '\r')) return { file: obj.file, range: at(valueEnd), newText: `${pad}${entry}${fileEol}` };
  let eol = end;
  while (eol < src.length && src[eol] !== '\n' && src[eol] !== '\r') eol++;
  const rest = src.slice(end, eol).trim();
  if (rest !== '' && !rest.startsWith('#')) return undefined;
  // The new line ends like the line it follows (the file's style at the end of the file).
  const newline = src[eol] === '\r' && src[eol + 1] === '\n' ? '\r\n' : src[eol] === '\r' ? '\r' : src[eol] === '\n' ? '\n' : fileEol;
  return { file: obj.file, range: at(doc.offset + eol), newText: `${newline}${pad}${entry}` };
}

function at(offset: number): { start: number; end: number } {
  return { start: offset, end: offset };
}

function lineStart(src: string, offset: number): number {
  let i = offset;
  while (i > 0 && src[i - 1] !== '\n' && src[i - 1] !== '\r') i--;
  return i;
}
