// A scope is the set of files checked together: a Service in one file selects pods in another.
// It indexes objects by kind and namespace, and pod templates by label, for cross-object rules.
import type { K8sObject, ParsedFile } from './parse';
import { podTemplateOf, selectorMatches, serviceSelector } from './k8s';
import type { PodTemplate } from './k8s';

/** A pod template together with the object that declares it. */
export interface PodSource {
  readonly object: K8sObject;
  readonly template: PodTemplate;
}

/** Pod templates by object value: unchanged documents share their values (ParseCache), so rebuilding a scope is cheap. */
const templates = new WeakMap<object, PodTemplate | null>();

/** The pod template an object declares (cached by value: kind, namespace and name come from the value too). */
function templateOf(o: K8sObject): PodTemplate | undefined {
  let template = templates.get(o.value);
  if (template === undefined) {
    template = podTemplateOf(o.value, o.ref.kind, o.ref.namespace, o.ref.name) ?? null;
    templates.set(o.value, template);
  }
  return template ?? undefined;
}

/** The pod source an object is (a workload or Pod), without needing a scope; the same as the scope's entry. */
export function podSourceOf(o: K8sObject): PodSource | undefined {
  const template = templateOf(o);
  return template ? { object: o, template } : undefined;
}

const INGRESS_GROUPS = new Set(['networking.k8s.io/v1']);

export class Scope {
  readonly objects: K8sObject[] = [];
  readonly services: K8sObject[] = [];
  readonly ingresses: K8sObject[] = [];
  readonly ingressClasses: K8sObject[] = [];
  readonly endpointSlices: K8sObject[] = [];
  readonly podSources: PodSource[] = [];
  private readonly servicesByNs = new Map<string, K8sObject[]>();
  private readonly podsByNs = new Map<string, PodSource[]>();
  /** label "key=value" -> pod sources carrying it, for selector lookups without scanning. */
  private readonly podsByLabel = new Map<string, PodSource[]>();

  constructor(readonly files: readonly ParsedFile[]) {
    for (const f of files) for (const o of f.objects) this.add(o);
  }

  private add(o: K8sObject): void {
    this.objects.push(o);
    const { kind, apiVersion, namespace } = o.ref;
    if (kind === 'Service' && apiVersion === 'v1') {
      this.services.push(o);
      push(this.servicesByNs, namespace, o);
    } else if (kind === 'Ingress' && INGRESS_GROUPS.has(apiVersion)) {
      this.ingresses.push(o);
    } else if (kind === 'IngressClass' && apiVersion === 'networking.k8s.io/v1') {
      this.ingressClasses.push(o);
    } else if (kind === 'EndpointSlice' && apiVersion === 'discovery.k8s.io/v1') {
      this.endpointSlices.push(o);
    }
    const template = templateOf(o);
    if (template) {
      const src = { object: o, template };
      this.podSources.push(src);
      push(this.podsByNs, namespace, src);
      for (const [k, v] of Object.entries(template.labels)) push(this.podsByLabel, `${k}=${v}`, src);
    }
  }

  servicesIn(namespace: string): readonly K8sObject[] {
    return this.servicesByNs.get(namespace) ?? [];
  }

  podSourcesIn(namespace: string): readonly PodSource[] {
    return this.podsByNs.get(namespace) ?? [];
  }

  /** Pod sources in `namespace` whose template labels satisfy the selector. */
  selectPods(namespace: string, selector: Readonly<Record<string, string>>): PodSource[] {
    const keys = Object.keys(selector);
    if (keys.length === 0) return [];
    const first = this.podsByLabel.get(`${keys[0]}=${selector[keys[0]!]}`) ?? [];
    return first.filter((s) => s.template.namespace === namespace && selectorMatches(selector, s.template.labels));
  }

  /** Pod sources in any namespace whose template labels satisfy the selector (label index, scope order). */
  selectPodsInAnyNamespace(selector: Readonly<Record<string, string>>): PodSource[] {
    const keys = Object.keys(selector);
    const candidates = keys.length === 0 ? this.podSources : (this.podsByLabel.get(`${keys[0]}=${selector[keys[0]!]}`) ?? []);
    return candidates.filter((s) => selectorMatches(selector, s.template.labels));
  }

  /** The pod sources a Service selects (none for ExternalName or selectorless Services). */
  podsForService(svc: K8sObject): PodSource[] {
    const spec = svc.value['spec'];
    if (spec && typeof spec === 'object' && (spec as Record<string, unknown>)['type'] === 'ExternalName') return [];
    const sel = serviceSelector(svc.value);
    return sel ? this.selectPods(svc.ref.namespace, sel) : [];
  }

  findService(namespace: string, name: string): K8sObject | undefined {
    return this.servicesIn(namespace).find((s) => s.ref.name === name);
  }
}

function push<T>(m: Map<string, T[]>, k: string, v: T): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}
