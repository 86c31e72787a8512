// ingress-class: `ingressClassName` is a DNS-1123 subdomain, and on create the deprecated
// `kubernetes.io/ingress.class` annotation must equal it when both are set (`ValidateIngressCreate`).
import { apiError, isDNS1123Subdomain } from '../validation';
import type { Rule } from './types';
import { replaceAt } from './types';
import { isIngressV1, rec, withApi } from './objectFields';

const ANNOTATION = 'kubernetes.io/ingress.class';

export const ingressClass: Rule = {
  id: 'ingress-class',
  defaultSeverity: 'error',
  description: '`spec.ingressClassName` must be a valid IngressClass name and agree with the old `kubernetes.io/ingress.class` annotation.',
  kinds: ['Ingress'],
  checkObject(obj, ctx) {
    if (!isIngressV1(obj)) return;
    const className = rec(obj.value['spec'])['ingressClassName'];
    if (typeof className !== 'string') return;
    for (const m of isDNS1123Subdomain(className)) {
      ctx.report(
        obj,
        ['spec', 'ingressClassName'],
        withApi(
          '`ingressClassName` names an IngressClass object, whose names are lowercase DNS names (letters, digits, "-" and ".").',
          apiError('spec.ingressClassName', 'Invalid value', className, m),
        ),
      );
    }
    const annotation = rec(rec(obj.value['metadata'])['annotations'])[ANNOTATION];
    if (typeof annotation === 'string' && annotation !== className) {
      const field = `annotations.${ANNOTATION}`;
      ctx.report(
        obj,
        ['metadata', 'annotations', ANNOTATION],
        withApi(
          `The old annotation \`${ANNOTATION}: ${annotation}\` and \`spec.ingressClassName: ${className}\` pick different Ingress controllers. Keep only \`ingressClassName\` (the annotation is deprecated), or make them equal.`,
          apiError(field, 'Invalid value', annotation, 'must match `ingressClassName` when both are specified'),
        ),
        { field, fixes: [{ title: `Set the annotation to "${className}"`, edits: [replaceAt(obj, ['metadata', 'annotations', ANNOTATION], JSON.stringify(className))] }] },
      );
    }
  },
};
