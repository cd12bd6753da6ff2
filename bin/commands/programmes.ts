/** `prepost programmes`: the programmes of `surveys/programmes/`, with their cohorts and funders as they run. */
import { openLocalStore } from '#local/stack.ts';
import { sessionWaves, waveId } from '#core/waves.ts';
import type { Programme, Session } from '#surveys/schema.ts';
import { loadProgrammes } from '#use-cases/programmes.ts';
import { englishText } from '../cli/cohort-labels.ts';
import type { OptionValues } from '../cli/command.ts';
import { formatColumns, plural } from '../cli/output.ts';

/** Its line in `prepost --help`. */
export const summary = 'the programmes: languages, k, sessions, how many cohorts and funders';

/** `prepost programmes --help`, printed after a usage mistake too. */
export const usage = `Usage: npm run prepost -- programmes [--json]

Each programme defined in surveys/programmes/: its id (what --programme takes), its name,
the organisation running it, its languages (the default first, marked *), k (the fewest
paired participants a funder's cell may show), its cohorts (open and closed, see
\`prepost cohorts list\`), how many funders receive its summaries (\`prepost funders list\`),
and its sessions: each session's id and kind (meeting: one day, asked before and after;
cycle: weeks or months, asked at the start and at the end), and when it is asked again
later, its follow-up ("follow-up after 6 months"). Each session has a pre and a post wave,
SESSION:pre and SESSION:post, and some a follow-up, SESSION:followup: the waves
\`prepost cohorts add --window\` takes.

  --json   the same as one JSON array`;

/** Its options, as node:util `parseArgs` reads them. */
export const options = {
  json: { type: 'boolean' },
} as const;

/** It takes options only. */
export const allowPositionals = false;

/** Reads each programme's cohorts and funders (two Queries a programme) and prints them. */
export async function run(values: OptionValues<typeof options>): Promise<void> {
  const { deps, environment } = await openLocalStore();
  try {
    const programmes = await loadProgrammes(deps);
    if (values.json === true) {
      console.log(JSON.stringify(programmes.map(programmeJson), null, 2));
      return;
    }
    console.log(
      formatColumns(
        ['ID', 'NAME', 'ORGANISATION', 'LANGUAGES', 'K', 'COHORTS', 'FUNDERS', 'SESSIONS'],
        programmes.map((programme) => {
          const { open, closed } = cohortCounts(programme);
          return [
            programme.id,
            englishText(programme.name, programme.id),
            programme.organisation,
            languages(programme),
            String(programme.k),
            `${open} open, ${closed} closed`,
            String(programme.funders.length),
            programme.sessions.map(sessionWords).join(', '),
          ];
        }),
      ),
    );
  } finally {
    await environment.close();
  }
}

/** "mentoring-cycle (cycle, follow-up after 6 months)": the session's id, kind and follow-up. */
function sessionWords(session: Session): string {
  const followup =
    session.followup === undefined ? '' : `, follow-up after ${plural(session.followup.monthsAfter, 'month')}`;
  return `${session.id} (${session.kind}${followup})`;
}

/** "ca*, es, en": the default language first, marked. */
function languages(programme: Programme): string {
  const others = programme.languages.filter((language) => language !== programme.defaultLanguage);
  return [`${programme.defaultLanguage}*`, ...others].join(', ');
}

function cohortCounts(programme: Programme): { readonly open: number; readonly closed: number } {
  const closed = programme.cohorts.filter((cohort) => cohort.status === 'closed').length;
  return { open: programme.cohorts.length - closed, closed };
}

function programmeJson(programme: Programme): unknown {
  return {
    id: programme.id,
    name: englishText(programme.name, programme.id),
    organisation: programme.organisation,
    languages: programme.languages,
    defaultLanguage: programme.defaultLanguage,
    k: programme.k,
    sessions: programme.sessions.map((session) => ({
      id: session.id,
      name: englishText(session.name, session.id),
      kind: session.kind,
      waves: sessionWaves(session).map((wave) => waveId(session.id, wave)),
      followupMonthsAfter: session.followup?.monthsAfter ?? null,
    })),
    cohorts: cohortCounts(programme),
    funders: programme.funders.length,
  };
}
