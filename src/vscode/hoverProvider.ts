// Learning hovers: core's hoverAt, wrapped in an untrusted MarkdownString.
import * as vscode from 'vscode';
import type { Logger } from '../core/index';
import { hoverAt } from '../core/hover';
import { readConfig } from './config';
import { toOffset, toRange } from './convert';
import type { WorkspaceIndex } from './workspaceIndex';

/** Hover markdown and range for a position, or undefined (shared by the hover and "Explain Field"). */
export function explainAt(index: WorkspaceIndex, logger: Logger, document: vscode.TextDocument, position: vscode.Position): { markdown: string; range: vscode.Range } | undefined {
  const key = document.uri.toString();
  const parsed = index.info(key).parsed;
  if (!parsed || parsed.text !== document.getText()) return undefined;
  try {
    const hit = hoverAt(index.scope(), key, toOffset(parsed.lines, position), readConfig(document.uri, logger).settings);
    return hit ? { markdown: hit.markdown, range: toRange(parsed.lines, hit.range) } : undefined;
  } catch (e) {
    logger.error(`hover failed in ${document.uri.toString(true)}`, e);
    return undefined;
  }
}

/** Markdown from core is shown untrusted: no command links, no HTML. */
export function untrustedMarkdown(text: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(text, false);
  md.isTrusted = false;
  md.supportHtml = false;
  return md;
}

export class HoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly index: WorkspaceIndex,
    private readonly logger: Logger,
  ) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const hit = explainAt(this.index, this.logger, document, position);
    return hit ? new vscode.Hover(untrustedMarkdown(hit.markdown), hit.range) : undefined;
  }
}
