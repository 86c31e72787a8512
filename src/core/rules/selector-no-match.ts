// selector-no-match: a Service selector that selects no pod template of the scope (KUBERNETES.md §C.2).
import type { Fix, RelatedLocation, TextEdit } from '../model';
import { closest, editDistance, serviceSelector, serviceType } from '../k8s';
import type { PodSource } from '../scope';
import type { Rule } from './types';
import { relatedAt, replaceAt } from './types';
import { joinWords, scalarText, sourceName } from './trafficHelpers';

/** How one selector key differs from a pod template's labels. */
interface KeyDiff {
  readonly key: string;
  readonly want: string;
  /** The template's value for the same key (value differs). */
  readonly have?: string;
  /** A template label with a similar key and the wanted value (key differs). */
  readonly similarKey?: string;
}

interface Comparison {
  readonly satisfied: number;
  readonly diffs: KeyDiff[];
}

function compare(selector: Record<string, string>, labels: Readonly<Record<string, string>>): Comparison {
  const diffs: KeyDiff[] = [];
  let satisfied = 0;
  for (const [key, want] of Object.entries(selector)) {
    if (Object.prototype.hasOwnProperty.call(labels, key)) {
      if (labels[key] !== want) diffs.push({ key, want, have: labels[key] });
      else satisfied++;
      continue;
    }
    const sameValueKeys = Object.keys(labels).filter((k) => labels[k] === want && !Object.prototype.hasOwnProperty.call(selector, k));
    const similarKey = closest(key, sameValueKeys, 0.5) ?? (sameValueKeys.length === 1 && isNameLike(key, sameValueKeys[0]!) ? sameValueKeys[0] : undefined);
    diffs.push({ key, want, similarKey });
  }
  return { satisfied, diffs };
}

const signatures = new WeakMap<object, string>();

/** A string equal for equal label sets (keys and values, in order), cached per labels object. */
function labelSignature(labels: Readonly<Record<string, string>>): string {
  let sig = signatures.get(labels);
  if (sig === undefined) {
    sig = JSON.stringify(Object.entries(labels));
    signatures.set(labels, sig);
  }
  return sig;
}

/** `app` vs `app.kubernetes.io/name`: the well-known name labels are interchangeable in intent. */
function isNameLike(a: string, b: string): boolean {
  const names = new Set(['app', 'name', 'app.kubernetes.io/name', 'k8s-app', 'run']);
  return names.has(a) && names.has(b);
}

/** Close enough to suggest: some key already matches, or every selector key exists on the pods (maybe renamed) with another value. */
function isClose(c: Comparison): boolean {
  return c.satisfied > 0 || c.diffs.every((d) => d.have !== undefined || d.similarKey !== undefined);
}

/** Lower is closer. */
function score(c: Comparison): number {
  let s = 0;
  for (const d of c.diffs) {
    if (d.have !== undefined) s += 100 + Math.min(editDistance(d.want, d.have), 40);
    else if (d.similarKey) s += 120;
    else s += 150;
  }
  return s;
}

function describeDiff(d: KeyDiff): string {
  if (d.have !== undefined) return `the selector wants ${d.key}=${d.want} but the pods have ${d.key}=${d.have}`;
  if (d.similarKey) return `the selector uses the key ${d.key} but the pods carry ${d.similarKey}=${d.want}`;
  return `the pods have no label ${d.key}`;
}

export const selectorNoMatch: Rule = {
  id: 'selector-no-match',
  defaultSeverity: 'warning',
  description: 'A Service selector matches no pod template in the files checked together, so the Service has no endpoints.',
  kinds: ['Service'],
  checkObject(svc, ctx) {
    if (svc.ref.apiVersion !== 'v1' || serviceType(svc.value) === 'ExternalName') return;
    const selector = serviceSelector(svc.value);
    if (!selector || Object.keys(selector).length === 0) return;
    const ns = svc.ref.namespace;
    if (ctx.scope.podsForService(svc).length > 0) return;
    const elsewhere = ctx.scope.selectPodsInAnyNamespace(selector).filter((s) => s.template.namespace !== ns);
    const local = ctx.scope.podSourcesIn(ns);
    if (local.length === 0 && elsewhere.length === 0) return;

    const name = svc.ref.name;
    const selText = Object.entries(selector).map(([k, v]) => `${k}=${v}`).join(', ');
    const related: RelatedLocation[] = [];
    const fixes: Fix[] = [];
    let message = `Service ${name} selects pods labelled ${selText}, but no pod template in namespace ${ns} has all of these labels, so the Service gets no endpoints and connections to it are refused.`;

    let best: { src: PodSource; cmp: Comparison; score: number } | undefined;
    let first: PodSource | undefined;
    // Pod templates often share one label set (replicated apps, repeated files): compare each set once.
    const seen = new Map<string, { cmp: Comparison; score: number } | null>();
    for (const src of local) {
      first ??= src;
      const sig = labelSignature(src.template.labels);
      let known = seen.get(sig);
      if (known === undefined) {
        const cmp = compare(selector, src.template.labels);
        known = isClose(cmp) ? { cmp, score: score(cmp) } : null;
        seen.set(sig, known);
      }
      if (known && (!best || known.score < best.score)) best = { src, cmp: known.cmp, score: known.score };
    }
    if (best) {
      const { diffs } = best.cmp;
      const labels = Object.entries(best.src.template.labels).map(([k, v]) => `${k}=${v}`).join(', ');
      const fixable = diffs.every((d) => d.have !== undefined || d.similarKey !== undefined);
      const suggestion = diffs.map((d) => (d.have !== undefined ? `${d.key}=${d.have}` : `${d.similarKey}=${d.want}`)).join(', ');
      message += `${fixable ? ` Did you mean ${suggestion}?` : ''} The closest is ${sourceName(best.src)} (labels ${labels}): ${joinWords(diffs.map(describeDiff))}.`;
      if (!fixable) message += ` Add the missing labels to its pod template (${best.src.object.ref.kind === 'Pod' ? 'metadata.labels' : 'spec.template.metadata.labels'}), or drop them from the selector.`;
      related.push(relatedAt(best.src.object, best.src.template.labelsPath, `${sourceName(best.src)}: the pod labels closest to the selector`));
      if (fixable) {
        const edits: TextEdit[] = [];
        for (const d of diffs) {
          const path = ['spec', 'selector', d.key];
          if (d.have !== undefined) edits.push(replaceAt(svc, path, scalarText(svc, path, d.have)));
          else edits.push(replaceAt(svc, path, /^[A-Za-z0-9][\w./-]*$/.test(d.similarKey!) ? d.similarKey! : JSON.stringify(d.similarKey), 'key'));
        }
        fixes.push({ title: `Change the selector to match ${sourceName(best.src)} (${suggestion})`, edits, preferred: true });
      }
    } else if (first) {
      const labels = Object.entries(first.template.labels).map(([k, v]) => `${k}=${v}`).join(', ') || 'no labels';
      message += ` No pod template here comes close (for example ${sourceName(first)} has ${labels}). If these pods are created elsewhere (another file, a Helm chart, an operator), this is expected; otherwise make the selector and the pod template labels agree.`;
      related.push(relatedAt(first.object, first.template.labelsPath, `${sourceName(first)}: its pod labels`));
    }
    if (elsewhere.length > 0) {
      const where = joinWords(elsewhere.slice(0, 3).map((s) => `${sourceName(s)} in namespace ${s.template.namespace}`));
      message += ` ${where} ${elsewhere.length === 1 ? 'matches' : 'match'}, but a Service only selects pods in its own namespace: put them in the same namespace.`;
      for (const s of elsewhere.slice(0, 3)) related.push(relatedAt(s.object, s.template.labelsPath, `${sourceName(s)} matches, but lives in namespace ${s.template.namespace}`));
    }
    ctx.report(svc, ['spec', 'selector'], message, { at: 'key', related, fixes });
  },
};
