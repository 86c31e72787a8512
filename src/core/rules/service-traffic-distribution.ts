// service-traffic-distribution: spec.trafficDistribution values and the topology annotations
// (validateServiceTrafficDistribution, ValidateService; KUBERNETES.md §A.12). The allowed set depends
// on the Kubernetes version: every value some current release accepts is accepted here.
import type { K8sObject } from '../parse';
import { isRecord } from '../k8s';
import { apiError, supportedValues } from '../validation';
import type { Rule, RuleContext } from './types';
import { replaceAt } from './types';
import { SERVICE_KINDS, caseFold, isCoreService, specOf, withApi } from './serviceHelpers';

const VALUES = ['PreferClose', 'PreferSameNode', 'PreferSameZone'];
const TOPOLOGY_MODE = 'service.kubernetes.io/topology-mode';
const TOPOLOGY_HINTS = 'service.kubernetes.io/topology-aware-hints';

export const serviceTrafficDistributionRule: Rule = {
  id: 'service-traffic-distribution',
  defaultSeverity: 'error',
  description: 'trafficDistribution is PreferClose, PreferSameZone or PreferSameNode; the two topology annotations must agree.',
  kinds: SERVICE_KINDS,
  checkObject(obj: K8sObject, ctx: RuleContext) {
    if (!isCoreService(obj)) return;
    const td = specOf(obj)['trafficDistribution'];
    if (typeof td === 'string' && !VALUES.includes(td)) {
      const fix = caseFold(td, VALUES);
      ctx.report(
        obj,
        ['spec', 'trafficDistribution'],
        withApi(
          `\`trafficDistribution\` asks kube-proxy to prefer nearby endpoints. Known values are \`PreferClose\` (all versions that have the field), and from Kubernetes 1.33/1.34 \`PreferSameZone\` and \`PreferSameNode\`; values are case-sensitive.${fix ? ` Write \`${fix}\`.` : ''}`,
          apiError('spec.trafficDistribution', 'Unsupported value', td, supportedValues(VALUES)),
        ),
        { fixes: fix ? [{ title: `Change to ${fix}`, edits: [replaceAt(obj, ['spec', 'trafficDistribution'], fix)], preferred: true }] : [] },
      );
    }
    const ann = isRecord(obj.value['metadata']) && isRecord(obj.value['metadata']['annotations']) ? obj.value['metadata']['annotations'] : undefined;
    const mode = ann?.[TOPOLOGY_MODE];
    const hints = ann?.[TOPOLOGY_HINTS];
    if (typeof mode === 'string' && typeof hints === 'string' && mode !== hints) {
      ctx.report(
        obj,
        ['metadata', 'annotations', TOPOLOGY_MODE],
        withApi(
          `${TOPOLOGY_HINTS} is the deprecated name of ${TOPOLOGY_MODE}. When both are set they must have the same value; keep only \`${TOPOLOGY_MODE}\`.`,
          apiError(`metadata.annotations[${TOPOLOGY_MODE}]`, 'Invalid value', mode, `must match annotations[${TOPOLOGY_HINTS}] when both are specified`),
        ),
        { field: `metadata.annotations[${TOPOLOGY_MODE}]` },
      );
    }
  },
};
