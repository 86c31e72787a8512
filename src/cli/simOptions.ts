// Options shared by `simulate`, `trace` and `rules`: inputs, --seed and --nodes, building the simulation.
import { parseFile, Scope } from '../core/index';
import { createSimulation } from '../core/sim/index';
import type { SimState } from '../core/sim/index';
import { readInputs, UsageError } from './inputs';
import type { Io } from './main';
import { takeOption } from './main';

function intOption(args: string[], name: string, min: number, max: number): number | undefined {
  const v = takeOption(args, name);
  if (v === undefined) return undefined;
  if (!/^-?\d+$/.test(v.trim())) throw new UsageError(`${name} must be a whole number, not ${JSON.stringify(v)}`);
  const n = Number(v);
  if (n < min || n > max) throw new UsageError(`${name} must be between ${min} and ${max}, not ${n}`);
  return n;
}

/** Takes --seed and --nodes from args (call before rejectUnknownOptions). */
export function takeSimOptions(args: string[]): { seed?: number; nodes?: number } {
  return { seed: intOption(args, '--seed', -2147483648, 2147483647), nodes: intOption(args, '--nodes', 1, 100) };
}

/** Reads the inputs and builds the simulation. */
export function simulateInputs(args: readonly string[], io: Io, opts: { seed?: number; nodes?: number }): SimState {
  const inputs = readInputs(args, io.readStdin);
  const scope = new Scope(inputs.map((f) => parseFile(f.path, f.text)));
  return createSimulation(scope, { seed: opts.seed ?? 1, nodes: opts.nodes ?? 3 });
}
