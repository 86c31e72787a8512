// service-cluster-ip-conflict: two Services asking for the same clusterIP; the second one fails to
// allocate it (allocIPs, ipallocator ErrAllocated; KUBERNETES.md §A.6, §E.1).
import type { K8sObject } from '../parse';
import { cidrContains, formatIP, parseIP } from '../net';
import type { Rule, RuleContext } from './types';
import { relatedAt } from './types';
import { isCoreService, jsonList, normalizedClusterIPs, specOf, typeOf, withApi } from './serviceHelpers';
import { serviceCIDRs } from './service-cluster-ip';

export const serviceClusterIPConflictRule: Rule = {
  id: 'service-cluster-ip-conflict',
  defaultSeverity: 'error',
  description: 'Every cluster IP belongs to one Service: two Services may not request the same clusterIP.',
  checkScope(ctx: RuleContext) {
    const cidrs = serviceCIDRs(ctx.settings.serviceCIDR);
    const first = new Map<string, { obj: K8sObject; path: (string | number)[] }>();
    for (const obj of ctx.scope.services) {
      if (!isCoreService(obj)) continue;
      const spec = specOf(obj);
      if (typeOf(spec) === 'ExternalName') continue;
      const { ips, fromClusterIP } = normalizedClusterIPs(spec);
      ips.forEach((ip, i) => {
        const p = parseIP(ip);
        if (!p) return;
        const cidr = cidrs.find((c) => c.family === p.family);
        if (cidr && !cidrContains(cidr, p)) return; // out of range: service-cluster-ip reports that first
        const key = formatIP(p);
        const path = fromClusterIP ? ['spec', 'clusterIP'] : ['spec', 'clusterIPs', i];
        const prev = first.get(key);
        if (!prev) {
          first.set(key, { obj, path });
          return;
        }
        const a = `${prev.obj.ref.namespace}/${prev.obj.ref.name}`;
        if (a === `${obj.ref.namespace}/${obj.ref.name}`) return; // two versions of one Service
        ctx.report(
          obj,
          path,
          withApi(
            `Service ${a} already asks for cluster IP ${ip}. Each cluster IP belongs to exactly one Service in the whole cluster (across namespaces), so whichever is created second is rejected. Pick another address, or leave \`clusterIP\` out and let the API server choose.`,
            `spec.clusterIPs: Invalid value: ${jsonList(ips)}: failed to allocate IP ${ip}: provided IP is already allocated`,
          ),
          { field: 'spec.clusterIPs', related: [relatedAt(prev.obj, prev.path, `Service ${a} requests ${ip} here`)] },
        );
      });
    }
  },
};
