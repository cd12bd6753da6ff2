/**
 * Environment read once, failing fast with the variable's name when a required one is missing,
 * so a misconfigured function fails at cold start instead of on a participant's submit.
 */

/** A required environment variable. */
export function requireEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`environment variable ${name} is required`);
  return value;
}

/** An optional environment variable, undefined when empty. */
export function optionalEnv(name: string): string | undefined {
  const value = process.env[name];
  return value === undefined || value === '' ? undefined : value;
}
