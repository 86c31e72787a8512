// Walks an object's YAML along the generated Kubernetes schema (src/core/generated/schema.ts) and
// collects fields the type does not have and values of the wrong JSON type. Plain scalars are typed
// the way kubectl reads them: its YAML decoder follows YAML 1.1 (go-yaml v2), where `yes`, `on`
// and `1_000` are a boolean and a number, not strings.
import { isAlias, isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Node as YNode, Pair, Scalar } from 'yaml';
import type { Path, Span } from './model';
import type { K8sObject } from './parse';
import { SCHEMA_KINDS, SCHEMA_TYPES } from './generated/schema';

export { SCHEMA_KUBERNETES_VERSION } from './generated/schema';

/** The JSON type a YAML scalar becomes when kubectl converts the manifest to JSON. */
export type ScalarKind = 'null' | 'bool' | 'int' | 'float' | 'string';

/** A type code of the generated schema: s i n b is q any [X] {X} or an object type name. */
export type TypeCode = string;

/** The object type name of a kind, when Service Lab has its schema (exact apiVersion match). */
export function schemaTypeOf(apiVersion: string, kind: string): string | undefined {
  const key = `${apiVersion}/${kind}`;
  return Object.prototype.hasOwnProperty.call(SCHEMA_KINDS, key) ? SCHEMA_KINDS[key] : undefined;
}

/** The known fields of an object type with their type codes. */
export function fieldsOf(typeName: string): Readonly<Record<string, TypeCode>> | undefined {
  return Object.prototype.hasOwnProperty.call(SCHEMA_TYPES, typeName) ? SCHEMA_TYPES[typeName] : undefined;
}

const V2_BOOLS = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON', 'n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);
const V2_TRUE = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
const V2_NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);
const V2_SPECIAL_FLOATS = new Set(['.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF']);
/** First letters of the YAML 1.1 nulls and bools above (null/Null, yes, true, on/off, no, false), as char codes. */
const SPECIAL_INITIALS = new Set([...'nNyYtToOfF'].map((c) => c.charCodeAt(0)));
/** Go's strconv.ParseInt with base 0 (after go-yaml removed underscores). */
const GO_INT = /^[-+]?(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO]?[0-7]+|[1-9][0-9]*|0)$/;
const YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

/** How go-yaml v2 (behind kubectl's YAML-to-JSON step) types an untagged plain scalar. */
export function plainScalarKind(text: string): ScalarKind {
  // Most plain values start with a letter that begins no null, bool or number: skip the lookups below.
  const c0 = text.charCodeAt(0);
  if (((c0 >= 97 && c0 <= 122) || (c0 >= 65 && c0 <= 90)) && !SPECIAL_INITIALS.has(c0)) return 'string';
  if (V2_NULLS.has(text)) return 'null';
  if (V2_BOOLS.has(text)) return 'bool';
  if (V2_SPECIAL_FLOATS.has(text)) return 'float';
  const c = text.charAt(0);
  if (!/[-+.0-9]/.test(c)) return 'string';
  const plain = text.replace(/_/g, '');
  if (GO_INT.test(plain)) return 'int';
  if (YAML_FLOAT.test(plain)) return 'float';
  return 'string';
}

/** True for the plain scalars go-yaml v2 reads as `true`. */
export function isV2True(text: string): boolean {
  return V2_TRUE.has(text);
}

const TAG_KINDS: Readonly<Record<string, ScalarKind>> = {
  'tag:yaml.org,2002:str': 'string',
  'tag:yaml.org,2002:int': 'int',
  'tag:yaml.org,2002:float': 'float',
  'tag:yaml.org,2002:bool': 'bool',
  'tag:yaml.org,2002:null': 'null',
};

/** The JSON type of a scalar node as kubectl sees it, or undefined for custom tags. */
export function scalarKind(node: Scalar, source: string): ScalarKind | undefined {
  if (node.tag) return TAG_KINDS[node.tag];
  if (node.type === 'PLAIN' || node.type === undefined) {
    if (node.value === null) return 'null';
    return plainScalarKind(source.trim());
  }
  return 'string';
}

/** A field whose name the object's type does not have. */
export interface UnknownField {
  readonly path: Path;
  readonly key: string;
  readonly keySpan: Span;
  /** The object type that lacks the field (e.g. ServicePort). */
  readonly typeName: string;
  /** The type's known fields. */
  readonly known: readonly string[];
  /** Known fields of the enclosing object type (for "indented one level too deep" hints). */
  readonly parentKnown: readonly string[];
  /** Known fields of the object types one level below (for "indented one level too shallow" hints). */
  readonly childTypes: readonly { field: string; fields: readonly string[] }[];
  /** Known fields of the enclosing object's other object-typed fields (e.g. `ports` written under `metadata`). */
  readonly siblingTypes: readonly { field: string; fields: readonly string[] }[];
}

/** A value whose JSON type differs from what the field requires. */
export interface TypeMismatch {
  readonly path: Path;
  /** The required type code. */
  readonly expected: TypeCode;
  /** What the value is: a scalar kind, or 'list' / 'map'. */
  readonly actual: ScalarKind | 'list' | 'map';
  readonly span: Span;
  /** Source text of the value. */
  readonly text: string;
  /** For scalars: the node's style (PLAIN, QUOTE_DOUBLE, ...). */
  readonly style?: string;
  /** For quoted strings: the string's value. */
  readonly value?: string;
  /** The innermost object type holding the value, and the field path without list indexes or map keys:
   * the two halves of Go's `cannot unmarshal … into Go struct field ServicePort.spec.ports.port`. */
  readonly goStruct: string;
  readonly goField: string;
}

export interface SchemaIssues {
  readonly typeName: string;
  readonly unknown: readonly UnknownField[];
  readonly mismatches: readonly TypeMismatch[];
}

const cache = new WeakMap<K8sObject, SchemaIssues | null>();

/** Walks an object along its schema once (memoized); undefined for kinds without a schema. */
export function schemaIssues(obj: K8sObject): SchemaIssues | undefined {
  const hit = cache.get(obj);
  if (hit !== undefined) return hit ?? undefined;
  const typeName = schemaTypeOf(obj.ref.apiVersion, obj.ref.kind);
  const result = typeName ? walkObject(obj, typeName) : null;
  cache.set(obj, result);
  return result ?? undefined;
}

/** How the API server starts the error for an object its JSON decoder rejects: `Service in version "v1" cannot be handled as a Service`. */
export function decodeErrorHead(obj: K8sObject): string {
  return `${obj.ref.kind} in version "${obj.ref.apiVersion.split('/').pop()}" cannot be handled as a ${obj.ref.kind}`;
}

function isTypeName(code: TypeCode): boolean {
  const c = code.charCodeAt(0);
  return c >= 65 && c <= 90; // A-Z
}

function walkObject(obj: K8sObject, typeName: string): SchemaIssues {
  const doc = obj.document;
  const unknown: UnknownField[] = [];
  const mismatches: TypeMismatch[] = [];
  const spanOf = (n: YNode | null | undefined): Span | undefined => {
    const r = (n as { range?: [number, number, number] } | null | undefined)?.range;
    return r ? { start: doc.offset + r[0], end: doc.offset + r[1] } : undefined;
  };
  const textOf = (n: YNode): string => {
    const r = (n as { range?: [number, number, number] }).range;
    return r ? doc.source.slice(r[0], r[1]) : '';
  };
  const childTypesOf = (fields: Readonly<Record<string, TypeCode>>) => {
    const out: { field: string; fields: string[] }[] = [];
    for (const [f, code] of Object.entries(fields)) {
      const inner = code.replace(/^\[|\]$/g, '');
      const t = isTypeName(inner) ? fieldsOf(inner) : undefined;
      if (t) out.push({ field: f, fields: Object.keys(t) });
    }
    return out;
  };

  // The current path and Go field path are shared stacks, pushed and popped around each child, so visiting
  // a node allocates nothing; they are copied only into a finding.
  const path: (string | number)[] = [];
  const goField: string[] = [];
  const mismatch = (node: YNode, expected: TypeCode, actual: TypeMismatch['actual'], goStruct: string) => {
    const span = spanOf(node);
    if (!span) return;
    const sc = isScalar(node) ? node : undefined;
    mismatches.push({
      path: path.slice(),
      expected,
      actual,
      span,
      text: textOf(node),
      style: sc ? (sc.type ?? 'PLAIN') : undefined,
      value: sc && typeof sc.value === 'string' ? sc.value : undefined,
      goStruct,
      goField: goField.join('.'),
    });
  };

  // The Go struct and the enclosing object type's fields are separate arguments so that visiting a field
  // allocates nothing.
  const walk = (raw: YNode | null | undefined, code: TypeCode, goStruct: string, parentFields: Readonly<Record<string, TypeCode>>, parentVia: string, depth: number): void => {
    if (raw === null || raw === undefined || depth > 64) return;
    // Aliases are checked where their anchor is defined.
    if (isAlias(raw)) return;
    if (code === 'any') return;
    const node = raw;
    if (isScalar(node)) {
      // The source text matters only for untagged plain scalars (YAML 1.1 typing); skip the slice otherwise.
      const needsText = !node.tag && (node.type === 'PLAIN' || node.type === undefined) && node.value !== null;
      const kind = scalarKind(node, needsText ? textOf(node) : '');
      if (kind === undefined || kind === 'null') return;
      if (!scalarFits(code, kind, node)) mismatch(node, code, kind, goStruct);
      return;
    }
    const shape = isSeq(node) ? 'list' : isMap(node) ? 'map' : undefined;
    if (!shape) return;
    if (code.charCodeAt(0) === 91 /* [ */) {
      if (!isSeq(node)) return mismatch(node, code, shape, goStruct);
      const inner = code.slice(1, -1);
      const items = node.items;
      for (let i = 0; i < items.length; i++) {
        path.push(i);
        walk(items[i] as YNode, inner, goStruct, parentFields, parentVia, depth + 1);
        path.pop();
      }
      return;
    }
    if (code.charCodeAt(0) === 123 /* { */) {
      if (!isMap(node)) return mismatch(node, code, shape, goStruct);
      const inner = code.slice(1, -1);
      for (const p of node.items as Pair[]) {
        if (!isPair(p) || !isScalar(p.key) || p.key.value === null) continue;
        path.push(String(p.key.value));
        walk(p.value as YNode, inner, goStruct, parentFields, parentVia, depth + 1);
        path.pop();
      }
      return;
    }
    if (isTypeName(code)) {
      const fields = fieldsOf(code);
      if (!fields) return;
      if (!isMap(node)) return mismatch(node, code, shape, goStruct);
      for (const p of node.items as Pair[]) {
        if (!isPair(p) || !isScalar(p.key) || p.key.value === null) continue;
        const key = String(p.key.value);
        if (key === '<<') continue; // a YAML merge key: kubectl's decoder merges it
        const fieldCode = Object.prototype.hasOwnProperty.call(fields, key) ? fields[key] : undefined;
        if (fieldCode === undefined) {
          const keySpan = spanOf(p.key as YNode);
          if (keySpan) {
            unknown.push({
              path: [...path, key],
              key,
              keySpan,
              typeName: code,
              known: Object.keys(fields),
              parentKnown: Object.keys(parentFields),
              childTypes: childTypesOf(fields),
              siblingTypes: childTypesOf(parentFields).filter((c) => c.field !== parentVia),
            });
          }
          continue;
        }
        path.push(key);
        goField.push(key);
        walk(p.value as YNode, fieldCode, code, fields, key, depth + 1);
        goField.pop();
        path.pop();
      }
      return;
    }
    // A scalar type code but a list or map value.
    mismatch(node, code, shape, goStruct);
  };

  walk(obj.node, typeName, typeName, {}, '', 0);
  return { typeName, unknown, mismatches };
}

function scalarFits(code: TypeCode, kind: ScalarKind, node: Scalar): boolean {
  const integral = kind === 'int' || (kind === 'float' && typeof node.value === 'number' && Number.isInteger(node.value));
  switch (code) {
    case 's':
      return kind === 'string';
    case 'i':
      return integral;
    case 'n':
      return kind === 'int' || kind === 'float';
    case 'b':
      return kind === 'bool';
    case 'is':
      return kind === 'string' || integral;
    case 'q':
      return kind === 'string' || kind === 'int' || kind === 'float';
    default:
      // A list, map or object type given a scalar.
      return false;
  }
}

/** A beginner's name for a type code. */
export function describeType(code: TypeCode): string {
  switch (code) {
    case 's':
      return 'a string';
    case 'i':
      return 'an integer';
    case 'n':
      return 'a number';
    case 'b':
      return 'a boolean (true or false)';
    case 'is':
      return 'a number or a name (string)';
    case 'q':
      return 'a quantity such as 500m, 1Gi or 2';
    case 'any':
      return 'any value';
  }
  if (code.startsWith('[')) return 'a list';
  if (code.startsWith('{')) return `a map of keys to ${describeType(code.slice(1, -1)).replace(/^an? /, '')} values`;
  return `a map of fields (${/^[AEIOU]/.test(code) ? 'an' : 'a'} ${code})`;
}
