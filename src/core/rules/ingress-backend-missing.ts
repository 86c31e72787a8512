// ingress-backend-missing: an Ingress backend naming a Service that is not in the Ingress's namespace
// (KUBERNETES.md §B.1 "Not validated", IngressServiceBackend.Name doc; §G66).
import { closest } from '../k8s';
import type { Fix, RelatedLocation } from '../model';
import type { K8sObject } from '../parse';
import type { Rule } from './types';
import { relatedAt, replaceAt } from './types';
import { ingressServiceBackends, scalarText } from './trafficHelpers';

export const ingressBackendMissing: Rule = {
  id: 'ingress-backend-missing',
  defaultSeverity: 'warning',
  description: "An Ingress backend names a Service that is not in the Ingress's namespace in the files checked together.",
  kinds: ['Ingress'],
  checkObject(ing, ctx) {
    if (ing.ref.apiVersion !== 'networking.k8s.io/v1') return;
    const ns = ing.ref.namespace;
    const local = ctx.scope.servicesIn(ns);
    for (const b of ingressServiceBackends(ing.value)) {
      if (!b.name || ctx.scope.findService(ns, b.name)) continue;
      const path = [...b.path, 'service', 'name'];
      const elsewhere = ctx.scope.services.filter((s) => s.ref.name === b.name && s.ref.namespace !== ns);
      const related: RelatedLocation[] = elsewhere.map((s) => relatedAt(s, ['metadata', 'name'], `Service ${s.ref.name} exists, but in namespace ${s.ref.namespace}`));
      const nsNote = elsewhere.length
        ? ` A Service ${b.name} exists in namespace ${joinNs(elsewhere.map((s) => s.ref.namespace))}, but an Ingress can only route to Services in its own namespace (${ns}).`
        : '';
      // kube-system holds add-ons (dashboards, DNS, metrics) installed by their own manifests.
      if (local.length === 0 || ns === 'kube-system') {
        ctx.report(
          ing,
          path,
          `This Ingress routes to Service ${b.name}, which is not in the files checked together. Make sure Service ${b.name} exists in namespace ${ns}: the API server does not check it, and the Ingress controller answers with an error (often 503) while it is missing.${nsNote}`,
          { severity: 'info', related },
        );
        continue;
      }
      const guess = closestService(local, b.name);
      const fixes: Fix[] = guess ? [{ title: `Change the backend to Service ${guess}`, edits: [replaceAt(ing, path, scalarText(ing, path, guess))], preferred: true }] : [];
      if (guess) {
        const target = local.find((s) => s.ref.name === guess)!;
        related.push(relatedAt(target, ['metadata', 'name'], `Service ${guess} in namespace ${ns}`));
      }
      const known = local.slice(0, 5).map((s) => s.ref.name).join(', ');
      ctx.report(
        ing,
        path,
        `This Ingress routes to Service ${b.name}, but there is no Service ${b.name} in namespace ${ns} (Services here: ${known}${local.length > 5 ? ', …' : ''}).${guess ? ` Did you mean ${guess}?` : ''} The API server accepts this, but the Ingress controller has nowhere to send the requests and answers with an error (often 503).${nsNote}`,
        { related, fixes },
      );
    }
  },
};

/** "Did you mean" per namespace's Service list and missing name: many backends repeat the same missing name. */
const guesses = new WeakMap<readonly K8sObject[], { names: string[]; byName: Map<string, string | undefined> }>();

function closestService(local: readonly K8sObject[], name: string): string | undefined {
  let memo = guesses.get(local);
  if (!memo) {
    memo = { names: [...new Set(local.map((s) => s.ref.name))], byName: new Map() };
    guesses.set(local, memo);
  }
  if (!memo.byName.has(name)) memo.byName.set(name, closest(name, memo.names));
  return memo.byName.get(name);
}

function joinNs(list: string[]): string {
  return [...new Set(list)].join(', ');
}
