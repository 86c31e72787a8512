// target-port-name-missing: a named targetPort that no selected container declares with the Service
// port's protocol; FindPort then skips the port for those pods (KUBERNETES.md §C.4).
import type { Fix, RelatedLocation } from '../model';
import { closest, isHeadless, resolveTargetPort, servicePorts, servingPorts } from '../k8s';
import type { ContainerPortInfo } from '../k8s';
import type { Rule } from './types';
import { replaceAt } from './types';
import { containerPortsRelated, describeContainerPort, joinWords, scalarText, sourceName } from './trafficHelpers';

export const targetPortNameMissing: Rule = {
  id: 'target-port-name-missing',
  defaultSeverity: 'warning',
  description: 'A named targetPort that the selected pods do not declare (same name and protocol), so those pods get no traffic on that port.',
  kinds: ['Service'],
  checkObject(svc, ctx) {
    // Headless: clients connect to pod IPs on a port of their choosing; no port is translated.
    if (svc.ref.apiVersion !== 'v1' || isHeadless(svc.value)) return;
    const sources = ctx.scope.podsForService(svc);
    if (sources.length === 0) return;
    for (const p of servicePorts(svc.value)) {
      const tp = p.targetPort;
      if (typeof tp !== 'string' || tp === '' || /^\d+$/.test(tp)) continue;
      const lacking = sources.filter((s) => !resolveTargetPort(s.template.containers, tp, p.protocol));
      if (lacking.length === 0) continue;
      const declared = lacking.flatMap((s) => servingPorts(s.template.containers).map((x) => x.port)).filter((cp) => cp.containerPort !== undefined);
      const otherProtocol = declared.filter((cp) => cp.name === tp && cp.protocol !== p.protocol);
      const seen = new Set<string>();
      const candidates: ContainerPortInfo[] = [];
      for (const cp of declared) {
        const k = `${cp.containerPort}/${cp.protocol}/${cp.name ?? ''}`;
        if (cp.protocol !== p.protocol || seen.has(k)) continue;
        seen.add(k);
        candidates.push(cp);
      }
      const names = joinWords(lacking.map(sourceName));
      const who = lacking.length === sources.length ? `the selected pods (${names})` : `the pods of ${names} (other selected pods do declare it)`;
      let message = `Service ${svc.ref.name} sends port ${p.port ?? '?'} to the container port named "${tp}", but ${who} declare no ${p.protocol} container port named "${tp}".`;
      if (otherProtocol.length) message += ` "${tp}" is declared for ${joinWords([...new Set(otherProtocol.map((c) => c.protocol))])} only: the name AND the protocol must match.`;
      message += ' The EndpointSlice controller skips this Service port for those pods, so they get no traffic on it.';
      if (candidates.length) message += ` They declare ${candidates.length === 1 ? 'containerPort' : 'containerPorts'} ${joinWords(candidates.map(describeContainerPort))}: point targetPort at one of those, or name the right container port "${tp}".`;
      else message += ` Add a port named "${tp}" (protocol ${p.protocol}) to the container's ports.`;

      const related: RelatedLocation[] = lacking.flatMap((s) =>
        containerPortsRelated(s, (c) => {
          const ports = c.ports.filter((x) => x.containerPort !== undefined);
          return ports.length ? `declares ${joinWords(ports.map(describeContainerPort))}` : 'declares no ports';
        }),
      );
      const path = ['spec', 'ports', p.index, 'targetPort'];
      const typo = closest(tp, candidates.map((c) => c.name).filter((n): n is string => !!n));
      const fixes: Fix[] = [];
      const single = candidates.length === 1;
      for (const cp of candidates) {
        if (cp.name) fixes.push({ title: `Set targetPort to "${cp.name}" (containerPort ${cp.containerPort})`, edits: [replaceAt(svc, path, scalarText(svc, path, cp.name))], preferred: cp.name === typo || (single && !typo) });
        fixes.push({ title: `Set targetPort to ${cp.containerPort}`, edits: [replaceAt(svc, path, String(cp.containerPort))], preferred: single && !typo && !cp.name });
      }
      ctx.report(svc, path, message, { related, fixes });
    }
  },
};
