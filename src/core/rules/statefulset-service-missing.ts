// statefulset-service-missing: a StatefulSet's serviceName must name a headless Service in its namespace
// for the pods' stable DNS names (KUBERNETES.md §C.7).
import { closest, isHeadless, isRecord } from '../k8s';
import type { Fix } from '../model';
import type { Rule } from './types';
import { relatedAt, replaceAt } from './types';
import { scalarText } from './trafficHelpers';

export const statefulsetServiceMissing: Rule = {
  id: 'statefulset-service-missing',
  defaultSeverity: 'warning',
  description: "A StatefulSet's serviceName names no Service in its namespace, or a Service that is not headless.",
  kinds: ['StatefulSet'],
  checkObject(sts, ctx) {
    if (sts.ref.apiVersion !== 'apps/v1') return;
    const spec = isRecord(sts.value['spec']) ? sts.value['spec'] : {};
    const name = spec['serviceName'];
    if (typeof name !== 'string' || name === '') return;
    const ns = sts.ref.namespace;
    const path = ['spec', 'serviceName'];
    const dns = `${sts.ref.name}-0.${name}.${ns}.svc.${ctx.settings.clusterDomain}`;
    const svc = ctx.scope.findService(ns, name);
    if (!svc) {
      const local = ctx.scope.servicesIn(ns);
      if (local.length === 0) {
        ctx.report(
          sts,
          path,
          `StatefulSet ${sts.ref.name} names Service ${name}, which is not in the files checked together. Make sure a headless Service ${name} (clusterIP: None) exists in namespace ${ns}: it gives each pod a stable DNS name such as ${dns}.`,
          { severity: 'info' },
        );
        return;
      }
      const guess = closest(name, local.map((s) => s.ref.name));
      const fixes: Fix[] = guess ? [{ title: `Use Service ${guess}`, edits: [replaceAt(sts, path, scalarText(sts, path, guess))], preferred: true }] : [];
      ctx.report(
        sts,
        path,
        `StatefulSet ${sts.ref.name} names Service ${name}, but there is no Service ${name} in namespace ${ns}.${guess ? ` Did you mean ${guess}?` : ''} Without it the pods get no stable DNS names such as ${dns}. Create a headless Service (clusterIP: None) named ${name} that selects these pods.`,
        { fixes, related: guess ? [relatedAt(local.find((s) => s.ref.name === guess)!, ['metadata', 'name'], `Service ${guess}`)] : [] },
      );
      return;
    }
    if (!isHeadless(svc.value)) {
      ctx.report(
        sts,
        path,
        `StatefulSet ${sts.ref.name} names Service ${name}, but that Service is not headless (it has a cluster IP). Per-pod DNS names such as ${dns} exist only for a headless Service: add clusterIP: None to Service ${name} (an existing Service must be deleted and re-created: its cluster IP cannot change once set), or create a separate headless Service for the StatefulSet.`,
        { related: [relatedAt(svc, ['spec'], `Service ${name}: no clusterIP: None`)] },
      );
    }
  },
};
