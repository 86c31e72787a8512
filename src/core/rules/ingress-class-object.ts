// ingress-class-object: `ValidateIngressClass`: a valid name, a domain-prefixed `spec.controller`,
// and a well-formed `spec.parameters` reference.
import type { Path } from '../model';
import { fieldPath } from '../parse';
import { apiError, isDNS1123Label, isDNS1123Subdomain, supportedValues } from '../validation';
import type { Rule } from './types';
import { has, metadataNameProblems, pathSegmentProblems, rec, withApi } from './objectFields';

const HTTP_PATH = /^[A-Za-z0-9/\-._~%!$&'()*+,;=:]+$/;

export const ingressClassObject: Rule = {
  id: 'ingress-class-object',
  defaultSeverity: 'error',
  description: 'IngressClass objects: a valid name, `spec.controller` like "example.com/ingress-controller", and valid `parameters`.',
  kinds: ['IngressClass'],
  checkObject(obj, ctx) {
    if (obj.ref.apiVersion !== 'networking.k8s.io/v1') return;
    for (const p of metadataNameProblems(obj.value)) {
      ctx.report(obj, p.path, withApi('IngressClass names are lowercase DNS names; Ingresses refer to this name in `spec.ingressClassName`.', p.api));
    }
    const spec = rec(obj.value['spec']);
    const controller = spec['controller'];
    const cPath: Path = ['spec', 'controller'];
    const cField = fieldPath(cPath);
    const plain = 'The `controller` names the Ingress controller that implements this class, as a domain-prefixed path such as "k8s.io/ingress-nginx" or "example.com/ingress-controller".';
    if (controller === undefined || controller === null || controller === '') {
      ctx.report(obj, cPath, withApi(plain, apiError(cField, 'Required value')), { field: cField, at: 'key' });
    } else if (typeof controller === 'string') {
      if (controller.length > 250) ctx.report(obj, cPath, withApi(plain, `${cField}: Too long: may not be more than 250 bytes`));
      const slash = controller.indexOf('/');
      const host = slash < 0 ? '' : controller.slice(0, slash);
      const rest = slash < 0 ? '' : controller.slice(slash + 1);
      if (!host || !rest) {
        ctx.report(obj, cPath, withApi(plain, apiError(cField, 'Invalid value', controller, 'must be a domain-prefixed path (such as "acme.io/foo")')));
      } else {
        for (const m of isDNS1123Subdomain(host)) ctx.report(obj, cPath, withApi(plain, apiError(cField, 'Invalid value', host, m)));
        if (!HTTP_PATH.test(rest)) {
          ctx.report(obj, cPath, withApi(plain, apiError(cField, 'Invalid value', rest, "Invalid path (regex used for validation is '[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+')")));
        }
      }
    }
    if (!has(spec, 'parameters')) return;
    const params = rec(spec['parameters']);
    const pp: Path = ['spec', 'parameters'];
    const group = params['apiGroup'];
    if (typeof group === 'string') {
      for (const m of isDNS1123Subdomain(group)) ctx.report(obj, [...pp, 'apiGroup'], withApi('`apiGroup` is the API group of the parameters kind, a lowercase DNS name.', apiError(fieldPath([...pp, 'apiGroup']), 'Invalid value', group, m)));
    }
    for (const key of ['kind', 'name'] as const) {
      const v = params[key];
      const kp = [...pp, key];
      if (v === undefined || v === null || v === '') {
        ctx.report(obj, kp, withApi(`\`parameters\` must name the \`${key}\` of the object that configures the controller.`, apiError(fieldPath(kp), 'Required value', undefined, `${key} is required`)), { field: fieldPath(kp), at: 'key' });
      } else if (typeof v === 'string') {
        for (const m of pathSegmentProblems(v)) ctx.report(obj, kp, withApi(`This \`${key}\` is used as a segment of an API URL, so it cannot be "." or ".." and cannot contain "/" or "%".`, apiError(fieldPath(kp), 'Invalid value', v, m)));
      }
    }
    // networking.k8s.io/v1 defaults a missing scope to Cluster.
    const rawScope = params['scope'];
    if (rawScope !== undefined && rawScope !== null && typeof rawScope !== 'string') return;
    const scope = typeof rawScope === 'string' ? rawScope : 'Cluster';
    const ns = params['namespace'];
    const nsPath = [...pp, 'namespace'];
    if (scope !== 'Cluster' && scope !== 'Namespace') {
      ctx.report(obj, [...pp, 'scope'], withApi('`scope` says where the parameters object lives: `Cluster` (cluster-wide object) or `Namespace` (then also set `namespace`).', apiError(fieldPath([...pp, 'scope']), 'Unsupported value', scope, supportedValues(['Cluster', 'Namespace']))));
    } else if (scope === 'Namespace') {
      if (ns === undefined || ns === null) {
        ctx.report(obj, [...pp, 'scope'], withApi('With `scope: Namespace` the parameters object is namespaced, so add `namespace:` with its namespace.', apiError(fieldPath(nsPath), 'Required value', undefined, "`parameters.scope` is set to 'Namespace'")), { field: fieldPath(nsPath) });
      } else if (typeof ns === 'string') {
        for (const m of isDNS1123Label(ns)) ctx.report(obj, nsPath, withApi('Namespace names are lowercase DNS labels (letters, digits and "-", at most 63 characters).', apiError(fieldPath(nsPath), 'Invalid value', ns, m)));
      }
    } else if (ns !== undefined && ns !== null) {
      ctx.report(obj, nsPath, withApi('With `scope: Cluster` (the default) the parameters object is cluster-wide and has no namespace: remove `namespace`, or set `scope: Namespace`.', apiError(fieldPath(nsPath), 'Forbidden', undefined, "`parameters.scope` is set to 'Cluster'")), { at: 'key' });
    }
  },
};
