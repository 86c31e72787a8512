// ingress-backend-port-missing: an Ingress backend port (name or number) that the Service does not have
// (KUBERNETES.md §B.1: the API server does not check it).
import { servicePorts, serviceType } from '../k8s';
import type { ServicePortInfo } from '../k8s';
import type { Fix, TextEdit } from '../model';
import type { K8sObject } from '../parse';
import { locate } from '../parse';
import type { Rule } from './types';
import { relatedAt, replaceAt } from './types';
import { ingressServiceBackends, scalarText } from './trafficHelpers';
import type { IngressServiceBackend } from './trafficHelpers';

function describePort(p: ServicePortInfo): string {
  return p.name ? `${p.port} (${p.name})` : String(p.port);
}

/** Edits that make `port:` say `key: value`, touching only the existing key and scalar (name XOR number). */
function portEdits(ing: K8sObject, b: IngressServiceBackend, key: 'name' | 'number', value: string | number): TextEdit[] | undefined {
  const portPath = [...b.path, 'service', 'port'];
  const current: 'name' | 'number' | undefined = b.portName !== undefined ? 'name' : b.portNumber !== undefined ? 'number' : undefined;
  if (!current || b.portBoth) return undefined;
  const valuePath = [...portPath, current];
  if (!locate(ing, valuePath).found) return undefined;
  const text = typeof value === 'number' ? String(value) : scalarText(ing, valuePath, value).replace(/^(\d+)$/, '"$1"');
  const edits = [replaceAt(ing, valuePath, text)];
  if (current !== key) edits.push(replaceAt(ing, valuePath, key, 'key'));
  return edits;
}

export const ingressBackendPortMissing: Rule = {
  id: 'ingress-backend-port-missing',
  defaultSeverity: 'warning',
  description: 'An Ingress backend port (name or number) is not a port of the Service it names.',
  kinds: ['Ingress'],
  checkObject(ing, ctx) {
    if (ing.ref.apiVersion !== 'networking.k8s.io/v1') return;
    for (const b of ingressServiceBackends(ing.value)) {
      if (!b.name || b.portBoth) continue;
      const svc = ctx.scope.findService(ing.ref.namespace, b.name);
      if (!svc) continue;
      const ports = servicePorts(svc.value).filter((p) => p.port !== undefined);
      if (ports.length === 0 && serviceType(svc.value) === 'ExternalName') continue;
      let path: (string | number)[];
      let wanted: string;
      if (b.portName !== undefined) {
        if (ports.some((p) => p.name === b.portName)) continue;
        path = [...b.path, 'service', 'port', 'name'];
        wanted = `port name "${b.portName}"`;
      } else if (b.portNumber !== undefined) {
        if (ports.some((p) => p.port === b.portNumber)) continue;
        path = [...b.path, 'service', 'port', 'number'];
        wanted = `port ${b.portNumber}`;
      } else continue;
      const list = ports.map(describePort).join(', ') || 'no ports';
      const fixes: Fix[] = [];
      for (const p of ports) {
        if (p.name && b.portName !== undefined) {
          const e = portEdits(ing, b, 'name', p.name);
          if (e) fixes.push({ title: `Use port name "${p.name}"`, edits: e, preferred: ports.length === 1 });
        }
        const e = portEdits(ing, b, 'number', p.port!);
        if (e) fixes.push({ title: `Use port number ${p.port}`, edits: e, preferred: ports.length === 1 && !(p.name && b.portName !== undefined) });
        if (p.name && b.portName === undefined) {
          const e2 = portEdits(ing, b, 'name', p.name);
          if (e2) fixes.push({ title: `Use port name "${p.name}"`, edits: e2 });
        }
      }
      const hint =
        b.portNumber !== undefined && ports.some((p) => p.targetPort === b.portNumber)
          ? ` Note: ${b.portNumber} is the Service's targetPort (the pod's port); an Ingress backend names the Service's own port.`
          : '';
      ctx.report(
        ing,
        path,
        `This Ingress sends requests to ${wanted} of Service ${b.name}, but that Service has ${ports.length === 1 ? 'only port' : 'ports'} ${list}. The controller cannot route these requests (usually a 503).${hint} Point the backend at one of the Service's ports.`,
        { fixes, related: [relatedAt(svc, ['spec', 'ports'], `Service ${b.name}: its ports`)] },
      );
    }
  },
};
