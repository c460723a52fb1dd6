// Proves the folder graph of src/ and screens/ has no cycle: reads every import (static and
// dynamic, with TypeScript's own pre-processor), folds files into their folders (src/kube,
// src/steps, screens, ...), and fails listing the folders of any cycle. Run by `npm run lint`;
// alone: `node scripts/folder-cycles.mjs` (add `--edges` to print the graph).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { folderOf, LAYERS } from './layers.mjs';

const root = resolve(import.meta.dirname, '..');

function sources(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** The source file an import specifier names (`./x.js` is `./x.ts` or `./x.tsx`). */
function resolved(from, specifier) {
  const base = resolve(dirname(from), specifier);
  const candidates = [base.replace(/\.js$/, '.ts'), base.replace(/\.js$/, '.tsx'), base];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile());
}

/** Folder -> folders it imports, with one example import per edge. */
export function folderGraph() {
  const edges = new Map();
  const files = ['src', 'screens'].flatMap((d) => sources(join(root, d)));
  for (const file of files) {
    const from = folderOf(relative(root, file));
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    for (const { fileName } of importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const target = resolved(file, fileName);
      const to = target && folderOf(relative(root, target));
      if (!from || !to || from === to) continue;
      if (!edges.has(from)) edges.set(from, new Map());
      if (!edges.get(from).has(to))
        edges.get(from).set(to, `${relative(root, file)} -> ${fileName}`);
    }
  }
  return edges;
}

/** Strongly connected components with more than one folder (Tarjan). */
export function cycles(edges) {
  const nodes = [
    ...new Set([...edges.keys(), ...[...edges.values()].flatMap((m) => [...m.keys()])]),
  ];
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const found = [];
  let counter = 0;
  const visit = (v) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v)?.keys() ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
    }
    if (low.get(v) === index.get(v)) {
      const component = [];
      let w;
      do {
        w = stack.pop();
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const v of nodes) if (!index.has(v)) visit(v);
  return found;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const edges = folderGraph();
  const count = [...edges.values()].reduce((n, m) => n + m.size, 0);
  if (process.argv.includes('--edges')) {
    for (const [from, tos] of [...edges].sort()) {
      for (const [to, example] of [...tos].sort()) console.log(`${from} -> ${to}   (${example})`);
    }
  }
  const found = cycles(edges);
  const outside = [...edges].flatMap(([from, tos]) =>
    [...tos.keys()]
      .filter((to) => LAYERS[from] && !LAYERS[from].includes(to))
      .map((to) => `${from} -> ${to} (${tos.get(to)})`),
  );
  if (found.length > 0 || outside.length > 0) {
    for (const c of found) console.error(`folder cycle: ${c.join(' <-> ')}`);
    for (const e of outside) console.error(`not in scripts/layers.mjs: ${e}`);
    process.exit(1);
  }
  console.log(`folder graph: ${edges.size} folders importing, ${count} edges, no cycle`);
}
