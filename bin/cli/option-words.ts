/**
 * A cohort, batch or funder refused by its use case names each wrong field as the console's form
 * does (`windows.mentoring-cycle:post.closes`, `count`); the command line says it with the option
 * that gave the value (`--window mentoring-cycle:post: closes (...) before it opens (...)`), so
 * the person knows which part of what they typed to change.
 */
import { CohortInputError, type CohortInputProblem } from '#core/errors.ts';

/** The option that gives each field of a cohort, a batch or a funder. */
const OPTIONS: Readonly<Record<string, string>> = {
  cohort: '--cohort',
  name: '--name',
  site: '--site',
  count: '--count',
  language: '--language',
  email: '--email',
  wave: '--wave',
};

/** One problem in the command line's words: the option (and the wave or subgroup it concerns), then what is wrong. */
export function optionProblem(problem: CohortInputProblem): string {
  const window = /^windows\.([^.]+)(?:\.(?:opens|closes))?$/.exec(problem.field);
  if (window !== null) {
    const wave = window[1] ?? '';
    // The rules start their messages with the wave ("mentoring-cycle:post closes ..."), which the option now names.
    const message = problem.message.startsWith(`${wave} `) ? problem.message.slice(wave.length + 1) : problem.message;
    return `--window ${wave}: ${message}`;
  }
  const attribute = /^attributes\.(.+)$/.exec(problem.field);
  if (attribute !== null) return `--attribute ${attribute[1] ?? ''}: ${problem.message}`;
  return `${OPTIONS[problem.field] ?? problem.field}: ${problem.message}`;
}

/** The message a command prints for this error: a field refusal in options, any other error as it is. */
export function messageInOptions(error: Error): string {
  return error instanceof CohortInputError ? error.fieldProblems.map(optionProblem).join('\n') : error.message;
}
