// The Visualize webview's security boundary, kept free of `vscode` so Node tests can check it:
// the HTML with its Content Security Policy, the nonce, the resource root, and the reveal check.
import type { Span } from '../core/model';

/** The only folder (below the extension) the webview may load files from. */
export const WEBVIEW_ROOT = ['dist', 'webview'] as const;

/** A fresh 32-character nonce from the platform's cryptographic random source (Node and browsers). */
export function makeNonce(): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = new Uint8Array(32);
  globalThis.crypto.getRandomValues(bytes);
  let out = '';
  // 256 is not a multiple of 62, so a few characters are slightly likelier; ~190 bits remain, plenty for a nonce.
  for (const b of bytes) out += chars.charAt(b % chars.length);
  return out;
}

/**
 * The webview's Content Security Policy: nothing by default; scripts only by nonce (no
 * 'unsafe-inline', no 'unsafe-eval'); styles, fonts and images only from the webview's own source.
 */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [`default-src 'none'`, `img-src ${cspSource} data:`, `style-src ${cspSource}`, `font-src ${cspSource}`, `script-src 'nonce-${nonce}'`].join('; ');
}

function escAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export interface WebviewHtmlInput {
  /** `webview.cspSource`. */
  readonly cspSource: string;
  /** `webview.asWebviewUri(...)` of the script and the style sheet. */
  readonly scriptUri: string;
  readonly styleUri: string;
  readonly nonce: string;
}

/** The webview HTML: one external script carrying the nonce, one style sheet, no inline code. */
export function webviewHtmlFor(i: WebviewHtmlInput): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escAttr(contentSecurityPolicy(i.cspSource, i.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escAttr(i.styleUri)}">
<title>Service Lab</title>
</head>
<body>
<script nonce="${escAttr(i.nonce)}" src="${escAttr(i.scriptUri)}"></script>
</body>
</html>`;
}

/**
 * Whether a reveal request names a file the host sent, at the version it sent. The webview can ask
 * to reveal only these: a forged or stale path never makes the extension open a file.
 */
export function wasSent(sent: ReadonlyMap<string, number>, path: string, version: number): boolean {
  return typeof path === 'string' && sent.has(path) && sent.get(path) === version;
}

/** Whether a requested range lies inside a document of `length` characters. */
export function rangeWithin(range: Span, length: number): boolean {
  return Number.isSafeInteger(range.start) && Number.isSafeInteger(range.end) && range.start >= 0 && range.start <= range.end && range.end <= length;
}
