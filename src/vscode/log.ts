// The one "Service Lab" log channel, handed to core as its small Logger interface.
import * as vscode from 'vscode';
import type { Logger } from '../core/index';

export interface ExtensionLog {
  readonly channel: vscode.LogOutputChannel;
  readonly logger: Logger;
}

function describe(e: unknown): string {
  if (e instanceof Error) return e.stack ?? e.message;
  return typeof e === 'string' ? e : JSON.stringify(e);
}

/** Creates the channel; `logger` prefixes nothing (the channel timestamps and tags levels itself). */
export function createLog(): ExtensionLog {
  const channel = vscode.window.createOutputChannel('Service Lab', { log: true });
  const fmt = (message: string, args: unknown[]) => (args.length ? `${message} ${args.map(describe).join(' ')}` : message);
  const logger: Logger = {
    error: (message, ...args) => channel.error(fmt(message, args)),
    warn: (message, ...args) => channel.warn(fmt(message, args)),
    info: (message, ...args) => channel.info(fmt(message, args)),
  };
  return { channel, logger };
}

/** Runs a promise deliberately without awaiting it; a rejection is logged, never unhandled. */
export function fireAndLog(logger: Logger, what: string, p: Thenable<unknown>): void {
  void Promise.resolve(p).catch((e: unknown) => logger.error(`${what} failed`, e));
}

/**
 * Registers a command the user invokes: a failure is logged with its stack and shown once as an
 * error toast, and the command resolves to undefined instead of rejecting.
 */
export function registerFailableCommand<A extends unknown[], T>(logger: Logger, id: string, title: string, run: (...args: A) => T | Thenable<T>): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: A): Promise<T | undefined> => {
    try {
      return await run(...args);
    } catch (e) {
      logger.error(`command ${id} failed`, e);
      void vscode.window.showErrorMessage(`Service Lab: ${title} failed (${e instanceof Error ? e.message : String(e)}). See the "Service Lab" output for details.`);
      return undefined;
    }
  });
}
