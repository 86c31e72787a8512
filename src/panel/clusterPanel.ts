// The "Service Lab: Visualize" webview panel: one per workspace folder, beside the editor. It follows
// the active YAML editor, sends the manifest text to the webview (which checks and simulates it
// itself), highlights the element under the cursor, and reveals YAML ranges the webview asks for.
import * as vscode from 'vscode';
import type { Logger, Scope } from '../core/index';
import type { HostToWebview, ManifestFile } from '../shared/protocol';
import { assertNever, describeMessage, isWebviewToHost, sanitizeUiState } from '../shared/protocol';
import { readConfig } from '../vscode/config';
import { isYamlDocument } from '../vscode/workspaceIndex';
import { makeNonce, rangeWithin, wasSent, WEBVIEW_ROOT, webviewHtmlFor } from './webviewSecurity';

export const VIEW_TYPE = 'serviceLab.cluster';
export const VISUALIZE_COMMAND_ID = 'serviceLab.visualize';
/** Delay between the last keystroke and the diagram update. */
export const UPDATE_DEBOUNCE_MS = 250;
/** Other Kubernetes files of the folder sent along (a Service in one file selects pods in another). */
const MAX_COMPANION_FILES = 200;
const MAX_TEXT = 2_000_000;
const MAX_TOTAL_TEXT = 5_000_000;

/** The part of the extension's workspace index the panel reads (all Kubernetes YAML of the workspace). */
export interface ManifestSource {
  ready(): Promise<void>;
  scope(): Scope;
  readonly onDidChange: vscode.Event<readonly string[]>;
}

export interface ClusterPanelDeps {
  readonly logger: Logger;
  /** Without it, only open documents are sent along with the active one. */
  readonly index?: ManifestSource;
}

/** Registers the command, the serializer and the panel manager. */
export function registerClusterPanel(context: vscode.ExtensionContext, deps: ClusterPanelDeps): void {
  const manager = new ClusterPanelManager(context.extensionUri, deps.logger, deps.index);
  context.subscriptions.push(
    manager,
    vscode.commands.registerCommand(VISUALIZE_COMMAND_ID, (uri?: unknown) => manager.show(uri instanceof vscode.Uri ? uri : undefined)),
    vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
      deserializeWebviewPanel: (panel: vscode.WebviewPanel, state: unknown) => manager.revive(panel, state),
    }),
  );
}

function folderKey(uri: vscode.Uri | undefined): string {
  const f = uri ? vscode.workspace.getWorkspaceFolder(uri) : undefined;
  return f ? f.uri.toString() : '';
}

export class ClusterPanelManager implements vscode.Disposable {
  private readonly panels = new Map<string, ClusterPanel>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly logger: Logger,
    private readonly index?: ManifestSource,
  ) {}

  /** Opens (or reveals) the panel of the document's folder and points it at the document. */
  async show(uri: vscode.Uri | undefined): Promise<void> {
    try {
      const target = uri ?? vscode.window.activeTextEditor?.document.uri;
      const doc = target ? await vscode.workspace.openTextDocument(target) : undefined;
      if (!doc) {
        void vscode.window.showInformationMessage('Service Lab: open a Kubernetes YAML file first, then run Visualize.');
        return;
      }
      const key = folderKey(doc.uri);
      let panel = this.panels.get(key);
      if (!panel) {
        const webviewPanel = vscode.window.createWebviewPanel(VIEW_TYPE, 'Service Lab', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, webviewOptions(this.extensionUri));
        panel = this.adopt(key, webviewPanel);
      } else panel.reveal();
      panel.track(doc);
    } catch (e) {
      this.logger.error('Visualize failed', e);
      void vscode.window.showErrorMessage(`Service Lab: could not open the visualization (${e instanceof Error ? e.message : String(e)}). See the Service Lab output for details.`);
    }
  }

  /** Restores a panel after a reload: UI state from the webview, the model re-read from the document. */
  async revive(webviewPanel: vscode.WebviewPanel, state: unknown): Promise<void> {
    webviewPanel.webview.options = webviewOptions(this.extensionUri);
    const ui = sanitizeUiState(state);
    let doc: vscode.TextDocument | undefined;
    if (ui.activePath) {
      try {
        doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(ui.activePath, true));
      } catch (e) {
        this.logger.warn(`Visualize: could not reopen ${ui.activePath} after a reload`, e);
      }
    }
    doc ??= vscode.window.activeTextEditor && isYamlDocument(vscode.window.activeTextEditor.document) ? vscode.window.activeTextEditor.document : undefined;
    const key = folderKey(doc?.uri);
    const existing = this.panels.get(key);
    if (existing) {
      // Two restored panels for one folder: keep the first.
      webviewPanel.dispose();
      return;
    }
    const panel = this.adopt(key, webviewPanel);
    if (doc) panel.track(doc);
  }

  private adopt(key: string, webviewPanel: vscode.WebviewPanel): ClusterPanel {
    const panel = new ClusterPanel(webviewPanel, this.extensionUri, this.logger, () => this.panels.delete(key), this.index);
    this.panels.set(key, panel);
    return panel;
  }

  /** The panel showing `uri`'s folder, if any (for tests and commands). */
  panelFor(uri: vscode.Uri): ClusterPanel | undefined {
    return this.panels.get(folderKey(uri));
  }

  dispose(): void {
    for (const p of [...this.panels.values()]) p.dispose();
    this.panels.clear();
  }
}

function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableForms: false,
    enableCommandUris: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, ...WEBVIEW_ROOT)],
  };
}

/** The webview HTML: strict CSP, scripts by nonce, styles and fonts only from the webview's own source. */
export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  return webviewHtmlFor({
    cspSource: webview.cspSource,
    scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...WEBVIEW_ROOT, 'main.js')).toString(),
    styleUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...WEBVIEW_ROOT, 'main.css')).toString(),
    nonce: makeNonce(),
  });
}

/** One panel: owns its webview, follows editors of its folder, and routes messages. */
export class ClusterPanel implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private document: vscode.TextDocument | undefined;
  private ready = false;
  private readonly queue: HostToWebview[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Versions of the files last sent, by path: reveal requests must name one of these. */
  private sent = new Map<string, number>();
  /** Texts of files sent from disk (version 0), to check a reveal still matches the file. */
  private sentFromDisk = new Map<string, string>();
  private disposed = false;

  constructor(
    private readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly logger: Logger,
    private readonly onDispose: () => void,
    private readonly index?: ManifestSource,
  ) {
    panel.webview.html = webviewHtml(panel.webview, extensionUri);
    if (index) {
      this.disposables.push(index.onDidChange(() => this.schedule()));
      // The first scan of the workspace may still be running: send again when it is done.
      void index.ready().then(() => this.schedule(), (e: unknown) => this.logger.warn('Visualize: workspace scan failed', e));
    }
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: unknown) => this.receive(m)),
      vscode.window.onDidChangeActiveTextEditor((ed) => {
        if (ed && isYamlDocument(ed.document) && folderKey(ed.document.uri) === folderKey(this.document?.uri ?? ed.document.uri)) this.track(ed.document);
      }),
      vscode.workspace.onDidChangeTextDocument((ev) => {
        if (this.document && (ev.document === this.document || this.sent.has(ev.document.uri.toString()))) this.schedule();
      }),
      vscode.window.onDidChangeTextEditorSelection((ev) => {
        if (ev.textEditor.document !== this.document) return;
        const sel = ev.selections[0];
        if (sel) this.post({ type: 'cursor', path: this.document.uri.toString(), offset: this.document.offsetAt(sel.active) });
      }),
      vscode.workspace.onDidChangeConfiguration((ev) => {
        if (ev.affectsConfiguration('serviceLab')) this.schedule();
      }),
    );
  }

  get viewType(): string {
    return this.panel.viewType;
  }

  reveal(): void {
    this.panel.reveal(undefined, true);
  }

  /** Shows `doc` (the panel follows the active YAML editor of its folder). */
  track(doc: vscode.TextDocument): void {
    this.document = doc;
    this.panel.title = `Service Lab: ${doc.uri.path.replace(/^.*\//, '')}`;
    this.sendNow();
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.sendNow(), UPDATE_DEBOUNCE_MS);
  }

  private sendNow(): void {
    this.timer = undefined;
    const doc = this.document;
    if (!doc || this.disposed) return;
    if (!isYamlDocument(doc)) {
      this.post({ type: 'empty', reason: 'This editor does not hold YAML. Open a Kubernetes YAML file to see its Services.' });
      return;
    }
    const key = folderKey(doc.uri);
    const active = doc.uri.toString();
    const files: ManifestFile[] = [{ path: active, text: doc.getText().slice(0, MAX_TEXT), version: doc.version }];
    const candidates = new Map<string, { text: string; version: number }>();
    for (const other of vscode.workspace.textDocuments) {
      if (other.isClosed || !isYamlDocument(other)) continue;
      candidates.set(other.uri.toString(), { text: other.getText(), version: other.version });
    }
    if (this.index) {
      for (const f of this.index.scope().files) if (!candidates.has(f.path)) candidates.set(f.path, { text: f.text, version: 0 });
    }
    // Same folder as the active file first, then the rest of its workspace folder.
    const dir = doc.uri.path.replace(/[^/]*$/, '');
    const ordered = [...candidates.entries()].filter(([path]) => path !== active).sort(([a], [b]) => Number(!vscode.Uri.parse(a).path.startsWith(dir)) - Number(!vscode.Uri.parse(b).path.startsWith(dir)) || (a < b ? -1 : 1));
    let total = files[0]!.text.length;
    for (const [path, c] of ordered) {
      if (files.length > MAX_COMPANION_FILES) break;
      if (c.text.length > MAX_TEXT || total + c.text.length > MAX_TOTAL_TEXT || !/^[ \t-]*(apiVersion|kind)[ \t]*:/m.test(c.text)) continue;
      let uri: vscode.Uri;
      try {
        uri = vscode.Uri.parse(path, true);
      } catch {
        continue;
      }
      if (folderKey(uri) !== key) continue;
      files.push({ path, text: c.text, version: c.version });
      total += c.text.length;
    }
    this.sent = new Map(files.map((f) => [f.path, f.version]));
    this.sentFromDisk = new Map(files.filter((f) => f.version === 0).map((f) => [f.path, f.text]));
    const { settings } = readConfig(doc.uri, this.logger);
    this.post({ type: 'manifest', files, activePath: doc.uri.toString(), settings });
  }

  private post(msg: HostToWebview): void {
    if (this.disposed) return;
    if (!this.ready) {
      // Until the webview says `ready`, keep only the latest message of each type.
      const i = this.queue.findIndex((m) => m.type === msg.type);
      if (i >= 0) this.queue.splice(i, 1);
      this.queue.push(msg);
      return;
    }
    void this.panel.webview.postMessage(msg).then(undefined, (e: unknown) => this.logger.warn('Visualize: postMessage failed', e));
  }

  private receive(m: unknown): void {
    if (!isWebviewToHost(m)) {
      this.logger.warn(`Visualize: dropped a malformed message from the webview (${describeMessage(m)})`);
      return;
    }
    switch (m.type) {
      case 'ready': {
        this.ready = true;
        const pending = this.queue.splice(0);
        if (pending.length === 0) this.sendNow();
        for (const p of pending) this.post(p);
        break;
      }
      case 'reveal':
        void this.revealRange(m.path, m.version, m.range.start, m.range.end);
        break;
      case 'log':
        this.logger[m.level](`Visualize webview: ${m.message}`);
        break;
      default:
        assertNever(m);
    }
  }

  /** Reveals a range of a document the panel sent, if it is still at the version the webview saw. */
  private async revealRange(path: string, version: number, start: number, end: number): Promise<void> {
    if (!wasSent(this.sent, path, version)) {
      this.logger.info(`Visualize: ignored a reveal request for ${path} v${version} (not a document at the version sent)`);
      return;
    }
    let doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === path);
    const diskText = this.sentFromDisk.get(path);
    if (!doc && diskText !== undefined) {
      try {
        doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(path, true));
      } catch (e) {
        this.logger.warn(`Visualize: could not open ${path}`, e);
        return;
      }
    }
    if (!doc) return;
    // A file sent from disk is revealed only while its text is still what the webview saw.
    if (diskText !== undefined ? doc.getText() !== diskText : doc.version !== version) return;
    if (!rangeWithin({ start, end }, doc.getText().length)) return;
    const range = new vscode.Range(doc.positionAt(start), doc.positionAt(end));
    const visible = vscode.window.visibleTextEditors.find((e) => e.document === doc);
    const column = visible?.viewColumn ?? (this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One);
    try {
      const editor = await vscode.window.showTextDocument(doc, { viewColumn: column, preserveFocus: false, selection: new vscode.Selection(range.start, range.start) });
      editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
      editor.selection = new vscode.Selection(range.start, range.end);
    } catch (e) {
      this.logger.warn('Visualize: could not reveal the YAML', e);
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.onDispose();
    this.panel.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
