// ingress-name: an Ingress name must be a DNS-1123 subdomain (`ValidateIngressName = NameIsDNSSubdomain`).
import type { Rule } from './types';
import { isIngressV1, metadataNameProblems, withApi } from './objectFields';

export const ingressName: Rule = {
  id: 'ingress-name',
  defaultSeverity: 'error',
  description: 'An Ingress needs a name that is a DNS-1123 subdomain (lowercase letters, digits, "-" and ".").',
  kinds: ['Ingress'],
  checkObject(obj, ctx) {
    if (!isIngressV1(obj)) return;
    for (const p of metadataNameProblems(obj.value)) {
      const plain =
        p.api.includes('Required value')
          ? 'This Ingress has no name. Every object needs `metadata.name` (or `metadata.generateName`) before the API server will store it.'
          : 'This Ingress name is not allowed. Ingress names must be lowercase DNS names: letters a-z, digits, "-" and ".", starting and ending with a letter or digit, at most 253 characters.';
      ctx.report(obj, p.path, withApi(plain, p.api));
    }
  },
};
