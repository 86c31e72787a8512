// service-session-affinity: sessionAffinity and its ClientIP timeout (KUBERNETES.md §A.8, §0.4 item 2).
import type { K8sObject } from '../parse';
import { isRecord } from '../k8s';
import { apiError, supportedValues } from '../validation';
import type { Rule, RuleContext } from './types';
import { replaceAt } from './types';
import { SERVICE_KINDS, caseFold, isCoreService, specOf, withApi } from './serviceHelpers';

const AFFINITIES = ['ClientIP', 'None'];
/** k8s MaxClientIPServiceAffinitySeconds. */
const MAX_TIMEOUT = 86400;

export const serviceSessionAffinityRule: Rule = {
  id: 'service-session-affinity',
  defaultSeverity: 'error',
  description: 'sessionAffinity is ClientIP or None; a ClientIP timeout is 1 to 86400 seconds.',
  kinds: SERVICE_KINDS,
  checkObject(obj: K8sObject, ctx: RuleContext) {
    if (!isCoreService(obj)) return;
    const spec = specOf(obj);
    const aff = spec['sessionAffinity'];
    if (typeof aff === 'string' && aff !== '' && !AFFINITIES.includes(aff)) {
      const fix = caseFold(aff, AFFINITIES);
      ctx.report(
        obj,
        ['spec', 'sessionAffinity'],
        withApi(
          `\`sessionAffinity\` is either \`None\` (each connection may go to any pod) or \`ClientIP\` (connections from one client IP keep going to the same pod). Values are case-sensitive.${fix ? ` Write \`${fix}\`.` : ''}`,
          apiError('spec.sessionAffinity', 'Unsupported value', aff, supportedValues(AFFINITIES)),
        ),
        { fixes: fix ? [{ title: `Change to ${fix}`, edits: [replaceAt(obj, ['spec', 'sessionAffinity'], fix)], preferred: true }] : [] },
      );
      return;
    }
    // With None (or unset), defaulting drops sessionAffinityConfig before validation: nothing to check.
    if (aff !== 'ClientIP') return;
    const cfg = spec['sessionAffinityConfig'];
    const clientIP = isRecord(cfg) ? cfg['clientIP'] : undefined;
    const t = isRecord(clientIP) ? clientIP['timeoutSeconds'] : undefined;
    if (typeof t !== 'number') return; // missing: defaulted to 10800
    if (t > 0 && t <= MAX_TIMEOUT && Number.isInteger(t)) return;
    ctx.report(
      obj,
      ['spec', 'sessionAffinityConfig', 'clientIP', 'timeoutSeconds'],
      withApi(
        `The ClientIP affinity timeout is how long (in seconds) a client keeps going to the same pod after its last connection. It must be from 1 to ${MAX_TIMEOUT} (one day); leave it out for the default of 10800 (3 hours).`,
        apiError('spec.sessionAffinityConfig.clientIP.timeoutSeconds', 'Invalid value', t, `must be greater than 0 and less than ${MAX_TIMEOUT}`),
      ),
    );
  },
};
