// unknown-field: a field the object's type does not have. kubectl's default strict field validation
// makes the API server reject the whole object; with validation off the field is silently dropped.
import type { Fix } from '../model';
import type { K8sObject } from '../parse';
import { closest } from '../k8s';
import { SCHEMA_KUBERNETES_VERSION, decodeErrorHead, schemaIssues } from '../fieldSchema';
import type { UnknownField } from '../fieldSchema';
import type { Rule, RuleContext } from './types';
import { fieldPath, keysAt } from '../parse';

const MAX_LISTED = 12;

/** The key as it should be written, keeping the original quote style. */
function renamedKey(source: string, name: string): string {
  if (source.startsWith('"')) return JSON.stringify(name);
  if (source.startsWith("'")) return `'${name}'`;
  return name;
}

function listFields(known: readonly string[]): string {
  const sorted = [...known].sort();
  const shown = sorted.slice(0, MAX_LISTED).map((f) => `\`${f}\``).join(', ');
  return sorted.length > MAX_LISTED ? `${shown}, … (${sorted.length} in all)` : shown;
}

/** Explains where the field probably belongs when it is not a typo. */
function placementHint(u: UnknownField): string | undefined {
  if (u.parentKnown.includes(u.key)) return `\`${u.key}\` is a field of the enclosing object: it looks indented one level too deep.`;
  const child = u.childTypes.find((c) => c.fields.includes(u.key));
  if (child) return `\`${u.key}\` is a field of \`${child.field}\`: it probably belongs inside \`${child.field}:\` (check the indentation).`;
  const sibling = u.siblingTypes.find((c) => c.fields.includes(u.key));
  if (sibling) return `\`${u.key}\` is a field of \`${sibling.field}\`, not of \`${fieldPath(u.path.slice(0, -1))}\`: it probably belongs under \`${sibling.field}:\` (check the indentation).`;
  return undefined;
}

export function unknownFieldMessage(obj: K8sObject, u: UnknownField, suggestion: string | undefined): string {
  const path = fieldPath(u.path);
  const article = /^[AEIOU]/.test(u.typeName) ? 'an' : 'a';
  const where = u.path.length > 1 ? `${article} ${u.typeName} (\`${fieldPath(u.path.slice(0, -1))}\`)` : `${article} ${u.typeName}`;
  const head = `\`${u.key}\` is not a field of ${where}.`;
  let advice: string;
  let newer = false;
  if (suggestion) {
    advice =
      suggestion.toLowerCase() === u.key.toLowerCase()
        ? ` Did you mean \`${suggestion}\`? Field names are case-sensitive.`
        : ` Did you mean \`${suggestion}\`?`;
  } else {
    const hint = placementHint(u);
    advice = hint ? ` ${hint}` : ` Valid fields here: ${listFields(u.known)}.`;
    newer = !hint;
  }
  const api = `${decodeErrorHead(obj)}: strict decoding error: unknown field "${path}"`;
  return (
    `${head}${advice} kubectl's strict field validation (the default) makes the API server reject the whole object, and with validation turned off the field would be silently dropped, so its setting would never take effect. ` +
    `(API server: ${api})` +
    (newer ? ` Service Lab knows the fields of Kubernetes ${SCHEMA_KUBERNETES_VERSION.replace(/\.\d+$/, '')}: if this field was added in a later release and your cluster has it, ignore this.` : '')
  );
}

export const unknownFieldRule: Rule = {
  id: 'unknown-field',
  defaultSeverity: 'error',
  description: 'A field that the object type does not have (typo, wrong case or wrong indentation): kubectl rejects it.',
  checkObject(obj: K8sObject, ctx: RuleContext) {
    const issues = schemaIssues(obj);
    if (!issues) return;
    const text = obj.document.source;
    for (const u of issues.unknown) {
      const suggestion = closest(u.key, u.known);
      const fixes: Fix[] = [];
      // No rename when the suggested field is already there: that would duplicate the key.
      const taken = suggestion !== undefined && keysAt(obj, u.path.slice(0, -1)).some((k) => k.key === suggestion);
      if (suggestion && !taken) {
        const keySource = text.slice(u.keySpan.start - obj.document.offset, u.keySpan.end - obj.document.offset);
        fixes.push({
          title: `Rename \`${u.key}\` to \`${suggestion}\``,
          edits: [{ file: obj.file, range: u.keySpan, newText: renamedKey(keySource, suggestion) }],
          preferred: true,
        });
      }
      ctx.report(obj, u.path, unknownFieldMessage(obj, u, suggestion), { at: 'key', range: u.keySpan, fixes });
    }
  },
};
