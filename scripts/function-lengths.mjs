#!/usr/bin/env node
// Lists every function, arrow function, method and accessor longer than N lines, with file:line.
// Usage: node scripts/function-lengths.mjs [--min N] [folder-or-file ...]   (defaults: 80; src commands digests)
// It parses with the TypeScript compiler (no type check), so it reads exactly what tsc would.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** The repository root: the folder above scripts/. */
export const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** Every .ts file (not .d.ts) below the given folders or files, as root-relative paths, sorted. */
export function tsFiles(paths, root = ROOT) {
  const out = [];
  const walk = (path) => {
    const full = join(root, path);
    if (statSync(full).isDirectory()) {
      for (const entry of readdirSync(full)) if (entry !== 'node_modules') walk(join(path, entry));
    } else if (path.endsWith('.ts') && !path.endsWith('.d.ts')) out.push(path);
  };
  for (const path of paths) walk(path);
  return out.sort();
}

/** The name a reader would look for: the declaration's own, else the variable or property it is assigned to. */
function nameOf(node) {
  if (
    node.name &&
    (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name) || ts.isPrivateIdentifier(node.name))
  )
    return node.name.text;
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  const parent = node.parent;
  if (
    parent &&
    (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent))
  )
    if (ts.isIdentifier(parent.name) || ts.isStringLiteral(parent.name)) return parent.name.text;
  if (parent && ts.isBinaryExpression(parent) && ts.isPropertyAccessExpression(parent.left))
    return parent.left.name.text;
  return '<anonymous>';
}

function isFunctionLike(node) {
  return (
    ts.isFunctionDeclaration(node) ||
    ts.isFunctionExpression(node) ||
    ts.isArrowFunction(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isConstructorDeclaration(node) ||
    ts.isGetAccessorDeclaration(node) ||
    ts.isSetAccessorDeclaration(node)
  );
}

/**
 * Every function-like node of a source text with its line span; a nested function counts both on its
 * own and inside its parent. Lines run from the function's first token to its last, both included.
 */
export function functionsOf(file, text) {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found = [];
  const visit = (node) => {
    if (isFunctionLike(node) && node.body) {
      const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line + 1;
      found.push({ file, name: nameOf(node), line: start, lines: end - start + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The functions longer than `maxLines` in the given folders or files, longest first. */
export function longFunctions(paths, maxLines, root = ROOT) {
  return tsFiles(paths, root)
    .flatMap((file) => functionsOf(file, readFileSync(join(root, file), 'utf8')))
    .filter((fn) => fn.lines > maxLines)
    .sort((a, b) => b.lines - a.lines || a.file.localeCompare(b.file) || a.line - b.line);
}

function main(argv) {
  let min = 80;
  const paths = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--min') {
      min = Number(argv[++i]);
      if (!Number.isInteger(min) || min < 1) {
        console.error('--min wants a whole number of lines, 1 or more');
        process.exit(2);
      }
    } else paths.push(relative(ROOT, resolve(argv[i])));
  }
  const found = longFunctions(paths.length > 0 ? paths : ['src', 'commands', 'digests'], min);
  for (const fn of found) console.log(`${String(fn.lines).padStart(4)}  ${fn.file}:${fn.line}  ${fn.name}`);
  console.log(`${found.length} function(s) over ${min} lines`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  main(process.argv.slice(2));
