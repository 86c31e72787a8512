// Reads the CLI's inputs: files, directories (searched for *.yaml / *.yml) and `-` for stdin.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export class UsageError extends Error {}

/** Largest file the CLI reads, to fail clearly rather than exhaust memory. */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

export interface InputFile {
  readonly path: string;
  readonly text: string;
  /** Set when the bytes were not valid UTF-8: where the first bad byte is, in bytes and in the decoded text (which has U+FFFD there). */
  readonly invalidUtf8?: { readonly byte: number; readonly offset: number };
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Byte offset of the first invalid UTF-8 sequence, or -1. */
export function firstInvalidUtf8(buf: Uint8Array): number {
  try {
    strictUtf8.decode(buf);
    return -1;
  } catch {
    // Walk the sequences to find where decoding fails.
    for (let i = 0; i < buf.length; ) {
      const b = buf[i]!;
      const n = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
      if (n === 0 || i + n > buf.length) return i;
      try {
        strictUtf8.decode(buf.subarray(i, i + n));
      } catch {
        return i;
      }
      i += n;
    }
    return 0;
  }
}

function read(buf: Buffer, path: string): InputFile {
  if (buf.length > MAX_INPUT_BYTES) throw new UsageError(`${path}: file is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MB; split it or check it in parts`);
  const bad = firstInvalidUtf8(buf);
  const text = buf.toString('utf8');
  return bad < 0 ? { path, text } : { path, text, invalidUtf8: { byte: bad, offset: buf.subarray(0, bad).toString('utf8').length } };
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
      out.push(read(readStdin(), '<stdin>'));
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
      for (const f of files) out.push(read(readFileSync(f), f));
    } else {
      try {
        out.push(read(readFileSync(a), a));
      } catch (e) {
        if (e instanceof UsageError) throw e;
        throw new UsageError(`${a}: cannot read file (${(e as Error).message})`);
      }
    }
  }
  return out;
}
