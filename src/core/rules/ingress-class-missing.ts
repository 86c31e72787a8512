// ingress-class-missing: ingressClassName names an IngressClass absent from a scope that defines others
// (KUBERNETES.md §B.3). Info only: the class may exist in the cluster.
import { closest } from '../k8s';
import type { Fix } from '../model';
import type { Rule } from './types';
import { replaceAt } from './types';
import { scalarText } from './trafficHelpers';

export const ingressClassMissing: Rule = {
  id: 'ingress-class-missing',
  defaultSeverity: 'info',
  description: 'An Ingress names an IngressClass that is not among the IngressClasses in the files checked together.',
  kinds: ['Ingress'],
  checkObject(ing, ctx) {
    const spec = ing.value['spec'];
    const cls = spec && typeof spec === 'object' ? (spec as Record<string, unknown>)['ingressClassName'] : undefined;
    if (typeof cls !== 'string' || cls === '' || ctx.scope.ingressClasses.length === 0) return;
    const names = ctx.scope.ingressClasses.map((c) => c.ref.name);
    if (names.includes(cls)) return;
    const path = ['spec', 'ingressClassName'];
    const guess = closest(cls, names);
    const fixes: Fix[] = guess ? [{ title: `Use IngressClass ${guess}`, edits: [replaceAt(ing, path, scalarText(ing, path, guess))], preferred: true }] : [];
    ctx.report(
      ing,
      path,
      `IngressClass ${cls} is not among the IngressClasses defined here (${names.join(', ')}).${guess ? ` Did you mean ${guess}?` : ''} If no controller serves class ${cls}, nobody picks this Ingress up. It may exist in the cluster already: check with \`kubectl get ingressclass\`.`,
      { fixes },
    );
  },
};
