// field-type: a value of the wrong JSON type (`port: "80"`, a label value `1.0`, `ports: 80`).
// The API server cannot decode the object, so it rejects it before any validation runs.
import type { Fix } from '../model';
import type { K8sObject } from '../parse';
import { fieldPath } from '../parse';
import { decodeErrorHead, describeType, isV2True, schemaIssues } from '../fieldSchema';
import type { TypeMismatch } from '../fieldSchema';
import type { Rule, RuleContext } from './types';

const JSON_NAMES: Readonly<Record<TypeMismatch['actual'], string>> = {
  string: 'string',
  int: 'number',
  float: 'number',
  bool: 'bool',
  null: 'null',
  list: 'array',
  map: 'object',
};

function isScalarCode(code: string): boolean {
  return ['s', 'i', 'n', 'b', 'is', 'q'].includes(code);
}

/** The name the message uses for the field: the key, or `name[2]` for a list item. */
function fieldLabel(m: TypeMismatch): string {
  const last = m.path[m.path.length - 1];
  if (typeof last === 'number') return fieldPath(m.path.slice(-2));
  return String(last ?? m.goStruct);
}

function isQuoted(m: TypeMismatch): boolean {
  return m.style === 'QUOTE_DOUBLE' || m.style === 'QUOTE_SINGLE';
}

function single(text: string): boolean {
  return !/[\r\n]/.test(text);
}

/** What is wrong, in beginner words, plus a mechanical fix when one is obvious. */
function explain(obj: K8sObject, m: TypeMismatch): { text: string; fix?: Fix } {
  const name = `\`${fieldLabel(m)}\``;
  const want = describeType(m.expected);
  const shown = `\`${m.text.length > 40 ? m.text.slice(0, 37) + '…' : m.text}\``;
  const edit = (title: string, newText: string): Fix => ({ title, edits: [{ file: obj.file, range: m.span, newText }], preferred: true });

  if (m.actual === 'list' || m.actual === 'map') {
    const got = m.actual === 'list' ? 'a list' : 'a map of fields';
    if (m.expected.startsWith('[')) {
      return { text: `${name} must be a list, but here it is ${got}. Start each entry on its own line with \`- \` (a dash and a space).` };
    }
    if (isScalarCode(m.expected)) return { text: `${name} must be ${want}, but here it is ${got}. Write a single value on the same line as the key.` };
    return { text: `${name} must be ${want}, but here it is ${got}.` };
  }

  const value = m.value;
  // A scalar where a list or object belongs.
  if (!isScalarCode(m.expected)) {
    if (m.expected.startsWith('[')) {
      const inner = m.expected.slice(1, -1);
      if (isScalarCode(inner) && single(m.text)) {
        return {
          text: `${name} must be a list, but ${shown} is a single value. Even one value has to be written as a list: \`[${m.text}]\`, or on the next line as \`- ${m.text}\`.`,
          fix: edit(`Make ${name} a one-item list`, `[${m.text}]`),
        };
      }
      return { text: `${name} must be a list of entries, but ${shown} is a single value. Write each entry on its own line starting with \`- \`, with its fields indented below it.` };
    }
    return { text: `${name} must be ${want}, but ${shown} is a single value. Put its fields on the lines below, indented under ${name}.` };
  }

  switch (m.expected) {
    case 'i':
    case 'n':
      if (m.actual === 'string') {
        if (isQuoted(m) && value !== undefined && /^[-+]?[0-9]+$/.test(value)) {
          return {
            text: `A quoted number is a string, but ${name} must be ${want}: remove the quotes around ${shown}.`,
            fix: edit(`Remove the quotes: ${value}`, value),
          };
        }
        return { text: `${name} must be ${want}, but ${shown} is a string.` };
      }
      if (m.actual === 'float') return { text: `${name} must be a whole number, but ${shown} has a fraction.` };
      if (m.actual === 'bool') return { text: `${name} must be ${want}, but kubectl reads ${shown} as a boolean.` };
      break;
    case 's':
      if (m.actual === 'int' || m.actual === 'float' || m.actual === 'bool') {
        const reads = m.actual === 'bool' ? `the boolean ${isV2True(m.text.trim()) ? 'true' : 'false'}` : 'a number';
        const yaml11 = m.actual === 'bool' && !/^(true|false)$/i.test(m.text.trim()) ? ' (kubectl reads YAML 1.1, where yes/no/on/off/y/n are booleans)' : '';
        const quotable = m.style === 'PLAIN' && single(m.text);
        return {
          text: `${name} must be a string, but unquoted ${shown} is ${reads} in YAML${yaml11}. Quote it: \`${JSON.stringify(m.text.trim())}\`.`,
          fix: quotable ? edit(`Quote ${m.text.trim()}`, JSON.stringify(m.text.trim())) : undefined,
        };
      }
      break;
    case 'b':
      if (m.actual === 'string') {
        if (isQuoted(m) && value !== undefined && /^(true|false)$/.test(value)) {
          return {
            text: `A quoted "${value}" is a string, but ${name} must be ${want}: remove the quotes.`,
            fix: edit(`Remove the quotes: ${value}`, value),
          };
        }
        return { text: `${name} must be ${want}, but ${shown} is a string.` };
      }
      return { text: `${name} must be ${want}, but ${shown} is a number.` };
    case 'is':
      if (m.actual === 'bool') return { text: `${name} must be a port number or a port name, but kubectl reads ${shown} as a boolean. Quote it if it is a name.` };
      if (m.actual === 'float') return { text: `${name} must be a whole number or a name, but ${shown} has a fraction.` };
      break;
    case 'q':
      if (m.actual === 'bool') return { text: `${name} must be ${want}, but kubectl reads ${shown} as a boolean.` };
      break;
  }
  return { text: `${name} must be ${want}, but ${shown} is a ${JSON_NAMES[m.actual]}.` };
}

/** Go's decoding error where its shape is certain: quantities and int-or-string fields decode themselves. */
function apiText(obj: K8sObject, m: TypeMismatch): string {
  if (m.expected === 'q' || m.expected === 'is' || !m.goField) return '';
  const goType = m.expected === 's' ? ' of type string' : m.expected === 'b' ? ' of type bool' : '';
  // encoding/json names the number when it does not fit an integer field.
  const what = m.actual === 'float' && m.expected === 'i' ? `number ${m.text.trim()}` : JSON_NAMES[m.actual];
  return ` (API server: ${decodeErrorHead(obj)}: json: cannot unmarshal ${what} into Go struct field ${m.goStruct}.${m.goField}${goType})`;
}

export const fieldTypeRule: Rule = {
  id: 'field-type',
  defaultSeverity: 'error',
  description: 'A value of the wrong JSON type (a quoted number, an unquoted number where text belongs, a single value where a list belongs).',
  checkObject(obj: K8sObject, ctx: RuleContext) {
    const issues = schemaIssues(obj);
    if (!issues) return;
    for (const m of issues.mismatches) {
      const { text, fix } = explain(obj, m);
      const message = `${text} The API server cannot decode the object and rejects it before checking anything else.${apiText(obj, m)}`;
      ctx.report(obj, m.path, message, { range: m.span, fixes: fix ? [fix] : [] });
    }
  },
};
