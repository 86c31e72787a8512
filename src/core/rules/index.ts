// The rule registry. Each rule lives in its own file named after its id.
import type { Rule } from './types';

/** Every rule, in the order they run. */
export const rules: readonly Rule[] = [];

/** Ids of findings produced by the parser rather than a rule module. */
export const parserRuleIds = ['yaml-syntax', 'yaml-alias-limit', 'templated-file'] as const;
