// Core data types shared by parsing, rules, hovers, the simulation and every adapter.

/** A half-open range of UTF-16 offsets into one file's text: [start, end). */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export type Severity = 'error' | 'warning' | 'info';

/** A path into an object: map keys and sequence indexes, e.g. ['spec', 'ports', 1, 'name']. */
export type Path = readonly (string | number)[];

/** Identifies a Kubernetes object the way `kubectl` does. */
export interface ObjectRef {
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
}

/** A place in some file, with a short note on why it matters. */
export interface RelatedLocation {
  readonly file: string;
  readonly range: Span;
  readonly message: string;
}

export interface TextEdit {
  readonly file: string;
  readonly range: Span;
  readonly newText: string;
}

/** A mechanical fix: text edits that touch only the scalar or key they repair. */
export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
  /** The one obvious fix among several, shown first by editors. */
  readonly preferred?: boolean;
}

/** One problem or hint. Core never throws on user input; it returns these. */
export interface Finding {
  /** Stable kebab-case rule id; doubles as `Diagnostic.code`. */
  readonly rule: string;
  readonly severity: Severity;
  /** Plain-language message: what is wrong, why it matters for traffic, what to do. */
  readonly message: string;
  readonly file: string;
  readonly range: Span;
  /** The API server's field path, e.g. `spec.ports[1].name`. */
  readonly field?: string;
  readonly object?: ObjectRef;
  readonly related: readonly RelatedLocation[];
  readonly fixes: readonly Fix[];
}

/** Cluster assumptions used by rules, hovers and the simulation. */
export interface Settings {
  /** Inclusive NodePort range, default 30000-32767. */
  readonly nodePortRange: readonly [number, number];
  /** Service CIDR, default 10.96.0.0/12 (kubeadm's default). */
  readonly serviceCIDR: string;
  /** Cluster DNS domain, default cluster.local. */
  readonly clusterDomain: string;
  /** Per-rule severity overrides; 'off' drops the rule. */
  readonly rules: Readonly<Record<string, Severity | 'off'>>;
}

export const defaultSettings: Settings = {
  nodePortRange: [30000, 32767],
  serviceCIDR: '10.96.0.0/12',
  clusterDomain: 'cluster.local',
  rules: {},
};

export function withDefaults(partial?: Partial<Settings>): Settings {
  return { ...defaultSettings, ...(partial ?? {}) };
}
