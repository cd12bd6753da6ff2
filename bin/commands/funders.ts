/** `prepost funders`: who receives a programme's summaries, and in which language. */
import { findProgramme } from '#core/catalog-lookup.ts';
import { openLocalStore } from '#local/stack.ts';
import { shippedCatalog } from '#surveys/index.ts';
import { addFunder, removeFunder } from '#use-cases/manage-cohorts.ts';
import { cliActor } from '../cli/actor.ts';
import { englishText } from '../cli/cohort-labels.ts';
import { chooseAction, required, type OptionValues } from '../cli/command.ts';
import { formatColumns } from '../cli/output.ts';

/** Its line in `prepost --help`. */
export const summary = "list, add and remove a programme's funders (who receive its summaries)";

/** `prepost funders --help`, printed after a usage mistake too. */
export const usage = `Usage: npm run prepost -- funders list --programme P
       npm run prepost -- funders add --programme P --email E [--name N] [--language L]
       npm run prepost -- funders remove --programme P --email E

A programme's funders receive its anonymised summary by email on the programme's schedule
(\`prepost summaries\` does the same by hand), with the language of each kept. They are data kept in
the table, changed here or in the console (/console), with no redeploy. A funder who
should also read the published summaries on the web needs a staff account besides
(\`prepost staff add --role funder\`).

  list     each funder: name, email, the language of their summary
  add      adds a funder, or changes the name or language of the one with that email
  remove   they receive no further summary

  --programme P   programme id (see \`prepost programmes\`)
  --email E       where the summaries go
  --name N        who they are, as the summary greets them (default: the email)
  --language L    the language of their summary email and its attached page, one of the
                  programme's (default: the programme's default language)

A mistake (not an email, a language the programme does not have, an email that is no
funder's) names the option, exits 2 and writes nothing. Every change goes to the audit
log as cli:<your user name>.`;

/** Its options, as node:util `parseArgs` reads them. */
export const options = {
  programme: { type: 'string' },
  email: { type: 'string' },
  name: { type: 'string' },
  language: { type: 'string' },
} as const;

/** It takes the action (list, add, remove). */
export const allowPositionals = true;

const ACTIONS = {
  list: ['programme'],
  add: ['programme', 'email', 'name', 'language'],
  remove: ['programme', 'email'],
} as const;

/** Checks the arguments, then lists, adds or removes. */
export async function run(values: OptionValues<typeof options>, positionals: string[]): Promise<void> {
  const action = chooseAction(positionals, values, ACTIONS);
  const programme = findProgramme(shippedCatalog(), required(values.programme, '--programme'), { listKnown: true });
  const email = action === 'list' ? '' : required(values.email, '--email');
  const programmeName = `${englishText(programme.name, programme.id)} (${programme.id})`;
  const { deps, environment } = await openLocalStore();
  try {
    switch (action) {
      case 'list': {
        const funders = await deps.cohorts.listFunders(programme.id);
        if (funders.length === 0) {
          console.log(
            `${programmeName} has no funders: npm run prepost -- funders add --programme ${programme.id} --email E`,
          );
          return;
        }
        console.log(
          formatColumns(
            ['EMAIL', 'LANGUAGE', 'NAME'],
            funders.map((funder) => [
              funder.email,
              funder.language ?? `${programme.defaultLanguage} (the programme's default)`,
              funder.name,
            ]),
          ),
        );
        return;
      }
      case 'add': {
        const known = new Set((await deps.cohorts.listFunders(programme.id)).map((funder) => funder.email));
        const funder = await addFunder(deps, cliActor(), programme.id, {
          // The address as it is stored, so a name left out reads as the address the list shows.
          name: values.name ?? email.trim().toLowerCase(),
          email,
          language: values.language,
        });
        const who = funder.name === funder.email ? funder.email : `${funder.name} <${funder.email}>`;
        console.log(
          `${known.has(funder.email) ? 'changed' : 'added'} funder ${who} of ${programmeName}: ` +
            `summary language ${funder.language ?? programme.defaultLanguage}`,
        );
        return;
      }
      case 'remove': {
        await removeFunder(deps, cliActor(), programme.id, email);
        console.log(
          `removed funder ${email.trim().toLowerCase()} of ${programmeName}: they receive no further summary`,
        );
        return;
      }
    }
  } finally {
    await environment.close();
  }
}
