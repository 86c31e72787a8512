// target-port-number-undeclared: a numeric targetPort that no selected container declares while those
// containers do declare other ports, the classic 80-vs-8080 mistake (KUBERNETES.md §C.4).
import type { Fix, Path, TextEdit } from '../model';
import type { K8sObject } from '../parse';
import { locate } from '../parse';
import { insertAfterKey, insertKeyAt } from '../edits';
import { isHeadless, servicePorts, servingPorts } from '../k8s';
import type { ContainerInfo, ContainerPortInfo, ServicePortInfo } from '../k8s';
import type { PodSource, Scope } from '../scope';
import type { Rule } from './types';
import { replaceAt } from './types';
import { describeContainerPort, scalarText } from './trafficHelpers';

/** How the selected pods relate to one Service port's numeric targetPort. */
export interface NumericTargetPort {
  readonly port: ServicePortInfo;
  readonly target: number;
  /** Sources declaring ports, none of them the target with the port's protocol. */
  readonly mismatched: PodSource[];
  /** Sources with a serving container that declares no ports (so the target may be undeclared but served). */
  readonly noPorts: PodSource[];
  /** Sources declaring the target. */
  readonly matching: PodSource[];
}

/** Numeric targetPorts of a (non-headless, selecting) Service checked against the selected pods. */
export function numericTargetPorts(svc: K8sObject, scope: Scope): NumericTargetPort[] {
  if (svc.ref.apiVersion !== 'v1' || isHeadless(svc.value)) return [];
  const sources = scope.podsForService(svc);
  if (sources.length === 0) return [];
  const out: NumericTargetPort[] = [];
  for (const port of servicePorts(svc.value)) {
    const target = port.targetPort;
    if (typeof target !== 'number') continue;
    const mismatched: PodSource[] = [];
    const noPorts: PodSource[] = [];
    const matching: PodSource[] = [];
    for (const s of sources) {
      const declared = declaredPorts(s);
      if (declared.some((cp) => cp.containerPort === target && cp.protocol === port.protocol)) matching.push(s);
      // A container that declares nothing (say, the app next to a metrics sidecar) may well listen on the target.
      else if (declared.length === 0 || silentContainers(s).length > 0) noPorts.push(s);
      else mismatched.push(s);
    }
    out.push({ port, target, mismatched, noPorts, matching });
  }
  return out;
}

/** Serving containers (regular and sidecar) that declare no numbered port. */
export function silentContainers(s: PodSource): ContainerInfo[] {
  return s.template.containers.filter((c) => (!c.init || c.sidecar) && !c.ports.some((p) => p.containerPort !== undefined));
}

/** Container ports with a number, of containers that can receive Service traffic. */
export function declaredPorts(s: PodSource): ContainerPortInfo[] {
  return servingPorts(s.template.containers).map((x) => x.port).filter((cp) => cp.containerPort !== undefined);
}

/** Where to point, and how to change the targetPort (replace it, or add it after `port` when defaulted). */
export function targetPortEdit(svc: K8sObject, port: ServicePortInfo, newValue: string | number): TextEdit | undefined {
  const path: Path = ['spec', 'ports', port.index, 'targetPort'];
  if (locate(svc, path).found) return replaceAt(svc, path, typeof newValue === 'number' ? String(newValue) : scalarText(svc, path, newValue));
  const text = typeof newValue === 'number' ? String(newValue) : /^[a-z0-9-]+$/.test(newValue) && /[a-z]/.test(newValue) ? newValue : JSON.stringify(newValue);
  // Next to `port` reads best; the shared helper (end of the mapping) covers layouts insertAfterKey declines.
  return insertAfterKey(svc, ['spec', 'ports', port.index], 'port', 'targetPort', text) ?? insertKeyAt(svc, ['spec', 'ports', port.index], 'targetPort', text);
}

/** The path a numeric-targetPort finding points at: the targetPort, or `port` when targetPort is defaulted. */
export function targetPortPath(svc: K8sObject, port: ServicePortInfo): Path {
  const tp: Path = ['spec', 'ports', port.index, 'targetPort'];
  return locate(svc, tp).found ? tp : ['spec', 'ports', port.index, 'port'];
}

function names(list: readonly PodSource[]): string {
  const n = list.map((s) => `${s.object.ref.kind} ${s.object.ref.name}`);
  return n.length <= 1 ? (n[0] ?? '') : `${n.slice(0, -1).join(', ')} and ${n[n.length - 1]}`;
}

export const targetPortNumberUndeclared: Rule = {
  id: 'target-port-number-undeclared',
  defaultSeverity: 'warning',
  description: 'A numeric targetPort that the selected containers do not declare, while they declare other ports (80 vs 8080).',
  kinds: ['Service'],
  checkObject(svc, ctx) {
    for (const a of numericTargetPorts(svc, ctx.scope)) {
      if (a.mismatched.length === 0) continue;
      const { port, target } = a;
      const seen = new Set<string>();
      const candidates: ContainerPortInfo[] = [];
      for (const cp of a.mismatched.flatMap(declaredPorts)) {
        const k = `${cp.containerPort}/${cp.protocol}/${cp.name ?? ''}`;
        if (seen.has(k)) continue;
        seen.add(k);
        candidates.push(cp);
      }
      const sameProto = candidates.filter((cp) => cp.protocol === port.protocol);
      const otherProto = candidates.some((cp) => cp.containerPort === target && cp.protocol !== port.protocol);
      const list = candidates.map(describeContainerPort);
      const declaredText = `${list.length === 1 ? 'containerPort' : 'containerPorts'} ${list.length <= 1 ? list.join('') : `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`}`;
      const who = a.matching.length === 0 && a.noPorts.length === 0 ? `the selected pods (${names(a.mismatched)})` : `the pods of ${names(a.mismatched)}`;
      let message = `Service ${svc.ref.name} sends port ${port.port ?? '?'} to targetPort ${target}${port.targetPortWritten ? '' : ' (targetPort defaults to port)'}, but ${who} declare only ${declaredText}.`;
      if (otherProto) message += ` Port ${target} is declared for another protocol than ${port.protocol}.`;
      message += ` Requests will be refused unless the app also listens on ${target}.`;
      if (a.matching.length) message += ` (${names(a.matching)} ${a.matching.length === 1 ? 'declares' : 'declare'} ${target}.)`;

      const related = a.mismatched.flatMap((s) =>
        servingPorts(s.template.containers)
          .filter((x) => x.port.containerPort !== undefined)
          .map((x) => ({ ...relatedFor(s, x.port.path), message: `${s.object.ref.kind} ${s.object.ref.name}, container ${x.container.name || '(unnamed)'}: containerPort ${describeContainerPort(x.port)}` })),
      );
      const fixes: Fix[] = [];
      const single = sameProto.length === 1;
      for (const cp of sameProto) {
        const byNum = targetPortEdit(svc, port, cp.containerPort!);
        if (byNum) fixes.push({ title: `Set targetPort to ${cp.containerPort}`, edits: [byNum], preferred: single });
        const byName = cp.name ? targetPortEdit(svc, port, cp.name) : undefined;
        if (byName) fixes.push({ title: `Set targetPort to "${cp.name}" (containerPort ${cp.containerPort})`, edits: [byName] });
      }
      ctx.report(svc, targetPortPath(svc, port), message, { field: `spec.ports[${port.index}].targetPort`, related, fixes });
    }
  },
};

function relatedFor(s: PodSource, path: Path): { file: string; range: { start: number; end: number } } {
  const loc = locate(s.object, [...path, 'containerPort']);
  return { file: s.object.file, range: loc.found ? loc.span : locate(s.object, path).span };
}
