// selectorless-service: a Service without a selector gets no automatic endpoints (KUBERNETES.md §C.1, §C.6).
import type { Rule } from './types';
import { isRecord, serviceSelector, serviceType } from '../k8s';

export const selectorlessService: Rule = {
  id: 'selectorless-service',
  defaultSeverity: 'info',
  description: 'Teaching hint: a Service without a selector has no endpoints until you create EndpointSlices for it.',
  kinds: ['Service'],
  checkObject(svc, ctx) {
    if (svc.ref.apiVersion !== 'v1' || serviceType(svc.value) === 'ExternalName') return;
    const sel = serviceSelector(svc.value);
    if (sel && Object.keys(sel).length > 0) return;
    const name = svc.ref.name;
    const hasSlice = ctx.scope.endpointSlices.some((s) => {
      const labels = isRecord(s.value['metadata']) && isRecord(s.value['metadata']['labels']) ? s.value['metadata']['labels'] : {};
      return s.ref.namespace === svc.ref.namespace && labels['kubernetes.io/service-name'] === name;
    });
    if (hasSlice) return;
    ctx.report(
      svc,
      ['spec', 'selector'],
      `Service ${name} has no selector, so Kubernetes does not pick pods for it and creates no endpoints. Traffic to it goes nowhere until you create EndpointSlices yourself, labelled kubernetes.io/service-name: ${name}, whose port names match the Service's port names. ` +
        'That is how you point a Service at something outside the cluster; to reach pods, add a selector matching their labels instead.',
    );
  },
};
