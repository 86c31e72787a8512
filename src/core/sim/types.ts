// Types of the embedded cluster simulation: plain, serialisable data (no classes, no Maps), so a
// webview can hold a SimState, post it, and restore it. See docs/simulation.md.
import type { ContainerInfo } from '../k8s';
import type { Settings } from '../model';
import type { Scope } from '../scope';

/** `namespace/name` of a pod or Service, e.g. `default/web-7d4b9c8f6d-x2k9f`. */
export type NsName = string;

export interface SimOptions {
  /** Drives every random choice (names, IPs, scheduling, kube-proxy picks). Default 1. */
  readonly seed?: number;
  /** Number of nodes (default 3, at least 1, at most 100). */
  readonly nodes?: number;
  readonly settings?: Partial<Settings>;
}

export interface SimNode {
  readonly name: string;
  /** InternalIP, from 192.168.49.0/24 (node-1 = 192.168.49.2). */
  readonly ip: string;
  /** This node's pod CIDR: 10.244.<i-1>.0/24. */
  readonly podCIDR: string;
  /** Cordoned (or drained): no new pods are scheduled here. */
  readonly unschedulable: boolean;
  /** Failed (NotReady): its pods were evicted and rescheduled; nothing runs here. */
  readonly ready: boolean;
}

/** Containers as `podTemplateOf` reads them (plain data; paths point into the workload's manifest). */
export type SimContainer = ContainerInfo;

/** One object of the manifest that makes pods: a workload or a bare Pod. */
export interface SimWorkload {
  /** `Kind/namespace/name`, e.g. `Deployment/default/web`. */
  readonly key: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  /** Desired pod count (DaemonSet: one per schedulable node, recorded as -1). */
  readonly replicas: number;
  /** Hash of the pod template, as the `pod-template-hash` label of a Deployment's ReplicaSet. */
  readonly templateHash: string;
  /** The controller object whose name prefixes pod names (`web-7d4b9c8f6d` for a Deployment). */
  readonly controllerName: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly containers: readonly SimContainer[];
  readonly hostname?: string;
  readonly subdomain?: string;
  readonly nodeName?: string;
  readonly enableServiceLinks: boolean;
  /** `metadata.creationTimestamp` of a bare Pod, when the manifest carries one. */
  readonly creationTimestamp?: string;
  /** Whether the pod template has a readiness probe (informational). */
  readonly readinessProbe: boolean;
  /** Status written in a bare Pod's manifest (`kubectl get -o yaml`). */
  readonly status?: {
    readonly phase?: string;
    readonly podIP?: string;
    readonly ready?: boolean;
    readonly terminating?: boolean;
  };
}

export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';

export interface SimPod {
  readonly namespace: string;
  readonly name: string;
  /** Key of the SimWorkload that made this pod. */
  readonly workload: string;
  /** Owner as `kubectl` shows it: `ReplicaSet/web-7d4b9c8f6d`, `StatefulSet/db`, or null for a bare Pod. */
  readonly owner: string | null;
  readonly node: string | null;
  /** Pod IP, or null when the pod has none (Pending, or never scheduled). */
  readonly ip: string | null;
  readonly phase: PodPhase;
  /** The pod's Ready condition. */
  readonly ready: boolean;
  /** Has a deletionTimestamp. */
  readonly terminating: boolean;
  readonly labels: Readonly<Record<string, string>>;
  readonly containers: readonly SimContainer[];
  readonly hostname?: string;
  readonly subdomain?: string;
  /** Logical creation time (sequence number); env vars come only from Services created earlier. */
  readonly createdAt: number;
  /** `metadata.creationTimestamp` from the manifest, when written (compared before `createdAt`). */
  readonly creationTimestamp?: string;
  readonly enableServiceLinks: boolean;
}

export interface SimServicePort {
  readonly name: string;
  readonly port: number;
  /** As written or defaulted (number, or a port name). */
  readonly targetPort: number | string;
  readonly nodePort: number | null;
  readonly protocol: string;
}

export type ServiceKind = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';

export interface SimService {
  readonly namespace: string;
  readonly name: string;
  readonly type: ServiceKind;
  /** Allocated or requested ClusterIP; null for headless and ExternalName. */
  readonly clusterIP: string | null;
  readonly headless: boolean;
  readonly ports: readonly SimServicePort[];
  /** null: no selector (endpoints come from manifest EndpointSlices). */
  readonly selector: Readonly<Record<string, string>> | null;
  readonly externalName?: string;
  readonly externalIPs: readonly string[];
  /** Simulated LoadBalancer ingress IP (from status, spec.loadBalancerIP, or 203.0.113.x). */
  readonly loadBalancerIP: string | null;
  /** `status.loadBalancer.ingress[0].ipMode`; `Proxy` means kube-proxy does not capture the IP. */
  readonly loadBalancerIPMode: 'VIP' | 'Proxy';
  readonly sessionAffinity: 'None' | 'ClientIP';
  readonly sessionAffinityTimeout: number;
  readonly externalTrafficPolicy: 'Cluster' | 'Local';
  readonly internalTrafficPolicy: 'Cluster' | 'Local';
  readonly healthCheckNodePort: number | null;
  readonly publishNotReadyAddresses: boolean;
  readonly createdAt: number;
  /** `metadata.creationTimestamp` from the manifest, when written. */
  readonly creationTimestamp?: string;
}

export interface SimEndpointPort {
  readonly name: string;
  readonly port: number;
  readonly protocol: string;
}

export interface SimEndpoint {
  /** `ns/name` of the pod, or null for an address from a manual EndpointSlice. */
  readonly pod: NsName | null;
  readonly node: string | null;
  readonly ip: string;
  readonly ready: boolean;
  readonly serving: boolean;
  readonly terminating: boolean;
  readonly hostname?: string;
  /** The ports of the slice this endpoint is in (one slice per distinct port mapping). */
  readonly ports: readonly SimEndpointPort[];
}

export interface SimEndpointSlice {
  readonly name: string;
  readonly service: NsName;
  /** `endpointslice-controller.k8s.io`, or the manifest's managed-by for manual slices. */
  readonly managedBy: string;
  readonly ports: readonly SimEndpointPort[];
  readonly endpoints: readonly Omit<SimEndpoint, 'ports'>[];
}

export type PathType = 'Exact' | 'Prefix' | 'ImplementationSpecific';

export interface SimIngressBackend {
  /** `ns/name` of the Service. */
  readonly service: NsName;
  /** Port number or name as written. */
  readonly port: number | string | null;
}

export interface SimIngressPath {
  readonly path: string;
  readonly pathType: PathType;
  readonly backend: SimIngressBackend | null;
}

export interface SimIngressRule {
  readonly host: string | null;
  readonly paths: readonly SimIngressPath[];
}

export interface SimIngress {
  readonly namespace: string;
  readonly name: string;
  /** Effective class (ingressClassName, the legacy annotation, or the single default IngressClass). */
  readonly class: string | null;
  readonly rules: readonly SimIngressRule[];
  readonly defaultBackend: SimIngressBackend | null;
  readonly tlsHosts: readonly string[];
}

export interface SimLogEntry {
  /** Logical time of the event. */
  readonly time: number;
  /** The controller that acted: `ReplicaSet`, `scheduler`, `EndpointSlice controller`, `kubelet`, … */
  readonly actor: string;
  readonly message: string;
}

/** The whole simulated cluster. Plain JSON-compatible data; never mutated by the API. */
export interface SimState {
  readonly seed: number;
  /** Current RNG state (32-bit). */
  readonly rng: number;
  /** Logical clock: increases by one per created object and per event. */
  readonly clock: number;
  readonly settings: Settings;
  readonly nodes: readonly SimNode[];
  readonly workloads: readonly SimWorkload[];
  readonly pods: readonly SimPod[];
  readonly services: readonly SimService[];
  readonly slices: readonly SimEndpointSlice[];
  readonly ingresses: readonly SimIngress[];
  /** Pod-IP host counter per node, so IPs are never reused within a run. */
  readonly nextPodHost: Readonly<Record<string, number>>;
  readonly log: readonly SimLogEntry[];
}

/** Something that happens to the cluster. */
export type SimEvent =
  /** Delete a pod; its controller (if any) creates a replacement with a new name and IP. */
  | { readonly type: 'killPod'; readonly pod: NsName }
  /** Set a workload's replicas (`Kind/ns/name`, or `ns/name`, or just a name). */
  | { readonly type: 'scale'; readonly workload: string; readonly replicas: number }
  /** The pod's readiness probe starts failing (pod leaves ready endpoints) or passes again. */
  | { readonly type: 'readiness'; readonly pod: NsName; readonly ready: boolean }
  /** Mark a pod as terminating (deletionTimestamp set) without removing it yet. */
  | { readonly type: 'terminatePod'; readonly pod: NsName }
  | { readonly type: 'cordonNode'; readonly node: string }
  | { readonly type: 'uncordonNode'; readonly node: string }
  /** Cordon and evict every pod; controllers recreate them elsewhere. */
  | { readonly type: 'drainNode'; readonly node: string }
  /** The node goes NotReady: its pods are evicted and rescheduled. */
  | { readonly type: 'failNode'; readonly node: string }
  | { readonly type: 'recoverNode'; readonly node: string }
  /** Re-simulate from an edited manifest, keeping pods whose workload and template survive. */
  | { readonly type: 'editManifest'; readonly scope: Scope };

export type RequestSource =
  | { readonly kind: 'external' }
  | { readonly kind: 'node'; readonly node: string }
  | { readonly kind: 'pod'; readonly pod: NsName };

export interface TraceRequest {
  readonly from: RequestSource;
  /** `http://host[:port]/path`, a DNS name (`web`, `web.ns.svc.cluster.local[:port]`), `ip:port`. */
  readonly target: string;
}

export type TraceOutcome =
  | 'delivered'
  | 'delivered-undeclared'
  | 'connection-refused'
  | 'dropped'
  | 'no-route'
  | 'nxdomain'
  | 'external-name'
  | 'bad-target';

export type TraceStep =
  | { readonly kind: 'dns'; readonly text: string; readonly name: string; readonly answers: readonly string[] }
  | {
      readonly kind: 'ingress';
      readonly text: string;
      readonly ingress: NsName;
      readonly match: 'rule' | 'defaultBackend';
      readonly service: NsName;
      readonly port: number | string | null;
    }
  | { readonly kind: 'service'; readonly text: string; readonly service: NsName; readonly port: string; readonly via: 'clusterIP' | 'nodePort' | 'loadBalancer' | 'externalIP' }
  | { readonly kind: 'kube-proxy'; readonly text: string; readonly chain: string }
  | { readonly kind: 'dnat'; readonly text: string; readonly to: string }
  | { readonly kind: 'snat'; readonly text: string; readonly masquerade: boolean }
  | { readonly kind: 'deliver'; readonly text: string; readonly pod: NsName; readonly declared: boolean }
  | { readonly kind: 'error'; readonly text: string };

export interface TraceCandidate {
  readonly pod: NsName | null;
  readonly ip: string;
  readonly port: number;
  readonly probability: number;
}

export interface Trace {
  readonly outcome: TraceOutcome;
  readonly steps: readonly TraceStep[];
  readonly candidates: readonly TraceCandidate[];
  /** The pod the request reached (or would have), `ns/name`. */
  readonly pod: NsName | null;
  readonly port: number | null;
}

export interface DnsRecord {
  readonly name: string;
  readonly type: 'A' | 'AAAA' | 'SRV' | 'CNAME' | 'PTR';
  readonly data: string;
}

/** The JSON contract of `service-lab simulate --format json`. */
export interface SimJson {
  readonly services: readonly {
    readonly namespace: string;
    readonly name: string;
    readonly type: ServiceKind;
    readonly clusterIP: string | null;
    readonly headless: boolean;
    readonly ports: readonly { name: string; port: number; targetPort: number | string; nodePort: number | null; protocol: string }[];
    readonly endpoints: readonly {
      pod: NsName | null;
      node: string | null;
      ip: string;
      ready: boolean;
      serving: boolean;
      terminating: boolean;
      ports: readonly SimEndpointPort[];
    }[];
    readonly receivesTraffic: Readonly<Record<string, readonly NsName[]>> | null;
    readonly dns: readonly DnsRecord[];
  }[];
  readonly pods: readonly {
    readonly namespace: string;
    readonly name: string;
    readonly owner: string | null;
    readonly node: string | null;
    readonly ip: string | null;
    readonly phase: PodPhase;
    readonly ready: boolean;
    readonly labels: Readonly<Record<string, string>>;
  }[];
  readonly ingresses: readonly {
    readonly namespace: string;
    readonly name: string;
    readonly class: string | null;
    readonly rules: readonly SimIngressRule[];
  }[];
}
