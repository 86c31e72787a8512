// service-ports: `spec.ports` as ValidateService / validateServicePort check it (KUBERNETES.md §A.4).
import type { Fix, Path, TextEdit } from '../model';
import type { K8sObject } from '../parse';
import { isRecord } from '../k8s';
import { apiError, isDNS1123Label, isQualifiedName, isValidPortName, isValidPortNum, supportedValues } from '../validation';
import { insertKeyAt } from '../edits';
import type { Rule, RuleContext } from './types';
import { relatedAt, replaceAt } from './types';
import { SERVICE_KINDS, firstEntrySpan, isCoreService, isHeadlessNormalized, specOf, typeOf, withApi } from './serviceHelpers';

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

/** A readable port name for a port number: http/https for the usual web ports, else `<protocol>-<port>`. */
export function suggestPortName(port: number | undefined, protocol: string, index: number, taken: Set<string>): string {
  let base: string;
  if (port === 80 || port === 8080) base = 'http';
  else if (port === 443 || port === 8443) base = 'https';
  else if (typeof port === 'number' && isValidPortNum(port).length === 0) base = `${PROTOCOLS.includes(protocol) ? protocol.toLowerCase() : 'port'}-${port}`;
  else base = `port-${index + 1}`;
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}-${n}`;
  taken.add(name);
  return name;
}

/** The internal ServicePort key of the duplicate-port check, rendered as JSON the way field errors print structs. */
function portKey(protocol: string, port: number): string {
  return `{"Name":"","Protocol":${JSON.stringify(protocol)},"AppProtocol":null,"Port":${port},"TargetPort":0,"NodePort":0}`;
}

export const servicePortsRule: Rule = {
  id: 'service-ports',
  defaultSeverity: 'error',
  description: 'Service ports: required, named when there are several, unique, valid numbers, protocols and target ports.',
  kinds: SERVICE_KINDS,
  checkObject(obj: K8sObject, ctx: RuleContext) {
    if (!isCoreService(obj)) return;
    const spec = specOf(obj);
    const type = typeOf(spec);
    const raw = spec['ports'];
    const ports = Array.isArray(raw) ? raw : [];
    if (raw !== undefined && raw !== null && !Array.isArray(raw)) return; // wrong JSON type: field-type's job
    if (ports.length === 0) {
      if (!isHeadlessNormalized(spec) && type !== 'ExternalName') {
        ctx.report(
          obj,
          ['spec', 'ports'],
          withApi(
            'This Service has no ports. A Service with a cluster IP forwards only the ports it lists, so it needs at least one `- port: <number>` entry (only headless `clusterIP: None` and `type: ExternalName` Services may leave `ports` out).',
            apiError('spec.ports', 'Required value'),
          ),
          { at: 'key' },
        );
      }
      return;
    }
    const requireName = ports.length > 1;
    const names = new Map<string, number>();
    const taken = new Set<string>();
    for (const p of ports) if (isRecord(p) && typeof p['name'] === 'string' && p['name'] !== '') taken.add(p['name']);
    // Suggested names and insert edits for every unnamed port, so each finding can offer "name them all".
    const unnamed = new Map<number, { edit?: TextEdit; name: string }>();
    if (requireName) {
      ports.forEach((p, i) => {
        if (!isRecord(p) || (p['name'] !== undefined && p['name'] !== null && p['name'] !== '')) return;
        const port = typeof p['port'] === 'number' ? p['port'] : undefined;
        const protocol = typeof p['protocol'] === 'string' && p['protocol'] !== '' ? p['protocol'] : 'TCP';
        const name = suggestPortName(port, protocol, i, taken);
        unnamed.set(i, { name, edit: p['name'] === undefined ? insertKeyAt(obj, ['spec', 'ports', i], 'name', name) : undefined });
      });
    }
    const allEdits = [...unnamed.values()].flatMap((u) => (u.edit ? [u.edit] : []));
    const nameAll: Fix | undefined = allEdits.length > 1 ? { title: `Name all ${allEdits.length} unnamed ports (${[...unnamed.values()].filter((u) => u.edit).map((u) => u.name).join(', ')})`, edits: allEdits } : undefined;
    const seenPorts = new Map<string, number>();
    /** "protocol/nodePort" -> first port index, for validation's duplicate-nodePort check. */
    const seenNodePorts = new Map<string, number>();
    const allocates = type === 'NodePort' || type === 'LoadBalancer';

    ports.forEach((p, i) => {
      if (!isRecord(p)) return;
      const base: Path = ['spec', 'ports', i];
      const f = `spec.ports[${i}]`;
      const name = p['name'];
      const protocol = typeof p['protocol'] === 'string' && p['protocol'] !== '' ? p['protocol'] : 'TCP';
      const port = typeof p['port'] === 'number' ? p['port'] : p['port'] === undefined || p['port'] === null ? 0 : undefined;

      // name
      const u = unnamed.get(i);
      if (u) {
        const suggestion = u.name;
        const edit = name === '' ? replaceAt(obj, [...base, 'name'], suggestion) : u.edit;
        const fixes: Fix[] = edit ? [{ title: `Add \`name: ${suggestion}\` to this port`, edits: [edit], preferred: true }] : [];
        if (nameAll && u.edit) fixes.push(nameAll);
        ctx.report(
          obj,
          name === '' ? [...base, 'name'] : base,
          withApi(
            `This Service has ${ports.length} ports, so every port needs a name: the names tell the ports apart in EndpointSlices, in DNS SRV records and in Ingress backends. Add e.g. \`name: ${suggestion}\`.`,
            apiError(`${f}.name`, 'Required value'),
          ),
          { field: `${f}.name`, fixes, range: name === undefined ? firstEntrySpan(obj, base) : undefined },
        );
      } else if (typeof name === 'string' && name !== '') {
        const errs = isDNS1123Label(name);
        if (errs.length) {
          const lower = name.toLowerCase();
          const hint = lower !== name && isDNS1123Label(lower).length === 0 ? ` Use lower case, e.g. \`${lower}\`.` : '';
          ctx.report(
            obj,
            [...base, 'name'],
            withApi(
              `A Service port name must be a DNS label: at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit.${hint}`,
              ...errs.map((e) => apiError(`${f}.name`, 'Invalid value', name, e)),
            ),
            { fixes: hint ? [{ title: `Change the name to \`${lower}\``, edits: [replaceAt(obj, [...base, 'name'], lower)], preferred: true }] : [] },
          );
        }
        const first = names.get(name);
        if (first !== undefined) {
          ctx.report(
            obj,
            [...base, 'name'],
            withApi(
              `Port name "${name}" is already used by port ${first} of this Service. Names must be unique within a Service, because clients and Ingresses pick a port by its name.`,
              apiError(`${f}.name`, 'Duplicate value', name),
            ),
            { related: [relatedAt(obj, ['spec', 'ports', first, 'name'], `"${name}" is first used here`)] },
          );
        } else names.set(name, i);
      }

      // port
      if (port !== undefined) {
        const errs = isValidPortNum(port);
        if (errs.length) {
          ctx.report(
            obj,
            p['port'] === undefined || p['port'] === null ? base : [...base, 'port'],
            withApi(
              port === 0
                ? 'This port entry has no `port` number. `port` is the port clients connect to on the Service; add e.g. `port: 80`.'
                : `\`port\` must be a port number from 1 to 65535; ${port} is outside that range.`,
              apiError(`${f}.port`, 'Invalid value', port, errs[0]),
            ),
            { field: `${f}.port` },
          );
        }
      }

      // protocol
      const proto = p['protocol'];
      if (typeof proto === 'string' && proto !== '' && !PROTOCOLS.includes(proto)) {
        const upper = proto.toUpperCase();
        const fix = PROTOCOLS.includes(upper) ? upper : undefined;
        ctx.report(
          obj,
          [...base, 'protocol'],
          withApi(
            `\`protocol\` is the transport protocol (layer 4), one of TCP, UDP or SCTP, written in capitals.${fix ? ` Write \`${fix}\`.` : /^(HTTPS?|GRPC|H2C?|HTTP2|WS|WSS)$/i.test(proto) ? ` ${proto} is an application protocol: use \`protocol: TCP\` and, if you want to record it, \`appProtocol: ${proto.toLowerCase()}\`.` : ''}`,
            apiError(`${f}.protocol`, 'Unsupported value', proto, supportedValues(PROTOCOLS)),
          ),
          { fixes: fix ? [{ title: `Change the protocol to ${fix}`, edits: [replaceAt(obj, [...base, 'protocol'], fix)], preferred: true }] : [] },
        );
      }

      // targetPort (an all-digit string is service-target-port-quoted's job)
      const tp = p['targetPort'];
      if (typeof tp === 'number' && tp !== 0) {
        const errs = isValidPortNum(tp);
        if (errs.length) {
          ctx.report(
            obj,
            [...base, 'targetPort'],
            withApi(
              `\`targetPort\` is the port on the pods that traffic is sent to; as a number it must be from 1 to 65535, and ${tp} is not.`,
              apiError(`${f}.targetPort`, 'Invalid value', tp, errs[0]),
            ),
          );
        }
      } else if (typeof tp === 'string' && tp !== '' && !/^[0-9]+$/.test(tp)) {
        const errs = isValidPortName(tp);
        if (errs.length) {
          ctx.report(
            obj,
            [...base, 'targetPort'],
            withApi(
              `A text \`targetPort\` names a container port (\`ports[].name\` in the pod), and such names follow the IANA service-name rules: at most 15 characters, lower-case letters, digits and single '-' inside, at least one letter. Rename the container port and use the same name here, or write the container port number instead.`,
              ...errs.map((e) => apiError(`${f}.targetPort`, 'Invalid value', tp, e)),
            ),
          );
        }
      }

      // appProtocol
      const ap = p['appProtocol'];
      if (typeof ap === 'string') {
        const errs = isQualifiedName(ap);
        if (errs.length) {
          ctx.report(
            obj,
            [...base, 'appProtocol'],
            withApi(
              '`appProtocol` must look like a label key: a standard name such as `http`, `https`, `h2c` or `kubernetes.io/ws`, or a prefixed one such as `mycompany.com/my-protocol`.',
              ...errs.map((e) => apiError(`${f}.appProtocol`, 'Invalid value', ap, e)),
            ),
          );
        }
      }

      // duplicate (protocol, port)
      if (typeof port === 'number' && port !== 0) {
        const key = `${protocol}/${port}`;
        const first = seenPorts.get(key);
        if (first !== undefined) {
          ctx.report(
            obj,
            [...base, 'port'],
            withApi(
              `Port ${port}/${protocol} is already declared by port ${first} of this Service. Each (protocol, port) pair may appear only once; the same number is allowed once per protocol (e.g. 53/TCP and 53/UDP).`,
              apiError(f, 'Duplicate value', undefined, portKey(protocol, port)),
            ),
            { field: f, related: [relatedAt(obj, ['spec', 'ports', first, 'port'], `${port}/${protocol} is first declared here`)] },
          );
        } else seenPorts.set(key, i);
      }

      // nodePort on ClusterIP
      const np = p['nodePort'];
      if (type === 'ClusterIP' && typeof np === 'number' && np !== 0) {
        ctx.report(
          obj,
          [...base, 'nodePort'],
          withApi(
            "`nodePort` opens a port on every node, which only Services of `type: NodePort` or `type: LoadBalancer` do. Remove `nodePort`, or set `type: NodePort` if you want to reach the Service from outside the cluster.",
            apiError(`${f}.nodePort`, 'Forbidden', undefined, "may not be used when `type` is 'ClusterIP'"),
          ),
        );
      }

      // Duplicate (protocol, nodePort). With NodePort/LoadBalancer the allocator runs first and already
      // fails for different port numbers (service-node-port), so validation only gets to see equal ones.
      if (typeof np === 'number' && np !== 0) {
        const key = `${protocol}/${np}`;
        const first = seenNodePorts.get(key);
        const firstPort = first !== undefined && isRecord(ports[first]) ? (ports[first] as Record<string, unknown>)['port'] : undefined;
        if (first === undefined) seenNodePorts.set(key, i);
        else if (!allocates || firstPort === p['port']) {
          ctx.report(
            obj,
            [...base, 'nodePort'],
            withApi(
              `nodePort ${np}/${protocol} is already used by port ${first} of this Service; a (protocol, nodePort) pair may appear only once.`,
              apiError(`${f}.nodePort`, 'Duplicate value', np),
            ),
            { related: [relatedAt(obj, ['spec', 'ports', first, 'nodePort'], `nodePort ${np} is first used here`)] },
          );
        }
      }
    });
  },
};
