// The import circles of the code: every relative import, type-only ones included, of every
// TypeScript file outside tests and node_modules, as a graph of files; each circle printed as its
// files, one line each. `node scripts/import-circles.mjs` (or `importCircles(root)` from a test).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', 'out', 'build', 'test-results', 'playwright-report', 'coverage']);
const IMPORT = /(?:^|\n)\s*(?:import|export)\b[^'"`;]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|\bimport\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g;

function sourceFiles(dir, root, into = []) {
  for (const name of readdirSync(dir)) {
    if (name.startsWith('.') || SKIPPED_FOLDERS.has(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sourceFiles(path, root, into);
    else if (/\.tsx?$/.test(name) && !/\.(test|spec)\.tsx?$/.test(name) && !name.endsWith('.d.ts')) into.push(relative(root, path));
  }
  return into;
}

function resolveImport(root, from, specifier, known) {
  const base = join(dirname(from), specifier).replace(/\.(m?js)$/, '');
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')]) {
    if (known.has(candidate)) return candidate;
  }
  return null;
}

/** Every circle (strongly connected set of two or more files, or a file importing itself), each sorted. */
export function importCircles(root) {
  const files = sourceFiles(root, root);
  const known = new Set(files);
  const edges = new Map(files.map((file) => [file, new Set()]));
  for (const file of files) {
    const text = readFileSync(join(root, file), 'utf8');
    for (const match of text.matchAll(IMPORT)) {
      const target = resolveImport(root, file, match[1] ?? match[2], known);
      if (target) edges.get(file).add(target);
    }
  }
  // Tarjan's strongly connected components.
  let next = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const circles = [];
  const visit = (file) => {
    index.set(file, next);
    low.set(file, next);
    next += 1;
    stack.push(file);
    onStack.add(file);
    for (const target of edges.get(file)) {
      if (!index.has(target)) {
        visit(target);
        low.set(file, Math.min(low.get(file), low.get(target)));
      } else if (onStack.has(target)) {
        low.set(file, Math.min(low.get(file), index.get(target)));
      }
    }
    if (low.get(file) !== index.get(file)) return;
    const component = [];
    let member;
    do {
      member = stack.pop();
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    if (component.length > 1 || edges.get(file).has(file)) circles.push(component.sort());
  };
  for (const file of files) if (!index.has(file)) visit(file);
  return circles.sort((a, b) => a[0].localeCompare(b[0]));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const circles = importCircles(resolve(dirname(fileURLToPath(import.meta.url)), '..'));
  for (const circle of circles) console.log(circle.join(' ↔ '));
  console.log(`${circles.length} import circle${circles.length === 1 ? '' : 's'}`);
}
