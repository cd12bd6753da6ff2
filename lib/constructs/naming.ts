/**
 * Construct ids derived from names that already exist (handler files, route paths), so ids stay
 * stable PascalCase without a second list to keep in step.
 */

/** `get-survey` -> `GetSurvey`, `/s/{code}` -> `SCode`. */
export function pascalCase(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== '')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}
