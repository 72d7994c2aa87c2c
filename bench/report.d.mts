// Types of bench/report.mjs, for the benchmarks written in TypeScript.

/** Replaces (or appends) the section `name` of BENCHMARKS.md with `markdown`. */
export function writeSection(name: string, markdown: string): void;
