// Public API of the pure core, used by the VS Code adapters, the CLI, the webview and the playground.
export * from './model';
export * from './text';
export * from './parse';
export * from './k8s';
export * from './scope';
export * from './check';
export * from './incremental';
export type { Rule, RuleContext, ReportOptions } from './rules/types';
export { rules } from './rules/index';
export * from './validation';
export * from './net';
export * from './markdown';
export * from './fieldDocs';
export * from './hover';
