// ingress-needs-controller: an Ingress does nothing without an Ingress controller (KUBERNETES.md §B.3).
import type { Rule } from './types';

export const ingressNeedsController: Rule = {
  id: 'ingress-needs-controller',
  defaultSeverity: 'info',
  description: 'Teaching hint, once per file: an Ingress only works when an Ingress controller runs in the cluster.',
  checkScope(ctx) {
    const seen = new Set<string>();
    for (const ing of ctx.scope.ingresses) {
      if (seen.has(ing.file)) continue;
      seen.add(ing.file);
      const cls = ing.value['spec'] && typeof ing.value['spec'] === 'object' ? (ing.value['spec'] as Record<string, unknown>)['ingressClassName'] : undefined;
      ctx.report(
        ing,
        ['kind'],
        `An Ingress is only a routing request: nothing happens until an Ingress controller (for example ingress-nginx, Traefik, or your cloud's) runs in the cluster and picks it up${typeof cls === 'string' ? ` for class ${cls}` : ''}. ` +
          'On a local cluster, enable one first (minikube: `minikube addons enable ingress`; kind and k3d need a controller installed). Without one, the Ingress never gets an address.',
      );
    }
  },
};
