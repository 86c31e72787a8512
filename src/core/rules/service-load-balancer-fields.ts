// service-load-balancer-fields: fields that only type LoadBalancer may use, and their formats
// (ValidateService, validateLoadBalancerClassField; KUBERNETES.md §A.11).
import type { K8sObject } from '../parse';
import { isRecord } from '../k8s';
import { parseCIDR } from '../net';
import { apiError, isQualifiedName } from '../validation';
import type { Rule, RuleContext } from './types';
import { SERVICE_KINDS, isCoreService, specOf, typeOf, withApi } from './serviceHelpers';

const SOURCE_RANGES_ANNOTATION = 'service.beta.kubernetes.io/load-balancer-source-ranges';
const CIDR_MSG = 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)';
const ONLY_LB = "may only be used when `type` is 'LoadBalancer'";

export const serviceLoadBalancerFieldsRule: Rule = {
  id: 'service-load-balancer-fields',
  defaultSeverity: 'error',
  description: 'loadBalancerSourceRanges, loadBalancerClass and allocateLoadBalancerNodePorts only on type LoadBalancer, with valid values.',
  kinds: SERVICE_KINDS,
  checkObject(obj: K8sObject, ctx: RuleContext) {
    if (!isCoreService(obj)) return;
    const spec = specOf(obj);
    const type = typeOf(spec);
    if (type === undefined) return;
    const isLB = type === 'LoadBalancer';
    const ranges = spec['loadBalancerSourceRanges'];
    if (Array.isArray(ranges) && ranges.length > 0) {
      if (!isLB) {
        ctx.report(
          obj,
          ['spec', 'loadBalancerSourceRanges'],
          withApi(
            `\`loadBalancerSourceRanges\` tells a cloud load balancer which client networks may connect. Only \`type: LoadBalancer\` creates a load balancer, so it is not allowed on a \`type: ${type}\` Service. Change the type or remove the field.`,
            apiError('spec.LoadBalancerSourceRanges', 'Forbidden', undefined, ONLY_LB),
          ),
          { at: 'key', field: 'spec.LoadBalancerSourceRanges' },
        );
      }
      ranges.forEach((r, i) => {
        if (typeof r !== 'string') return;
        const v = r.trim();
        if (parseCIDR(v)) return;
        ctx.report(
          obj,
          ['spec', 'loadBalancerSourceRanges', i],
          withApi(
            'Each source range is a network in CIDR notation, an address and a prefix length such as `203.0.113.0/24` (one address: `203.0.113.7/32`).',
            apiError(`spec.LoadBalancerSourceRanges[${i}]`, 'Invalid value', v, CIDR_MSG),
          ),
          { field: `spec.LoadBalancerSourceRanges[${i}]` },
        );
      });
    } else {
      const ann = isRecord(obj.value['metadata']) && isRecord(obj.value['metadata']['annotations']) ? obj.value['metadata']['annotations'][SOURCE_RANGES_ANNOTATION] : undefined;
      if (typeof ann === 'string') {
        const path = ['metadata', 'annotations', SOURCE_RANGES_ANNOTATION];
        const f = `metadata.annotations[${SOURCE_RANGES_ANNOTATION}]`;
        if (!isLB) {
          ctx.report(
            obj,
            path,
            withApi(
              `The annotation ${SOURCE_RANGES_ANNOTATION} restricts which clients a cloud load balancer accepts; it is only allowed on \`type: LoadBalancer\` Services.`,
              apiError(f, 'Forbidden', undefined, ONLY_LB),
            ),
            { at: 'key', field: f },
          );
        }
        const val = ann.trim();
        if (val !== '') {
          const bad = val.split(',').map((x) => x.trim()).filter((x) => !parseCIDR(x));
          if (bad.length) {
            ctx.report(
              obj,
              path,
              withApi(
                'The annotation is a comma-separated list of networks in CIDR notation, such as `10.0.0.0/8,203.0.113.0/24`.',
                ...bad.map((b) => apiError(f, 'Invalid value', b, CIDR_MSG)),
              ),
              { field: f },
            );
          }
        }
      }
    }
    const alloc = spec['allocateLoadBalancerNodePorts'];
    if (typeof alloc === 'boolean' && !isLB) {
      ctx.report(
        obj,
        ['spec', 'allocateLoadBalancerNodePorts'],
        withApi(
          '`allocateLoadBalancerNodePorts` decides whether a LoadBalancer Service also gets node ports; it only means something for `type: LoadBalancer`. Remove it.',
          apiError('spec.allocateLoadBalancerNodePorts', 'Forbidden', undefined, ONLY_LB),
        ),
        { at: 'key' },
      );
    }
    const cls = spec['loadBalancerClass'];
    if (typeof cls === 'string') {
      if (!isLB) {
        ctx.report(
          obj,
          ['spec', 'loadBalancerClass'],
          withApi(
            '`loadBalancerClass` picks which load-balancer implementation serves a `type: LoadBalancer` Service; other types may not set it.',
            apiError('spec.loadBalancerClass', 'Forbidden', undefined, ONLY_LB),
          ),
          { at: 'key' },
        );
      }
      const errs = isQualifiedName(cls);
      if (errs.length) {
        ctx.report(
          obj,
          ['spec', 'loadBalancerClass'],
          withApi(
            '`loadBalancerClass` must look like a label key, usually prefixed with a domain, e.g. `example.com/internal-vip`.',
            ...errs.map((e) => apiError('spec.loadBalancerClass', 'Invalid value', cls, e)),
          ),
        );
      }
    }
  },
};
