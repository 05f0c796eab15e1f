/** Every import circle among the TypeScript files below `root` (tests aside): each a sorted list of files. */
export function importCircles(root: string): string[][];
