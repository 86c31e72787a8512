// Rules of the "ingress" group (see docs/agents.md for which rule ids live here).
import type { Rule } from './types';
import { ingressName } from './ingress-name';
import { ingressSpec } from './ingress-spec';
import { ingressHost } from './ingress-host';
import { ingressPath } from './ingress-path';
import { ingressBackend } from './ingress-backend';
import { ingressTls } from './ingress-tls';
import { ingressClass } from './ingress-class';
import { ingressClassObject } from './ingress-class-object';

export const ingressRules: readonly Rule[] = [ingressName, ingressSpec, ingressHost, ingressPath, ingressBackend, ingressTls, ingressClass, ingressClassObject];
