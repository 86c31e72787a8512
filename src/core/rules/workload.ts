// Rules of the "workload" group (see docs/agents.md for which rule ids live here).
import type { Rule } from './types';

export const workloadRules: readonly Rule[] = [];
