// `service-lab rules`: the iptables (or nftables) rules kube-proxy would write for one Service.
import { iptablesSave, nftables, findService } from '../core/sim/index';
import { UsageError } from './inputs';
import type { Command } from './main';
import { rejectUnknownOptions, takeOption } from './main';
import { simulateInputs, takeSimOptions } from './simOptions';

export const RULES_USAGE = `  rules    [--mode iptables|nftables] [--node NAME] [--seed N] [--nodes N] <ns/service> <inputs>...
                                               the kube-proxy rules for one Service, as
                                               iptables-save (or nft) prints them on a node`;

export const rulesCommand: { run: Command; usage: string } = {
  usage: RULES_USAGE,
  run: (args, io) => {
    const mode = takeOption(args, '--mode') ?? 'iptables';
    if (mode !== 'iptables' && mode !== 'nftables') throw new UsageError(`--mode must be iptables or nftables, not ${JSON.stringify(mode)}`);
    const node = takeOption(args, '--node');
    const opts = takeSimOptions(args);
    rejectUnknownOptions(args);
    const ref = args.shift();
    if (ref === undefined) throw new UsageError('rules needs a Service, e.g. default/web');
    const state = simulateInputs(args, io, opts);
    if (node !== undefined && !state.nodes.some((n) => n.name === node)) {
      throw new UsageError(`there is no node ${JSON.stringify(node)}; nodes are ${state.nodes.map((n) => n.name).join(', ')}`);
    }
    if (!findService(state, ref)) {
      const names = state.services.map((s) => `${s.namespace}/${s.name}`);
      throw new UsageError(`no Service ${JSON.stringify(ref)} in these inputs${names.length ? `; Services: ${names.join(', ')}` : ''}`);
    }
    io.stdout((mode === 'iptables' ? iptablesSave(state, ref, node) : nftables(state, ref, node)) ?? '');
    return 0;
  },
};
