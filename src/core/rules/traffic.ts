// Rules of the "traffic" group (see docs/agents.md for which rule ids live here).
import type { Rule } from './types';

export const trafficRules: readonly Rule[] = [];
