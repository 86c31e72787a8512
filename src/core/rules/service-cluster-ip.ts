// service-cluster-ip: clusterIP / clusterIPs / ipFamilies / ipFamilyPolicy as validation
// (ValidateServiceClusterIPsRelatedFields, headless-vs-type) and allocation (initIPFamilyFields,
// allocIPs against settings.serviceCIDR) check them. KUBERNETES.md §A.5, §A.6, §0.4 item 5, §E.1.
import type { Path } from '../model';
import type { K8sObject } from '../parse';
import type { CIDR, IPFamily } from '../net';
import { cidrContains, formatIP, parseCIDR, parseIP } from '../net';
import { apiError, supportedValues } from '../validation';
import type { Rule, RuleContext } from './types';
import { relatedAt } from './types';
import { SERVICE_KINDS, isCoreService, jsonList, normalizedClusterIPs, specOf, typeOf, withApi } from './serviceHelpers';

const FAMILIES = ['IPv4', 'IPv6'];
const POLICIES = ['PreferDualStack', 'RequireDualStack', 'SingleStack'];
const IP_MSG = 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)';

/** The Service CIDRs of the configured cluster (`serviceCIDR` may list one per family, comma-separated). */
export function serviceCIDRs(setting: string): CIDR[] {
  return setting
    .split(',')
    .map((s) => parseCIDR(s.trim()))
    .filter((c): c is CIDR => c !== undefined);
}

function cidrText(c: CIDR): string {
  return `${formatIP({ family: c.family, value: c.base })}/${c.prefix}`;
}

export const serviceClusterIPRule: Rule = {
  id: 'service-cluster-ip',
  defaultSeverity: 'error',
  description: 'clusterIP/clusterIPs, ipFamilies and ipFamilyPolicy: formats, consistency, headless vs type, and the Service CIDR.',
  kinds: SERVICE_KINDS,
  checkObject(obj: K8sObject, ctx: RuleContext) {
    if (!isCoreService(obj)) return;
    const spec = specOf(obj);
    const type = typeOf(spec);
    if (type === undefined || type === 'ExternalName') return; // ExternalName: service-external-name
    const { ips, fromClusterIP } = normalizedClusterIPs(spec);
    const cip = typeof spec['clusterIP'] === 'string' ? spec['clusterIP'] : '';
    // Where to point for clusterIPs[i]: the written clusterIPs entry, or clusterIP when it was copied from there.
    const ipPath = (i: number): Path => (fromClusterIP ? ['spec', 'clusterIP'] : ['spec', 'clusterIPs', i]);
    const list = jsonList(ips);

    // Headless is not possible for NodePort / LoadBalancer.
    if (ips[0] === 'None' && (type === 'NodePort' || type === 'LoadBalancer')) {
      ctx.report(
        obj,
        ipPath(0),
        withApi(
          `\`clusterIP: None\` makes a headless Service: DNS returns the pod IPs and there is no virtual IP to proxy. A \`type: ${type}\` Service forwards node${type === 'LoadBalancer' ? ' and load-balancer' : ''} traffic to a cluster IP, so it cannot be headless. Remove \`clusterIP: None\`, or use \`type: ClusterIP\` for a headless Service.`,
          apiError('spec.clusterIPs[0]', 'Invalid value', 'None', `may not be set to 'None' for ${type} services`),
        ),
        { field: 'spec.clusterIPs[0]' },
      );
    }

    // clusterIP and clusterIPs agree (only reachable when both are written).
    if (cip !== '' && !fromClusterIP && ips.length === 0 && Array.isArray(spec['clusterIPs'])) {
      ctx.report(obj, ['spec', 'clusterIPs'], withApi('`clusterIPs` is empty while `clusterIP` is set. Remove `clusterIPs` (the API server fills it from `clusterIP`) or list the same address first.', apiError('spec.clusterIPs', 'Required value')), { at: 'key' });
    } else if (cip !== '' && ips.length > 0 && ips[0] !== cip) {
      ctx.report(
        obj,
        ['spec', 'clusterIPs', 0],
        withApi(
          '`clusterIPs[0]` must be the same address as `clusterIP` (`clusterIP` is the primary address, `clusterIPs` adds the other family for dual-stack). Make them match, or write only one of the two fields.',
          `spec.clusterIPs: Invalid value: ${list}: first value must match \`clusterIP\``,
        ),
        { field: 'spec.clusterIPs', related: [relatedAt(obj, ['spec', 'clusterIP'], 'clusterIP is set here')] },
      );
    } else if (cip === '' && ips.length > 0) {
      ctx.report(
        obj,
        ['spec', 'clusterIPs'],
        withApi(
          'The API server copies `clusterIP` into `clusterIPs`, never the other way round: with `clusterIPs` alone it rejects the Service. Set `clusterIP` to the first address too (or write only `clusterIP`).',
          `spec.clusterIPs: Invalid value: ${list}: must be empty when \`clusterIP\` is not specified`,
        ),
        { at: 'key' },
      );
    }

    // ipFamilies and ipFamilyPolicy values.
    const famRaw = spec['ipFamilies'];
    const families: (string | undefined)[] = Array.isArray(famRaw) ? famRaw.map((f) => (typeof f === 'string' ? f : undefined)) : [];
    const seen = new Set<string>();
    families.forEach((f, i) => {
      if (f === undefined) return;
      if (!FAMILIES.includes(f)) {
        const fix = FAMILIES.find((x) => x.toLowerCase() === f.toLowerCase());
        ctx.report(
          obj,
          ['spec', 'ipFamilies', i],
          withApi(`IP families are written \`IPv4\` or \`IPv6\` (case-sensitive).${fix ? ` Write \`${fix}\`.` : ''}`, apiError(`spec.ipFamilies[${i}]`, 'Unsupported value', f, supportedValues(FAMILIES))),
        );
      } else if (seen.has(f)) {
        ctx.report(obj, ['spec', 'ipFamilies', i], withApi(`${f} is listed twice. A Service has at most one address per family: list IPv4 and IPv6 once each.`, apiError(`spec.ipFamilies[${i}]`, 'Duplicate value', f)));
      }
      seen.add(f);
    });
    const policy = spec['ipFamilyPolicy'];
    if (typeof policy === 'string' && !POLICIES.includes(policy)) {
      ctx.report(
        obj,
        ['spec', 'ipFamilyPolicy'],
        withApi('`ipFamilyPolicy` is `SingleStack` (one address), `PreferDualStack` (two when the cluster supports it) or `RequireDualStack` (two, or fail).', apiError('spec.ipFamilyPolicy', 'Unsupported value', policy, supportedValues(POLICIES))),
      );
    }

    // clusterIPs entries.
    let invalidIPs = false;
    ips.forEach((ip, i) => {
      if (i === 0 && ip === 'None') {
        if (ips.length > 1) {
          invalidIPs = true;
          ctx.report(
            obj,
            ['spec', 'clusterIPs'],
            withApi('`None` (headless) means "no cluster IP", so it cannot be combined with addresses: use `[None]` alone, or only addresses.', `spec.clusterIPs: Invalid value: ${list}: 'None' must be the first and only value`),
            { at: 'key' },
          );
        }
        return;
      }
      if (!parseIP(ip)) {
        invalidIPs = true;
        ctx.report(
          obj,
          ipPath(i),
          withApi(
            `\`${ip}\` is not an IP address. \`clusterIP\` is either left out (the API server picks a free address), \`None\` (a headless Service, written exactly so), or a plain address from the cluster's Service range.`,
            apiError(`spec.clusterIPs[${i}]`, 'Invalid value', ip, IP_MSG),
          ),
          { field: `spec.clusterIPs[${i}]` },
        );
      }
    });
    if (ips.length > 2) {
      ctx.report(obj, ['spec', 'clusterIPs'], withApi('A Service has at most two cluster IPs: one IPv4 and one IPv6.', `spec.clusterIPs: Invalid value: ${list}: may only hold up to 2 values`), { at: 'key' });
    }
    if (invalidIPs) return;
    const parsed = ips.map((ip) => (ip === 'None' ? undefined : parseIP(ip)));
    if (ips.length === 2 && parsed[0] && parsed[1] && parsed[0].family === parsed[1].family) {
      ctx.report(
        obj,
        ['spec', 'clusterIPs'],
        withApi('Two cluster IPs are for dual-stack: one must be IPv4 and the other IPv6.', `spec.clusterIPs: Invalid value: ${list}: may specify no more than one IP for each IP family`),
        { at: 'key' },
      );
    }
    const headless = ips.length === 1 && ips[0] === 'None';
    if (!headless) {
      parsed.forEach((p, i) => {
        const fam = families[i];
        if (!p || (fam !== 'IPv4' && fam !== 'IPv6') || p.family === fam) return;
        ctx.report(
          obj,
          ipPath(i),
          withApi(`\`ipFamilies[${i}]\` says ${fam}, but this address is ${p.family}. The n-th cluster IP must belong to the n-th family.`, apiError(`spec.clusterIPs[${i}]`, 'Invalid value', ips[i], `expected an ${fam} value as indicated by \`ipFamilies[${i}]\``)),
          { field: `spec.clusterIPs[${i}]` },
        );
      });
    }

    // Allocation (runs before validation on the real server; reported together here).
    const realIPs = parsed.filter((p) => p !== undefined);
    const validFamilies = families.filter((f): f is IPFamily => f === 'IPv4' || f === 'IPv6');
    if (policy === 'SingleStack' && (realIPs.length > 1 || new Set(validFamilies).size > 1)) {
      const what = realIPs.length > 1 ? 'cluster IPs' : 'IP families';
      ctx.report(
        obj,
        ['spec', 'ipFamilyPolicy'],
        withApi(`\`SingleStack\` means one address, but this Service asks for two ${what}. Use \`PreferDualStack\` or \`RequireDualStack\`, or keep a single ${what === 'cluster IPs' ? 'address' : 'family'}.`, apiError('spec.ipFamilyPolicy', 'Invalid value', 'SingleStack', `must be 'RequireDualStack' or 'PreferDualStack' when multiple ${what} are specified`)),
      );
    }
    const cidrs = serviceCIDRs(ctx.settings.serviceCIDR);
    if (cidrs.length === 0) return;
    const configured = new Set(cidrs.map((c) => c.family));
    const clusterDesc = `the configured Service range (${cidrs.map(cidrText).join(', ')})`;
    // Family support is a property of the user's cluster, which Service Lab only assumes: teach, do not fail.
    if (policy === 'RequireDualStack' && configured.size < 2) {
      ctx.report(
        obj,
        ['spec', 'ipFamilyPolicy'],
        withApi(`\`RequireDualStack\` needs a dual-stack cluster, and ${clusterDesc} is single-stack. On such a cluster the API server rejects the Service; on a dual-stack cluster it is fine. (Set serviceCIDR to e.g. "10.96.0.0/12,fd00:10:96::/112" to model a dual-stack cluster.)`, apiError('spec.ipFamilyPolicy', 'Invalid value', 'RequireDualStack', 'this cluster is not configured for dual-stack services')),
        { severity: 'info' },
      );
    }
    // Only the primary family is certain to be rejected: with PreferDualStack a missing secondary family is dropped.
    families.slice(0, 1).forEach((f, i) => {
      if ((f === 'IPv4' || f === 'IPv6') && !configured.has(f)) {
        ctx.report(
          obj,
          ['spec', 'ipFamilies', i],
          withApi(`${f} is not part of ${clusterDesc}. A cluster without ${f} rejects this Service; one with it accepts it.`, apiError(`spec.ipFamilies[${i}]`, 'Invalid value', jsonList(validFamilies), 'not configured on this cluster')),
          { severity: 'info', field: `spec.ipFamilies[${i}]` },
        );
      }
    });
    parsed.forEach((p, i) => {
      if (!p) return;
      const cidr = cidrs.find((c) => c.family === p.family);
      if (!cidr) {
        ctx.report(
          obj,
          ipPath(i),
          withApi(`This is an ${p.family} address, but ${clusterDesc} has no ${p.family} range. A cluster without ${p.family} rejects it.`, apiError(`spec.clusterIPs[${i}]`, 'Invalid value', ips[i], `${p.family} is not configured on this cluster`)),
          { severity: 'info', field: `spec.clusterIPs[${i}]` },
        );
        return;
      }
      // The network and broadcast addresses of the range are never handed out (ipallocator Range.contains).
      const inside = cidrContains(cidr, p) && p.value !== cidr.base && p.value !== cidr.base + cidr.size - 1n;
      if (inside) return;
      const r = cidrText(cidr);
      ctx.report(
        obj,
        ipPath(i),
        withApi(
          `A fixed \`clusterIP\` must come from the cluster's Service IP range, ${r} here (setting serviceCIDR)${cidrContains(cidr, p) ? ', and not its first or last address' : ''}. Pick an address inside it, preferably from the low "static" band the API server keeps for manual choices, or leave \`clusterIP\` out and let the API server pick one.`,
          `spec.clusterIPs: Invalid value: ${list}: failed to allocate IP ${ips[i]}: the provided IP (${ips[i]}) is not in the valid range. The range of valid IPs is ${r}`,
        ),
        { field: 'spec.clusterIPs' },
      );
    });
  },
};

