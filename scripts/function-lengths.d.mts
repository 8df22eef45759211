/** One function-like node: where it starts and how many lines it spans. */
export interface FunctionLength {
  file: string;
  name: string;
  line: number;
  lines: number;
}
/** The repository root. */
export const ROOT: string;
/** Every .ts file below the given folders or files, root-relative, sorted. */
export function tsFiles(paths: readonly string[], root?: string): string[];
/** Every function-like node of a source text with its line span. */
export function functionsOf(file: string, text: string): FunctionLength[];
/** The functions longer than `maxLines` in the given folders or files, longest first. */
export function longFunctions(paths: readonly string[], maxLines: number, root?: string): FunctionLength[];
