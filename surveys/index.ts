/**
 * The shipped catalogue: every definition under `surveys/`, bundled into each Lambda by static
 * import and validated on first use (synth, start-up, a command that reads definitions; a Lambda
 * trusts the validation of the build that bundled it), so a broken definition stops it with its
 * file, path and reason, while importing this module stays free: the command line imports
 * everything statically, and `prepost stats` or `--help` need no definition. `test/surveys/catalog.test.ts` checks that
 * every JSON file in the folders is listed here.
 */
import { loadCatalog, trustedCatalog, type Catalog } from './catalog.ts';
import rosenbergSelfEsteem from './instruments/rosenberg-self-esteem.json' with { type: 'json' };
import generalSelfEfficacy from './instruments/general-self-efficacy.json' with { type: 'json' };
import uclaLoneliness3 from './instruments/ucla-loneliness-3.json' with { type: 'json' };
import mood from './instruments/mood.json' with { type: 'json' };
import personalSafety from './instruments/personal-safety.json' with { type: 'json' };
import communityLeadership from './instruments/community-leadership.json' with { type: 'json' };
import rightsJusticeQuiz from './instruments/rights-justice-quiz.json' with { type: 'json' };
import participationConfidence from './instruments/participation-confidence.json' with { type: 'json' };
import mvhActionPlanningQuiz from './instruments/mvh-action-planning-quiz.json' with { type: 'json' };
import mvhLegalSystemQuiz from './instruments/mvh-legal-system-quiz.json' with { type: 'json' };
import mvhAdvocacyQuiz from './instruments/mvh-advocacy-quiz.json' with { type: 'json' };
import mvhAntiRacismQuiz from './instruments/mvh-anti-racism-quiz.json' with { type: 'json' };
import mvhCommunicationQuiz from './instruments/mvh-communication-quiz.json' with { type: 'json' };
import justrom3 from './programmes/justrom3-mentoring.json' with { type: 'json' };
import migrantVoicesHeard from './programmes/migrant-voices-heard.json' with { type: 'json' };
import donesMentores from './programmes/dones-mentores.json' with { type: 'json' };
import justrom3Seed from './seed/justrom3-mentoring.json' with { type: 'json' };
import migrantVoicesHeardSeed from './seed/migrant-voices-heard.json' with { type: 'json' };
import donesMentoresSeed from './seed/dones-mentores.json' with { type: 'json' };

/** Each definition with the file it came from, for error messages. */
export const instrumentSources = [
  { file: 'surveys/instruments/rosenberg-self-esteem.json', data: rosenbergSelfEsteem },
  { file: 'surveys/instruments/general-self-efficacy.json', data: generalSelfEfficacy },
  { file: 'surveys/instruments/ucla-loneliness-3.json', data: uclaLoneliness3 },
  { file: 'surveys/instruments/mood.json', data: mood },
  { file: 'surveys/instruments/personal-safety.json', data: personalSafety },
  { file: 'surveys/instruments/community-leadership.json', data: communityLeadership },
  { file: 'surveys/instruments/rights-justice-quiz.json', data: rightsJusticeQuiz },
  { file: 'surveys/instruments/participation-confidence.json', data: participationConfidence },
  { file: 'surveys/instruments/mvh-action-planning-quiz.json', data: mvhActionPlanningQuiz },
  { file: 'surveys/instruments/mvh-legal-system-quiz.json', data: mvhLegalSystemQuiz },
  { file: 'surveys/instruments/mvh-advocacy-quiz.json', data: mvhAdvocacyQuiz },
  { file: 'surveys/instruments/mvh-anti-racism-quiz.json', data: mvhAntiRacismQuiz },
  { file: 'surveys/instruments/mvh-communication-quiz.json', data: mvhCommunicationQuiz },
] as const;

export const programmeSources = [
  { file: 'surveys/programmes/justrom3-mentoring.json', data: justrom3 },
  { file: 'surveys/programmes/migrant-voices-heard.json', data: migrantVoicesHeard },
  { file: 'surveys/programmes/dones-mentores.json', data: donesMentores },
] as const;

/** The seed cohorts and funders: data a new deployment starts with, not part of the definitions. */
export const seedSources = [
  { file: 'surveys/seed/justrom3-mentoring.json', data: justrom3Seed },
  { file: 'surveys/seed/migrant-voices-heard.json', data: migrantVoicesHeardSeed },
  { file: 'surveys/seed/dones-mentores.json', data: donesMentoresSeed },
] as const;

/**
 * `true` in the Lambda bundles, where esbuild defines it (`prepostBundling` in
 * lib/constructs/prepost-function.ts): the definitions they embed were validated at build time,
 * by the `cdk synth` that bundled them (bin/app.ts loads the catalogue first) and by `npm test`.
 * Declared only, so everywhere else (tests, the command line, the local stack) it does not exist
 * and the catalogue is validated when first used.
 */
declare const PREPOST_CATALOG_VALIDATED_AT_BUILD: boolean | undefined;

let shipped: Catalog | undefined;

/**
 * The validated catalogue every handler and command uses: validated on the first call (in a
 * Lambda, at build time instead), the same object on every call after.
 * @throws SurveyDefinitionError naming the file, path and reason of a broken definition
 */
export function shippedCatalog(): Catalog {
  shipped ??=
    typeof PREPOST_CATALOG_VALIDATED_AT_BUILD === 'boolean' && PREPOST_CATALOG_VALIDATED_AT_BUILD
      ? trustedCatalog(instrumentSources, programmeSources, seedSources)
      : loadCatalog(instrumentSources, programmeSources, seedSources);
  return shipped;
}
