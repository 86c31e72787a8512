// service-node-port: what the NodePort allocator rejects before validation runs (initNodePorts,
// allocHealthCheckNodePort, portallocator ErrNotInRange / ErrAllocated; KUBERNETES.md §A.13, §0.4 item 4).
import type { Path } from '../model';
import type { K8sObject } from '../parse';
import { isRecord } from '../k8s';
import type { Rule, RuleContext } from './types';
import { relatedAt } from './types';
import { isCoreService, needsHealthCheck, specOf, typeOf, withApi } from './serviceHelpers';

interface Claim {
  readonly obj: K8sObject;
  readonly path: Path;
  readonly port?: number;
}

function identity(obj: K8sObject): string {
  return `${obj.ref.namespace}/${obj.ref.name}`;
}

export const serviceNodePortRule: Rule = {
  id: 'service-node-port',
  defaultSeverity: 'error',
  description: 'Requested nodePorts must be inside the NodePort range and not already taken, by this or another Service.',
  checkScope(ctx: RuleContext) {
    const [lo, hi] = ctx.settings.nodePortRange;
    const rangeText = `${lo}-${hi}`;
    const notInRange = `provided port is not in the valid range. The range of valid ports is ${rangeText}`;
    const taken = 'provided port is already allocated';
    /** nodePort -> the first claim on it in the scope. */
    const claims = new Map<number, Claim>();
    for (const obj of ctx.scope.services) {
      if (!isCoreService(obj)) continue;
      const spec = specOf(obj);
      const type = typeOf(spec);
      if (type !== 'NodePort' && type !== 'LoadBalancer') continue; // no allocation for other types
      const ports = Array.isArray(spec['ports']) ? spec['ports'] : [];
      /** Within this Service: nodePort -> port number that claimed it (ports with the same number share one). */
      const own = new Map<number, { port: number | undefined; index: number }>();
      const mine: number[] = [];
      ports.forEach((p, i) => {
        if (!isRecord(p)) return;
        const np = p['nodePort'];
        if (typeof np !== 'number' || np === 0) return;
        const path: Path = ['spec', 'ports', i, 'nodePort'];
        const f = `spec.ports[${i}].nodePort`;
        const portNum = typeof p['port'] === 'number' ? p['port'] : undefined;
        if (np < lo || np > hi) {
          ctx.report(
            obj,
            path,
            withApi(
              `A nodePort must come from the cluster's NodePort range, ${rangeText} (setting nodePortRange; the API server flag --service-node-port-range). Pick a port in that range, or leave \`nodePort\` out and the API server picks a free one.`,
              `${f}: Invalid value: ${np}: ${notInRange}`,
            ),
          );
          return;
        }
        const prev = own.get(np);
        if (prev) {
          if (prev.port !== portNum) {
            ctx.report(
              obj,
              path,
              withApi(
                `nodePort ${np} is already used by port ${prev.index} of this Service. Every node opens each nodePort once; only entries with the same \`port\` number (e.g. 53/TCP and 53/UDP) share a nodePort. Give this port its own nodePort or leave it out.`,
                `${f}: Invalid value: ${np}: ${taken}`,
              ),
              { related: [relatedAt(obj, ['spec', 'ports', prev.index, 'nodePort'], `nodePort ${np} is first requested here`)] },
            );
          }
          return;
        }
        own.set(np, { port: portNum, index: i });
        mine.push(np);
        const other = claims.get(np);
        if (other && identity(other.obj) !== identity(obj)) {
          ctx.report(
            obj,
            path,
            withApi(
              `nodePort ${np} is already taken by Service ${identity(other.obj)}. A nodePort is opened on every node for the whole cluster, so two Services can never share one, whatever their protocols. Pick another port or leave \`nodePort\` out.`,
              `${f}: Invalid value: ${np}: ${taken}`,
            ),
            { related: [relatedAt(other.obj, other.path, `Service ${identity(other.obj)} requests nodePort ${np} here`)] },
          );
        }
      });
      // healthCheckNodePort comes from the same range (only reserved when it is needed).
      const hc = spec['healthCheckNodePort'];
      if (needsHealthCheck(spec) && typeof hc === 'number' && hc > 0 && hc <= 65535) {
        const path: Path = ['spec', 'healthCheckNodePort'];
        if (hc < lo || hc > hi) {
          ctx.report(
            obj,
            path,
            withApi(`The health-check port is reserved from the NodePort range too, ${rangeText} here. Pick one inside it or leave it out.`, `failed to allocate requested HealthCheck NodePort ${hc}: ${notInRange}`),
          );
        } else {
          const clash = own.get(hc);
          const other = claims.get(hc);
          if (clash || (other && identity(other.obj) !== identity(obj))) {
            ctx.report(
              obj,
              path,
              withApi(
                `Port ${hc} is already a nodePort ${clash ? 'of this Service' : `of Service ${identity(other!.obj)}`}. The health-check port must be a separate, free port from the NodePort range.`,
                `failed to allocate requested HealthCheck NodePort ${hc}: ${taken}`,
              ),
              { related: [clash ? relatedAt(obj, ['spec', 'ports', clash.index, 'nodePort'], `nodePort ${hc} is requested here`) : relatedAt(other!.obj, other!.path, `nodePort ${hc} is requested here`)] },
            );
          } else mine.push(hc);
        }
      }
      for (const np of mine) {
        if (claims.has(np)) continue;
        const idx = own.get(np)?.index;
        claims.set(np, { obj, path: idx !== undefined ? ['spec', 'ports', idx, 'nodePort'] : ['spec', 'healthCheckNodePort'] });
      }
    }
  },
};
