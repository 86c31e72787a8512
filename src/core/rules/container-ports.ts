// container-ports: `validateContainerPorts`: containerPort required and 1-65535, names IANA_SVC_NAME
// and unique within the container, protocol TCP/UDP/SCTP, hostPort 1-65535 when set.
import { fieldPath } from '../parse';
import { apiError, isValidPortName, isValidPortNum, supportedValues } from '../validation';
import type { Rule } from './types';
import { replaceAt } from './types';
import { arr, rec, trimmedSpan, withApi } from './objectFields';
import { containersOf } from './podContainers';

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

export const containerPorts: Rule = {
  id: 'container-ports',
  defaultSeverity: 'error',
  description: 'Container ports: `containerPort` 1-65535, names of at most 15 characters and unique per container, protocol TCP/UDP/SCTP.',
  checkObject(obj, ctx) {
    for (const c of containersOf(obj)) {
      const seen = new Set<string>();
      arr(c.value['ports']).forEach((p, j) => {
        const port = rec(p);
        const base = [...c.path, 'ports', j];
        const name = port['name'];
        if (typeof name === 'string' && name.length > 0) {
          const problems = isValidPortName(name);
          for (const m of problems) {
            ctx.report(
              obj,
              [...base, 'name'],
              withApi(
                `"${name}" cannot be a container port name. Container port names (which a Service's \`targetPort\` can refer to) are IANA service names: at most 15 characters, lowercase letters, digits and single hyphens, with at least one letter.`,
                apiError(fieldPath([...base, 'name']), 'Invalid value', name, m),
              ),
            );
          }
          if (problems.length === 0 && seen.has(name)) {
            ctx.report(
              obj,
              [...base, 'name'],
              withApi(`Two ports of this container are named "${name}". A named targetPort must point at exactly one port, so names must be unique within a container.`, apiError(fieldPath([...base, 'name']), 'Duplicate value', name)),
            );
          }
          if (problems.length === 0) seen.add(name);
        }
        const cp = port['containerPort'];
        const cpPath = [...base, 'containerPort'];
        if (cp === undefined || cp === null || cp === 0) {
          ctx.report(obj, cpPath, withApi('Each entry under `ports` needs `containerPort`: the port the process in the container listens on.', apiError(fieldPath(cpPath), 'Required value')), { field: fieldPath(cpPath), range: cp === 0 ? undefined : trimmedSpan(obj, base) });
        } else if (typeof cp === 'number') {
          for (const m of isValidPortNum(cp)) ctx.report(obj, cpPath, withApi(`${cp} is not a port number: ports go from 1 to 65535.`, apiError(fieldPath(cpPath), 'Invalid value', cp, m)));
        }
        const hp = port['hostPort'];
        if (typeof hp === 'number' && hp !== 0) {
          const hpPath = [...base, 'hostPort'];
          for (const m of isValidPortNum(hp)) ctx.report(obj, hpPath, withApi(`${hp} is not a port number: \`hostPort\` (the port opened on the node) must be 1-65535, or left out.`, apiError(fieldPath(hpPath), 'Invalid value', hp, m)));
        }
        const proto = port['protocol'];
        if (typeof proto === 'string' && proto !== '' && !PROTOCOLS.includes(proto)) {
          const prPath = [...base, 'protocol'];
          const upper = proto.toUpperCase();
          ctx.report(
            obj,
            prPath,
            withApi(
              `"${proto}" is not a transport protocol. Use TCP (the default, also for HTTP and gRPC), UDP or SCTP, in capitals.`,
              apiError(fieldPath(prPath), 'Unsupported value', proto, supportedValues(PROTOCOLS)),
            ),
            { fixes: [{ title: `Change to ${PROTOCOLS.includes(upper) ? upper : 'TCP'}`, edits: [replaceAt(obj, prPath, PROTOCOLS.includes(upper) ? upper : 'TCP')], preferred: true }] },
          );
        }
      });
    }
  },
};
