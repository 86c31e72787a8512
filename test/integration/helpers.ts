// Shared helpers for the integration suites: fixture URIs and waits on real VS Code events (never a fixed sleep).
import * as assert from 'assert';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'service-lab.service-lab';
export const SOURCE = 'Service Lab';

export function fixture(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the fixture workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, ...relative.split('/'));
}

export async function open(relative: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(fixture(relative));
  return vscode.window.showTextDocument(doc, { preview: false });
}

/** Service Lab's diagnostics for a URI. */
export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

export function codeOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  return typeof c === 'object' && c !== null ? String(c.value) : c === undefined ? undefined : String(c);
}

/** Resolves once `predicate` holds for the URI's diagnostics, re-checking on every onDidChangeDiagnostics. */
export function waitForDiagnostics(uri: vscode.Uri, predicate: (d: vscode.Diagnostic[]) => boolean, what: string, timeoutMs = 15000): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const d = ours(uri);
      if (!predicate(d)) return false;
      cleanup();
      resolve(d);
      return true;
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`timed out waiting for ${what}; diagnostics now: ${JSON.stringify(ours(uri).map((d) => [codeOf(d), d.message]))}`));
    }, timeoutMs);
    const cleanup = () => {
      sub.dispose();
      clearTimeout(timer);
    };
    check();
  });
}

export function withCode(code: string) {
  return (ds: vscode.Diagnostic[]) => ds.some((d) => codeOf(d) === code);
}

export function withoutCode(code: string) {
  return (ds: vscode.Diagnostic[]) => !ds.some((d) => codeOf(d) === code);
}

/** The position of the n-th occurrence (0-based) of `needle` in a document, plus `delta` characters. */
export function positionOf(doc: vscode.TextDocument, needle: string, delta = 0, nth = 0): vscode.Position {
  const text = doc.getText();
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    assert.ok(at >= 0, `${JSON.stringify(needle)} occurs in ${doc.uri.path}`);
  }
  return doc.positionAt(at + delta);
}

/** Replaces the first occurrence of `from` in the document (unsaved edit) and returns an undo. */
export async function replaceText(doc: vscode.TextDocument, from: string, to: string): Promise<() => Promise<void>> {
  const at = doc.offsetAt(positionOf(doc, from));
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(doc.positionAt(at), doc.positionAt(at + from.length)), to);
  assert.ok(await vscode.workspace.applyEdit(edit), 'edit applied');
  return async () => {
    const back = new vscode.WorkspaceEdit();
    back.replace(doc.uri, new vscode.Range(doc.positionAt(at), doc.positionAt(at + to.length)), from);
    assert.ok(await vscode.workspace.applyEdit(back), 'edit reverted');
  };
}

/** Resolves when `predicate` holds for the open tabs, re-checking on every tab change. */
export function waitForTab(predicate: (input: unknown) => boolean, what: string, timeoutMs = 15000): Promise<void> {
  const has = () => vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => predicate(t.input)));
  return new Promise((resolve, reject) => {
    if (has()) return resolve();
    const sub = vscode.window.tabGroups.onDidChangeTabs(() => {
      if (!has()) return;
      sub.dispose();
      clearTimeout(timer);
      resolve();
    });
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out waiting for ${what}`));
    }, timeoutMs);
  });
}

/** Sets a serviceLab.* setting for the workspace and returns a function restoring it. */
export async function setSetting(key: string, value: unknown): Promise<() => Promise<void>> {
  const config = vscode.workspace.getConfiguration('serviceLab');
  const before = config.inspect(key)?.workspaceValue;
  await config.update(key, value, vscode.ConfigurationTarget.Workspace);
  return async () => {
    await vscode.workspace.getConfiguration('serviceLab').update(key, before, vscode.ConfigurationTarget.Workspace);
  };
}
