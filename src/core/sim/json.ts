// The JSON contract of `service-lab simulate --format json` (docs/simulation.md), built from a SimState.
import { serviceDnsRecords } from './dns';
import { endpointsOf } from './endpoints';
import { backendsFor, serviceKey, usable } from './proxy';
import type { SimJson, SimService, SimState } from './types';

/** Pods that receive traffic per Service port (key: port name, or the number of an unnamed port); null when DNS answers instead. */
export function receivesTraffic(state: SimState, svcRef: string | SimService): Record<string, string[]> | null {
  const svc = typeof svcRef === 'string' ? state.services.find((s) => serviceKey(s) === svcRef) : svcRef;
  if (!svc || svc.headless || svc.type === 'ExternalName') return null;
  const out: Record<string, string[]> = {};
  for (const sp of svc.ports) {
    out[sp.name || String(sp.port)] = usable(backendsFor(state.slices, svc, sp)).map((b) => b.pod ?? b.ip);
  }
  return out;
}

/** The simulation as plain JSON; same manifest, seed and events give the same output byte for byte. */
export function toJson(state: SimState): SimJson {
  return {
    services: state.services.map((s) => ({
      namespace: s.namespace,
      name: s.name,
      type: s.type,
      clusterIP: s.clusterIP,
      headless: s.headless,
      ports: s.ports.map((p) => ({ name: p.name, port: p.port, targetPort: p.targetPort, nodePort: p.nodePort, protocol: p.protocol })),
      endpoints: endpointsOf(state.slices, serviceKey(s)).map((e) => ({
        pod: e.pod,
        node: e.node,
        ip: e.ip,
        ready: e.ready,
        serving: e.serving,
        terminating: e.terminating,
        ports: e.ports.map((p) => ({ name: p.name, port: p.port, protocol: p.protocol })),
      })),
      receivesTraffic: receivesTraffic(state, s),
      dns: serviceDnsRecords(state, s),
    })),
    pods: state.pods.map((p) => ({
      namespace: p.namespace,
      name: p.name,
      owner: p.owner,
      node: p.node,
      ip: p.ip,
      phase: p.phase,
      ready: p.ready,
      labels: p.labels,
    })),
    ingresses: state.ingresses.map((i) => ({ namespace: i.namespace, name: i.name, class: i.class, rules: i.rules })),
  };
}
