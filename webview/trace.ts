// Sends one request through the simulated cluster, hop by hop, with a plain-language explanation
// of each step (client → Ingress → Service → EndpointSlice → Pod). Pure and deterministic.
import type { K8sObject, Scope } from '../src/core/index';
import { isHeadless, resolveTargetPort, servicePorts, serviceType } from '../src/core/index';
import type { ViewModel } from './viewModel';
import { hash } from './cluster';
import { hostMatches, ingId, ingressRoutes, pathMatches, podId, sliceId, svcId } from './viewModel';

export interface Hop {
  /** Diagram element the request is at. */
  readonly at: string;
  readonly text: string;
}

export interface TraceResult {
  readonly ok: boolean;
  readonly hops: readonly Hop[];
}

/** Traces the request identified by a `RequestTarget.id` of the view model. */
export function traceRequest(scope: Scope, vm: ViewModel, targetId: string, seed = 0): TraceResult {
  const target = vm.targets.find((t) => t.id === targetId);
  if (!target) return { ok: false, hops: [{ at: 'client:external', text: 'That request target no longer exists in this manifest.' }] };
  const hops: Hop[] = [];
  const hash_ = targetId.indexOf('#');
  const elementId = targetId.slice(0, hash_);
  const what = targetId.slice(hash_ + 1);
  hops.push({ at: target.client, text: `${target.client === 'client:external' ? 'A user outside the cluster' : 'A pod inside the cluster'} sends a request to ${target.label}.` });
  if (elementId.startsWith('ing:')) {
    const ing = scope.ingresses.find((i) => ingId(i) === elementId);
    const route = ing ? ingressRoutes(ing)[Number(what)] : undefined;
    if (!ing || !route) return { ok: false, hops };
    const host = route.host && !route.host.startsWith('*.') ? route.host : route.host ? 'x' + route.host.slice(1) : 'any-host.example';
    const path = route.path ?? '/';
    // Longest matching path wins; Exact beats Prefix at equal length (B.2).
    const candidates = ingressRoutes(ing).filter((r) => !r.isDefault && hostMatches(r.host, host) && pathMatches(r.path ?? '/', r.pathType, path));
    candidates.sort((a, b) => (b.path ?? '/').length - (a.path ?? '/').length || (a.pathType === 'Exact' ? -1 : 0) - (b.pathType === 'Exact' ? -1 : 0));
    const chosen = candidates[0] ?? ingressRoutes(ing).find((r) => r.isDefault);
    if (!chosen) {
      hops.push({ at: elementId, text: `The Ingress controller finds no rule for host ${host} and path ${path}, and there is no defaultBackend: it answers 404.` });
      return { ok: false, hops };
    }
    hops.push({ at: elementId, text: chosen.isDefault ? `No rule matches, so the Ingress controller uses spec.defaultBackend (${chosen.service ?? '?'}).` : `The Ingress controller matches host ${chosen.host ?? '(any host)'} first, then path ${chosen.path ?? '/'} (${chosen.pathType ?? 'no pathType'}): backend Service ${chosen.service ?? '?'} port ${chosen.portNumber ?? chosen.portName ?? '?'}.` });
    const svc = chosen.service ? scope.findService(ing.ref.namespace, chosen.service) : undefined;
    if (!svc) {
      hops.push({ at: `missing:${ing.ref.namespace}/${chosen.service ?? ''}`, text: `There is no Service "${chosen.service ?? ''}" in namespace ${ing.ref.namespace}: the controller has nowhere to send the request and answers 503.` });
      return { ok: false, hops };
    }
    const port = servicePorts(svc.value).find((p) => (chosen.portNumber !== undefined ? p.port === chosen.portNumber : p.name === chosen.portName));
    if (!port) {
      hops.push({ at: svcId(svc), text: `Service ${svc.ref.name} has no port ${chosen.portNumber ?? chosen.portName ?? '?'}: the controller answers 503.` });
      return { ok: false, hops };
    }
    hops.push({ at: svcId(svc), text: `Most controllers send straight to the pod IPs listed in ${svc.ref.name}'s EndpointSlices for port ${port.port} → ${port.targetPort}.` });
    return toEndpoint(vm, svc, port.index, hops, seed, 'ingress');
  }
  const svc = scope.services.find((s) => svcId(s) === elementId);
  if (!svc) return { ok: false, hops };
  const ip = vm.cluster.clusterIPs.get(svc.id);
  if (what === 'dns') {
    const spec = svc.value['spec'] as Record<string, unknown> | undefined;
    hops.push({ at: svcId(svc), text: `Cluster DNS answers with a CNAME to ${String(spec?.['externalName'] ?? '?')}. The client then connects to that name outside the cluster; kube-proxy is not involved.` });
    return { ok: true, hops };
  }
  const idx = Number(/\d+$/.exec(what)?.[0] ?? -1);
  const port = servicePorts(svc.value)[idx];
  if (!port) return { ok: false, hops };
  if (what.startsWith('nodeport')) {
    const node = vm.cluster.nodes.find((n) => n.ready) ?? vm.cluster.nodes[0]!;
    hops.push({ at: svcId(svc), text: `The packet reaches node ${node.name} on NodePort ${port.nodePort ?? '(auto-assigned)'}. kube-proxy's KUBE-NODEPORTS rule maps it to Service ${svc.ref.name} port ${port.port}, on every node.` });
  } else if (what.startsWith('lb')) {
    hops.push({ at: svcId(svc), text: `The cloud load balancer forwards port ${port.port} to a node's NodePort ${port.nodePort ?? '(auto)'}; kube-proxy then treats it like a NodePort request for Service ${svc.ref.name}.` });
  } else if (isHeadless(svc.value)) {
    hops.push({ at: svcId(svc), text: `${svc.ref.name} is headless: DNS returns the ready pod IPs and the client connects to one directly (no virtual IP, no kube-proxy).` });
  } else {
    hops.push({ at: svcId(svc), text: `DNS resolves ${svc.ref.name}.${svc.ref.namespace} to the cluster IP ${ip ?? '?'}. kube-proxy's rules on the client's node catch ${ip ?? '?'}:${port.port} and pick an endpoint at random.` });
  }
  if (serviceType(svc.value) === 'ExternalName') return { ok: true, hops };
  return toEndpoint(vm, svc, port.index, hops, seed, what.startsWith('nodeport') || what.startsWith('lb') ? 'nodeport' : 'cluster');
}

function toEndpoint(vm: ViewModel, svc: K8sObject, portIndex: number, hops: Hop[], seed: number, via: 'ingress' | 'nodeport' | 'cluster'): TraceResult {
  const port = servicePorts(svc.value)[portIndex]!;
  const sid = sliceId(svc);
  const ready = vm.edges.filter((e) => e.from === sid && e.kind === 'endpoint').map((e) => vm.cluster.pods.find((p) => podId(p) === e.to)).filter((p) => p !== undefined);
  const serving = ready.map((pod) => ({ pod, r: resolveTargetPort(pod.source.template.containers, port.targetPort, port.protocol) })).filter((x) => x.r !== undefined);
  if (!vm.elements.some((e) => e.id === sid)) {
    hops.push({ at: svcId(svc), text: `${svc.ref.name} has no selector, so there is no EndpointSlice unless you create one: the connection fails.` });
    return { ok: false, hops };
  }
  if (serving.length === 0) {
    hops.push({ at: sid, text: `The EndpointSlice of ${svc.ref.name} has no ready endpoint for port ${port.port}${typeof port.targetPort === 'string' ? ` (named targetPort "${port.targetPort}")` : ''}. kube-proxy rejects the connection: the client sees "connection refused".` });
    return { ok: false, hops };
  }
  const pick = serving[hash(`${svc.id}/${seed}`) % serving.length]!;
  hops.push({ at: sid, text: `The EndpointSlice lists ${serving.length} ready endpoint${serving.length > 1 ? 's' : ''}; this time ${pick.pod.name} (${pick.pod.ip}) is chosen.` });
  const chain = [via === 'nodeport' && port.nodePort !== undefined ? String(port.nodePort) : undefined, via === 'ingress' ? '80' : undefined, String(port.port), String(pick.r!.port)].filter((x) => x !== undefined);
  hops.push({
    at: podId(pick.pod),
    text:
      via === 'ingress'
        ? `The Ingress controller opens a connection to ${pick.pod.ip}:${pick.r!.port}; the request arrives at pod ${pick.pod.name} on node ${pick.pod.node}. Port path: ${chain.join(' → ')}.`
        : `kube-proxy's DNAT rule rewrites the destination to ${pick.pod.ip}:${pick.r!.port}; the packet arrives at pod ${pick.pod.name} on node ${pick.pod.node}. Port path: ${chain.join(' → ')}.`,
  });
  return { ok: true, hops };
}
