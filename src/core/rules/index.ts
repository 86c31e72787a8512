// The rule registry: each group file collects its rules; each rule lives in a file named after its id.
import type { Rule } from './types';
import { schemaRules } from './schema';
import { serviceRules } from './service';
import { ingressRules } from './ingress';
import { workloadRules } from './workload';
import { trafficRules } from './traffic';

/** Every rule, in the order they run. */
export const rules: readonly Rule[] = [...schemaRules, ...serviceRules, ...ingressRules, ...workloadRules, ...trafficRules];
