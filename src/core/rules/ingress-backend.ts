// ingress-backend: `validateIngressBackend` for `spec.defaultBackend` and every path's backend: a
// Service XOR a resource, a DNS-1035 Service name, and a port given by name XOR number.
import type { Path } from '../model';
import type { K8sObject } from '../parse';
import { fieldPath } from '../parse';
import { apiError, isDNS1035Label, isDNS1123Label, isDNS1123Subdomain, isValidPortName, isValidPortNum } from '../validation';
import type { Rule, RuleContext } from './types';
import { arr, has, isIngressV1, pathSegmentProblems, rec, withApi } from './objectFields';

export const ingressBackend: Rule = {
  id: 'ingress-backend',
  defaultSeverity: 'error',
  description: 'Ingress backends: a `service` (name + port name or number) or a `resource`, never both, in the formats the API accepts.',
  kinds: ['Ingress'],
  checkObject(obj, ctx) {
    if (!isIngressV1(obj)) return;
    const spec = rec(obj.value['spec']);
    if (has(spec, 'defaultBackend')) checkBackend(obj, rec(spec['defaultBackend']), ['spec', 'defaultBackend'], ctx);
    arr(spec['rules']).forEach((r, i) => {
      arr(rec(rec(r)['http'])['paths']).forEach((p, j) => {
        const item = rec(p);
        // The API server stops at a missing pathType and never looks at that path's backend.
        if (!has(item, 'pathType')) return;
        checkBackend(obj, rec(item['backend']), ['spec', 'rules', i, 'http', 'paths', j, 'backend'], ctx);
      });
    });
  },
};

function checkBackend(obj: K8sObject, backend: Record<string, unknown>, path: Path, ctx: RuleContext): void {
  const field = fieldPath(path);
  const hasService = has(backend, 'service');
  const hasResource = has(backend, 'resource');
  if (hasService && hasResource) {
    ctx.report(
      obj,
      [...path, 'resource'],
      withApi(
        'A backend is either a Service or a resource (such as a storage bucket), not both: keep `service` to send requests to pods, and delete `resource`.',
        apiError(field, 'Invalid value', '', 'cannot set both resource and service backends'),
      ),
      { field, at: 'key' },
    );
    return;
  }
  if (!hasService && !hasResource) {
    ctx.report(
      obj,
      path,
      withApi(
        has(backend, 'serviceName') || has(backend, 'servicePort')
          ? 'This backend uses the old v1beta1 fields `serviceName`/`servicePort`, which networking.k8s.io/v1 does not have. Write `service: {name: <service>, port: {number: <port>}}` (or `port: {name: <port-name>}`) instead.'
          : 'This backend does not name where requests go. Add `service:` with the Service `name` and its `port` (`number: 80` or `name: http`).',
        apiError(field, 'Invalid value', '', 'resource or service backend is required'),
      ),
      { field, at: 'key' },
    );
    return;
  }
  if (hasResource) {
    checkResource(obj, rec(backend['resource']), [...path, 'resource'], ctx);
    return;
  }
  const service = rec(backend['service']);
  const namePath = [...path, 'service', 'name'];
  const name = service['name'];
  if (name === undefined || name === null || name === '') {
    ctx.report(
      obj,
      namePath,
      withApi('The backend needs the `name` of the Service that should receive the requests (a Service in the same namespace as this Ingress).', apiError(fieldPath(namePath), 'Required value')),
      { field: fieldPath(namePath), at: 'key' },
    );
  } else if (typeof name === 'string') {
    const relaxed = isDNS1123Label(name).length === 0;
    for (const m of isDNS1035Label(name)) {
      ctx.report(
        obj,
        namePath,
        withApi(
          relaxed
            ? `"${name}" cannot be a Service name: Service names must start with a letter (DNS-1035 label). Only clusters with the RelaxedServiceNameValidation feature gate accept a leading digit.`
            : `"${name}" cannot be a Service name, so no Service could match it. Service names are lowercase letters, digits and "-", start with a letter and are at most 63 characters.`,
          apiError(fieldPath(namePath), 'Invalid value', name, m),
        ),
      );
    }
  }
  const port = rec(service['port']);
  const portName = port['name'];
  const portNumber = port['number'];
  if ((portName !== undefined && portName !== null && typeof portName !== 'string') || (portNumber !== undefined && portNumber !== null && typeof portNumber !== 'number')) return;
  const hasName = typeof portName === 'string' && portName.length > 0;
  const hasNumber = typeof portNumber === 'number' && portNumber !== 0;
  if (hasName && hasNumber) {
    ctx.report(
      obj,
      [...path, 'service', 'port'],
      withApi(
        'Give the Service port either by `number` or by `name`, not both: keep the one that matches a port in the Service (`number` is its `port`, `name` its port `name`).',
        apiError(field, 'Invalid value', '', 'cannot set both port name & port number'),
      ),
      { field, at: 'key' },
    );
  } else if (hasName) {
    const pf = fieldPath([...path, 'service', 'port', 'name']);
    for (const m of isValidPortName(portName)) {
      ctx.report(
        obj,
        [...path, 'service', 'port', 'name'],
        withApi(
          `"${portName}" is not accepted as an Ingress port name. Here the name must be an IANA service name: at most 15 characters, lowercase letters, digits and single hyphens, with at least one letter. A Service port name may be longer (up to 63) and still be valid on the Service, so rename the port or use \`number\` instead.`,
          apiError(pf, 'Invalid value', portName, m),
        ),
      );
    }
  } else if (hasNumber) {
    const pf = fieldPath([...path, 'service', 'port', 'number']);
    for (const m of isValidPortNum(portNumber)) {
      ctx.report(obj, [...path, 'service', 'port', 'number'], withApi(`${portNumber} is not a port number. Use the Service's \`port\` (1-65535), not a nodePort or container port outside that range.`, apiError(pf, 'Invalid value', portNumber, m)));
    }
  } else {
    ctx.report(
      obj,
      has(service, 'port') ? [...path, 'service', 'port'] : [...path, 'service'],
      withApi(
        'The backend does not say which port of the Service to use. Add `port: {number: 80}` (the Service `port`) or `port: {name: http}` (the Service port `name`).',
        apiError(field, 'Required value', undefined, 'port name or number is required'),
      ),
      { field, at: 'key' },
    );
  }
}

/** `validateIngressTypedLocalObjectReference`: kind and name are required path-segment names; apiGroup a DNS subdomain. */
function checkResource(obj: K8sObject, res: Record<string, unknown>, path: Path, ctx: RuleContext): void {
  const group = res['apiGroup'];
  if (typeof group === 'string') {
    for (const m of isDNS1123Subdomain(group)) {
      ctx.report(obj, [...path, 'apiGroup'], withApi('`apiGroup` is the API group of the resource kind (for example "k8s.example.com"), a lowercase DNS name.', apiError(fieldPath([...path, 'apiGroup']), 'Invalid value', group, m)));
    }
  }
  for (const key of ['kind', 'name'] as const) {
    const v = res[key];
    const kp = [...path, key];
    if (v === undefined || v === null || v === '') {
      ctx.report(obj, kp, withApi(`A resource backend needs a \`${key}\` to say which object receives the requests.`, apiError(fieldPath(kp), 'Required value', undefined, `${key} is required`)), { field: fieldPath(kp), at: 'key' });
    } else if (typeof v === 'string') {
      for (const m of pathSegmentProblems(v)) {
        ctx.report(obj, kp, withApi(`This \`${key}\` is used as a segment of an API URL, so it cannot be "." or ".." and cannot contain "/" or "%".`, apiError(fieldPath(kp), 'Invalid value', v, m)));
      }
    }
  }
}
