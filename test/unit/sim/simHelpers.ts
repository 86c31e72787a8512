// Test helpers: build a simulation from YAML text.
import { parseFile, Scope } from '../../../src/core/index';
import { createSimulation } from '../../../src/core/sim/index';
import type { SimOptions, SimState } from '../../../src/core/sim/index';

export function scopeOf(yaml: string): Scope {
  return new Scope([parseFile('test.yaml', yaml)]);
}

export function sim(yaml: string, opts: SimOptions = {}): SimState {
  return createSimulation(scopeOf(yaml), { seed: 1, ...opts });
}

/** A Deployment with labels and container ports (`name:port[/proto]`). */
export function deployment(name: string, labels: Record<string, string>, replicas = 1, ports: string[] = ['http:8080'], extra = '', ns = 'default'): string {
  const lab = Object.entries(labels).map(([k, v]) => `${k}: "${v}"`).join(', ');
  const ps = ports
    .map((p) => {
      const [n, rest] = p.split(':');
      const [num, proto] = rest!.split('/');
      return `        - {${n ? `name: ${n}, ` : ''}containerPort: ${num}${proto ? `, protocol: ${proto}` : ''}}`;
    })
    .join('\n');
  return `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: ${ns}}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {${lab}}}
  template:
    metadata: {labels: {${lab}}}
    spec:${extra}
      containers:
      - name: main
        image: app
        ports:
${ps}
---
`;
}

/** A bare Pod, optionally with a status block and node. */
export function pod(name: string, labels: Record<string, string>, opts: { ports?: string[]; status?: string; node?: string; deleting?: boolean; ns?: string; hostname?: string; subdomain?: string } = {}): string {
  const lab = Object.entries(labels).map(([k, v]) => `${k}: "${v}"`).join(', ');
  const ps = (opts.ports ?? ['http:8080'])
    .map((p) => {
      const [n, num] = p.split(':');
      return `    - {${n ? `name: ${n}, ` : ''}containerPort: ${num}}`;
    })
    .join('\n');
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: ${opts.ns ?? 'default'}
  labels: {${lab}}${opts.deleting ? '\n  deletionTimestamp: "2024-01-01T00:00:00Z"' : ''}
spec:${opts.node ? `\n  nodeName: ${opts.node}` : ''}${opts.hostname ? `\n  hostname: ${opts.hostname}` : ''}${opts.subdomain ? `\n  subdomain: ${opts.subdomain}` : ''}
  containers:
  - name: main
    image: app
    ports:
${ps}
${opts.status ? `status:\n${opts.status}\n` : ''}---
`;
}

export function service(name: string, body: string, ns = 'default'): string {
  return `apiVersion: v1
kind: Service
metadata: {name: ${name}, namespace: ${ns}}
spec:
${body}
---
`;
}

export const READY_STATUS = `  phase: Running
  podIP: PODIP
  conditions:
  - {type: Ready, status: "True"}`;

export const UNREADY_STATUS = `  phase: Running
  podIP: PODIP
  conditions:
  - {type: Ready, status: "False"}`;
