// Types of bench/report.mjs, for the benchmarks written in TypeScript.

/** Replaces (or appends) the section `name` of BENCHMARKS.md with `markdown`. */
export function writeSection(name: string, markdown: string): void;

/** The median of `values` (the mean of the two middle ones when their number is even). */
export function median(values: number[]): number;

/** The median of the ratios `candidate[i] / baseline[i]` of two series measured in pairs. */
export function pairedRatio(baseline: number[], candidate: number[]): number;

/** Starts measuring CPU steal; the function returned gives its share since the start, in per cent. */
export function stealMeter(): () => number;

/** The CPU time (user + system) that process `pid` has used so far, in microseconds (Linux). */
export function cpuMicros(pid: number): number;

/** A Markdown table of columns `head` (separated by ` | `), the first `textColumns` left-aligned, the others right-aligned. */
export function markdownTable(head: string, textColumns: number, rows: (string | number)[][]): string;
