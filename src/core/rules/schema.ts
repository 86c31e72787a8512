// Rules of the "schema" group (see docs/agents.md for which rule ids live here): the object's fields
// and value types, checked against the schema generated from kubernetes-models (docs/schema.md).
import type { Rule } from './types';
import { unknownFieldRule } from './unknown-field';
import { fieldTypeRule } from './field-type';

export const schemaRules: readonly Rule[] = [unknownFieldRule, fieldTypeRule];
