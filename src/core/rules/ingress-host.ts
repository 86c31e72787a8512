// ingress-host: `spec.rules[i].host` must be a DNS name, not an IP; a `*` only as the whole first label (`validateIngressRules`).
import type { Rule } from './types';
import { fieldPath } from '../parse';
import { parseIP } from '../net';
import { apiError, isDNS1123Subdomain, isWildcardDNS1123Subdomain } from '../validation';
import { arr, isIngressV1, rec, withApi } from './objectFields';

export const ingressHost: Rule = {
  id: 'ingress-host',
  defaultSeverity: 'error',
  description: 'Ingress rule hosts must be lowercase DNS names (optionally `*.` + a DNS name), never IP addresses.',
  kinds: ['Ingress'],
  checkObject(obj, ctx) {
    if (!isIngressV1(obj)) return;
    arr(rec(obj.value['spec'])['rules']).forEach((r, i) => {
      const host = rec(r)['host'];
      if (typeof host !== 'string' || host.length === 0) return;
      const path = ['spec', 'rules', i, 'host'];
      const field = fieldPath(path);
      if (isIPSloppy(host)) {
        ctx.report(
          obj,
          path,
          withApi(
            `"${host}" is an IP address, but an Ingress host is matched against the HTTP Host header by name. Use a DNS name here, or leave \`host\` out so the rule matches requests to any host (including the Ingress IP).`,
            apiError(field, 'Invalid value', host, 'must be a DNS name, not an IP address'),
          ),
        );
      }
      if (host.includes('*')) {
        for (const m of isWildcardDNS1123Subdomain(host)) {
          ctx.report(
            obj,
            path,
            withApi(
              `A wildcard host must be "*." followed by a normal DNS name, like "*.example.com", and covers exactly one extra label. "*" alone, "*foo.com", "foo.*.com" or "*.*.foo.com" are not allowed.`,
              apiError(field, 'Invalid value', host, m),
            ),
          );
        }
      } else {
        for (const m of isDNS1123Subdomain(host)) {
          ctx.report(
            obj,
            path,
            withApi(
              'An Ingress host must be a lowercase DNS name: letters a-z, digits, "-" and ".", starting and ending with a letter or digit, no port and no scheme (write "shop.example.com", not "https://Shop.example.com:443").',
              apiError(field, 'Invalid value', host, m),
            ),
          );
        }
      }
    });
  },
};

/** `netutils.ParseIPSloppy`: like Go's net.ParseIP, but IPv4 octets may have leading zeros ("010.0.0.1"). */
function isIPSloppy(host: string): boolean {
  if (parseIP(host)) return true;
  if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(host)) return false;
  return parseIP(host.split('.').map((o) => String(Number(o))).join('.')) !== undefined;
}
