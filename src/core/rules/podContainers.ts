// The containers of a served workload or Pod, with their raw values and paths, for the container rules.
import type { Path } from '../model';
import type { K8sObject } from '../parse';
import { valueAt } from '../parse';
import { podTemplateOf } from '../k8s';
import type { ContainerInfo } from '../k8s';
import { isServedWorkload, rec } from './objectFields';

export interface RawContainer {
  readonly info: ContainerInfo;
  readonly path: Path;
  readonly value: Record<string, unknown>;
}

// Objects are immutable once parsed, so the container list is computed once per object.
const cache = new WeakMap<K8sObject, readonly RawContainer[]>();

export function containersOf(obj: K8sObject): readonly RawContainer[] {
  const hit = cache.get(obj);
  if (hit) return hit;
  let out: RawContainer[] = [];
  if (isServedWorkload(obj)) {
    const tpl = podTemplateOf(obj.value, obj.ref.kind, obj.ref.namespace, obj.ref.name);
    if (tpl) out = tpl.containers.map((info) => ({ info, path: info.path, value: rec(valueAt(obj.value, info.path)) }));
  }
  cache.set(obj, out);
  return out;
}
