// service-external-ips: each spec.externalIPs entry is a usable IP address (KUBERNETES.md §A.9).
import type { K8sObject } from '../parse';
import { isLinkLocalMulticast, isLinkLocalUnicast, isLoopback, isUnspecified, parseIP } from '../net';
import { apiError } from '../validation';
import type { Rule, RuleContext } from './types';
import { SERVICE_KINDS, isCoreService, specOf, stringList, withApi } from './serviceHelpers';

export const serviceExternalIPsRule: Rule = {
  id: 'service-external-ips',
  defaultSeverity: 'error',
  description: 'externalIPs entries must be valid IP addresses, not unspecified, loopback or link-local.',
  kinds: SERVICE_KINDS,
  checkObject(obj: K8sObject, ctx: RuleContext) {
    if (!isCoreService(obj)) return;
    for (const { index, value } of stringList(specOf(obj), 'externalIPs')) {
      const f = `spec.externalIPs[${index}]`;
      const path = ['spec', 'externalIPs', index];
      const ip = parseIP(value);
      if (!ip) {
        ctx.report(
          obj,
          path,
          withApi(
            '`externalIPs` lists IP addresses of your nodes (or routed to them) on which kube-proxy also accepts traffic for this Service. Each entry must be a plain IP address, without a port or a /prefix.',
            apiError(f, 'Invalid value', value, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'),
          ),
        );
        continue;
      }
      const problems: string[] = [];
      if (isUnspecified(ip)) problems.push(`may not be unspecified (${value})`);
      if (isLoopback(ip)) problems.push('may not be in the loopback range (127.0.0.0/8, ::1/128)');
      if (isLinkLocalUnicast(ip)) problems.push('may not be in the link-local range (169.254.0.0/16, fe80::/10)');
      if (isLinkLocalMulticast(ip)) problems.push('may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)');
      if (!problems.length) continue;
      ctx.report(
        obj,
        path,
        withApi(
          `${value} is a special address that can never reach a node from outside (unspecified, loopback or link-local), so it cannot be used as an external IP. Use an address routed to one of your nodes.`,
          ...problems.map((e) => apiError(f, 'Invalid value', value, e)),
        ),
      );
    }
  },
};
