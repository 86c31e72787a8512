// Rules of the "service" group (see docs/agents.md for which rule ids live here).
import type { Rule } from './types';

export const serviceRules: readonly Rule[] = [];
