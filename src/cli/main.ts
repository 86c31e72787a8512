// The `service-lab` command: check | simulate | trace | rules | explain, wrapping the pure core.
import { readFileSync } from 'node:fs';
import { checkFiles, compareFindings } from '../core/index';
import type { Finding } from '../core/index';
import { readInputs, UsageError } from './inputs';
import type { InputFile } from './inputs';
import { findingsToJson, findingsToText } from './format';
import { explainCommand } from './explain';
import { simulateCommand } from './simulate';
import { traceCommand } from './trace';
import { rulesCommand } from './rules';

const USAGE = `usage: service-lab <command> [options] <file|dir|->...

commands:
  check    [--format text|json] [--max-file-size <bytes>] <inputs>...
                                               validate Services and Ingresses as the API server would,
                                               and say why traffic will not flow (files over 10 MB are
                                               skipped with a hint unless --max-file-size is raised)
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

/** Files larger than this are not checked unless --max-file-size says otherwise (about 10 s of work). */
export const DEFAULT_MAX_FILE_SIZE = 10_000_000;

/** A finding for input that was not valid UTF-8 (the CLI sees bytes; core only sees the decoded text). */
function invalidUtf8Finding(f: InputFile): Finding[] {
  if (!f.invalidUtf8) return [];
  const at = f.invalidUtf8.offset;
  return [
    {
      rule: 'file-encoding',
      severity: 'error',
      message: `This file is not valid UTF-8 (first bad byte at byte offset ${f.invalidUtf8.byte}). Kubernetes manifests must be UTF-8, and kubectl rejects the file. Save it as UTF-8; Service Lab checked it with the bad bytes replaced by U+FFFD.`,
      file: f.path,
      range: { start: at, end: Math.min(at + 1, f.text.length) },
      related: [],
      fixes: [],
    },
  ];
}

const check: Command = (args, io) => {
  const format = takeFormat(args);
  const maxRaw = takeOption(args, '--max-file-size');
  const maxFileSize = maxRaw === undefined ? DEFAULT_MAX_FILE_SIZE : Number(maxRaw);
  if (!Number.isSafeInteger(maxFileSize) || maxFileSize < 1) throw new UsageError(`--max-file-size must be a positive number of bytes, not ${JSON.stringify(maxRaw)}`);
  rejectUnknownOptions(args);
  const inputs = readInputs(args, io.readStdin);
  const checked = checkFiles(inputs, { maxFileSize, maxFileSizeAdvice: 'Split it, or check it anyway with --max-file-size <bytes>.' }).findings;
  const findings = [...inputs.flatMap(invalidUtf8Finding), ...checked].sort(compareFindings);
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

/**
 * Makes output safe for a terminal: control characters from a manifest (an ESC starting an ANSI
 * sequence, a carriage return that overwrites the line, C1 controls) are written as visible
 * `\u001b` escapes. In JSON output that escape means the same character, so JSON stays exact.
 */
export function terminalSafe(s: string): string {
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

/** Runs the CLI in this process (called by bin/service-lab.js). */
export function runCli(argv: string[] = process.argv.slice(2)): void {
  process.exitCode = main(argv, {
    stdout: (s) => process.stdout.write(terminalSafe(s)),
    stderr: (s) => process.stderr.write(terminalSafe(s)),
    readStdin: () => readFileSync(0),
  });
}
