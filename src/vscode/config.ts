// Typed reader for the `serviceLab.*` settings, plus a change event filtered to them.
import * as vscode from 'vscode';
import type { Logger, Settings, Severity } from '../core/index';
import { defaultSettings } from '../core/index';

export const SECTION = 'serviceLab';
export const DEFAULT_MAX_FILE_SIZE = 1_000_000;

export type RuleLevel = Severity | 'off';

export interface ExtensionConfig {
  /** Cluster assumptions and rule levels, in core's shape. */
  readonly settings: Settings;
  /** Files larger than this (bytes) are not checked live. */
  readonly maxFileSize: number;
}

const LEVELS = new Set<string>(['off', 'info', 'warning', 'error']);

/** Parses "30000-32767"; undefined when malformed. */
export function parsePortRange(text: string): [number, number] | undefined {
  const m = /^\s*(\d{1,5})\s*-\s*(\d{1,5})\s*$/.exec(text);
  if (!m) return undefined;
  const lo = Number(m[1]);
  const hi = Number(m[2]);
  return lo >= 1 && hi <= 65535 && lo <= hi ? [lo, hi] : undefined;
}

/** Reads the settings that apply to `resource` (rule levels are resource-scoped). Bad values fall back to defaults with a log line. */
export function readConfig(resource: vscode.Uri | undefined, logger: Logger): ExtensionConfig {
  const c = vscode.workspace.getConfiguration(SECTION, resource ?? null);
  const rangeText = c.get<string>('cluster.nodePortRange', '30000-32767');
  let nodePortRange = defaultSettings.nodePortRange;
  const parsed = typeof rangeText === 'string' ? parsePortRange(rangeText) : undefined;
  if (parsed) nodePortRange = parsed;
  else logger.warn(`serviceLab.cluster.nodePortRange ${JSON.stringify(rangeText)} is not "low-high" (e.g. "30000-32767"); using the default`);
  const str = (key: string, def: string) => {
    const v = c.get<string>(key, def);
    return typeof v === 'string' && v.trim() !== '' ? v.trim() : def;
  };
  const rules: Record<string, RuleLevel> = {};
  const raw = c.get<unknown>('rules', {});
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
    for (const [id, level] of Object.entries(raw as Record<string, unknown>)) {
      if (typeof level === 'string' && LEVELS.has(level)) rules[id] = level as RuleLevel;
      else logger.warn(`serviceLab.rules.${id}: ${JSON.stringify(level)} is not one of off, info, warning, error; ignored`);
    }
  }
  const maxRaw = c.get<number>('maxFileSize', DEFAULT_MAX_FILE_SIZE);
  const maxFileSize = typeof maxRaw === 'number' && Number.isFinite(maxRaw) && maxRaw > 0 ? maxRaw : DEFAULT_MAX_FILE_SIZE;
  return {
    settings: {
      nodePortRange,
      serviceCIDR: str('cluster.serviceCIDR', defaultSettings.serviceCIDR),
      clusterDomain: str('cluster.clusterDomain', defaultSettings.clusterDomain),
      rules,
    },
    maxFileSize,
  };
}

/** Fires when any `serviceLab.*` setting changes. */
export function onDidChangeConfig(listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration(SECTION)) listener();
  });
}
