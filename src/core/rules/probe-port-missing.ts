// probe-port-missing: a probe port name the container does not declare (the kubelet cannot resolve it and
// the probe fails), or a probe port number the container does not declare (a hint) (KUBERNETES.md §F).
import { closest, isRecord } from '../k8s';
import type { ContainerInfo } from '../k8s';
import type { Fix, Path } from '../model';
import type { PodSource } from '../scope';
import { podSourceOf } from '../scope';
import type { RuleContext, Rule } from './types';
import { relatedAt, replaceAt } from './types';
import { describeContainerPort, joinWords, scalarText } from './trafficHelpers';

const PROBES = ['readinessProbe', 'livenessProbe', 'startupProbe'] as const;
const HANDLERS = ['httpGet', 'tcpSocket', 'grpc'] as const;

const EFFECT: Record<(typeof PROBES)[number], string> = {
  readinessProbe: 'the pod never becomes Ready, so Services never send it traffic',
  livenessProbe: 'the kubelet keeps killing and restarting the container',
  startupProbe: 'the kubelet kills and restarts the container, and its other probes never start',
};

function checkContainer(src: PodSource, c: ContainerInfo, ctx: RuleContext): void {
  const obj = src.object;
  const declared = c.ports.filter((p) => p.containerPort !== undefined);
  for (const probe of PROBES) {
    const pv = c[probe];
    if (!pv) continue;
    for (const h of HANDLERS) {
      const hv = pv[h];
      if (!isRecord(hv)) continue;
      const port = hv['port'];
      const path: Path = [...c.path, probe, h, 'port'];
      const who = `container ${c.name || '(unnamed)'} of ${obj.ref.kind} ${obj.ref.name}`;
      // Built only when reporting: locating the ports for every probe would cost more than the check.
      const related = () => (declared.length ? [relatedAt(obj, [...c.path, 'ports'], `${who}: its declared ports`)] : []);
      if (typeof port === 'string' && port !== '' && !/^\d+$/.test(port)) {
        if (c.ports.some((p) => p.name === port)) continue;
        const named = declared.filter((p) => p.name);
        const typo = closest(port, named.map((p) => p.name!));
        const fixes: Fix[] = [];
        for (const p of named) fixes.push({ title: `Use port name "${p.name}"`, edits: [replaceAt(obj, path, scalarText(obj, path, p.name!))], preferred: p.name === typo });
        for (const p of declared) fixes.push({ title: `Use port number ${p.containerPort}`, edits: [replaceAt(obj, path, String(p.containerPort))], preferred: !typo && declared.length === 1 });
        const has = declared.length ? ` It declares ${joinWords(declared.map(describeContainerPort))}.` : ' It declares no ports at all.';
        ctx.report(
          obj,
          path,
          `The ${probe} of ${who} uses the port name "${port}", but this container declares no port with that name.${typo ? ` Did you mean "${typo}"?` : ''}${has} The API server accepts this, but the kubelet cannot resolve the name, so the probe always fails: ${EFFECT[probe]}.`,
          { related: related(), fixes },
        );
      } else if (typeof port === 'number' && declared.length > 0 && !declared.some((p) => p.containerPort === port)) {
        const fixes: Fix[] = declared.map((p) => ({ title: `Use port number ${p.containerPort}`, edits: [replaceAt(obj, path, String(p.containerPort))] }));
        ctx.report(
          obj,
          path,
          `The ${probe} of ${who} checks port ${port}, which the container does not declare (it declares ${joinWords(declared.map(describeContainerPort))}). ` +
            `That is fine if the app really listens on ${port} (for example a separate health port), but if it is a slip, the probe fails and ${EFFECT[probe]}.`,
          { severity: 'info', related: related(), fixes },
        );
      }
    }
  }
}

export const probePortMissing: Rule = {
  id: 'probe-port-missing',
  defaultSeverity: 'warning',
  description: 'A probe names a container port the container does not declare (warning), or checks an undeclared port number (info).',
  // Per object (not per scope): the result depends only on the object, so the incremental checker reuses it.
  checkObject(obj, ctx) {
    const src = podSourceOf(obj);
    if (!src) return;
    for (const c of src.template.containers) {
      if (c.init && !c.sidecar) continue;
      checkContainer(src, c, ctx);
    }
  },
};
