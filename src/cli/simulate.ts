// `service-lab simulate`: runs the embedded cluster simulation on manifests and prints which pods
// each Service selects and sends traffic to, with DNS answers, pods and Ingresses.
import { toJson } from '../core/sim/index';
import type { SimJson, SimState } from '../core/sim/index';
import type { Command } from './main';
import { rejectUnknownOptions, takeFormat } from './main';
import { simulateInputs, takeSimOptions } from './simOptions';

export const SIMULATE_USAGE = `  simulate [--format text|json] [--seed N] [--nodes N] <inputs>...
                                               simulate a cluster running these manifests: pods,
                                               ClusterIPs, endpoints, who receives traffic, DNS`;

function short(pod: string | null, ns: string): string {
  if (!pod) return '(manual address)';
  return pod.startsWith(ns + '/') ? pod.slice(ns.length + 1) : pod;
}

/** Human-readable summary of a simulation. */
export function simulationToText(state: SimState, json: SimJson = toJson(state)): string {
  const out: string[] = [];
  out.push(`Cluster: ${state.nodes.map((n) => `${n.name} (${n.ip})`).join(', ')}; Service CIDR ${state.settings.serviceCIDR}; seed ${state.seed}`);
  for (const s of json.services) {
    out.push('');
    const addr = s.type === 'ExternalName' ? 'no ClusterIP (ExternalName)' : s.headless ? 'headless (no ClusterIP)' : `ClusterIP ${s.clusterIP}`;
    const full = state.services.find((x) => x.namespace === s.namespace && x.name === s.name);
    const extra = [full?.loadBalancerIP ? `LoadBalancer IP ${full.loadBalancerIP}${full.loadBalancerIPMode === 'Proxy' ? ' (ipMode Proxy)' : ''}` : '', full?.externalIPs.length ? `external IPs ${full.externalIPs.join(', ')}` : ''].filter(Boolean);
    out.push(`Service ${s.namespace}/${s.name}  ${s.type}  ${addr}${extra.length ? ', ' + extra.join(', ') : ''}`);
    for (const p of s.ports) {
      const key = p.name || String(p.port);
      const np = p.nodePort !== null ? `, nodePort ${p.nodePort}` : '';
      out.push(`  port ${p.name ? p.name + ' ' : ''}${p.port}/${p.protocol} -> targetPort ${p.targetPort}${np}`);
      if (s.receivesTraffic) {
        const pods = s.receivesTraffic[key] ?? [];
        out.push(pods.length ? `    traffic goes to: ${pods.map((x) => short(x, s.namespace)).join(', ')}` : '    traffic goes to: nobody (connections are refused: no ready endpoint has this port)');
      }
    }
    if (s.type !== 'ExternalName') {
      if (!s.endpoints.length) out.push('  endpoints: none');
      for (const e of s.endpoints) {
        const state2 = e.ready ? 'ready' : e.terminating ? (e.serving ? 'terminating (serving)' : 'terminating') : 'NOT ready';
        const ports = e.ports.length ? e.ports.map((p) => `${p.name || '(unnamed)'}=${p.port}`).join(' ') : 'no ports';
        out.push(`  endpoint ${short(e.pod, s.namespace)} ${e.ip} on ${e.node ?? '?'}: ${state2}; ${ports}`);
      }
    }
    for (const r of s.dns) out.push(`  DNS ${r.type} ${r.name} -> ${r.data}`);
  }
  out.push('', 'Pods');
  if (!json.pods.length) out.push('  (none)');
  for (const p of json.pods) {
    out.push(`  ${p.namespace}/${p.name}  ${p.owner ?? 'bare Pod'}  ${p.node ?? 'unscheduled'}  ${p.ip ?? 'no IP'}  ${p.phase}${p.phase === 'Running' ? (p.ready ? ', Ready' : ', not Ready') : ''}`);
  }
  if (json.ingresses.length) {
    out.push('', 'Ingresses');
    for (const i of json.ingresses) {
      out.push(`  ${i.namespace}/${i.name}  class ${i.class ?? '(none)'}`);
      for (const r of i.rules) {
        for (const p of r.paths) {
          const be = p.backend ? `${short(p.backend.service, i.namespace)}:${p.backend.port ?? '?'}` : '(no Service backend)';
          out.push(`    ${r.host ?? '*'} ${p.path} (${p.pathType}) -> ${be}`);
        }
      }
    }
  }
  if (state.log.length) {
    out.push('', 'What the controllers did');
    for (const l of state.log) out.push(`  [${l.actor}] ${l.message}`);
  }
  return out.join('\n') + '\n';
}

export const simulateCommand: { run: Command; usage: string } = {
  usage: SIMULATE_USAGE,
  run: (args, io) => {
    const format = takeFormat(args);
    const opts = takeSimOptions(args);
    rejectUnknownOptions(args);
    const state = simulateInputs(args, io, opts);
    const json = toJson(state);
    io.stdout(format === 'json' ? JSON.stringify(json) + '\n' : simulationToText(state, json));
    return 0;
  },
};
