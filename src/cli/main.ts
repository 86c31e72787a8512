// The `service-lab` command: check | simulate | trace | rules | explain, wrapping the pure core.
import { readFileSync } from 'node:fs';
import { checkFiles } from '../core/index';
import { readInputs, UsageError } from './inputs';
import { findingsToJson, findingsToText } from './format';
import { explainCommand } from './explain';
import { simulateCommand } from './simulate';
import { traceCommand } from './trace';
import { rulesCommand } from './rules';

const USAGE = `usage: service-lab <command> [options] <file|dir|->...

commands:
  check    [--format text|json] <inputs>...   validate Services and Ingresses as the API server would,
                                               and say why traffic will not flow
  help                                         show this text

Exit codes: 0 no error findings, 1 error findings, 2 bad usage or unreadable input.`;

export interface Io {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  readonly readStdin: () => Buffer;
}

export type Command = (args: string[], io: Io) => number;

/** Extra subcommands registered by other modules (simulate, trace, rules, explain). */
export const commands = new Map<string, { run: Command; usage: string }>();
commands.set('explain', explainCommand);
commands.set('simulate', simulateCommand);
commands.set('trace', traceCommand);
commands.set('rules', rulesCommand);

export function takeOption(args: string[], name: string): string | undefined {
  const i = args.findIndex((a) => a === name || a.startsWith(name + '='));
  if (i < 0) return undefined;
  const a = args[i]!;
  if (a.includes('=')) {
    args.splice(i, 1);
    return a.slice(name.length + 1);
  }
  const v = args[i + 1];
  if (v === undefined) throw new UsageError(`${name} needs a value`);
  args.splice(i, 2);
  return v;
}

export function takeFormat(args: string[]): 'text' | 'json' {
  const f = takeOption(args, '--format') ?? 'text';
  if (f !== 'text' && f !== 'json') throw new UsageError(`--format must be text or json, not ${JSON.stringify(f)}`);
  return f;
}

export function rejectUnknownOptions(args: readonly string[]): void {
  const bad = args.find((a) => a.startsWith('--'));
  if (bad) throw new UsageError(`unknown option ${bad}`);
}

const check: Command = (args, io) => {
  const format = takeFormat(args);
  rejectUnknownOptions(args);
  const inputs = readInputs(args, io.readStdin);
  const { findings } = checkFiles(inputs);
  const texts = new Map(inputs.map((f) => [f.path, f.text]));
  if (format === 'json') io.stdout(JSON.stringify(findingsToJson(findings, texts)) + '\n');
  else io.stdout(findingsToText(findings, texts));
  return findings.some((f) => f.severity === 'error') ? 1 : 0;
};

export function main(argv: string[], io: Io): number {
  const [cmd, ...rest] = argv;
  try {
    if (!cmd || cmd === 'help' || cmd === '--help' || cmd === '-h') {
      io.stdout(usage() + '\n');
      return cmd ? 0 : 2;
    }
    if (cmd === 'check') return check(rest, io);
    const extra = commands.get(cmd);
    if (extra) return extra.run(rest, io);
    throw new UsageError(`unknown command ${JSON.stringify(cmd)}`);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`service-lab: ${e.message}\n${usage()}\n`);
      return 2;
    }
    io.stderr(`service-lab: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 2;
  }
}

function usage(): string {
  const extra = [...commands.entries()].map(([, c]) => c.usage).join('\n');
  return extra ? USAGE.replace('  help ', `${extra}\n  help `) : USAGE;
}

/** Runs the CLI in this process (called by bin/service-lab.js). */
export function runCli(argv: string[] = process.argv.slice(2)): void {
  process.exitCode = main(argv, {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    readStdin: () => readFileSync(0),
  });
}
