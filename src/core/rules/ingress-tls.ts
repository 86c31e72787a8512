// ingress-tls: `validateIngressTLS`: TLS hosts are DNS names (wildcard form allowed) and a non-empty
// `secretName` is a valid Secret name.
import { fieldPath } from '../parse';
import { apiError, isDNS1123Subdomain, isWildcardDNS1123Subdomain } from '../validation';
import type { Rule } from './types';
import { arr, isIngressV1, rec, withApi } from './objectFields';

export const ingressTls: Rule = {
  id: 'ingress-tls',
  defaultSeverity: 'error',
  description: 'Ingress TLS entries: hosts must be DNS names (or `*.` + a DNS name) and `secretName` a valid Secret name.',
  kinds: ['Ingress'],
  checkObject(obj, ctx) {
    if (!isIngressV1(obj)) return;
    arr(rec(obj.value['spec'])['tls']).forEach((t, i) => {
      const tls = rec(t);
      arr(tls['hosts']).forEach((h, j) => {
        if (typeof h !== 'string') return;
        const path = ['spec', 'tls', i, 'hosts', j];
        const wildcard = h.includes('*');
        for (const m of wildcard ? isWildcardDNS1123Subdomain(h) : isDNS1123Subdomain(h)) {
          ctx.report(
            obj,
            path,
            withApi(
              wildcard
                ? 'A wildcard TLS host must be "*." followed by a DNS name, like "*.example.com" (the certificate then covers one extra label).'
                : 'A TLS host is the DNS name the certificate is served for (matched against the client\'s SNI), so it must be a lowercase DNS name without scheme or port.',
              apiError(fieldPath(path), 'Invalid value', h, m),
            ),
          );
        }
      });
      const secret = tls['secretName'];
      if (typeof secret === 'string' && secret.length > 0) {
        const path = ['spec', 'tls', i, 'secretName'];
        for (const m of isDNS1123Subdomain(secret)) {
          ctx.report(
            obj,
            path,
            withApi(
              '`secretName` names the Secret (type kubernetes.io/tls, with tls.crt and tls.key) in this namespace; Secret names are lowercase DNS names, so this one could never exist.',
              apiError(fieldPath(path), 'Invalid value', secret, m),
            ),
          );
        }
      }
    });
  },
};
