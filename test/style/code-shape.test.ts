/**
 * What Biome does not hold: lines at most 120 characters, strings and comments included (its
 * formatter leaves long literals and comments as they are), so that every file reads on a
 * laptop screen and in a side-by-side diff. Biome itself (format and lint) and
 * dependency-cruiser (the layers) run before the tests in `npm test`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../..', import.meta.url).pathname;
const FOLDERS = ['bin', 'bench', 'functions', 'lib', 'local', 'surveys', 'test'];
const MAX = 120;

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('the code', () => {
  it(`has no line over ${MAX} characters`, () => {
    const long = FOLDERS.flatMap((folder) => sourceFiles(join(ROOT, folder))).flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        // Characters, not bytes or UTF-16 units: a Catalan or Romanian sentence counts as it reads.
        .map((line, index) => ({ at: `${relative(ROOT, file)}:${index + 1}`, length: [...line].length }))
        .filter((line) => line.length > MAX),
    );
    expect(long.map((line) => `${line.at} (${line.length})`)).toEqual([]);
  });
});
