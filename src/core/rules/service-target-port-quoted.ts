// service-target-port-quoted: `targetPort: "8080"` is the port *name* "8080", which the API server
// rejects (intstr: a JSON string is a name). KUBERNETES.md §A.4.
import type { K8sObject } from '../parse';
import { scalarStyle } from '../parse';
import { isRecord } from '../k8s';
import { apiError, isValidPortName } from '../validation';
import type { Rule, RuleContext } from './types';
import { replaceAt } from './types';
import { SERVICE_KINDS, isCoreService, specOf, withApi } from './serviceHelpers';

export const serviceTargetPortQuotedRule: Rule = {
  id: 'service-target-port-quoted',
  defaultSeverity: 'error',
  description: 'A quoted number in targetPort ("8080") is read as a port name and rejected; write the number without quotes.',
  kinds: SERVICE_KINDS,
  checkObject(obj: K8sObject, ctx: RuleContext) {
    if (!isCoreService(obj)) return;
    const ports = specOf(obj)['ports'];
    if (!Array.isArray(ports)) return;
    ports.forEach((p, i) => {
      if (!isRecord(p)) return;
      const tp = p['targetPort'];
      if (typeof tp !== 'string' || !/^[0-9]+$/.test(tp)) return;
      const path = ['spec', 'ports', i, 'targetPort'];
      const n = Number(tp);
      const style = scalarStyle(obj, path);
      const quoted = style === 'QUOTE_DOUBLE' || style === 'QUOTE_SINGLE';
      const canFix = quoted && n >= 1 && n <= 65535;
      ctx.report(
        obj,
        path,
        withApi(
          `The quotes make \`${tp}\` text, and a text targetPort is the *name* of a container port, not a number. Names must contain a letter, so the API server rejects it. Write the number without quotes: \`targetPort: ${n}\`.`,
          ...isValidPortName(tp).map((e) => apiError(`spec.ports[${i}].targetPort`, 'Invalid value', tp, e)),
        ),
        { fixes: canFix ? [{ title: `Write targetPort as the number ${n}`, edits: [replaceAt(obj, path, String(n))], preferred: true }] : [] },
      );
    });
  },
};
