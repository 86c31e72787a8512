/** The benchmark manifest of bench/generate.mjs: `apps` apps as one multi-document YAML text. */
export function generate(apps: number): string;
