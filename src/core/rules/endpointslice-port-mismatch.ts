// endpointslice-port-mismatch: a selectorless Service whose hand-made EndpointSlices carry no port with the
// Service port's name and protocol; kube-proxy matches slice ports by name (KUBERNETES.md §C.4, §C.6).
import { isRecord, serviceSelector, servicePorts, serviceType } from '../k8s';
import type { Fix, RelatedLocation } from '../model';
import type { K8sObject } from '../parse';
import type { Rule } from './types';
import { relatedAt, replaceAt } from './types';
import { scalarText } from './trafficHelpers';

interface SlicePort {
  readonly slice: K8sObject;
  readonly index: number;
  /** "" when unnamed (the API default). */
  readonly name: string;
  readonly protocol: string;
  readonly port?: number;
  readonly nameWritten: boolean;
}

function slicePorts(slice: K8sObject): SlicePort[] {
  const ports = Array.isArray(slice.value['ports']) ? slice.value['ports'] : [];
  return ports.flatMap((p, index) => {
    if (!isRecord(p)) return [];
    const name = typeof p['name'] === 'string' ? p['name'] : '';
    return [{ slice, index, name, protocol: typeof p['protocol'] === 'string' ? p['protocol'] : 'TCP', port: typeof p['port'] === 'number' ? p['port'] : undefined, nameWritten: typeof p['name'] === 'string' }];
  });
}

export const endpointslicePortMismatch: Rule = {
  id: 'endpointslice-port-mismatch',
  defaultSeverity: 'warning',
  description: "A selectorless Service's EndpointSlices have no port with the Service port's name and protocol, so that port gets no backends.",
  kinds: ['Service'],
  checkObject(svc, ctx) {
    if (svc.ref.apiVersion !== 'v1' || serviceType(svc.value) === 'ExternalName') return;
    const sel = serviceSelector(svc.value);
    if (sel && Object.keys(sel).length > 0) return;
    const slices = ctx.scope.endpointSlices.filter((s) => {
      const labels = isRecord(s.value['metadata']) && isRecord(s.value['metadata']['labels']) ? s.value['metadata']['labels'] : {};
      return s.ref.namespace === svc.ref.namespace && labels['kubernetes.io/service-name'] === svc.ref.name;
    });
    if (slices.length === 0) return;
    const all = slices.flatMap(slicePorts);
    const ports = servicePorts(svc.value);
    const used = new Set<SlicePort>();
    for (const p of ports) {
      const name = p.name ?? '';
      const match = all.filter((sp) => sp.name === name && sp.protocol === p.protocol);
      match.forEach((m) => used.add(m));
    }
    for (const p of ports) {
      const name = p.name ?? '';
      if (all.some((sp) => sp.name === name && sp.protocol === p.protocol)) continue;
      const unused = all.filter((sp) => !used.has(sp) && sp.protocol === p.protocol);
      const related: RelatedLocation[] = all.map((sp) => relatedAt(sp.slice, ['ports', sp.index], `EndpointSlice ${sp.slice.ref.name}: port ${sp.name ? `"${sp.name}"` : '(unnamed)'} ${sp.port ?? '?'}/${sp.protocol}`));
      const fixes: Fix[] = [];
      if (unused.length === 1 && unused[0]!.nameWritten && name !== '') {
        const sp = unused[0]!;
        const path = ['ports', sp.index, 'name'];
        fixes.push({ title: `Rename EndpointSlice ${sp.slice.ref.name} port "${sp.name}" to "${name}"`, edits: [replaceAt(sp.slice, path, scalarText(sp.slice, path, name))], preferred: true });
      }
      const label = name ? `named "${name}"` : 'without a name';
      const have = all.map((sp) => (sp.name ? `"${sp.name}"` : '(unnamed)') + `/${sp.protocol}`).join(', ') || 'no ports';
      ctx.report(
        svc,
        p.name ? ['spec', 'ports', p.index, 'name'] : ['spec', 'ports', p.index, 'port'],
        `Service ${svc.ref.name} has no selector, and its EndpointSlices have no ${p.protocol} port ${label} (they have ${have}). kube-proxy pairs slice ports with Service ports by name and protocol, so port ${p.port ?? '?'} gets no backends and connections to it are refused. Give the slice port the same name as the Service port.`,
        { related, fixes },
      );
    }
  },
};
