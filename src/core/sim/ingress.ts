// Ingress semantics (KUBERNETES.md §B.2/§B.3): class selection, host then path matching
// (Exact, element-wise Prefix, longest match, Exact before Prefix), defaultBackend and TLS hosts.
import { arr, rec } from '../k8s';
import type { Json } from '../k8s';
import type { Scope } from '../scope';
import type { PathType, SimIngress, SimIngressBackend, SimIngressPath } from './types';

function backendOf(v: unknown, namespace: string): SimIngressBackend | null {
  const svc = rec(rec(v)['service']);
  if (typeof svc['name'] !== 'string') return null;
  const port = rec(svc['port']);
  const p = typeof port['number'] === 'number' ? port['number'] : typeof port['name'] === 'string' ? port['name'] : null;
  return { service: `${namespace}/${svc['name']}`, port: p };
}

/** The IngressClass an Ingress uses: its class name, the legacy annotation, or the single default class. */
function classOf(ing: Json, defaults: string[]): string | null {
  const spec = rec(ing['spec']);
  if (typeof spec['ingressClassName'] === 'string') return spec['ingressClassName'];
  const ann = rec(rec(ing['metadata'])['annotations'])['kubernetes.io/ingress.class'];
  if (typeof ann === 'string') return ann;
  return defaults.length === 1 ? defaults[0]! : null;
}

export function buildIngresses(scope: Scope): SimIngress[] {
  const defaults = scope.ingressClasses
    .filter((c) => rec(rec(c.value['metadata'])['annotations'])['ingressclass.kubernetes.io/is-default-class'] === 'true')
    .map((c) => c.ref.name);
  return scope.ingresses.map((o) => {
    const ns = o.ref.namespace;
    const spec = rec(o.value['spec']);
    return {
      namespace: ns,
      name: o.ref.name,
      class: classOf(o.value, defaults),
      rules: arr(spec['rules']).map((r) => {
        const rr = rec(r);
        return {
          host: typeof rr['host'] === 'string' && rr['host'] !== '' ? rr['host'] : null,
          paths: arr(rec(rr['http'])['paths']).map((p): SimIngressPath => {
            const pr = rec(p);
            const pt = pr['pathType'];
            return {
              path: typeof pr['path'] === 'string' ? pr['path'] : '/',
              pathType: pt === 'Exact' || pt === 'Prefix' ? pt : ('ImplementationSpecific' as PathType),
              backend: backendOf(pr['backend'], ns),
            };
          }),
        };
      }),
      defaultBackend: backendOf(spec['defaultBackend'], ns),
      tlsHosts: arr(spec['tls']).flatMap((t) => arr(rec(t)['hosts']).filter((h): h is string => typeof h === 'string')),
    };
  });
}

/** Host matching: exact, or a `*.` wildcard covering exactly one DNS label; no host matches all. */
export function hostMatches(ruleHost: string | null, host: string): boolean {
  if (ruleHost === null) return true;
  const h = host.toLowerCase();
  if (ruleHost.startsWith('*.')) {
    const dot = h.indexOf('.');
    return dot > 0 && h.slice(dot + 1) === ruleHost.slice(2).toLowerCase();
  }
  return h === ruleHost.toLowerCase();
}

function elements(p: string): string[] {
  return p.split('/').filter((e) => e !== '');
}

/**
 * Path matching. Exact: equal strings. Prefix: the rule's `/`-separated elements are a prefix of the
 * request's (trailing slashes ignored). ImplementationSpecific is treated as Prefix here, as
 * ingress-nginx does for plain paths.
 */
export function pathMatches(type: PathType, rulePath: string, reqPath: string): boolean {
  if (type === 'Exact') return rulePath === reqPath;
  const r = elements(rulePath);
  const q = elements(reqPath);
  if (r.length > q.length) return false;
  return r.every((e, i) => e === q[i]);
}

export interface IngressMatch {
  readonly ingress: SimIngress;
  readonly match: 'rule' | 'defaultBackend';
  readonly backend: SimIngressBackend;
  readonly host: string | null;
  readonly path?: SimIngressPath;
}

/** The path of a URL without query or fragment. */
export function urlPath(path: string): string {
  const cut = path.search(/[?#]/);
  const p = cut >= 0 ? path.slice(0, cut) : path;
  return p === '' ? '/' : p;
}

/**
 * Which backend an Ingress controller sends a request to. Rules are matched host first (exact hosts
 * before wildcards, then host-less rules), then path: the longest matching path wins, and Exact
 * beats Prefix at equal length. Falls back to a defaultBackend.
 */
export function matchIngress(ingresses: readonly SimIngress[], host: string, rawPath: string): IngressMatch | undefined {
  const path = urlPath(rawPath);
  const hostRank = (h: string | null) => (h === null ? 2 : h.startsWith('*.') ? 1 : 0);
  for (const rank of [0, 1, 2]) {
    let best: { m: IngressMatch; len: number; exact: boolean } | undefined;
    for (const ing of ingresses) {
      for (const rule of ing.rules) {
        if (hostRank(rule.host) !== rank || !hostMatches(rule.host, host)) continue;
        for (const p of rule.paths) {
          if (!p.backend || !pathMatches(p.pathType, p.path, path)) continue;
          const len = p.path.replace(/\/+$/, '').length;
          const exact = p.pathType === 'Exact';
          if (!best || len > best.len || (len === best.len && exact && !best.exact)) {
            best = { m: { ingress: ing, match: 'rule', backend: p.backend, host: rule.host, path: p }, len, exact };
          }
        }
      }
    }
    if (best) return best.m;
  }
  const withDefault = ingresses.find((i) => i.defaultBackend);
  return withDefault ? { ingress: withDefault, match: 'defaultBackend', backend: withDefault.defaultBackend!, host: null } : undefined;
}

/** TLS applies when a TLS entry lists the host (wildcards match one label, as for rules). */
export function tlsCovers(ing: SimIngress, host: string): boolean {
  return ing.tlsHosts.some((h) => hostMatches(h, host));
}
