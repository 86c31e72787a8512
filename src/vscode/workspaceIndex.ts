// The workspace's Kubernetes YAML, kept current file by file: disk files found once with
// findFiles, then updated by a file watcher; open documents' text overrides disk. Parsing is lazy
// (on the next `scope()`), per file, and shares one ParseCache, so typing re-parses one document.
import * as vscode from 'vscode';
import type { Logger, ParsedFile } from '../core/index';
import { ParseCache, Scope, parseFile } from '../core/index';

/** The cheap test run before any parsing: does the text mention apiVersion: or kind: at a line start? */
export const LOOKS_KUBERNETES = /^[ \t-]*(apiVersion|kind)[ \t]*:/m;
export const YAML_GLOB = '**/*.{yaml,yml}';
const EXCLUDE_GLOB = '**/{node_modules,.git}/**';
const IGNORED_SCHEMES = new Set(['git', 'output', 'vscode-scm', 'service-lab', 'search-editor', 'comment', 'debug']);

interface Entry {
  readonly uri: vscode.Uri;
  text: string;
  /** Size in bytes, when known to exceed the limit. */
  tooLarge?: number;
  open: boolean;
  /** Parsed lazily; undefined until needed or when the text is not Kubernetes YAML. */
  parsed?: ParsedFile;
  dirty: boolean;
}

export interface FileInfo {
  readonly parsed?: ParsedFile;
  /** Byte size when the file is over `serviceLab.maxFileSize` (then it is not parsed). */
  readonly tooLarge?: number;
}

/** Whether a document is YAML that Service Lab should look at. */
export function isYamlDocument(doc: vscode.TextDocument): boolean {
  if (IGNORED_SCHEMES.has(doc.uri.scheme)) return false;
  return doc.languageId === 'yaml' || /\.ya?ml$/i.test(doc.uri.path);
}

function byteLength(text: string, limit: number): number {
  // UTF-8 needs at most 3 bytes per UTF-16 unit: skip encoding when the text is clearly small.
  if (text.length * 3 <= limit) return text.length;
  return new TextEncoder().encode(text).length;
}

export class WorkspaceIndex implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly cache = new ParseCache();
  private readonly changed = new vscode.EventEmitter<readonly string[]>();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private scopeCache: Scope | undefined;
  private scan: Promise<void> | undefined;

  /** Fires with the URI strings whose content (or presence) changed. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly logger: Logger,
    private readonly maxFileSize: () => number,
  ) {
    const watcher = vscode.workspace.createFileSystemWatcher(YAML_GLOB);
    this.disposables.push(
      watcher,
      watcher.onDidCreate((u) => void this.reloadFromDisk(u)),
      watcher.onDidChange((u) => void this.reloadFromDisk(u)),
      watcher.onDidDelete((u) => this.removeIfClosed(u)),
      vscode.workspace.onDidOpenTextDocument((d) => this.onOpen(d)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0 && this.entries.get(e.document.uri.toString())?.open) this.set(e.document.uri, e.document.getText(), true);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => void this.onClose(d)),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.rescan()),
    );
    for (const d of vscode.workspace.textDocuments) this.onOpen(d);
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }

  /** The first scan of the workspace, started on first need (activation itself reads no files). */
  ready(): Promise<void> {
    this.scan ??= this.scanWorkspace();
    return this.scan;
  }

  /** Re-reads every YAML file of the workspace (open documents keep their editor text). */
  rescan(): Promise<void> {
    this.scan = this.scanWorkspace();
    return this.scan;
  }

  /** The scope of every Kubernetes file known now (parsing changed files first). */
  scope(): Scope {
    if (this.scopeCache) return this.scopeCache;
    const files: ParsedFile[] = [];
    for (const key of [...this.entries.keys()].sort()) {
      const p = this.info(key).parsed;
      if (p) files.push(p);
    }
    this.scopeCache = new Scope(files);
    return this.scopeCache;
  }

  /** The parse (or the size notice) of one file, by URI string. */
  info(key: string): FileInfo {
    const e = this.entries.get(key);
    if (!e) return {};
    if (e.dirty) {
      e.dirty = false;
      e.parsed = undefined;
      const size = byteLength(e.text, this.maxFileSize());
      e.tooLarge = size > this.maxFileSize() ? size : undefined;
      if (e.tooLarge === undefined && LOOKS_KUBERNETES.test(e.text)) {
        try {
          e.parsed = parseFile(key, e.text, this.cache);
        } catch (err) {
          this.logger.error(`parsing ${e.uri.toString(true)} failed`, err);
        }
      }
    }
    return { parsed: e.parsed, tooLarge: e.tooLarge };
  }

  /** Counts for the "Check Workspace" command. */
  stats(): { files: number; kubernetesFiles: number } {
    let kubernetesFiles = 0;
    for (const key of this.entries.keys()) if (this.info(key).parsed) kubernetesFiles++;
    return { files: this.entries.size, kubernetesFiles };
  }

  /** Marks every file for re-parsing (e.g. after `maxFileSize` changed). */
  invalidateAll(): void {
    for (const e of this.entries.values()) e.dirty = true;
    this.scopeCache = undefined;
    this.changed.fire([...this.entries.keys()]);
  }

  private onOpen(doc: vscode.TextDocument): void {
    if (!isYamlDocument(doc)) return;
    const text = doc.getText();
    const known = this.entries.get(doc.uri.toString());
    // Only now, when a document looks like Kubernetes YAML, is the rest of the workspace read.
    if (LOOKS_KUBERNETES.test(text)) void this.ready();
    if (known && known.open && known.text === text) return;
    this.set(doc.uri, text, true);
  }

  private async onClose(doc: vscode.TextDocument): Promise<void> {
    const key = doc.uri.toString();
    const e = this.entries.get(key);
    if (!e) return;
    e.open = false;
    // Back to the disk version (the editor may have held unsaved text); gone if not on disk.
    if (doc.isUntitled || !(await this.reloadFromDisk(doc.uri))) this.delete(key);
  }

  private set(uri: vscode.Uri, text: string, open: boolean): void {
    const key = uri.toString();
    const e = this.entries.get(key);
    if (e) {
      const opened = open && !e.open;
      e.open = open || e.open;
      if (e.text === text) {
        // Same text: nothing to re-parse, but a newly opened document still needs its diagnostics.
        if (opened) this.changed.fire([key]);
        return;
      }
      e.text = text;
      e.dirty = true;
    } else {
      this.entries.set(key, { uri, text, open, dirty: true });
    }
    this.scopeCache = undefined;
    this.changed.fire([key]);
  }

  private delete(key: string): void {
    if (this.entries.delete(key)) {
      this.scopeCache = undefined;
      this.changed.fire([key]);
    }
  }

  private removeIfClosed(uri: vscode.Uri): void {
    const e = this.entries.get(uri.toString());
    if (e && !e.open) this.delete(uri.toString());
  }

  /** Reads a file from disk unless an editor owns its text; true when the file exists. */
  private async reloadFromDisk(uri: vscode.Uri): Promise<boolean> {
    const key = uri.toString();
    if (this.entries.get(key)?.open) return true;
    try {
      const bytes = await vscode.workspace.fs.readFile(uri);
      if (this.entries.get(key)?.open) return true; // opened while we were reading
      if (bytes.byteLength > this.maxFileSize()) {
        this.set(uri, '', false);
        const e = this.entries.get(key)!;
        e.dirty = false;
        e.parsed = undefined;
        e.tooLarge = bytes.byteLength;
        return true;
      }
      this.set(uri, new TextDecoder('utf-8').decode(bytes), false);
      return true;
    } catch (err) {
      if (err instanceof vscode.FileSystemError && err.code === 'FileNotFound') return false;
      this.logger.warn(`cannot read ${uri.toString(true)}`, err);
      return false;
    }
  }

  private async scanWorkspace(): Promise<void> {
    const t0 = Date.now();
    let uris: vscode.Uri[] = [];
    try {
      uris = await vscode.workspace.findFiles(YAML_GLOB, EXCLUDE_GLOB);
    } catch (err) {
      this.logger.error('listing the workspace YAML files failed', err);
    }
    const found = new Set(uris.map((u) => u.toString()));
    for (const [key, e] of [...this.entries]) if (!e.open && !found.has(key) && e.uri.scheme !== 'untitled') this.delete(key);
    // A few reads at a time: enough to overlap I/O without flooding a remote file system.
    const queue = [...uris];
    const worker = async () => {
      for (let u = queue.shift(); u; u = queue.shift()) await this.reloadFromDisk(u);
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    this.logger.info(`indexed ${uris.length} YAML files in ${Date.now() - t0} ms`);
  }
}
