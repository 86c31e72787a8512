// probe: `validateProbe` / `validateLivenessProbe` / `validateReadinessProbe` / `validateStartupProbe`
// / `validateHandler` on every container's liveness, readiness and startup probe (KUBERNETES.md §F).
import type { Path } from '../model';
import type { K8sObject } from '../parse';
import { fieldPath } from '../parse';
import { apiError, isValidPortName, isValidPortNum, supportedValues } from '../validation';
import type { Rule, RuleContext } from './types';
import { replaceAt } from './types';
import { arr, has, rec, withApi } from './objectFields';
import { containersOf } from './podContainers';

const KINDS = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'] as const;
const NON_NEGATIVE = ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold'] as const;

export const probe: Rule = {
  id: 'probe',
  defaultSeverity: 'error',
  description: 'Probes: exactly one handler, valid ports and scheme, non-negative timings; liveness/startup successThreshold 1; no terminationGracePeriodSeconds on readiness probes.',
  checkObject(obj, ctx) {
    for (const c of containersOf(obj)) {
      for (const kind of KINDS) {
        if (!has(c.value, kind)) continue;
        const path: Path = [...c.path, kind];
        if (c.info.init && !c.info.sidecar) {
          ctx.report(
            obj,
            path,
            withApi(
              `An init container runs to completion before the app starts, so it cannot have a ${kind}. Move the probe to the app container, or make this a sidecar with \`restartPolicy: Always\`.`,
              apiError(fieldPath(path), 'Forbidden', undefined, 'may not be set for init containers without restartPolicy=Always'),
            ),
            { at: 'key' },
          );
          continue;
        }
        checkProbe(obj, rec(c.value[kind]), path, kind, ctx);
      }
    }
  },
};

function checkProbe(obj: K8sObject, p: Record<string, unknown>, path: Path, kind: (typeof KINDS)[number], ctx: RuleContext): void {
  const present = HANDLERS.filter((h) => has(p, h));
  if (present.length === 0) {
    ctx.report(
      obj,
      path,
      withApi(
        `This ${kind} does not say how to check the container. Add exactly one of \`httpGet\` (path and port), \`tcpSocket\` (port), \`grpc\` (port) or \`exec\` (command).`,
        apiError(fieldPath(path), 'Required value', undefined, 'must specify a handler type'),
      ),
      { field: fieldPath(path), at: 'key' },
    );
  }
  present.slice(1).forEach((h) => {
    ctx.report(
      obj,
      [...path, h],
      withApi(`A probe uses exactly one check, but this one also has \`${h}\` after \`${present[0]}\`. Keep one and delete the other.`, apiError(fieldPath([...path, h]), 'Forbidden', undefined, 'may not specify more than 1 handler type')),
      { at: 'key' },
    );
  });
  const handler = present[0];
  if (handler) checkHandler(obj, rec(p[handler]), [...path, handler], handler, ctx);
  for (const f of NON_NEGATIVE) {
    const v = p[f];
    if (typeof v === 'number' && v < 0) {
      ctx.report(obj, [...path, f], withApi(`\`${f}\` cannot be negative.`, apiError(fieldPath([...path, f]), 'Invalid value', v, 'must be greater than or equal to 0')));
    }
  }
  const tgp = p['terminationGracePeriodSeconds'];
  if (kind === 'readinessProbe') {
    if (has(p, 'terminationGracePeriodSeconds')) {
      ctx.report(
        obj,
        [...path, 'terminationGracePeriodSeconds'],
        withApi(
          'A failing readiness probe never kills the container (it only takes the pod out of Service endpoints), so a grace period for the kill makes no sense here. Remove it, or put it on the livenessProbe or startupProbe.',
          `${fieldPath([...path, 'terminationGracePeriodSeconds'])}: Invalid value: ${typeof tgp === 'number' ? tgp : jsonish(tgp)}: must not be set for readinessProbes`,
        ),
        { at: 'key' },
      );
    }
  } else {
    if (typeof tgp === 'number' && tgp <= 0) {
      ctx.report(obj, [...path, 'terminationGracePeriodSeconds'], withApi('The probe-level grace period must be a positive number of seconds, or left out to use the pod\'s.', apiError(fieldPath([...path, 'terminationGracePeriodSeconds']), 'Invalid value', tgp, 'must be greater than 0')));
    }
    // Defaulting turns 0 into 1 before this check, so only values other than 0 and 1 are rejected.
    const st = p['successThreshold'];
    if (typeof st === 'number' && st !== 0 && st !== 1) {
      ctx.report(
        obj,
        [...path, 'successThreshold'],
        withApi(
          `A ${kind} must have \`successThreshold: 1\`: one success already proves the container is alive or started. Only readiness probes may ask for several successes in a row.`,
          apiError(fieldPath([...path, 'successThreshold']), 'Invalid value', st, 'must be 1'),
        ),
        { fixes: [{ title: 'Set successThreshold to 1', edits: [replaceAt(obj, [...path, 'successThreshold'], '1')], preferred: true }] },
      );
    }
  }
}

function checkHandler(obj: K8sObject, h: Record<string, unknown>, path: Path, handler: (typeof HANDLERS)[number], ctx: RuleContext): void {
  if (handler === 'exec') {
    if (arr(h['command']).length === 0) {
      ctx.report(obj, [...path, 'command'], withApi('An `exec` probe needs a `command` to run inside the container (exit code 0 means healthy).', apiError(fieldPath([...path, 'command']), 'Required value')), { field: fieldPath([...path, 'command']), at: 'key' });
    }
    return;
  }
  const port = h['port'];
  const pp = [...path, 'port'];
  if (handler === 'grpc') {
    const n = typeof port === 'number' ? port : port === undefined || port === null ? 0 : undefined;
    if (n !== undefined) for (const m of isValidPortNum(n)) ctx.report(obj, pp, withApi('A gRPC probe needs the container port number (1-65535) of the gRPC health service; names are not allowed here.', apiError(fieldPath(pp), 'Invalid value', n, m)), { field: fieldPath(pp), at: has(h, 'port') ? undefined : 'key' });
    return;
  }
  if (typeof port === 'string') {
    for (const m of isValidPortName(port)) {
      ctx.report(
        obj,
        pp,
        withApi(
          /^\d+$/.test(port)
            ? `"${port}" is written as a string, so it is read as a port name, and names need at least one letter. Remove the quotes to use the number ${port}.`
            : `"${port}" is not a valid port name: a probe port is a number (1-65535) or the name of a container port (at most 15 lowercase letters, digits and hyphens).`,
          apiError(fieldPath(pp), 'Invalid value', port, m),
        ),
      );
    }
  } else if (typeof port === 'number' || port === undefined || port === null) {
    const n = typeof port === 'number' ? port : 0;
    for (const m of isValidPortNum(n)) {
      ctx.report(obj, pp, withApi(has(h, 'port') ? `${n} is not a port number: use the container port (1-65535) the probe should connect to.` : `This \`${handler}\` probe has no \`port\`: add the container port (number or name) it should connect to.`, apiError(fieldPath(pp), 'Invalid value', n, m)), { field: fieldPath(pp), at: has(h, 'port') ? undefined : 'key' });
    }
  }
  if (handler === 'httpGet') {
    const scheme = h['scheme'];
    if (typeof scheme === 'string' && scheme !== 'HTTP' && scheme !== 'HTTPS') {
      ctx.report(obj, [...path, 'scheme'], withApi('`scheme` is HTTP (the default) or HTTPS, in capitals.', apiError(fieldPath([...path, 'scheme']), 'Unsupported value', scheme, supportedValues(['HTTP', 'HTTPS']))));
    }
  }
}

function jsonish(v: unknown): string {
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}
