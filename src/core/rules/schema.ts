// Rules of the "schema" group (see docs/agents.md for which rule ids live here).
import type { Rule } from './types';

export const schemaRules: readonly Rule[] = [];
