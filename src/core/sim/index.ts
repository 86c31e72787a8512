// Public API of the embedded cluster simulation (docs/simulation.md): pure, deterministic, serialisable.
export type * from './types';
export { createSimulation, applyEvent, applyEvents, templateHash } from './cluster';
export { trace, parseTarget } from './trace';
export { iptablesSave, nftables, backendsFor, usable, chainNames, endpointChainName, portProtoHash, servicePortName, probability, findService } from './proxy';
export type { Backend } from './proxy';
export { dnsRecords, serviceDnsRecords, envVarsFor, resolveName } from './dns';
export { toJson, receivesTraffic } from './json';
export { matchIngress, hostMatches, pathMatches } from './ingress';
export type { IngressMatch } from './ingress';
export { endpointsOf, CONTROLLER_MANAGED_BY } from './endpoints';
export { sha256, base32, toHex } from './sha256';
