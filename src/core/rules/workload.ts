// Rules of the "workload" group (see docs/agents.md for which rule ids live here).
import type { Rule } from './types';
import { apiVersionRemoved } from './api-version-removed';
import { workloadSelector } from './workload-selector';
import { objectLabels } from './object-labels';
import { containerPorts } from './container-ports';
import { probe } from './probe';

export const workloadRules: readonly Rule[] = [apiVersionRemoved, workloadSelector, objectLabels, containerPorts, probe];
