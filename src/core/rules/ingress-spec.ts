// ingress-spec: an Ingress must say where traffic goes: `rules`, `defaultBackend`, or both (`ValidateIngressSpec`).
import type { Rule } from './types';
import { arr, has, isIngressV1, rec, withApi } from './objectFields';

export const ingressSpec: Rule = {
  id: 'ingress-spec',
  defaultSeverity: 'error',
  description: 'An Ingress needs `spec.rules` or `spec.defaultBackend`; with neither it routes nothing and is rejected.',
  kinds: ['Ingress'],
  checkObject(obj, ctx) {
    if (!isIngressV1(obj)) return;
    const spec = rec(obj.value['spec']);
    if (arr(spec['rules']).length > 0 || has(spec, 'defaultBackend')) return;
    ctx.report(
      obj,
      ['spec'],
      withApi(
        'This Ingress does not say where any request should go. Add `rules` (hosts and paths that send traffic to a Service) or a `defaultBackend` (one Service that gets every request).',
        `spec: Invalid value: ${Array.isArray(spec['rules']) ? '[]' : 'null'}: either \`defaultBackend\` or \`rules\` must be specified`,
      ),
      { field: 'spec', at: 'key' },
    );
  },
};
