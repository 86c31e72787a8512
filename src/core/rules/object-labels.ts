// object-labels: `ValidateLabels` on `metadata.labels` of every object and on pod template labels:
// keys are qualified names (optional DNS prefix + "/" + name ≤ 63), values ≤ 63 label characters.
import type { Path } from '../model';
import type { K8sObject } from '../parse';
import { fieldPath } from '../parse';
import { WORKLOADS } from '../k8s';
import { apiError, isLabelValue, isQualifiedName } from '../validation';
import type { Rule, RuleContext } from './types';
import { isServedWorkload, rec, withApi } from './objectFields';
import { valueAt } from '../parse';

export const objectLabels: Rule = {
  id: 'object-labels',
  defaultSeverity: 'error',
  description: 'Label keys and values (object labels and pod template labels) must have the syntax the API accepts.',
  checkObject(obj, ctx) {
    checkLabelMap(obj, ['metadata', 'labels'], ctx, 'labels');
    if (!isServedWorkload(obj) || obj.ref.kind === 'Pod') return;
    const template = WORKLOADS[obj.ref.kind]!.template;
    checkLabelMap(obj, [...template, 'metadata', 'labels'], ctx, 'pod template labels');
    if (obj.ref.kind === 'CronJob') checkLabelMap(obj, ['spec', 'jobTemplate', 'metadata', 'labels'], ctx, 'job template labels');
  },
};

/** Checks one label map (also used for selector `matchLabels`, which the API validates the same way); returns the problem count. */
export function checkLabelMap(obj: K8sObject, path: Path, ctx: RuleContext, what: string, ruleField?: string): number {
  let count = 0;
  const raw = valueAt(obj.value, path);
  if (!raw || typeof raw !== 'object') return 0;
  const labels = rec(raw);
  const field = ruleField ?? fieldPath(path);
  // Plain values first; source ranges are looked up only for the labels that are reported.
  for (const key of Object.keys(labels)) {
    for (const m of isQualifiedName(key)) {
      count++;
      ctx.report(
        obj,
        [...path, key],
        withApi(
          `"${key}" is not a valid label key in ${what}. A key is an optional DNS-name prefix and "/" (like "app.kubernetes.io/") followed by a name of at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit.`,
          apiError(field, 'Invalid value', key, m),
        ),
        { field, at: 'key' },
      );
    }
    const v = labels[key];
    if (typeof v !== 'string') continue;
    for (const m of isLabelValue(v)) {
      count++;
      ctx.report(
        obj,
        [...path, key],
        withApi(
          `"${v}" is not a valid label value in ${what}. Label values are at most 63 characters of letters, digits, "-", "_" or ".", starting and ending with a letter or digit (or empty); no spaces, "/" or ":".`,
          apiError(field, 'Invalid value', v, m),
        ),
        { field },
      );
    }
  }
  return count;
}
