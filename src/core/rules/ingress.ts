// Rules of the "ingress" group (see docs/agents.md for which rule ids live here).
import type { Rule } from './types';

export const ingressRules: readonly Rule[] = [];
