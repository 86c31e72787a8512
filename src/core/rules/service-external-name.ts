// service-external-name: type ExternalName needs a DNS name and no cluster IP fields (ValidateService; KUBERNETES.md §A.5).
import type { K8sObject } from '../parse';
import { parseIP } from '../net';
import { apiError, isDNS1123Subdomain } from '../validation';
import type { Rule, RuleContext } from './types';
import { SERVICE_KINDS, isCoreService, normalizedClusterIPs, specOf, typeOf, withApi } from './serviceHelpers';

const FORBIDDEN = 'may not be set for ExternalName services';

export const serviceExternalNameRule: Rule = {
  id: 'service-external-name',
  defaultSeverity: 'error',
  description: 'ExternalName Services need a valid DNS name in externalName and may not set clusterIP(s), ipFamilies or ipFamilyPolicy.',
  kinds: SERVICE_KINDS,
  checkObject(obj: K8sObject, ctx: RuleContext) {
    if (!isCoreService(obj)) return;
    const spec = specOf(obj);
    if (typeOf(spec) !== 'ExternalName') return;
    const { ips, fromClusterIP } = normalizedClusterIPs(spec);
    if (ips.length > 0) {
      ctx.report(
        obj,
        ['spec', fromClusterIP ? 'clusterIP' : 'clusterIPs'],
        withApi(
          'An ExternalName Service is only a DNS alias (a CNAME record): it gets no cluster IP and is not proxied, so `clusterIP`/`clusterIPs` may not be set, not even to `None`. Remove the field.',
          apiError('spec.clusterIPs', 'Forbidden', undefined, FORBIDDEN),
        ),
        { at: 'key', field: 'spec.clusterIPs' },
      );
    }
    const fam = spec['ipFamilies'];
    if (Array.isArray(fam) && fam.length > 0) {
      ctx.report(
        obj,
        ['spec', 'ipFamilies'],
        withApi('An ExternalName Service has no cluster IP, so it has no IP families either. Remove `ipFamilies`.', apiError('spec.ipFamilies', 'Forbidden', undefined, FORBIDDEN)),
        { at: 'key' },
      );
    }
    const pol = spec['ipFamilyPolicy'];
    if (pol !== undefined && pol !== null) {
      ctx.report(
        obj,
        ['spec', 'ipFamilyPolicy'],
        withApi('An ExternalName Service has no cluster IP, so `ipFamilyPolicy` does not apply. Remove it.', apiError('spec.ipFamilyPolicy', 'Forbidden', undefined, FORBIDDEN)),
        { at: 'key' },
      );
    }
    const en = spec['externalName'];
    if (en !== undefined && en !== null && typeof en !== 'string') return; // field-type's job
    const cname = typeof en === 'string' && en.endsWith('.') ? en.slice(0, -1) : (en ?? '');
    if (cname === '') {
      ctx.report(
        obj,
        typeof en === 'string' ? ['spec', 'externalName'] : ['spec', 'type'],
        withApi(
          'A `type: ExternalName` Service answers DNS lookups with a CNAME to `externalName`, so it needs one, e.g. `externalName: db.example.com`.',
          apiError('spec.externalName', 'Required value'),
        ),
        { field: 'spec.externalName' },
      );
      return;
    }
    const errs = isDNS1123Subdomain(cname);
    if (errs.length) {
      ctx.report(
        obj,
        ['spec', 'externalName'],
        withApi(
          "`externalName` must be a DNS host name: lower-case letters, digits, '-' and '.', each part starting and ending with a letter or digit (no '_', no scheme like https://, no port, no path).",
          ...errs.map((e) => apiError('spec.externalName', 'Invalid value', cname, e)),
        ),
      );
      return;
    }
    if (parseIP(cname)) {
      ctx.report(
        obj,
        ['spec', 'externalName'],
        `\`${cname}\` looks like an IP address. The API server accepts it, but it is published as a DNS name made of digits, which DNS servers will not resolve. For a fixed IP, use a Service without a selector plus an EndpointSlice holding that address.`,
        { severity: 'info' },
      );
    }
  },
};
