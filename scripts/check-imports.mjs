// Fails (exit 1) when src/ breaks its layering: an import cycle between
// files, a folder importing a folder DESIGN.md's table does not allow, or
// the API reaching into the runtime anywhere but its door. Run by
// `npm run lint`. Reads imports with TypeScript's own pre-processor, so
// type-only imports count too (a type cycle is still a cycle of meaning).

import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

const SRC = path.resolve(import.meta.dirname, "../src");

/** What each folder may import besides itself (DESIGN.md "Layout"; README "Design"). Root files compose everything. */
const ALLOWED = {
  base: [],
  examples: [],
  sync: ["base"],
  trace: ["base"],
  compile: ["base"],
  runtime: ["base", "sync", "trace", "compile"],
  api: ["base", "sync", "trace", "runtime/door"],
  session: ["base", "trace", "compile", "runtime", "(root)"],
  timeline: ["base", "trace"],
  ui: ["base", "trace", "compile", "runtime", "session", "timeline", "examples", "api"],
};

function sourceFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [full] : [];
  });
}

function resolve(from, specifier) {
  const base = path.resolve(path.dirname(from), specifier.replace(/\?.*$/, ""));
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** "api", "runtime/door" (the door's own files), or "(root)" for files directly in src/. */
function placeOf(file) {
  const parts = path.relative(SRC, file).split(path.sep);
  if (parts.length === 1) return "(root)";
  if (parts[0] === "runtime" && parts[1] === "door") return "runtime/door";
  return parts[0];
}

const folderOf = (place) => place.split("/")[0];

const files = sourceFiles(SRC);
const graph = new Map();
const problems = [];
for (const file of files) {
  const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, "utf8"), true, true);
  const deps = [];
  for (const { fileName } of importedFiles) {
    if (!fileName.startsWith(".")) continue;
    const target = resolve(file, fileName);
    if (!target) continue;
    deps.push(target);
    const from = placeOf(file);
    const to = placeOf(target);
    if (from === "(root)" || folderOf(from) === folderOf(to) || /\.test\.tsx?$/.test(file)) continue;
    const allowed = ALLOWED[folderOf(from)] ?? [];
    if (!allowed.includes(to) && !allowed.includes(folderOf(to))) {
      problems.push(`${path.relative(SRC, file)} imports ${fileName}: ${folderOf(from)}/ may import only ${allowed.join(", ") || "nothing"}`);
    }
  }
  graph.set(file, deps);
}

// Tarjan's strongly connected components: any component of two or more files is a cycle.
let counter = 0;
const index = new Map();
const low = new Map();
const stack = [];
const onStack = new Set();
function visit(v) {
  index.set(v, counter);
  low.set(v, counter++);
  stack.push(v);
  onStack.add(v);
  for (const w of graph.get(v) ?? []) {
    if (!index.has(w)) {
      visit(w);
      low.set(v, Math.min(low.get(v), low.get(w)));
    } else if (onStack.has(w)) {
      low.set(v, Math.min(low.get(v), index.get(w)));
    }
  }
  if (low.get(v) !== index.get(v)) return;
  const component = [];
  let w;
  do {
    w = stack.pop();
    onStack.delete(w);
    component.push(path.relative(SRC, w));
  } while (w !== v);
  if (component.length > 1) problems.push(`import cycle: ${component.join(" → ")}`);
}
for (const file of files) if (!index.has(file)) visit(file);

if (problems.length > 0) {
  console.error(`check-imports: ${problems.length} problem(s)\n  ${problems.join("\n  ")}`);
  process.exit(1);
}
console.log(`check-imports: ${files.length} files, no cycles, every import allowed`);
