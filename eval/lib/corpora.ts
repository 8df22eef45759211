import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Where the shared third-party corpora live, beside the project. */
export const CORPORA = fileURLToPath(new URL('../../../shared/corpora/', import.meta.url));

/** The path of a corpus folder, or undefined (with a plain message) when it is not on this machine. */
export function corpus(name: string): string | undefined {
  const path = `${CORPORA}${name}`;
  if (existsSync(path)) return path;
  console.log(`corpus ${name} is not available at ${path}: skipped`);
  return undefined;
}
