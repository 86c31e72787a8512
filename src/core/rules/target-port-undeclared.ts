// target-port-undeclared: a numeric targetPort while the selected pods declare no ports at all. Legal,
// and it works if the app listens there; a hint, not a warning (KUBERNETES.md §C.4, Container.Ports doc).
import type { Rule } from './types';
import { relatedAt } from './types';
import { declaredPorts, numericTargetPorts, silentContainers, targetPortPath } from './target-port-number-undeclared';

export const targetPortUndeclared: Rule = {
  id: 'target-port-undeclared',
  defaultSeverity: 'info',
  description: 'A numeric targetPort while the selected pods declare no container ports: it works only if the app listens there.',
  kinds: ['Service'],
  checkObject(svc, ctx) {
    for (const a of numericTargetPorts(svc, ctx.scope)) {
      if (a.mismatched.length > 0 || a.noPorts.length === 0) continue;
      const { port, target } = a;
      const names = a.noPorts.map((s) => `${s.object.ref.kind} ${s.object.ref.name}`).join(', ');
      const silent = a.noPorts.flatMap((s) => silentContainers(s).map((c) => ({ s, c })));
      const allSilent = a.noPorts.every((s) => declaredPorts(s).length === 0);
      const what = allSilent
        ? `and the selected pods (${names}) declare no container ports`
        : `and the selected pods (${names}) do not declare it; container ${[...new Set(silent.map((x) => x.c.name || '(unnamed)'))].join(', ')} declares no ports, so the app may listen there`;
      const message =
        `Service ${svc.ref.name} sends port ${port.port ?? '?'} to targetPort ${target}${port.targetPortWritten ? '' : ' (targetPort defaults to port)'}, ${what}. ` +
        `That works only if the app really listens on ${target}: Kubernetes does not check it, because declaring container ports is informational. ` +
        `Declaring it (ports: - containerPort: ${target}) documents the port and lets the Service use a port name instead of a number.`;
      const related = silent.map(({ s, c }) => relatedAt(s.object, [...c.path, 'name'], `${s.object.ref.kind} ${s.object.ref.name}, container ${c.name || '(unnamed)'}: declares no ports`));
      ctx.report(svc, targetPortPath(svc, port), message, { field: `spec.ports[${port.index}].targetPort`, related });
    }
  },
};
