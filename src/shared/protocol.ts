// The host <-> webview message protocol of "Service Lab: Visualize", shared by the VS Code panel,
// the webview and the playground page. Types plus runtime guards: every message is validated on arrival.
import type { Settings, Span } from '../core/model';

/** One manifest file as the host sends it: the webview parses and simulates it itself. */
export interface ManifestFile {
  /** The host's identifier for the file (a URI string in VS Code, a sample name in the playground). */
  readonly path: string;
  readonly text: string;
  /** Increases with each edit; reveal requests name the version they were computed on. */
  readonly version: number;
}

/** UI state the webview persists with `setState` and gets back after a reload. */
export interface UiState {
  /** The file the panel showed (a URI in VS Code): the serializer re-reads it after a reload. */
  readonly activePath?: string;
  /** Id of the selected diagram element (e.g. `svc:default/web`). */
  readonly selectedId?: string;
  /** Side view shown for the selected Service. */
  readonly sideView?: SideView;
  readonly zoom?: number;
  /** What the learner did to the simulated cluster, in order; replayed after a reload. */
  readonly actions?: readonly ClusterAction[];
}

/** One thing the learner did to the simulated cluster (a subset of the simulation's events). */
export type ClusterAction =
  | { readonly type: 'killPod'; readonly pod: string }
  | { readonly type: 'scale'; readonly workload: string; readonly replicas: number }
  | { readonly type: 'readiness'; readonly pod: string; readonly ready: boolean }
  | { readonly type: 'failNode'; readonly node: string }
  | { readonly type: 'recoverNode'; readonly node: string };

/** At most this many actions are kept (older ones are dropped from the replay log). */
export const MAX_ACTIONS = 200;

export function isClusterAction(v: unknown): v is ClusterAction {
  if (!isRec(v)) return false;
  switch (v['type']) {
    case 'killPod':
      return isStr(v['pod'], 600);
    case 'scale':
      return isStr(v['workload'], 600) && isInt(v['replicas']) && v['replicas'] <= 100;
    case 'readiness':
      return isStr(v['pod'], 600) && typeof v['ready'] === 'boolean';
    case 'failNode':
    case 'recoverNode':
      return isStr(v['node'], 253);
    default:
      return false;
  }
}

export type SideView = 'slices' | 'iptables' | 'nftables' | 'dns' | 'env' | 'events';
export const SIDE_VIEWS: readonly SideView[] = ['slices', 'iptables', 'nftables', 'dns', 'env', 'events'];

/** Host -> webview. */
export type HostToWebview =
  /** The manifest to show (sent after `ready`, then after each debounced edit or editor switch). */
  | { readonly type: 'manifest'; readonly files: readonly ManifestFile[]; readonly activePath: string; readonly settings?: Partial<Settings> }
  /** The editor's cursor moved: highlight the element whose YAML contains this offset. */
  | { readonly type: 'cursor'; readonly path: string; readonly offset: number }
  /** The active editor holds no YAML the panel can show. */
  | { readonly type: 'empty'; readonly reason: string };

/** Webview -> host. */
export type WebviewToHost =
  /** Listeners are attached; the host answers with `manifest`. */
  | { readonly type: 'ready' }
  /** Reveal a range of a file the host sent, at the given version. */
  | { readonly type: 'reveal'; readonly path: string; readonly version: number; readonly range: Span }
  /** A problem inside the webview, for the host's log. */
  | { readonly type: 'log'; readonly level: 'info' | 'warn' | 'error'; readonly message: string };

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => !!v && typeof v === 'object' && !Array.isArray(v);
const isStr = (v: unknown, max = 10_000_000): v is string => typeof v === 'string' && v.length <= max;
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

function isSpan(v: unknown): v is Span {
  return isRec(v) && isInt(v['start']) && isInt(v['end']) && v['start'] <= v['end'];
}

function isManifestFile(v: unknown): v is ManifestFile {
  return isRec(v) && isStr(v['path'], 4096) && isStr(v['text']) && isInt(v['version']);
}

function isSettings(v: unknown): v is Partial<Settings> {
  if (!isRec(v)) return false;
  const r = v['nodePortRange'];
  if (r !== undefined && !(Array.isArray(r) && r.length === 2 && isInt(r[0]) && isInt(r[1]))) return false;
  if (v['serviceCIDR'] !== undefined && !isStr(v['serviceCIDR'], 100)) return false;
  if (v['clusterDomain'] !== undefined && !isStr(v['clusterDomain'], 253)) return false;
  const rules = v['rules'];
  if (rules !== undefined && !(isRec(rules) && Object.values(rules).every((s) => s === 'off' || s === 'error' || s === 'warning' || s === 'info'))) return false;
  return true;
}

/** True when `v` is a well-formed host -> webview message. */
export function isHostToWebview(v: unknown): v is HostToWebview {
  if (!isRec(v)) return false;
  switch (v['type']) {
    case 'manifest':
      return Array.isArray(v['files']) && v['files'].length <= 1000 && v['files'].every(isManifestFile) && isStr(v['activePath'], 4096) && (v['settings'] === undefined || isSettings(v['settings']));
    case 'cursor':
      return isStr(v['path'], 4096) && isInt(v['offset']);
    case 'empty':
      return isStr(v['reason'], 1000);
    default:
      return false;
  }
}

/** True when `v` is a well-formed webview -> host message. Anything else is dropped and logged. */
export function isWebviewToHost(v: unknown): v is WebviewToHost {
  if (!isRec(v)) return false;
  switch (v['type']) {
    case 'ready':
      return true;
    case 'reveal':
      return isStr(v['path'], 4096) && isInt(v['version']) && isSpan(v['range']);
    case 'log':
      return (v['level'] === 'info' || v['level'] === 'warn' || v['level'] === 'error') && isStr(v['message'], 10_000);
    default:
      return false;
  }
}

/** Validates persisted UI state (it comes back from storage and may be stale or foreign); returns a clean copy. */
export function sanitizeUiState(v: unknown): UiState {
  if (!isRec(v)) return {};
  const out: { activePath?: string; selectedId?: string; sideView?: SideView; zoom?: number; actions?: readonly ClusterAction[] } = {};
  if (isStr(v['activePath'], 4096)) out.activePath = v['activePath'];
  if (isStr(v['selectedId'], 1000)) out.selectedId = v['selectedId'];
  if (typeof v['sideView'] === 'string' && (SIDE_VIEWS as readonly string[]).includes(v['sideView'])) out.sideView = v['sideView'] as SideView;
  if (typeof v['zoom'] === 'number' && v['zoom'] >= 0.25 && v['zoom'] <= 4) out.zoom = v['zoom'];
  if (Array.isArray(v['actions'])) out.actions = v['actions'].filter(isClusterAction).slice(-MAX_ACTIONS);
  return out;
}

/** A short description of a dropped message for logs (never the full payload). */
export function describeMessage(v: unknown): string {
  if (!isRec(v)) return typeof v;
  return `type=${typeof v['type'] === 'string' ? JSON.stringify(v['type'].slice(0, 40)) : typeof v['type']}`;
}

export function assertNever(x: never): never {
  throw new Error(`unexpected message ${JSON.stringify(x)}`);
}
