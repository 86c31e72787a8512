// Reads the CLI's inputs: files, directories (searched for *.yaml / *.yml) and `-` for stdin.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export class UsageError extends Error {}

/** Largest file the CLI reads, to fail clearly rather than exhaust memory. */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

export interface InputFile {
  readonly path: string;
  readonly text: string;
}

function decode(buf: Buffer, path: string): string {
  if (buf.length > MAX_INPUT_BYTES) throw new UsageError(`${path}: file is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MB; split it or check it in parts`);
  return buf.toString('utf8');
}

function walk(dir: string, out: string[]): void {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name === 'node_modules' || e.name === '.git') continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile() && /\.ya?ml$/i.test(e.name)) out.push(p);
  }
}

/** Reads every input; throws UsageError for a path that cannot be read. */
export function readInputs(args: readonly string[], readStdin: () => Buffer): InputFile[] {
  if (args.length === 0) throw new UsageError('no input: give one or more files or directories, or - for standard input');
  const out: InputFile[] = [];
  for (const a of args) {
    if (a === '-') {
      out.push({ path: '<stdin>', text: decode(readStdin(), '<stdin>') });
      continue;
    }
    let st;
    try {
      st = statSync(a);
    } catch {
      throw new UsageError(`${a}: no such file or directory`);
    }
    if (st.isDirectory()) {
      const files: string[] = [];
      try {
        walk(a, files);
      } catch (e) {
        throw new UsageError(`${a}: cannot read directory (${(e as Error).message})`);
      }
      for (const f of files) out.push({ path: f, text: decode(readFileSync(f), f) });
    } else {
      try {
        out.push({ path: a, text: decode(readFileSync(a), a) });
      } catch (e) {
        if (e instanceof UsageError) throw e;
        throw new UsageError(`${a}: cannot read file (${(e as Error).message})`);
      }
    }
  }
  return out;
}
