// `service-lab explain`: the learning hover for a field (static) or at a position in a file (with
// what it means in that manifest), as text for a terminal or as JSON.
import type { Command } from './main';
import { rejectUnknownOptions, takeFormat, takeOption } from './main';
import { readInputs, UsageError } from './inputs';
import { makeRanger } from './format';
import { closest, explainableFields, explainField, hoverAt, markdownToPlain, parseFile, Scope } from '../core/index';

const USAGE = `  explain  [--format text|json] <Kind.field.path>   explain a field, e.g. Service.spec.ports.targetPort
                                               or a value, e.g. Service.spec.type=NodePort
  explain  [--format text|json] --at <line>:<col> <file> [more files]
                                               the hover at a 1-based position, with what it means
                                               in these files`;

function parseAt(at: string): { line: number; col: number } {
  const m = /^(\d+):(\d+)$/.exec(at.trim());
  if (!m) throw new UsageError(`--at must be <line>:<col> (1-based), not ${JSON.stringify(at)}`);
  const line = Number(m[1]);
  const col = Number(m[2]);
  if (line < 1 || col < 1) throw new UsageError('--at line and column start at 1');
  return { line, col };
}

const explain: Command = (args, io) => {
  const format = takeFormat(args);
  const at = takeOption(args, '--at');
  rejectUnknownOptions(args);
  if (at !== undefined) {
    const { line, col } = parseAt(at);
    const inputs = readInputs(args, io.readStdin);
    const first = inputs[0]!;
    const files = inputs.map((f) => parseFile(f.path, f.text));
    const scope = new Scope(files);
    const lines = files[0]!.lines;
    if (line > lines.lineCount) throw new UsageError(`${first.path} has ${lines.lineCount} lines; --at ${at} is past the end`);
    const offset = lines.offsetAt({ line: line - 1, character: col - 1 });
    const hover = hoverAt(scope, first.path, offset);
    if (!hover) {
      if (format === 'json') io.stdout('null\n');
      else io.stderr(`service-lab: nothing to explain at ${first.path}:${line}:${col}\n`);
      return 1;
    }
    const range = makeRanger(new Map([[first.path, first.text]]))(first.path, hover.range);
    if (format === 'json') io.stdout(JSON.stringify({ markdown: hover.markdown, range }) + '\n');
    else io.stdout(markdownToPlain(hover.markdown) + '\n');
    return 0;
  }
  if (args.length !== 1) throw new UsageError('explain takes one Kind.field.path, or --at <line>:<col> <file>');
  const spec = args[0]!;
  const dot = spec.indexOf('.');
  if (dot <= 0) throw new UsageError(`give a kind and a field path, e.g. Service.spec.ports.targetPort (not ${JSON.stringify(spec)})`);
  const result = explainField(spec.slice(0, dot), spec.slice(dot + 1));
  if (!result) {
    const near = closest(spec, explainableFields(), 0.5);
    io.stderr(`service-lab: no explanation for ${spec}${near ? `; did you mean ${near}?` : ''}\n`);
    return 1;
  }
  if (format === 'json') io.stdout(JSON.stringify({ markdown: result.markdown, range: null }) + '\n');
  else io.stdout(markdownToPlain(result.markdown) + '\n');
  return 0;
};

/** Registered in main.ts as `service-lab explain`. */
export const explainCommand = { run: explain, usage: USAGE };
