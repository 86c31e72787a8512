// service-type: spec.type is one of ClusterIP, NodePort, LoadBalancer, ExternalName (KUBERNETES.md §A.5).
import type { K8sObject } from '../parse';
import { closest } from '../k8s';
import { apiError, supportedValues } from '../validation';
import type { Rule, RuleContext } from './types';
import { replaceAt } from './types';
import { SERVICE_KINDS, isCoreService, specOf, withApi } from './serviceHelpers';

const TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];

export const serviceTypeRule: Rule = {
  id: 'service-type',
  defaultSeverity: 'error',
  description: 'spec.type must be ClusterIP, NodePort, LoadBalancer or ExternalName (spelled exactly).',
  kinds: SERVICE_KINDS,
  checkObject(obj: K8sObject, ctx: RuleContext) {
    if (!isCoreService(obj)) return;
    const t = specOf(obj)['type'];
    if (typeof t !== 'string' || t === '' || TYPES.includes(t)) return;
    const guess = closest(t, TYPES);
    ctx.report(
      obj,
      ['spec', 'type'],
      withApi(
        `\`type\` decides how the Service is reached: ClusterIP (inside the cluster), NodePort (a port on every node), LoadBalancer (an external load balancer) or ExternalName (a DNS alias). Values are case-sensitive.${guess ? ` Did you mean \`${guess}\`?` : ''}`,
        apiError('spec.type', 'Unsupported value', t, supportedValues(TYPES)),
      ),
      { fixes: guess ? [{ title: `Change the type to ${guess}`, edits: [replaceAt(obj, ['spec', 'type'], guess)], preferred: true }] : [] },
    );
  },
};
