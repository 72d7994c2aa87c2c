// Writes one benchmark's section into BENCHMARKS.md, between its own markers, leaving the
// other sections as they are.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";

const FILE = "BENCHMARKS.md";

/** Replaces (or appends) the section `name` of BENCHMARKS.md with `markdown`. */
export function writeSection(name, markdown) {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const stamp = `_Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0]?.model.trim()}._`;
  const block = `${start}\n${stamp}\n\n${markdown}\n${end}`;
  const text = existsSync(FILE) ? readFileSync(FILE, "utf8") : "# Benchmarks\n";
  const at = text.indexOf(start);
  const next = at === -1 ? `${text.trimEnd()}\n\n${block}\n` : text.slice(0, at) + block + text.slice(text.indexOf(end) + end.length);
  writeFileSync(FILE, next);
}
