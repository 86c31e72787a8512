// ingress-path: `validateHTTPIngressRuleValue` / `validateHTTPIngressPath`: paths listed when `http` is
// given, a `pathType` on every path (v1 has no default) and the path syntax each type allows.
import { isMap } from 'yaml';
import type { Fix, Path, Span, TextEdit } from '../model';
import type { K8sObject } from '../parse';
import { fieldPath, locate, resolveNode } from '../parse';
import { insertAfterKey } from '../edits';
import { apiError, supportedValues } from '../validation';
import type { Rule } from './types';
import { replaceAt } from './types';
import { arr, has, isIngressV1, rec, withApi } from './objectFields';

export const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'] as const;
const INVALID_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const INVALID_SUFFIXES = ['/..', '/.'];

export const ingressPath: Rule = {
  id: 'ingress-path',
  defaultSeverity: 'error',
  description: 'Ingress HTTP paths: `paths` required under `http`, `pathType` required, and the path syntax Exact/Prefix/ImplementationSpecific allow.',
  kinds: ['Ingress'],
  checkObject(obj, ctx) {
    if (!isIngressV1(obj)) return;
    arr(rec(obj.value['spec'])['rules']).forEach((r, i) => {
      const rule = rec(r);
      if (!has(rule, 'http')) return;
      const httpPath: Path = ['spec', 'rules', i, 'http'];
      const paths = arr(rec(rule['http'])['paths']);
      if (paths.length === 0) {
        ctx.report(
          obj,
          [...httpPath, 'paths'],
          withApi(
            'This rule has an `http` section but no `paths`, so no request could ever match it. List at least one path with its backend, or remove `http` to make a host-only rule.',
            apiError(fieldPath([...httpPath, 'paths']), 'Required value'),
          ),
          { field: fieldPath([...httpPath, 'paths']) },
        );
        return;
      }
      paths.forEach((p, j) => checkPath(obj, rec(p), [...httpPath, 'paths', j], ctx.report.bind(ctx)));
    });
  },
};

type Report = (obj: K8sObject, path: Path, message: string, opts?: { field?: string; range?: Span; fixes?: readonly Fix[] }) => void;

function checkPath(obj: K8sObject, item: Record<string, unknown>, itemPath: Path, report: Report): void {
  const pathTypePath = [...itemPath, 'pathType'];
  const valuePath = [...itemPath, 'path'];
  if (!has(item, 'pathType')) {
    const fixes: Fix[] = [];
    for (const t of ['Prefix', 'Exact', 'ImplementationSpecific']) {
      const edit = insertPathType(obj, itemPath, t);
      if (edit) fixes.push({ title: `Add \`pathType: ${t}\``, edits: [edit], preferred: t === 'Prefix' });
    }
    report(
      obj,
      pathTypePath,
      withApi(
        'This path has no `pathType`. In networking.k8s.io/v1 it is required and has no default: use `Prefix` to match this path and everything below it (`/shop` matches `/shop/cart`), `Exact` to match only this one path, or `ImplementationSpecific` to let the Ingress controller decide.',
        apiError(fieldPath(pathTypePath), 'Required value', undefined, 'pathType must be specified'),
      ),
      { field: fieldPath(pathTypePath), range: pathRange(obj, itemPath), fixes },
    );
    return;
  }
  const pathType = item['pathType'];
  if (typeof pathType !== 'string') return;
  const raw = item['path'];
  if (raw !== undefined && raw !== null && typeof raw !== 'string') return;
  const path = typeof raw === 'string' ? raw : '';
  const field = fieldPath(valuePath);
  const invalid = (plain: string, detail: string) => report(obj, valuePath, withApi(plain, apiError(field, 'Invalid value', path, detail)), { field });
  if (pathType === 'Exact' || pathType === 'Prefix') {
    if (!path.startsWith('/')) {
      invalid(
        path === ''
          ? `A \`${pathType}\` path cannot be empty: write the URL path it should match, starting with "/" (use "/" to match everything).`
          : `An Ingress path is the URL path after the host, so it must start with "/": write "/${path}" instead of "${path}".`,
        'must be an absolute path',
      );
    }
    if (path.length > 0) {
      for (const seq of INVALID_SEQUENCES) {
        if (path.includes(seq)) invalid(`The path contains "${seq}". Paths are matched literally, and empty, "." or ".." segments and encoded slashes (%2F) are refused because clients and proxies normalise them differently.`, `must not contain '${seq}'`);
      }
      for (const suf of INVALID_SUFFIXES) {
        if (path.endsWith(suf)) invalid(`The path ends with "${suf}", a relative segment that clients and proxies resolve away before the request arrives. Write the path it should resolve to instead.`, `cannot end with '${suf}'`);
      }
    }
  } else if (pathType === 'ImplementationSpecific') {
    if (path.length > 0 && !path.startsWith('/')) {
      invalid(`An Ingress path is the URL path after the host, so it must start with "/" even with \`ImplementationSpecific\`: write "/${path}".`, 'must be an absolute path');
    }
  } else {
    const fixes: Fix[] = [];
    const lower = pathType.toLowerCase();
    const match = PATH_TYPES.find((t) => t.toLowerCase() === lower);
    if (match) fixes.push({ title: `Change to \`${match}\``, edits: [replaceAt(obj, pathTypePath, match)], preferred: true });
    report(
      obj,
      pathTypePath,
      withApi(
        `"${pathType}" is not a path type. Use \`Prefix\` (this path and everything below it), \`Exact\` (only this path) or \`ImplementationSpecific\` (the controller decides); the names are case-sensitive.`,
        apiError(fieldPath(pathTypePath), 'Unsupported value', pathType, supportedValues(PATH_TYPES)),
      ),
      { field: fieldPath(pathTypePath), fixes },
    );
  }
}

/** `path: /x` (key through value) when present, else the whole path entry. */
function pathRange(obj: K8sObject, itemPath: Path): Span {
  const loc = locate(obj, [...itemPath, 'path']);
  if (loc.found && loc.key) return { start: loc.key.start, end: loc.value?.end ?? loc.key.end };
  return locate(obj, itemPath).span;
}

/**
 * An edit that adds `pathType: <value>` to the path entry at `itemPath`, right after its `path`
 * (or before its first key), matching block or flow style and leaving every other byte alone.
 */
export function insertPathType(obj: K8sObject, itemPath: Path, value: string): TextEdit | undefined {
  const afterPath = insertAfterKey(obj, itemPath, 'path', 'pathType', value);
  if (afterPath) return afterPath;
  const loc = locate(obj, itemPath);
  if (!loc.found) return undefined;
  const node = resolveNode(obj.document.doc, loc.node);
  if (!isMap(node)) return undefined;
  const kv = `pathType: ${value}`;
  const edit = (at: number, newText: string): TextEdit => ({ file: obj.file, range: { start: at, end: at }, newText });
  if (node.flow) {
    const first = locate(obj, [...itemPath, String((node.items[0]?.key as { value?: unknown } | undefined)?.value ?? '')]);
    if (node.items.length > 0 && first.found && first.key) return edit(first.key.start, `${kv}, `);
    return edit(loc.span.start + 1, ` ${kv} `);
  }
  const anchor = firstKeySpan(obj, itemPath);
  if (!anchor) return undefined;
  const src = obj.document.source;
  const rel = anchor.start - obj.document.offset;
  const lineStart = Math.max(src.lastIndexOf('\n', rel - 1), src.lastIndexOf('\r', rel - 1)) + 1;
  const eol = src.includes('\r\n') ? '\r\n' : '\n';
  return edit(anchor.start, `${kv}${eol}${' '.repeat(rel - lineStart)}`);
}

function firstKeySpan(obj: K8sObject, itemPath: Path): Span | undefined {
  const node = resolveNode(obj.document.doc, locate(obj, itemPath).node);
  if (!isMap(node) || node.items.length === 0) return undefined;
  const k = node.items[0]!.key as { value?: unknown } | null;
  if (!k || k.value === undefined) return undefined;
  return locate(obj, [...itemPath, String(k.value)]).key;
}
