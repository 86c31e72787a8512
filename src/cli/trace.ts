// `service-lab trace`: follows one request through the simulated cluster, hop by hop.
import { trace } from '../core/sim/index';
import type { RequestSource } from '../core/sim/index';
import { UsageError } from './inputs';
import type { Command } from './main';
import { rejectUnknownOptions, takeFormat, takeOption } from './main';
import { simulateInputs, takeSimOptions } from './simOptions';

export const TRACE_USAGE = `  trace    [--format text|json] [--seed N] [--nodes N] --from external|node:NAME|pod:NS/NAME <target> <inputs>...
                                               follow a request (http://host/path, a DNS name,
                                               clusterIP:port, nodeIP:nodePort, LoadBalancer IP);
                                               exit 0 when delivered, 1 otherwise`;

function parseFrom(v: string | undefined): RequestSource {
  if (v === undefined) throw new UsageError('trace needs --from external, --from node:NAME or --from pod:NS/NAME');
  if (v === 'external') return { kind: 'external' };
  if (v.startsWith('node:') && v.length > 5) return { kind: 'node', node: v.slice(5) };
  if (v.startsWith('pod:') && v.length > 4) return { kind: 'pod', pod: v.slice(4).includes('/') ? v.slice(4) : `default/${v.slice(4)}` };
  throw new UsageError(`--from must be external, node:NAME or pod:NS/NAME, not ${JSON.stringify(v)}`);
}

const OUTCOME_TEXT: Record<string, string> = {
  delivered: 'delivered',
  'delivered-undeclared': 'delivered, but nothing declared to listen on that port',
  'connection-refused': 'connection refused (no endpoints)',
  dropped: 'dropped (no local endpoints)',
  'no-route': 'no route',
  nxdomain: 'NXDOMAIN (the name does not resolve)',
  'external-name': 'left the cluster (ExternalName)',
  'bad-target': 'cannot trace',
};

export const traceCommand: { run: Command; usage: string } = {
  usage: TRACE_USAGE,
  run: (args, io) => {
    const format = takeFormat(args);
    const from = parseFrom(takeOption(args, '--from'));
    const opts = takeSimOptions(args);
    rejectUnknownOptions(args);
    const target = args.shift();
    if (target === undefined) throw new UsageError('trace needs a target, e.g. http://shop.example.com/cart or web.default:80');
    const state = simulateInputs(args, io, opts);
    const t = trace(state, { from, target });
    if (format === 'json') {
      io.stdout(
        JSON.stringify({
          outcome: t.outcome,
          steps: t.steps,
          candidates: t.candidates.map((c) => ({ pod: c.pod, port: c.port, probability: c.probability })),
          pod: t.pod,
          port: t.port,
        }) + '\n',
      );
    } else {
      const lines = t.steps.map((s, i) => `${i + 1}. [${s.kind}] ${s.text}`);
      lines.push(`=> ${OUTCOME_TEXT[t.outcome] ?? t.outcome}`);
      io.stdout(lines.join('\n') + '\n');
    }
    return t.outcome === 'delivered' || t.outcome === 'delivered-undeclared' ? 0 : 1;
  },
};
