// The learning-hover knowledge base: for each Service, Ingress and workload field (and some values),
// a beginner's explanation, the exact rule the API server applies, and a kubernetes.io link.
// Facts follow ../../../shared/KUBERNETES.md. Keys are `<Kind>:<path>` with sequence indexes as `[*]`;
// `PodTemplate:` paths are relative to a pod template (a Pod, or a workload's `spec.template`),
// `Workload:` paths apply to every controller kind; a value entry adds `=<value>`.

/** One entry of the knowledge base. Text may use Markdown (backticks); it never contains manifest data. */
export interface FieldDoc {
  /** One to three concrete sentences for someone new to Kubernetes. */
  readonly explain: string;
  /** The exact rule: allowed values, default, limits, what the API server rejects. */
  readonly rule: string;
  /** kubernetes.io page for more. */
  readonly link: string;
  /** The field is a free-form map (labels, selector): its keys get this entry too. */
  readonly map?: boolean;
}

const SVC = 'https://kubernetes.io/docs/concepts/services-networking/service/';
const ING = 'https://kubernetes.io/docs/concepts/services-networking/ingress/';
const VIPS = 'https://kubernetes.io/docs/reference/networking/virtual-ips/';
const DNS = 'https://kubernetes.io/docs/concepts/services-networking/dns-pod-service/';
const DUAL = 'https://kubernetes.io/docs/concepts/services-networking/dual-stack/';
const LABELS = 'https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/';
const NAMES = 'https://kubernetes.io/docs/concepts/overview/working-with-objects/names/';
const NS = 'https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/';
const PROBES = 'https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#container-probes';
const PODS = 'https://kubernetes.io/docs/concepts/workloads/pods/';
const DEPLOY = 'https://kubernetes.io/docs/concepts/workloads/controllers/deployment/';
const STS = 'https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/';
const SLICES = 'https://kubernetes.io/docs/concepts/services-networking/endpoint-slices/';
const IPALLOC = 'https://kubernetes.io/docs/concepts/services-networking/cluster-ip-allocation/';

const IANA = 'a port name is at most 15 characters of lowercase letters, digits and `-`, with at least one letter, no `--`, and no `-` at either end';
const LABEL_RULE =
  'Keys are an optional DNS-subdomain prefix and `/`, then a name of at most 63 characters (letters, digits, `-`, `_`, `.`, starting and ending with a letter or digit). Values are at most 63 characters, empty or starting and ending with a letter or digit.';

const PROBE_COMMON =
  'Exactly one handler: `httpGet`, `tcpSocket`, `exec` or `grpc`. Defaults: `timeoutSeconds` 1, `periodSeconds` 10, `successThreshold` 1, `failureThreshold` 3; all of these and `initialDelaySeconds` must be 0 or more.';

/** The knowledge base. See docs/hovers.md for how to add an entry. */
export const FIELD_DOCS: Readonly<Record<string, FieldDoc>> = {
  'Service:kind': {
    explain:
      'A Service is a stable address (a virtual IP and a DNS name) in front of pods that come and go. It picks its pods by label and spreads connections over the ready ones.',
    rule: '`apiVersion: v1`, `kind: Service`. Needs `metadata.name` and, unless headless or ExternalName, at least one port.',
    link: SVC,
  },
  'Ingress:kind': {
    explain:
      'An Ingress routes HTTP and HTTPS requests from outside the cluster to Services, by host name and URL path. An Ingress controller (such as ingress-nginx) does the actual work.',
    rule: '`apiVersion: networking.k8s.io/v1`, `kind: Ingress`. Needs `spec.rules` or `spec.defaultBackend`.',
    link: ING,
  },
  // ---- Service: metadata -------------------------------------------------------------------
  'Service:metadata.name': {
    explain:
      'The Service\'s name is also its DNS name: pods reach it as `<name>` from the same namespace and `<name>.<namespace>` from anywhere in the cluster.',
    rule: 'Required. A DNS-1035 label: at most 63 characters, lowercase letters, digits and `-`, starting with a letter and ending with a letter or digit (`1svc`, `My-Svc` and `a.b` are rejected). Immutable after creation.',
    link: NAMES,
  },
  'Service:metadata.namespace': {
    explain:
      'The namespace the Service lives in. A Service only selects pods in its own namespace, and its DNS name contains the namespace.',
    rule: 'Optional in a manifest (kubectl uses the current namespace, usually `default`). A DNS-1123 label: at most 63 lowercase letters, digits and `-`. Immutable after creation.',
    link: NS,
  },
  'Service:metadata.labels': {
    explain:
      'Labels on the Service itself describe the Service (for `kubectl get -l`, tooling). They do **not** choose pods: that is `spec.selector`.',
    rule: LABEL_RULE + ' The EndpointSlices made for this Service copy these labels.',
    link: LABELS,
    map: true,
  },
  // ---- Service: spec -----------------------------------------------------------------------
  'Service:spec': {
    explain: 'What the Service does: which pods it sends traffic to (`selector`), on which ports, and how it is exposed (`type`).',
    rule: 'Required. Defaults applied by the API server: `type: ClusterIP`, `sessionAffinity: None`, port `protocol: TCP`, `targetPort` = `port`.',
    link: SVC,
  },
  'Service:spec.selector': {
    explain:
      'The selector picks the pods that receive this Service\'s traffic: every pod in the same namespace that carries **all** of these labels with exactly these values (extra labels on the pod do not matter).',
    rule:
      'A plain map of `key: value` equality matches (no `matchLabels`, no set operators). ' +
      LABEL_RULE +
      ' Without a selector (or with an empty one) no endpoints are created automatically: you manage EndpointSlices yourself. Ignored for `type: ExternalName`.',
    link: SVC,
    map: true,
  },
  'Service:spec.type': {
    explain:
      'How the Service is exposed: `ClusterIP` (inside the cluster only), `NodePort` (also on a port of every node), `LoadBalancer` (also through a cloud load balancer) or `ExternalName` (a DNS alias for a name outside the cluster).',
    rule: 'One of `ClusterIP`, `NodePort`, `LoadBalancer`, `ExternalName`. Default `ClusterIP`. Anything else is rejected (`Unsupported value`).',
    link: SVC + '#publishing-services-service-types',
  },
  'Service:spec.ports': {
    explain: 'The ports the Service listens on, and for each one the port on the pods where the traffic goes.',
    rule: 'At least one port, unless the Service is headless (`clusterIP: None`) or `type: ExternalName`. With more than one port, every port needs a unique `name`. No two ports may share the same `port` and `protocol`.',
    link: SVC + '#multi-port-services',
  },
  'Service:spec.ports[*]': {
    explain: 'One port of the Service: clients connect to `port`, and the traffic is forwarded to `targetPort` on a selected pod.',
    rule: '`port` is required; `protocol` defaults to `TCP`, `targetPort` to the same number as `port`.',
    link: SVC + '#defining-a-service',
  },
  'Service:spec.ports[*].name': {
    explain:
      'A name for this port. Ingresses and EndpointSlices can refer to the port by name, and a named port gets a DNS SRV record.',
    rule: 'Required when the Service has more than one port; unique within the Service. A DNS-1123 label: at most 63 lowercase letters, digits and `-` (an all-digit name is allowed). This is a different rule from container port names, which are limited to 15 characters.',
    link: SVC + '#multi-port-services',
  },
  'Service:spec.ports[*].port': {
    explain: 'The port clients connect to, on the Service\'s cluster IP (for example `http://<service>:80`).',
    rule: 'Required. A number from 1 to 65535. Unique within the Service together with `protocol`.',
    link: SVC + '#defining-a-service',
  },
  'Service:spec.ports[*].targetPort': {
    explain:
      'The port on the pod where traffic arrives. A number is used as is; a name is looked up among the ports the pod\'s containers declare, so different pods may use different numbers.',
    rule:
      'A number from 1 to 65535, or a port name (' +
      IANA +
      '). Default: the same number as `port` (also when written as 0 or ""). A quoted number such as `"8080"` is a name and is rejected. A name must match a container port with the same name **and** protocol; pods without it get no traffic on this port.',
    link: SVC + '#port-definitions',
  },
  'Service:spec.ports[*].nodePort': {
    explain:
      'For `NodePort` and `LoadBalancer` Services: the port opened on every node, so traffic to `<any-node-ip>:<nodePort>` reaches the Service.',
    rule: 'Leave it out to get one allocated automatically. If set, it must be inside the node port range (default 30000-32767) and not used by another Service; not allowed on `type: ClusterIP`. Ports with the same `port` number share one nodePort.',
    link: SVC + '#type-nodeport',
  },
  'Service:spec.ports[*].protocol': {
    explain: 'The IP protocol of this port. Most applications use `TCP`; DNS and many metrics agents use `UDP`.',
    rule: 'One of `TCP`, `UDP`, `SCTP`. Default `TCP`. A named `targetPort` only matches a container port with the same protocol.',
    link: SVC + '#protocol-support',
  },
  'Service:spec.ports[*].appProtocol': {
    explain: 'A hint about the application protocol on this port (for example `http`, `https`, `kubernetes.io/h2c`), used by some load balancers and service meshes.',
    rule: 'Optional. A qualified name in label-key syntax: an optional DNS-subdomain prefix and `/`, then a name of at most 63 characters.',
    link: SVC + '#application-protocol',
  },
  'Service:spec.clusterIP': {
    explain:
      'The Service\'s stable virtual IP inside the cluster. Usually left out so one is picked from the Service CIDR; `None` makes the Service headless.',
    rule: 'Optional. An IP inside the cluster\'s Service CIDR that no other Service uses, or `None`. Immutable once set. Not allowed on `type: ExternalName`; `None` is not allowed on NodePort and LoadBalancer Services. If `clusterIPs` is also set, its first entry must equal this value.',
    link: IPALLOC,
  },
  'Service:spec.clusterIPs': {
    explain: 'The Service\'s cluster IPs, one per IP family on a dual-stack cluster. The first one is the same as `clusterIP`.',
    rule: 'Optional. At most 2 entries, one IPv4 and one IPv6; `None` only as the first and only entry. Must be empty when `clusterIP` is not set, and its first entry must equal `clusterIP`. Entries must match `ipFamilies` in order.',
    link: DUAL,
  },
  'Service:spec.ipFamilies': {
    explain: 'Which IP families (IPv4, IPv6) the Service gets cluster IPs for, in order.',
    rule: 'Entries are `IPv4` or `IPv6`, no repeats, at most 2. A family the cluster is not configured for is rejected. Not allowed on `type: ExternalName`.',
    link: DUAL,
  },
  'Service:spec.ipFamilyPolicy': {
    explain: 'Whether the Service wants one IP family or both: `SingleStack`, `PreferDualStack` (both if the cluster has them) or `RequireDualStack`.',
    rule: 'One of `SingleStack`, `PreferDualStack`, `RequireDualStack`. When left out it becomes `SingleStack` (or `RequireDualStack` for a headless Service without a selector). Two families or two cluster IPs need a dual-stack policy. Not allowed on `type: ExternalName`.',
    link: DUAL,
  },
  'Service:spec.sessionAffinity': {
    explain:
      'With `ClientIP`, all connections from one client IP go to the same pod for a while (sticky sessions). With `None`, each new connection may go to any ready pod.',
    rule: 'One of `None`, `ClientIP`. Default `None`.',
    link: VIPS + '#session-affinity',
  },
  'Service:spec.sessionAffinityConfig': {
    explain: 'Settings for `sessionAffinity: ClientIP`: how long a client keeps sticking to the same pod.',
    rule: 'Only meaningful with `sessionAffinity: ClientIP`; with `None` the API server clears it.',
    link: VIPS + '#session-affinity',
  },
  'Service:spec.sessionAffinityConfig.clientIP': {
    explain: 'Client-IP stickiness settings.',
    rule: 'Holds `timeoutSeconds`.',
    link: VIPS + '#session-affinity',
  },
  'Service:spec.sessionAffinityConfig.clientIP.timeoutSeconds': {
    explain: 'How long (in seconds) a client keeps going to the same pod with `sessionAffinity: ClientIP`.',
    rule: 'Greater than 0 and at most 86400 (one day). Default 10800 (3 hours) when `sessionAffinity` is `ClientIP`.',
    link: VIPS + '#session-affinity',
  },
  'Service:spec.externalIPs': {
    explain:
      'Extra IP addresses on which every node accepts traffic for this Service. The cluster does not own or announce these addresses: you must route them to a node yourself.',
    rule: 'Any Service type. Each entry must be a valid IP that is not `0.0.0.0`/`::`, loopback (127.0.0.0/8, ::1), link-local (169.254.0.0/16, fe80::/10) or link-local multicast (224.0.0.0/24, ff02::/10).',
    link: SVC + '#external-ips',
  },
  'Service:spec.externalName': {
    explain:
      'For `type: ExternalName`: the DNS name this Service is an alias for. Cluster DNS answers `<service>.<namespace>.svc...` with a CNAME to this name; nothing is proxied.',
    rule: 'Required for `type: ExternalName`. After removing one trailing `.`, a DNS-1123 subdomain (at most 253 characters, lowercase). An IP address is accepted by validation but treated as a name of digits, which DNS will not resolve.',
    link: SVC + '#externalname',
  },
  'Service:spec.externalTrafficPolicy': {
    explain:
      'For traffic from outside (NodePort, LoadBalancer, externalIPs): `Cluster` sends it to any ready pod on any node; `Local` only to pods on the node that received it, which keeps the client\'s source IP but drops traffic on nodes without a pod.',
    rule: '`Cluster` or `Local`. Defaults to `Cluster` on NodePort and LoadBalancer Services and on ClusterIP Services with `externalIPs`; rejected on other Services (`may only be set for externally-accessible services`).',
    link: VIPS + '#external-traffic-policy',
  },
  'Service:spec.internalTrafficPolicy': {
    explain:
      'For traffic from inside the cluster: `Cluster` sends it to any ready pod; `Local` only to pods on the same node as the client, and drops it if that node has none.',
    rule: '`Cluster` or `Local`. Default `Cluster` for ClusterIP, NodePort and LoadBalancer Services.',
    link: VIPS + '#internal-traffic-policy',
  },
  'Service:spec.healthCheckNodePort': {
    explain:
      'For a LoadBalancer with `externalTrafficPolicy: Local`: the node port the cloud load balancer probes to learn which nodes have a ready pod.',
    rule: 'Only allowed when `type` is `LoadBalancer` and `externalTrafficPolicy` is `Local`; allocated automatically from the node port range if left out. Cannot change while it is needed.',
    link: SVC + '#external-traffic-policy',
  },
  'Service:spec.loadBalancerIP': {
    explain: 'Asks the cloud provider for a specific load balancer IP. Deprecated: many providers ignore it; use their annotations instead.',
    rule: 'Only meaningful for `type: LoadBalancer`; support depends on the cloud provider.',
    link: SVC + '#loadbalancer',
  },
  'Service:spec.loadBalancerSourceRanges': {
    explain: 'Client IP ranges allowed through the cloud load balancer; others are blocked (if the provider supports it).',
    rule: 'Only allowed on `type: LoadBalancer`. Each entry must be a CIDR such as `203.0.113.0/24`.',
    link: SVC + '#loadbalancer',
  },
  'Service:spec.loadBalancerClass': {
    explain: 'Chooses which load balancer implementation handles this Service, instead of the cluster\'s default cloud provider.',
    rule: 'Only allowed on `type: LoadBalancer`. A qualified name (label-key syntax, e.g. `example.com/lb`). Cannot change while the type stays LoadBalancer.',
    link: SVC + '#load-balancer-class',
  },
  'Service:spec.allocateLoadBalancerNodePorts': {
    explain: 'Set to `false` when your load balancer sends traffic straight to pods and does not need node ports.',
    rule: 'Only allowed on `type: LoadBalancer`; default `true`. With `false`, node ports are not allocated automatically, but a `nodePort` you write is still honoured.',
    link: SVC + '#load-balancer-nodeport-allocation',
  },
  'Service:spec.publishNotReadyAddresses': {
    explain:
      'With `true`, pods count as ready endpoints even when their readiness probe fails. Mostly used by headless Services so StatefulSet peers can find each other in DNS before they are ready.',
    rule: 'Boolean, default `false`. When `true`, every selected pod with an IP is marked `ready`, including unready and terminating ones.',
    link: SLICES + '#conditions',
  },
  'Service:spec.trafficDistribution': {
    explain: 'A preference for sending traffic to nearby endpoints (same zone or node) when they exist.',
    rule: 'The accepted values depend on the Kubernetes version: `PreferClose` everywhere it exists; newer versions add `PreferSameZone` and `PreferSameNode` (`PreferClose` becomes an alias of `PreferSameZone`). The annotation `service.kubernetes.io/topology-mode: Auto` takes precedence.',
    link: VIPS + '#traffic-distribution',
  },
  'Service:spec.loadBalancerSourceRanges[*]': {
    explain: 'One client IP range allowed through the load balancer.',
    rule: 'A CIDR such as `203.0.113.0/24`.',
    link: SVC + '#loadbalancer',
  },
  // ---- Service: values ---------------------------------------------------------------------
  'Service:spec.type=ClusterIP': {
    explain:
      'A `ClusterIP` Service is a stable virtual IP and DNS name inside the cluster, in front of pods that come and go. It cannot be reached from outside the cluster.',
    rule: 'The default type. The cluster IP is allocated from the Service CIDR unless you set `clusterIP`; `nodePort` is not allowed.',
    link: SVC + '#type-clusterip',
  },
  'Service:spec.type=NodePort': {
    explain:
      'A `NodePort` Service is a ClusterIP Service plus one port opened on **every** node: traffic to `<any-node-ip>:<nodePort>` is forwarded to a ready pod.',
    rule: 'Each port gets a `nodePort` from the node port range (default 30000-32767), allocated automatically unless you set one. Cannot be headless.',
    link: SVC + '#type-nodeport',
  },
  'Service:spec.type=LoadBalancer': {
    explain:
      'A `LoadBalancer` Service is a NodePort Service plus an external load balancer created by the cloud provider (or an add-on such as MetalLB), which gets a public address.',
    rule: 'Node ports are allocated unless `allocateLoadBalancerNodePorts: false`. Cannot be headless. Without a load balancer implementation the external IP stays pending.',
    link: SVC + '#loadbalancer',
  },
  'Service:spec.type=ExternalName': {
    explain:
      'An `ExternalName` Service is only a DNS alias: looking up the Service returns a CNAME to `spec.externalName`. There is no cluster IP, no proxying and no pod selection.',
    rule: '`externalName` is required; `clusterIP`, `clusterIPs`, `ipFamilies` and `ipFamilyPolicy` are forbidden; the selector is ignored. HTTP `Host` headers and TLS names will carry the Service\'s name, not the external one.',
    link: SVC + '#externalname',
  },
  'Service:spec.clusterIP=None': {
    explain:
      '`clusterIP: None` makes a **headless** Service: there is no virtual IP and no load balancing; DNS returns the IPs of the ready pods directly (and, with `hostname`/`subdomain`, one name per pod).',
    rule: 'Not allowed on NodePort or LoadBalancer Services. Ports are optional. kube-proxy ignores headless Services.',
    link: SVC + '#headless-services',
  },
  'Service:spec.sessionAffinity=ClientIP': {
    explain: 'Sticky sessions: connections from the same client IP keep going to the same pod until the timeout passes.',
    rule: 'Timeout in `sessionAffinityConfig.clientIP.timeoutSeconds`, default 10800 seconds, at most 86400.',
    link: VIPS + '#session-affinity',
  },
  'Service:spec.externalTrafficPolicy=Local': {
    explain:
      'External traffic only goes to pods on the node that received it: the client\'s source IP is kept, but a node with no ready pod for this Service drops the traffic.',
    rule: 'Only on externally reachable Services. A LoadBalancer Service gets a `healthCheckNodePort` so the load balancer can skip nodes without pods.',
    link: VIPS + '#external-traffic-policy',
  },
  'Service:spec.internalTrafficPolicy=Local': {
    explain: 'Traffic from a pod only goes to Service pods on the same node; if that node has none, the traffic is dropped.',
    rule: '`Cluster` or `Local`; default `Cluster`.',
    link: VIPS + '#internal-traffic-policy',
  },

  // ---- Ingress -------------------------------------------------------------------------------
  'Ingress:metadata.name': {
    explain: 'The Ingress\'s name. Unlike a Service name it does not appear in DNS.',
    rule: 'A DNS-1123 subdomain: at most 253 characters, lowercase letters, digits, `-` and `.`.',
    link: NAMES,
  },
  'Ingress:metadata.namespace': {
    explain: 'An Ingress can only send traffic to Services in its own namespace.',
    rule: 'A DNS-1123 label. Backends name Services without a namespace: they are looked up here.',
    link: NS,
  },
  'Ingress:spec': {
    explain: 'HTTP routing rules: which host and path go to which Service, served by an Ingress controller.',
    rule: 'Either `rules` or `defaultBackend` must be set. Nothing happens unless an Ingress controller runs in the cluster.',
    link: ING,
  },
  'Ingress:spec.ingressClassName': {
    explain: 'Which Ingress controller should serve this Ingress (the name of an IngressClass object).',
    rule: 'A DNS-1123 subdomain. If left out, the IngressClass marked `ingressclass.kubernetes.io/is-default-class: "true"` is used when exactly one exists. If the old `kubernetes.io/ingress.class` annotation is also set, both must be equal.',
    link: ING + '#ingress-class',
  },
  'Ingress:spec.defaultBackend': {
    explain: 'Where requests go when no rule matches their host and path. With no rules at all, every request goes here.',
    rule: 'A `service` (name and port) or a `resource`, not both. If it is not set, the controller decides what unmatched requests get (often a 404).',
    link: ING + '#default-backend',
  },
  'Ingress:spec.rules': {
    explain: 'The routing rules: a request is matched on its host first, then on its path within that host\'s rule.',
    rule: 'Optional if `defaultBackend` is set. Each rule has an optional `host` and optional `http.paths`.',
    link: ING + '#ingress-rules',
  },
  'Ingress:spec.rules[*]': {
    explain: 'One host (or every host, when `host` is left out) and the paths served for it.',
    rule: 'A rule with only a `host` and no `http` is accepted; the controller decides where its traffic goes.',
    link: ING + '#ingress-rules',
  },
  'Ingress:spec.rules[*].host': {
    explain:
      'The host name this rule serves, compared with the HTTP `Host` header. `*.example.com` matches exactly one extra label (`a.example.com`, but not `example.com` or `a.b.example.com`). Without a host, the rule serves every host.',
    rule: 'A DNS-1123 subdomain (lowercase), or `*.` followed by one. Not an IP address and no port. `*`, `foo.*.com` and `*foo.com` are rejected.',
    link: ING + '#hostname-wildcards',
  },
  'Ingress:spec.rules[*].http': {
    explain: 'The HTTP paths served for this rule\'s host.',
    rule: 'If present, `paths` must have at least one entry.',
    link: ING + '#ingress-rules',
  },
  'Ingress:spec.rules[*].http.paths': {
    explain: 'The paths of this host and the backend each one goes to. When several match, the longest path wins; on a tie, `Exact` beats `Prefix`.',
    rule: 'At least one entry. Each needs a `pathType` and a `backend`.',
    link: ING + '#multiple-matches',
  },
  'Ingress:spec.rules[*].http.paths[*]': {
    explain: 'One path and the backend that serves it.',
    rule: '`pathType` and `backend` are required.',
    link: ING + '#path-types',
  },
  'Ingress:spec.rules[*].http.paths[*].path': {
    explain: 'The URL path (the part after the host, before `?`) this entry matches, interpreted according to `pathType`.',
    rule: 'For `Exact` and `Prefix`: must start with `/`, must not contain `//`, `/./`, `/../`, `%2f` or `%2F`, and must not end with `/.` or `/..`. For `ImplementationSpecific` it may be empty; otherwise it must start with `/`.',
    link: ING + '#path-types',
  },
  'Ingress:spec.rules[*].http.paths[*].pathType': {
    explain: 'How `path` is compared with the request: `Exact`, `Prefix` (whole path segments) or `ImplementationSpecific` (up to the controller).',
    rule: 'Required, no default: `pathType must be specified`. One of `Exact`, `Prefix`, `ImplementationSpecific`.',
    link: ING + '#path-types',
  },
  'Ingress:spec.rules[*].http.paths[*].backend': {
    explain: 'Where matching requests are sent: a Service and one of its ports (or a `resource`).',
    rule: 'Exactly one of `service` or `resource`.',
    link: ING + '#ingress-rules',
  },
  'Ingress:spec.rules[*].http.paths[*].backend.service': {
    explain: 'The Service that receives matching requests, and which of its ports.',
    rule: '`name` is required; `port` needs exactly one of `number` or `name`.',
    link: ING + '#ingress-rules',
  },
  'Ingress:spec.rules[*].http.paths[*].backend.service.name': {
    explain: 'The name of the Service that receives matching requests. It must be in the same namespace as the Ingress.',
    rule: 'Required. A DNS-1035 label (like a Service name). The API server does not check that the Service exists: a wrong name is accepted and requests fail at the controller.',
    link: ING + '#ingress-rules',
  },
  'Ingress:spec.rules[*].http.paths[*].backend.service.port': {
    explain: 'Which port of the Service to use: by `number` (the Service\'s `port`, not the pod\'s) or by `name`.',
    rule: 'Exactly one of `number` or `name` (`cannot set both port name & port number`; `port name or number is required`).',
    link: ING + '#ingress-rules',
  },
  'Ingress:spec.rules[*].http.paths[*].backend.service.port.number': {
    explain: 'The Service port (`spec.ports[*].port` of the Service) to send requests to. It is the Service\'s port, not the container\'s.',
    rule: 'A number from 1 to 65535. Not checked against the Service by the API server.',
    link: ING + '#ingress-rules',
  },
  'Ingress:spec.rules[*].http.paths[*].backend.service.port.name': {
    explain: 'The name of the Service port (`spec.ports[*].name` of the Service) to send requests to.',
    rule:
      'A port name: ' +
      IANA +
      '. A Service port name that is longer than 15 characters or has no letter is valid on the Service but rejected here.',
    link: ING + '#ingress-rules',
  },
  'Ingress:spec.rules[*].http.paths[*].backend.resource': {
    explain: 'Sends matching requests to another Kubernetes object (for example a storage bucket object of the controller) instead of a Service.',
    rule: 'Cannot be combined with `service`. Needs `kind` and `name`; `apiGroup`, if set, is a DNS-1123 subdomain.',
    link: ING + '#resource-backend',
  },
  'Ingress:spec.tls': {
    explain: 'HTTPS for the listed hosts, on port 443, using certificates from Secrets.',
    rule: 'TLS hosts must match rule hosts explicitly; a rule without a host gets no TLS from here.',
    link: ING + '#tls',
  },
  'Ingress:spec.tls[*]': {
    explain: 'One certificate and the hosts it is used for.',
    rule: 'Has `hosts` and `secretName`.',
    link: ING + '#tls',
  },
  'Ingress:spec.tls[*].hosts': {
    explain: 'The host names served over HTTPS with this certificate. They should match the `host` of a rule.',
    rule: 'Each is a DNS-1123 subdomain, or `*.` plus one.',
    link: ING + '#tls',
  },
  'Ingress:spec.tls[*].secretName': {
    explain: 'The Secret holding the certificate (`tls.crt`) and private key (`tls.key`), in the Ingress\'s namespace.',
    rule: 'May be empty (routing by SNI only). If set, a DNS-1123 subdomain. The API server does not check that the Secret exists.',
    link: ING + '#tls',
  },
  'Ingress:spec.rules[*].http.paths[*].pathType=Exact': {
    explain: '`Exact` matches the URL path exactly and case-sensitively: `/foo` matches `/foo` but not `/foo/` or `/foo/bar`.',
    rule: 'The path must start with `/`. On a tie in length, `Exact` beats `Prefix`.',
    link: ING + '#path-types',
  },
  'Ingress:spec.rules[*].http.paths[*].pathType=Prefix': {
    explain:
      '`Prefix` matches whole path segments: `/foo` matches `/foo`, `/foo/` and `/foo/bar`, but not `/foobar`. A trailing slash is ignored, and `/` matches every path.',
    rule: 'The path must start with `/`. The longest matching path wins.',
    link: ING + '#path-types',
  },
  'Ingress:spec.rules[*].http.paths[*].pathType=ImplementationSpecific': {
    explain: '`ImplementationSpecific` leaves matching to the Ingress controller: it may behave like Exact, like Prefix (often with regular expressions), or its own way.',
    rule: 'The path may be empty; otherwise it must start with `/`. Check your controller\'s documentation.',
    link: ING + '#path-types',
  },
  'IngressClass:spec.controller': {
    explain: 'Names the Ingress controller that implements this class, for example `k8s.io/ingress-nginx`. Ingresses choose a class with `spec.ingressClassName`.',
    rule: 'A domain-prefixed path such as `example.com/ingress-controller`, at most 250 characters. Immutable.',
    link: ING + '#ingress-class',
  },

  // ---- Workloads (controller level) -----------------------------------------------------------
  'Workload:spec.selector': {
    explain:
      'Which pods this controller owns. It must match the labels of its own pod template. It is separate from a Service\'s selector, which picks the pods that receive traffic.',
    rule: 'Required for apps/v1 Deployments, ReplicaSets, StatefulSets and DaemonSets, and must match `spec.template.metadata.labels` (`selector does not match template labels`). Immutable after creation.',
    link: LABELS + '#resources-that-support-set-based-requirements',
  },
  'Workload:spec.selector.matchLabels': {
    explain: 'Equality matches: the pods must have every one of these labels with exactly these values.',
    rule: LABEL_RULE + ' Combined with `matchExpressions` by AND.',
    link: LABELS + '#resources-that-support-set-based-requirements',
    map: true,
  },
  'Workload:spec.selector.matchExpressions': {
    explain: 'Set-based matches such as `tier In (frontend, web)` or `Exists`. Services cannot use these: a Service selector is only equality matches.',
    rule: 'Each has `key`, `operator` (`In`, `NotIn`, `Exists`, `DoesNotExist`) and `values` (required for `In`/`NotIn`, empty for `Exists`/`DoesNotExist`).',
    link: LABELS + '#set-based-requirement',
  },
  'Workload:metadata.labels': {
    explain:
      'Labels on the controller object itself (for `kubectl get -l`). Services do **not** look at these: they select the labels of the pods, in `spec.template.metadata.labels`.',
    rule: LABEL_RULE,
    link: LABELS,
    map: true,
  },
  'Workload:spec.replicas': {
    explain: 'How many copies of the pod to run. A Service spreads traffic across the ready ones.',
    rule: 'An integer, 0 or more. Default 1. With 0 replicas a Service selecting these pods has no endpoints.',
    link: DEPLOY,
  },
  'StatefulSet:spec.serviceName': {
    explain:
      'The headless Service that gives each StatefulSet pod a stable DNS name: `<pod>.<serviceName>.<namespace>.svc.<cluster-domain>`.',
    rule: 'Names a Service in the same namespace that you create yourself (with `clusterIP: None`). Immutable.',
    link: STS + '#stable-network-id',
  },

  // ---- Pod templates ---------------------------------------------------------------------------
  'PodTemplate:metadata.labels': {
    explain: 'Labels on the pods. A Service selects pods by these labels, and so does the pod\'s own controller.',
    rule: LABEL_RULE,
    link: LABELS,
    map: true,
  },
  'PodTemplate:spec.containers': {
    explain: 'The containers of each pod. Their `ports` are where Service traffic can land.',
    rule: 'At least one container, each with a unique `name`.',
    link: PODS,
  },
  'PodTemplate:spec.containers[*].ports': {
    explain:
      'The ports this container declares. Declaring a port is mostly documentation, except that a Service\'s **named** `targetPort` is looked up here.',
    rule: 'Each entry needs `containerPort`; names must be unique. A port not listed here is still reachable if the process listens on it.',
    link: SVC + '#port-definitions',
  },
  'PodTemplate:spec.containers[*].ports[*]': {
    explain: 'One port the container listens on.',
    rule: '`containerPort` is required; `protocol` defaults to `TCP`.',
    link: SVC + '#port-definitions',
  },
  'PodTemplate:spec.containers[*].ports[*].containerPort': {
    explain: 'The port the process in the container listens on. A Service\'s `targetPort` should point here (by number or by this entry\'s `name`).',
    rule: 'Required. A number from 1 to 65535.',
    link: SVC + '#port-definitions',
  },
  'PodTemplate:spec.containers[*].ports[*].name': {
    explain: 'A name for this container port. A Service can use it as `targetPort`, so the number can change without editing the Service.',
    rule: 'Optional. ' + IANA.charAt(0).toUpperCase() + IANA.slice(1) + '. Unique among the container\'s ports (the API reference asks for unique within the pod).',
    link: SVC + '#port-definitions',
  },
  'PodTemplate:spec.containers[*].ports[*].protocol': {
    explain: 'The protocol of this port. A Service\'s named `targetPort` only matches a container port with the same protocol.',
    rule: 'One of `TCP`, `UDP`, `SCTP`. Default `TCP`.',
    link: SVC + '#protocol-support',
  },
  'PodTemplate:spec.containers[*].readinessProbe': {
    explain:
      'How Kubernetes checks that the container is ready for traffic. While it fails, the pod is taken out of every Service that selects it (no restart).',
    rule: PROBE_COMMON + ' Before the first success the container counts as not ready; with no readiness probe it is ready once started. `terminationGracePeriodSeconds` is not allowed here.',
    link: PROBES,
  },
  'PodTemplate:spec.containers[*].livenessProbe': {
    explain: 'How Kubernetes checks that the container is still working. When it fails, the container is restarted (and the pod is not ready while it restarts).',
    rule: PROBE_COMMON + ' `successThreshold` must be 1. Does not run until a startup probe has succeeded.',
    link: PROBES,
  },
  'PodTemplate:spec.containers[*].startupProbe': {
    explain: 'Gives a slow-starting container time: the liveness and readiness probes wait until this one succeeds. If it keeps failing, the container is restarted.',
    rule: PROBE_COMMON + ' `successThreshold` must be 1.',
    link: PROBES,
  },
  'PodTemplate:spec.containers[*].readinessProbe.httpGet': {
    explain: 'The probe sends an HTTP GET; a status from 200 to 399 counts as success.',
    rule: '`port` is required; `path` defaults to `/`, `scheme` to `HTTP` (or `HTTPS`).',
    link: PROBES,
  },
  'PodTemplate:spec.containers[*].readinessProbe.httpGet.port': {
    explain: 'The container port the readiness check connects to: a number, or the `name` of one of this container\'s ports.',
    rule: 'A number from 1 to 65535 or a port name (' + IANA + ').',
    link: PROBES,
  },
  'PodTemplate:spec.containers[*].readinessProbe.tcpSocket': {
    explain: 'The probe opens a TCP connection; if it connects, the check succeeds.',
    rule: '`port` is required.',
    link: PROBES,
  },
  'PodTemplate:spec.containers[*].readinessProbe.tcpSocket.port': {
    explain: 'The container port the readiness check connects to: a number, or the `name` of one of this container\'s ports.',
    rule: 'A number from 1 to 65535 or a port name (' + IANA + ').',
    link: PROBES,
  },
  'PodTemplate:spec.hostname': {
    explain: 'The pod\'s host name. Together with `subdomain` and a headless Service of that name it gives the pod a DNS name.',
    rule: 'A DNS-1123 label (at most 63 characters). When unset, a system-defined value (normally the pod\'s name) is used.',
    link: DNS + '#pod-s-hostname-and-subdomain-fields',
  },
  'PodTemplate:spec.subdomain': {
    explain:
      'With a headless Service named like this subdomain in the same namespace, the pod gets the DNS name `<hostname>.<subdomain>.<namespace>.svc.<cluster-domain>`.',
    rule: 'A DNS-1123 label. The Service must exist and be headless; nothing checks this for you.',
    link: DNS + '#pod-s-hostname-and-subdomain-fields',
  },
};

// Probe handler ports are the same on every probe kind, and init containers share container fields.
for (const probe of ['livenessProbe', 'startupProbe']) {
  for (const sub of ['httpGet', 'httpGet.port', 'tcpSocket', 'tcpSocket.port']) {
    const base = FIELD_DOCS[`PodTemplate:spec.containers[*].readinessProbe.${sub}`]!;
    (FIELD_DOCS as Record<string, FieldDoc>)[`PodTemplate:spec.containers[*].${probe}.${sub}`] = {
      ...base,
      explain: base.explain.replace('readiness check', probe === 'livenessProbe' ? 'liveness check' : 'startup check'),
    };
  }
}
for (const key of Object.keys(FIELD_DOCS)) {
  if (key.startsWith('PodTemplate:spec.containers[*]')) {
    (FIELD_DOCS as Record<string, FieldDoc>)[key.replace('spec.containers[*]', 'spec.initContainers[*]')] = FIELD_DOCS[key]!;
  }
}

// The default backend has the same shape as a path's backend.
const PATH_BACKEND = 'Ingress:spec.rules[*].http.paths[*].backend';
for (const key of Object.keys(FIELD_DOCS)) {
  if (key.startsWith(PATH_BACKEND + '.')) {
    (FIELD_DOCS as Record<string, FieldDoc>)[key.replace(PATH_BACKEND, 'Ingress:spec.defaultBackend')] = FIELD_DOCS[key]!;
  }
}

/** Normalizes a path for lookup: sequence indexes become `[*]`. */
export function docPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += '[*]';
    else out += out ? `.${seg}` : seg;
  }
  return out;
}

/** The entry for `<kind>:<path>` (and `=<value>` for a value entry), if any. */
export function fieldDoc(key: string): FieldDoc | undefined {
  return Object.prototype.hasOwnProperty.call(FIELD_DOCS, key) ? FIELD_DOCS[key] : undefined;
}
