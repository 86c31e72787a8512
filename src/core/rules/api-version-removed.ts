// api-version-removed: objects written for API versions the API server no longer serves
// (Kubernetes deprecated API migration guide), with what changed in the replacement version.
import type { Fix } from '../model';
import type { Rule } from './types';
import { replaceAt } from './types';

interface Removal {
  readonly kinds: readonly string[];
  readonly versions: readonly string[];
  readonly removedIn: string;
  readonly use: string;
  /** What else must change besides apiVersion; undefined when changing apiVersion is enough to try. */
  readonly migrate?: string;
}

const WORKLOAD_MIGRATION = '`spec.selector` is now required and must match `spec.template.metadata.labels`.';

const REMOVALS: readonly Removal[] = [
  {
    kinds: ['Ingress'],
    versions: ['extensions/v1beta1', 'networking.k8s.io/v1beta1'],
    removedIn: '1.22',
    use: 'networking.k8s.io/v1',
    migrate:
      'In v1, `serviceName`/`servicePort` became `service.name` plus `service.port.number` (or `service.port.name`), `spec.backend` became `spec.defaultBackend`, and every path needs a `pathType` (`Prefix`, `Exact` or `ImplementationSpecific`).',
  },
  { kinds: ['IngressClass'], versions: ['networking.k8s.io/v1beta1'], removedIn: '1.22', use: 'networking.k8s.io/v1' },
  { kinds: ['Deployment', 'DaemonSet', 'ReplicaSet'], versions: ['extensions/v1beta1', 'apps/v1beta1', 'apps/v1beta2'], removedIn: '1.16', use: 'apps/v1', migrate: WORKLOAD_MIGRATION },
  { kinds: ['StatefulSet'], versions: ['apps/v1beta1', 'apps/v1beta2'], removedIn: '1.16', use: 'apps/v1', migrate: WORKLOAD_MIGRATION },
  { kinds: ['NetworkPolicy'], versions: ['extensions/v1beta1'], removedIn: '1.16', use: 'networking.k8s.io/v1' },
  { kinds: ['EndpointSlice'], versions: ['discovery.k8s.io/v1beta1'], removedIn: '1.25', use: 'discovery.k8s.io/v1', migrate: 'In v1, per-endpoint `topology` became `nodeName` and `zone`.' },
  { kinds: ['CronJob'], versions: ['batch/v1beta1'], removedIn: '1.25', use: 'batch/v1' },
  { kinds: ['PodDisruptionBudget'], versions: ['policy/v1beta1'], removedIn: '1.25', use: 'policy/v1', migrate: 'In v1 an empty `spec.selector` selects every pod in the namespace.' },
];

export const apiVersionRemoved: Rule = {
  id: 'api-version-removed',
  defaultSeverity: 'error',
  description: 'Objects using API versions that current Kubernetes no longer serves (e.g. Ingress extensions/v1beta1, Deployment apps/v1beta2).',
  checkObject(obj, ctx) {
    const { kind, apiVersion } = obj.ref;
    const r = REMOVALS.find((x) => x.kinds.includes(kind) && x.versions.includes(apiVersion));
    if (!r) return;
    const fixes: Fix[] = [{ title: `Change apiVersion to ${r.use}`, edits: [replaceAt(obj, ['apiVersion'], r.use)], preferred: !r.migrate }];
    const plain =
      `${kind} in ${apiVersion} was removed in Kubernetes ${r.removedIn}: current API servers refuse it ` +
      `(kubectl reports: no matches for kind "${kind}" in version "${apiVersion}"). Use apiVersion ${r.use}.` +
      (r.migrate ? ` ${r.migrate}` : '');
    ctx.report(obj, ['apiVersion'], plain, { fixes });
  },
};
