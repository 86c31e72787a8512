// service-selector: spec.selector keys and values follow the label syntax (ValidateLabels; KUBERNETES.md §A.7).
import type { K8sObject } from '../parse';
import { keysAt } from '../parse';
import { isRecord } from '../k8s';
import { apiError, isLabelValue, isQualifiedName } from '../validation';
import type { Rule, RuleContext } from './types';
import { SERVICE_KINDS, isCoreService, specOf, withApi } from './serviceHelpers';

export const serviceSelectorRule: Rule = {
  id: 'service-selector',
  defaultSeverity: 'error',
  description: 'Service selector keys and values must be valid label keys and values.',
  kinds: SERVICE_KINDS,
  checkObject(obj: K8sObject, ctx: RuleContext) {
    if (!isCoreService(obj)) return;
    const sel = specOf(obj)['selector'];
    if (!isRecord(sel)) return;
    const spans = new Map(keysAt(obj, ['spec', 'selector']).map((k) => [k.key, k]));
    for (const [key, value] of Object.entries(sel)) {
      const keyErrs = isQualifiedName(key);
      const span = spans.get(key);
      if (keyErrs.length) {
        ctx.report(
          obj,
          ['spec', 'selector', key],
          withApi(
            "A selector key is a label key: an optional DNS prefix and '/', then a name of at most 63 characters made of letters, digits, '-', '_' and '.', starting and ending with a letter or digit. The Service selects pods by these labels, so the key must be one a pod can carry.",
            ...keyErrs.map((e) => apiError('spec.selector', 'Invalid value', key, e)),
          ),
          { at: 'key', field: 'spec.selector', range: span?.span },
        );
      }
      if (typeof value !== 'string') continue; // numbers and booleans are field-type's job
      const valErrs = isLabelValue(value);
      if (valErrs.length) {
        ctx.report(
          obj,
          ['spec', 'selector', key],
          withApi(
            "A selector value is a label value: at most 63 characters, letters, digits, '-', '_' and '.', starting and ending with a letter or digit (or empty).",
            ...valErrs.map((e) => apiError('spec.selector', 'Invalid value', value, e)),
          ),
          { field: 'spec.selector', range: span?.valueSpan },
        );
      }
    }
  },
};
