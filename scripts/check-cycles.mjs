// `npm run lint` part: fails when folders of src/ import each other in a cycle (type-only imports
// count too). A unit is a top folder of src/ (api, core, services, ui, app, routes, simulator,
// webviews), except that each feature (features/<name>) and each part of the route library
// (routes/<name>) is a unit of its own, so features cannot lean on each other in a circle either.
// The simulator is one unit: it is a program of its own. Layers: docs/ARCHITECTURE.md.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const SRC = resolve(dirname(new URL(import.meta.url).pathname), '..', 'src');
const SPLIT = new Set(['features', 'routes', 'ui']);
const IMPORT = /(?:\bfrom|\bimport|\brequire\()\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g;

function sources(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

function unitOf(file) {
  const parts = relative(SRC, file).split(sep);
  if (parts.length === 1) return '.';
  const [top, sub] = parts;
  return SPLIT.has(top) && parts.length > 2 ? `${top}/${sub}` : top;
}

function resolveImport(from, spec) {
  const base = resolve(dirname(from), spec);
  return [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((p) => existsSync(p));
}

/** unit → unit → one example import, for the message. */
const graph = new Map();
for (const file of sources(SRC)) {
  for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
    const target = resolveImport(file, match[1]);
    if (!target || !target.startsWith(SRC)) continue;
    const [a, b] = [unitOf(file), unitOf(target)];
    if (a === b) continue;
    if (!graph.has(a)) graph.set(a, new Map());
    if (!graph.get(a).has(b)) graph.get(a).set(b, `${relative(SRC, file)} → ${relative(SRC, target)}`);
  }
}

/** Strongly connected components with more than one unit (Tarjan). */
function cycles() {
  let next = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const found = [];
  const visit = (v) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    for (const w of graph.get(v)?.keys() ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v), index.get(w)));
    }
    if (low.get(v) !== index.get(v)) return;
    const component = [];
    let w;
    do {
      w = stack.pop();
      component.push(w);
    } while (w !== v);
    if (component.length > 1) found.push(component);
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

const found = cycles();
for (const component of found) {
  console.error(`import cycle between folders of src/: ${component.join(', ')}`);
  for (const a of component)
    for (const [b, example] of graph.get(a) ?? [])
      if (component.includes(b)) console.error(`  ${a} → ${b} (e.g. ${example})`);
}
if (found.length) process.exit(1);
console.log(`no import cycle between the ${new Set([...graph.keys()]).size} folders of src/`);
