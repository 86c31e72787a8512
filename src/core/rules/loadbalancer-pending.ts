// loadbalancer-pending: teaching hint on type LoadBalancer (KUBERNETES.md §A.5, §A.11).
import type { Rule } from './types';
import { isRecord, serviceType } from '../k8s';

export const loadbalancerPending: Rule = {
  id: 'loadbalancer-pending',
  defaultSeverity: 'info',
  description: 'Teaching hint: a LoadBalancer Service needs something that provides load balancers, or its external IP stays <pending>.',
  kinds: ['Service'],
  checkObject(svc, ctx) {
    if (svc.ref.apiVersion !== 'v1' || serviceType(svc.value) !== 'LoadBalancer') return;
    // A dump from a cluster (kubectl get -o yaml) that already shows an address is not pending.
    const status = isRecord(svc.value['status']) ? svc.value['status'] : {};
    const lb = isRecord(status['loadBalancer']) ? status['loadBalancer'] : {};
    if (Array.isArray(lb['ingress']) && lb['ingress'].length > 0) return;
    ctx.report(
      svc,
      ['spec', 'type'],
      `type: LoadBalancer asks the cluster for an external load balancer. A cloud provider's controller creates one; a local cluster (kind, minikube, bare metal) has none unless you add one (for example MetalLB, or \`minikube tunnel\`), so \`kubectl get svc ${svc.ref.name}\` shows EXTERNAL-IP <pending>. ` +
        'The Service still works meanwhile: inside the cluster through its ClusterIP, and from outside through the nodePort on every node.',
    );
  },
};
