// CodeLens above each Service and Ingress: a one-line traffic summary, plus "Visualize" when
// that command is contributed.
import * as vscode from 'vscode';
import type { K8sObject, Scope } from '../core/index';
import { isHeadless, isRecord, locate, serviceType, servicePorts } from '../core/index';
import { toRange } from './convert';
import type { WorkspaceIndex } from './workspaceIndex';

export const VISUALIZE_COMMAND = 'serviceLab.visualize';

/** "3 endpoints · NodePort 30080" for a Service. */
export function serviceSummary(scope: Scope, svc: K8sObject): string {
  const type = serviceType(svc.value);
  const spec = isRecord(svc.value['spec']) ? svc.value['spec'] : {};
  if (type === 'ExternalName') {
    const target = typeof spec['externalName'] === 'string' ? spec['externalName'] : '?';
    return `ExternalName → ${target} (DNS alias, no endpoints)`;
  }
  const parts: string[] = [];
  if (!isRecord(spec['selector']) || Object.keys(spec['selector']).length === 0) {
    parts.push('no selector: endpoints are managed by hand');
  } else {
    const pods = scope.podsForService(svc);
    let count = 0;
    let perNode = false;
    for (const p of pods) {
      if (p.template.replicas === undefined) perNode = true;
      else count += p.template.replicas;
    }
    const n = perNode ? `${count ? count + ' + ' : ''}1 per node` : String(count);
    parts.push(`${n} endpoint${n === '1' ? '' : 's'}${pods.length === 0 ? ' (no pods match the selector)' : ''}`);
  }
  const ports = servicePorts(svc.value);
  const portText = ports.map((p) => `${p.port ?? '?'}→${p.targetPort ?? '?'}`).join(', ');
  if (type === 'NodePort' || type === 'LoadBalancer') {
    const nodePorts = ports.map((p) => (p.nodePort !== undefined ? String(p.nodePort) : 'auto'));
    parts.push(`${type} ${nodePorts.join(', ') || '(no ports)'}`);
    if (portText) parts.push(portText);
  } else if (isHeadless(svc.value)) {
    parts.push(portText ? `headless (DNS only) · ${portText}` : 'headless (DNS only)');
  } else {
    parts.push(portText ? `${type} ${portText}` : `${type} (no ports)`);
  }
  return parts.join(' · ');
}

/** "→ web:80 · 2 paths" for an Ingress. */
export function ingressSummary(ing: K8sObject): string {
  const spec = isRecord(ing.value['spec']) ? ing.value['spec'] : {};
  const backends: string[] = [];
  const add = (b: unknown) => {
    if (!isRecord(b) || !isRecord(b['service'])) return;
    const s = b['service'];
    const port = isRecord(s['port']) ? (s['port']['number'] ?? s['port']['name']) : undefined;
    const text = `${typeof s['name'] === 'string' ? s['name'] : '?'}:${port ?? '?'}`;
    if (!backends.includes(text)) backends.push(text);
  };
  let paths = 0;
  for (const rule of Array.isArray(spec['rules']) ? spec['rules'] : []) {
    if (!isRecord(rule) || !isRecord(rule['http'])) continue;
    for (const p of Array.isArray(rule['http']['paths']) ? rule['http']['paths'] : []) {
      paths++;
      if (isRecord(p)) add(p['backend']);
    }
  }
  add(spec['defaultBackend']);
  const parts = [backends.length ? `→ ${backends.join(', ')}` : '→ no backend'];
  parts.push(`${paths} path${paths === 1 ? '' : 's'}`);
  if (Array.isArray(spec['tls']) && spec['tls'].length > 0) parts.push('TLS');
  return parts.join(' · ');
}

export class CodeLensProvider implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(
    private readonly index: WorkspaceIndex,
    private readonly visualizeContributed: () => boolean,
  ) {}

  /** Called after each diagnostics refresh: summaries depend on other files too. */
  refresh(): void {
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const parsed = this.index.info(document.uri.toString()).parsed;
    if (!parsed || parsed.text !== document.getText()) return [];
    const scope = this.index.scope();
    const visualize = this.visualizeContributed();
    const lenses: vscode.CodeLens[] = [];
    // Sets, not Array.includes per object: a file of many Services would be quadratic on every refresh.
    const services = new Set(scope.services);
    const ingresses = new Set(scope.ingresses);
    for (const obj of parsed.objects) {
      const isService = services.has(obj);
      const isIngress = ingresses.has(obj);
      if (!isService && !isIngress) continue;
      const range = toRange(parsed.lines, locate(obj, []).span);
      const line = new vscode.Range(range.start.line, 0, range.start.line, 0);
      const title = isService ? serviceSummary(scope, obj) : ingressSummary(obj);
      lenses.push(new vscode.CodeLens(line, { title, command: '', tooltip: `Service Lab: what ${obj.ref.kind} ${obj.ref.name} does with traffic` }));
      if (visualize) lenses.push(new vscode.CodeLens(line, { title: 'Visualize', command: VISUALIZE_COMMAND, arguments: [document.uri], tooltip: 'Open the cluster simulation for this file' }));
    }
    return lenses;
  }
}
