// Types of bench/report.mjs, for the benchmarks written in TypeScript.

/** Replaces (or appends) the section `name` of BENCHMARKS.md with `markdown`. */
export function writeSection(name: string, markdown: string): void;

/** The median of the ratios `candidate[i] / baseline[i]` of two series measured in pairs. */
export function pairedRatio(baseline: number[], candidate: number[]): number;

/** Starts measuring CPU steal; the function returned gives its share since the start, in per cent. */
export function stealMeter(): () => number;

/** The CPU time (user + system) that process `pid` has used so far, in microseconds (Linux). */
export function cpuMicros(pid: number): number;
