// Rules of the "service" group: what the API server rejects in a Service, by validation or allocation.
import type { Rule } from './types';
import { serviceNameRule } from './service-name';
import { servicePortsRule } from './service-ports';
import { serviceTargetPortQuotedRule } from './service-target-port-quoted';
import { serviceTypeRule } from './service-type';
import { serviceClusterIPRule } from './service-cluster-ip';
import { serviceSelectorRule } from './service-selector';
import { serviceSessionAffinityRule } from './service-session-affinity';
import { serviceExternalIPsRule } from './service-external-ips';
import { serviceTrafficPolicyRule } from './service-traffic-policy';
import { serviceLoadBalancerFieldsRule } from './service-load-balancer-fields';
import { serviceTrafficDistributionRule } from './service-traffic-distribution';
import { serviceExternalNameRule } from './service-external-name';
import { serviceNodePortRule } from './service-node-port';
import { serviceClusterIPConflictRule } from './service-cluster-ip-conflict';

export const serviceRules: readonly Rule[] = [
  serviceNameRule,
  servicePortsRule,
  serviceTargetPortQuotedRule,
  serviceTypeRule,
  serviceClusterIPRule,
  serviceSelectorRule,
  serviceSessionAffinityRule,
  serviceExternalIPsRule,
  serviceTrafficPolicyRule,
  serviceLoadBalancerFieldsRule,
  serviceTrafficDistributionRule,
  serviceExternalNameRule,
  serviceNodePortRule,
  serviceClusterIPConflictRule,
];
