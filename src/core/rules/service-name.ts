// service-name: metadata.name is a DNS-1035 label and metadata.namespace a DNS-1123 label (KUBERNETES.md §A.2).
import type { K8sObject } from '../parse';
import { isRecord } from '../k8s';
import { apiError, isDNS1035Label, isDNS1123Label } from '../validation';
import type { Rule, RuleContext } from './types';
import { replaceAt } from './types';
import { SERVICE_KINDS, isCoreService, withApi } from './serviceHelpers';

/** A lower-case DNS-1035 version of a name, when one is easy to derive (for the quick fix). */
function suggestName(name: string): string | undefined {
  let s = name.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^[^a-z]+/, '').replace(/-+$/, '');
  if (s.length > 63) s = s.slice(0, 63).replace(/-+$/, '');
  return s && s !== name && isDNS1035Label(s).length === 0 ? s : undefined;
}

export const serviceNameRule: Rule = {
  id: 'service-name',
  defaultSeverity: 'error',
  description: 'Service names must be DNS-1035 labels (start with a letter) and namespaces DNS-1123 labels.',
  kinds: SERVICE_KINDS,
  checkObject(obj: K8sObject, ctx: RuleContext) {
    if (!isCoreService(obj)) return;
    const meta = isRecord(obj.value['metadata']) ? obj.value['metadata'] : undefined;
    const name = meta?.['name'];
    const generateName = meta?.['generateName'];
    if (name === undefined || name === null || name === '') {
      if (typeof generateName === 'string' && generateName !== '') {
        // generateName is checked as a prefix: a trailing '-' is allowed.
        const masked = generateName.endsWith('-') ? generateName.slice(0, -1) + 'a' : generateName;
        const errs = isDNS1035Label(masked);
        if (errs.length) {
          ctx.report(
            obj,
            ['metadata', 'generateName'],
            withApi(
              'The API server builds the Service name from `generateName` plus a random suffix, so the prefix must follow the Service name rules: lower-case letters, digits and \'-\', starting with a letter.',
              ...errs.map((e) => apiError('metadata.generateName', 'Invalid value', generateName, e)),
            ),
          );
        }
        return;
      }
      if (typeof generateName === 'string' || generateName === undefined || generateName === null) {
        ctx.report(
          obj,
          meta ? ['metadata', 'name'] : ['metadata'],
          withApi(
            'Every Service needs a name: it becomes the DNS name clients use (`<name>.<namespace>.svc`). Add `metadata.name`.',
            apiError('metadata.name', 'Required value', undefined, 'name or generateName is required'),
          ),
          { at: 'key', field: 'metadata.name' },
        );
      }
    } else if (typeof name === 'string') {
      const errs = isDNS1035Label(name);
      if (errs.length) {
        const relaxed = isDNS1123Label(name).length === 0;
        const suggestion = suggestName(name);
        ctx.report(
          obj,
          ['metadata', 'name'],
          withApi(
            `A Service name becomes a DNS name and an environment-variable prefix, so it must be a DNS-1035 label: at most 63 characters, lower-case letters, digits and '-', starting with a letter and ending with a letter or digit.${
              relaxed ? ' (Clusters that enable the alpha feature gate RelaxedServiceNameValidation also accept a leading digit; it is off by default.)' : ''
            }${suggestion ? ` For example: \`${suggestion}\`.` : ''}`,
            ...errs.map((e) => apiError('metadata.name', 'Invalid value', name, e)),
          ),
          { fixes: suggestion ? [{ title: `Rename the Service to \`${suggestion}\``, edits: [replaceAt(obj, ['metadata', 'name'], suggestion)] }] : [] },
        );
      }
    }
    const ns = meta?.['namespace'];
    if (typeof ns === 'string' && ns !== '') {
      const errs = isDNS1123Label(ns);
      if (errs.length) {
        ctx.report(
          obj,
          ['metadata', 'namespace'],
          withApi(
            "A namespace name must be a DNS label: at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit.",
            ...errs.map((e) => apiError('metadata.namespace', 'Invalid value', ns, e)),
          ),
        );
      }
    }
  },
};
