// workload-selector: apps/v1 controllers (and Jobs with `manualSelector`, ReplicationControllers)
// must have a valid selector that matches their own pod template labels (pkg/apis/apps/validation).
import type { Path } from '../model';
import type { K8sObject } from '../parse';
import { fieldPath } from '../parse';
import { apiError, isLabelValue, isQualifiedName } from '../validation';
import type { Rule, RuleContext } from './types';
import { relatedAt } from './types';
import { arr, has, isServedWorkload, jsonValue, rec, stringMap, withApi } from './objectFields';
import { checkLabelMap } from './object-labels';

const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];
const EMPTY_SELECTOR: Readonly<Record<string, string>> = {
  Deployment: 'empty selector is invalid for deployment',
  ReplicaSet: 'empty selector is invalid for deployment',
  StatefulSet: 'empty selector is not valid for statefulset.',
  DaemonSet: 'empty selector is invalid for daemonset',
};
const MISMATCH = '`selector` does not match template `labels`';
const TEMPLATE_LABELS: Path = ['spec', 'template', 'metadata', 'labels'];

export const workloadSelector: Rule = {
  id: 'workload-selector',
  defaultSeverity: 'error',
  description: 'A Deployment/ReplicaSet/StatefulSet/DaemonSet needs `spec.selector`, and it must match its own pod template labels.',
  kinds: ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'ReplicationController'],
  checkObject(obj, ctx) {
    if (!isServedWorkload(obj)) return;
    const kind = obj.ref.kind;
    if (kind === 'ReplicationController') return checkReplicationController(obj, ctx);
    const spec = rec(obj.value['spec']);
    if (kind === 'Job' && spec['manualSelector'] !== true) return; // the API server generates the Job's selector
    const template = rec(spec['template']);
    const labels = stringMap(rec(template['metadata'])['labels']);
    if (!has(spec, 'selector')) {
      if (kind !== 'DaemonSet') {
        ctx.report(
          obj,
          ['spec', 'selector'],
          withApi(
            `A ${kind} must say which pods it owns: add \`spec.selector.matchLabels\` with labels that also appear in \`spec.template.metadata.labels\` (apps/v1 no longer fills it in for you).`,
            apiError('spec.selector', 'Required value'),
          ),
          { field: 'spec.selector', at: 'key' },
        );
      }
      reportMismatch(obj, ctx, labels, 'There is no `spec.selector`, and a missing selector matches no pods at all, so the template labels can never match it.');
      return;
    }
    const selector = rec(spec['selector']);
    const matchLabels = stringMap(selector['matchLabels']);
    const exprs = arr(selector['matchExpressions']);
    // An unparsable selector fails LabelSelectorAsSelector, and the template is then not compared.
    const badLabels = checkLabelMap(obj, ['spec', 'selector', 'matchLabels'], ctx, 'the selector', 'spec.selector.matchLabels');
    const parsable = checkExpressions(obj, exprs, ctx) && badLabels === 0;
    if (Object.keys(matchLabels).length + exprs.length === 0) {
      const detail = EMPTY_SELECTOR[kind];
      if (detail) {
        ctx.report(
          obj,
          ['spec', 'selector'],
          withApi(
            `An empty selector would claim every pod in the namespace, so a ${kind} may not have one. Put the pod template's labels under \`spec.selector.matchLabels\`.`,
            `spec.selector: Invalid value: ${jsonValue(selector)}: ${detail}`,
          ),
          { field: 'spec.selector' },
        );
      }
      return;
    }
    if (!parsable) return;
    if (!matches(matchLabels, exprs, labels)) {
      reportMismatch(obj, ctx, labels, describeMismatch(matchLabels, exprs, labels));
    }
  },
};

function reportMismatch(obj: K8sObject, ctx: RuleContext, labels: Record<string, string>, why: string): void {
  const field = fieldPath(TEMPLATE_LABELS);
  ctx.report(
    obj,
    TEMPLATE_LABELS,
    withApi(
      `${why} A ${obj.ref.kind} only manages pods whose labels match its selector, so the API server refuses one whose own pod template would not match.`,
      `${field}: Invalid value: ${jsonValue(labels)}: ${MISMATCH}`,
    ),
    { field, at: 'key', related: has(rec(obj.value['spec']), 'selector') ? [relatedAt(obj, ['spec', 'selector'], 'the selector')] : [] },
  );
}

/** Validates matchExpressions (`ValidateLabelSelectorRequirement`); false when the selector cannot be parsed. */
function checkExpressions(obj: K8sObject, exprs: unknown[], ctx: RuleContext): boolean {
  let ok = true;
  exprs.forEach((e, i) => {
    const req = rec(e);
    const base: Path = ['spec', 'selector', 'matchExpressions', i];
    const op = req['operator'];
    const values = arr(req['values']);
    if (typeof op === 'string' && !OPERATORS.includes(op)) {
      ok = false;
      ctx.report(obj, [...base, 'operator'], withApi(`"${op}" is not a selector operator. Use In, NotIn, Exists or DoesNotExist (case-sensitive).`, apiError(fieldPath([...base, 'operator']), 'Invalid value', op, 'not a valid selector operator')));
    } else if ((op === 'In' || op === 'NotIn') && values.length === 0) {
      ok = false;
      ctx.report(obj, [...base, 'values'], withApi(`\`${op}\` compares the label with a list of values, so give at least one value.`, apiError(fieldPath([...base, 'values']), 'Required value', undefined, "must be specified when `operator` is 'In' or 'NotIn'")), { field: fieldPath([...base, 'values']), at: 'key' });
    } else if ((op === 'Exists' || op === 'DoesNotExist') && values.length > 0) {
      ok = false;
      ctx.report(obj, [...base, 'values'], withApi(`\`${op}\` only looks at whether the label key is present, so remove \`values\`.`, apiError(fieldPath([...base, 'values']), 'Forbidden', undefined, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'")), { at: 'key' });
    }
    const key = req['key'];
    if (typeof key === 'string') {
      for (const m of isQualifiedName(key)) {
        ok = false;
        ctx.report(obj, [...base, 'key'], withApi(`"${key}" is not a valid label key.`, apiError(fieldPath([...base, 'key']), 'Invalid value', key, m)));
      }
    }
    values.forEach((v, j) => {
      if (typeof v !== 'string') return;
      for (const m of isLabelValue(v)) {
        ok = false;
        ctx.report(obj, [...base, 'values', j], withApi(`"${v}" is not a valid label value, so no pod could carry it.`, apiError(fieldPath([...base, 'values', j]), 'Invalid value', v, m)));
      }
    });
  });
  return ok;
}

/** LabelSelector semantics: every matchLabels pair and every expression must hold. */
export function matches(matchLabels: Record<string, string>, exprs: unknown[], labels: Record<string, string>): boolean {
  for (const [k, v] of Object.entries(matchLabels)) if (labels[k] !== v) return false;
  return exprs.every((e) => exprHolds(rec(e), labels));
}

function exprHolds(req: Record<string, unknown>, labels: Record<string, string>): boolean {
  const key = String(req['key'] ?? '');
  const values = arr(req['values']).map(String);
  const present = Object.prototype.hasOwnProperty.call(labels, key);
  switch (req['operator']) {
    case 'In':
      return present && values.includes(labels[key]!);
    case 'NotIn':
      return !present || !values.includes(labels[key]!);
    case 'Exists':
      return present;
    case 'DoesNotExist':
      return !present;
    default:
      return false;
  }
}

function describeMismatch(matchLabels: Record<string, string>, exprs: unknown[], labels: Record<string, string>): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(matchLabels)) {
    if (!(k in labels)) parts.push(`the template has no label \`${k}\` (the selector wants \`${k}: ${v}\`)`);
    else if (labels[k] !== v) parts.push(`the selector wants \`${k}: ${v}\` but the template has \`${k}: ${labels[k]}\``);
  }
  exprs.forEach((e, i) => {
    if (!exprHolds(rec(e), labels)) parts.push(`matchExpressions[${i}] (\`${String(rec(e)['key'])} ${String(rec(e)['operator'])}\`) does not hold for the template labels`);
  });
  return `The selector does not match the pod template: ${parts.join('; ') || 'the template labels do not satisfy it'}.`;
}

/** ReplicationController: the selector defaults to the template labels; when given it must match them. */
function checkReplicationController(obj: K8sObject, ctx: RuleContext): void {
  const spec = rec(obj.value['spec']);
  const labels = stringMap(rec(rec(spec['template'])['metadata'])['labels']);
  const selector = stringMap(spec['selector']);
  if (Object.keys(selector).length === 0) {
    if (Object.keys(labels).length === 0 && has(spec, 'template')) {
      ctx.report(
        obj,
        ['spec', 'selector'],
        withApi('This ReplicationController has neither a selector nor pod template labels, so it could not find its own pods. Add labels under `spec.template.metadata.labels` (the selector defaults to them).', apiError('spec.selector', 'Required value')),
        { field: 'spec.selector', at: 'key' },
      );
    }
    return;
  }
  if (Object.entries(selector).every(([k, v]) => labels[k] === v)) return;
  reportMismatch(obj, ctx, labels, describeMismatch(selector, [], labels));
}
