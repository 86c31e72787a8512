// service-traffic-policy: externalTrafficPolicy, internalTrafficPolicy and healthCheckNodePort
// (validateServiceExternalTrafficPolicy, validateServiceInternalTrafficFieldsValue; KUBERNETES.md §A.10).
import type { K8sObject } from '../parse';
import { apiError, isValidPortNum, supportedValues } from '../validation';
import type { Rule, RuleContext } from './types';
import { replaceAt } from './types';
import { SERVICE_KINDS, caseFold, externallyAccessible, isCoreService, needsHealthCheck, specOf, typeOf, withApi } from './serviceHelpers';

const POLICIES = ['Cluster', 'Local'];

export const serviceTrafficPolicyRule: Rule = {
  id: 'service-traffic-policy',
  defaultSeverity: 'error',
  description: 'externalTrafficPolicy only on externally reachable Services; policies are Cluster or Local; healthCheckNodePort only for LoadBalancer + Local.',
  kinds: SERVICE_KINDS,
  checkObject(obj: K8sObject, ctx: RuleContext) {
    if (!isCoreService(obj)) return;
    const spec = specOf(obj);
    const type = typeOf(spec);
    if (type === undefined) return;
    const etp = spec['externalTrafficPolicy'];
    if (typeof etp === 'string' && etp !== '') {
      if (!externallyAccessible(spec)) {
        ctx.report(
          obj,
          ['spec', 'externalTrafficPolicy'],
          withApi(
            `\`externalTrafficPolicy\` controls traffic that arrives from outside the cluster (through a node port, a load balancer or an external IP). A \`type: ${type}\` Service${type === 'ClusterIP' ? ' without `externalIPs`' : ''} gets no such traffic, so the field is not allowed here. Remove it, or use \`internalTrafficPolicy\` for traffic from inside the cluster.`,
            apiError('spec.externalTrafficPolicy', 'Invalid value', etp, 'may only be set for externally-accessible services'),
          ),
        );
      } else if (!POLICIES.includes(etp)) {
        policyValue(obj, ctx, 'externalTrafficPolicy', etp);
      }
    }
    const itp = spec['internalTrafficPolicy'];
    if (typeof itp === 'string' && !POLICIES.includes(itp)) policyValue(obj, ctx, 'internalTrafficPolicy', itp);

    const hc = spec['healthCheckNodePort'];
    if (typeof hc === 'number' && hc !== 0) {
      if (!needsHealthCheck(spec)) {
        ctx.report(
          obj,
          ['spec', 'healthCheckNodePort'],
          withApi(
            "`healthCheckNodePort` is the port a cloud load balancer probes to find the nodes that have a local pod. It exists only for `type: LoadBalancer` with `externalTrafficPolicy: Local`; remove it here.",
            apiError('spec.healthCheckNodePort', 'Invalid value', hc, "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"),
          ),
        );
      } else {
        const errs = isValidPortNum(hc);
        if (errs.length) {
          ctx.report(
            obj,
            ['spec', 'healthCheckNodePort'],
            withApi(
              '`healthCheckNodePort` must be a port number from 1 to 65535 (in practice one from the NodePort range); leave it out to let the API server pick one.',
              apiError('spec.healthCheckNodePort', 'Invalid value', hc, errs[0]),
            ),
          );
        }
      }
    }
  },
};

function policyValue(obj: K8sObject, ctx: RuleContext, field: 'externalTrafficPolicy' | 'internalTrafficPolicy', value: string): void {
  const fix = caseFold(value, POLICIES);
  ctx.report(
    obj,
    ['spec', field],
    withApi(
      `\`${field}\` is \`Cluster\` (send traffic to ready pods on any node) or \`Local\` (only to pods on the node that received it). Values are case-sensitive.${fix ? ` Write \`${fix}\`.` : ''}`,
      apiError(`spec.${field}`, 'Unsupported value', value, supportedValues(POLICIES)),
    ),
    { fixes: fix ? [{ title: `Change to ${fix}`, edits: [replaceAt(obj, ['spec', field], fix)], preferred: true }] : [] },
  );
}
