// Rules of the "traffic" group: accepted by the API server, but traffic will not flow as the manifest
// intends (warnings), plus teaching hints (info). One module per rule id.
import type { Rule } from './types';
import { selectorNoMatch } from './selector-no-match';
import { targetPortNameMissing } from './target-port-name-missing';
import { targetPortNumberUndeclared } from './target-port-number-undeclared';
import { targetPortUndeclared } from './target-port-undeclared';
import { ingressBackendMissing } from './ingress-backend-missing';
import { ingressBackendPortMissing } from './ingress-backend-port-missing';
import { ingressClassMissing } from './ingress-class-missing';
import { ingressNeedsController } from './ingress-needs-controller';
import { probePortMissing } from './probe-port-missing';
import { statefulsetServiceMissing } from './statefulset-service-missing';
import { loadbalancerPending } from './loadbalancer-pending';
import { selectorlessService } from './selectorless-service';
import { endpointslicePortMismatch } from './endpointslice-port-mismatch';

export const trafficRules: readonly Rule[] = [
  selectorNoMatch,
  targetPortNameMissing,
  targetPortNumberUndeclared,
  targetPortUndeclared,
  ingressBackendMissing,
  ingressBackendPortMissing,
  ingressClassMissing,
  ingressNeedsController,
  probePortMissing,
  statefulsetServiceMissing,
  loadbalancerPending,
  selectorlessService,
  endpointslicePortMismatch,
];
