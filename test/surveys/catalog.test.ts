/**
 * The shipped catalogue and the checks that stop a broken definition or seed file at load time.
 * Broken files are deep-cloned mutations of the shipped ones, so each test changes exactly one
 * thing and names the file, path and reason it expects. The rules a cohort obeys wherever it is
 * made are tested in cohort-rules.test.ts; here, that the seed files are held to them.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { shippedCatalog, instrumentSources, programmeSources, seedSources } from '#surveys/index.ts';
import {
  loadCatalog,
  optionsOf,
  SurveyDefinitionError,
  trustedCatalog,
  type DefinitionSource,
} from '#surveys/catalog.ts';
import { WaveId, type Instrument, type ProgrammeDefinition } from '#surveys/schema.ts';

const catalog = shippedCatalog();

const surveysDir = fileURLToPath(new URL('../../surveys/', import.meta.url));
const jsonFiles = (folder: string): string[] =>
  readdirSync(`${surveysDir}${folder}`)
    .filter((name) => name.endsWith('.json'))
    .map((name) => `surveys/${folder}/${name}`)
    .sort();

function instrument(id: string): Instrument {
  const found = catalog.instruments.get(id);
  if (found === undefined) throw new Error(`no instrument ${id} in the catalogue`);
  return found;
}

function programme(id: string): ProgrammeDefinition {
  const found = catalog.programmes.get(id);
  if (found === undefined) throw new Error(`no programme ${id} in the catalogue`);
  return found;
}

const instrumentsOf = (p: ProgrammeDefinition): string[] => [
  ...new Set(p.sessions.flatMap((session) => [...session.pre.instruments, ...session.post.instruments])),
];

// --- mutation helpers -------------------------------------------------------------------------

type PathPart = string | number;
const DELETE = Symbol('delete');

/** Deep-clones the sources and sets (or deletes) one value inside the named file's data. */
function mutated(
  sources: readonly DefinitionSource[],
  file: string,
  path: readonly PathPart[],
  value: unknown,
): DefinitionSource[] {
  let found = false;
  const copy = sources.map((source) => {
    if (source.file !== file) return { file: source.file, data: structuredClone(source.data) };
    found = true;
    const data: unknown = structuredClone(source.data);
    setAt(data, path, value);
    return { file: source.file, data };
  });
  if (!found) throw new Error(`no source ${file}`);
  return copy;
}

function setAt(root: unknown, path: readonly PathPart[], value: unknown): void {
  let node = root as Record<PathPart, unknown>;
  for (const part of path.slice(0, -1)) {
    const next = node[part];
    if (next === null || typeof next !== 'object') throw new Error(`no object at ${String(part)}`);
    node = next as Record<PathPart, unknown>;
  }
  const last = path[path.length - 1];
  if (last === undefined) throw new Error('empty path');
  if (value === DELETE) {
    if (!(last in node)) throw new Error(`nothing to delete at ${String(last)}`);
    delete node[last];
  } else node[last] = value;
}

function getAt(root: unknown, path: readonly PathPart[]): unknown {
  let node = root;
  for (const part of path) node = (node as Record<PathPart, unknown>)[part];
  return node;
}

/** Runs loadCatalog and returns the SurveyDefinitionError it throws (fails if it does not). */
function loadError(
  instruments: readonly DefinitionSource[],
  programmes: readonly DefinitionSource[],
  seeds: readonly DefinitionSource[] = seedSources,
): SurveyDefinitionError {
  try {
    loadCatalog(instruments, programmes, seeds);
  } catch (error) {
    expect(error).toBeInstanceOf(SurveyDefinitionError);
    const definitionError = error as SurveyDefinitionError;
    expect(definitionError.message).toContain(definitionError.file);
    expect(definitionError.message).toContain(definitionError.path);
    expect(definitionError.message).toContain(definitionError.reason);
    return definitionError;
  }
  throw new Error('loadCatalog accepted a broken definition');
}

const ROSENBERG = 'surveys/instruments/rosenberg-self-esteem.json';
const ADVOCACY_QUIZ = 'surveys/instruments/mvh-advocacy-quiz.json';
const JUSTROM3 = 'surveys/programmes/justrom3-mentoring.json';
const DONES = 'surveys/programmes/dones-mentores.json';
const JUSTROM3_SEED = 'surveys/seed/justrom3-mentoring.json';
const DONES_SEED = 'surveys/seed/dones-mentores.json';

// --- the shipped catalogue -----------------------------------------------------------------------

describe('the shipped catalogue', () => {
  it('loads the three seed programmes', () => {
    expect([...catalog.programmes.keys()].sort()).toEqual([
      'dones-mentores',
      'justrom3-mentoring',
      'migrant-voices-heard',
    ]);
  });

  it('is validated once: every call gives the same catalogue', () => {
    expect(shippedCatalog()).toBe(catalog);
  });

  it('reads the same without its checks, as the Lambdas (validated at build) read it', () => {
    // Defaults filled in and only declared fields kept, exactly as the schema's parse does.
    expect(trustedCatalog(instrumentSources, programmeSources, seedSources)).toStrictEqual(catalog);
  });

  it('holds every instrument the programmes ask for, and the ones the brief names', () => {
    for (const p of catalog.programmes.values()) {
      for (const id of instrumentsOf(p)) expect(catalog.instruments.has(id), `${p.id} uses ${id}`).toBe(true);
    }
    const dones = instrumentsOf(programme('dones-mentores'));
    for (const id of ['rosenberg-self-esteem', 'ucla-loneliness-3', 'general-self-efficacy', 'personal-safety', 'mood'])
      expect(dones).toContain(id);
    expect(instrumentsOf(programme('justrom3-mentoring'))).toContain('rosenberg-self-esteem');
    // MigrantVoicesHeard: one quiz per topic (five topics) plus participation confidence.
    const mvh = programme('migrant-voices-heard');
    expect(mvh.sessions).toHaveLength(5);
    const quizzes = instrumentsOf(mvh).filter((id) => instrument(id).kind === 'quiz');
    expect(quizzes).toHaveLength(5);
  });

  it('lists every instrument JSON file in instrumentSources, and nothing else', () => {
    const listed = instrumentSources.map((source) => source.file).sort();
    expect(listed).toEqual(jsonFiles('instruments'));
    expect(new Set(listed).size).toBe(listed.length);
  });

  it('lists every programme JSON file in programmeSources, and nothing else', () => {
    const listed = programmeSources.map((source) => source.file).sort();
    expect(listed).toEqual(jsonFiles('programmes'));
  });

  it('lists every seed JSON file in seedSources, and nothing else', () => {
    const listed = seedSources.map((source) => source.file).sort();
    expect(listed).toEqual(jsonFiles('seed'));
  });

  it('seeds each programme once, from a file named after it', () => {
    for (const source of seedSources) {
      const id = (source.data as { programme: string }).programme;
      expect(source.file).toBe(`surveys/seed/${id}.json`);
    }
    expect([...catalog.seeds.keys()].sort()).toEqual([...catalog.programmes.keys()].sort());
  });

  it('seeds the cohorts and funders the programme files held, each funder in a language of its programme', () => {
    const cohorts = (id: string): string[] => catalog.seeds.get(id)?.cohorts.map((cohort) => cohort.id) ?? [];
    expect(cohorts('justrom3-mentoring')).toEqual(['iasi-2020', 'bucharest-2020']);
    expect(cohorts('dones-mentores')).toEqual(['barcelona-2026', 'girona-2026']);
    expect(cohorts('migrant-voices-heard')).toEqual(['cluj-2021']);
    expect(catalog.seeds.get('justrom3-mentoring')?.cohorts.map((cohort) => cohort.attributes)).toEqual([
      { site: 'iasi' },
      { site: 'bucharest' },
    ]);
    for (const seed of catalog.seeds.values()) {
      expect(seed.funders.length, seed.programme).toBeGreaterThan(0);
      for (const funder of seed.funders)
        if (funder.language !== undefined) expect(programme(seed.programme).languages).toContain(funder.language);
    }
  });

  it('names each instrument and programme file after its id', () => {
    for (const source of instrumentSources) {
      const id = (source.data as { id: string }).id;
      expect(source.file).toBe(`surveys/instruments/${id}.json`);
      expect(catalog.instruments.has(id)).toBe(true);
    }
    for (const source of programmeSources) {
      const id = (source.data as { id: string }).id;
      expect(source.file).toBe(`surveys/programmes/${id}.json`);
    }
    expect(catalog.instruments.size).toBe(instrumentSources.length);
  });

  it('ships no SWEMWBS / Warwick-Edinburgh instrument (licensed, may not be published)', () => {
    for (const source of instrumentSources) {
      const text = JSON.stringify(source.data);
      expect(text, source.file).not.toMatch(/swemwbs|warwick|edinburgh/i);
    }
    expect(jsonFiles('instruments').join(' ')).not.toMatch(/swemwbs|warwick/i);
  });

  it('defines Rosenberg as 10 items, 0-3 each, items 2, 5, 6, 8, 9 reversed, total 0-30', () => {
    const rses = instrument('rosenberg-self-esteem');
    expect(rses.items).toHaveLength(10);
    const reversed = rses.items.flatMap((item, index) => (item.reverse ? [index + 1] : []));
    expect(reversed).toEqual([2, 5, 6, 8, 9]);
    const scores = (rses.options ?? []).map((option) => option.score).sort();
    expect(scores).toEqual([0, 1, 2, 3]);
    expect(rses.scoring.rule).toBe('sum');
    expect(rses.range).toEqual({ min: 0, max: 30 });
    expect(rses.direction).toBe('higher-better');
  });

  it('defines UCLA-3 as 3 items, 1-3 each, 3-9, lower is better', () => {
    const ucla = instrument('ucla-loneliness-3');
    expect(ucla.items).toHaveLength(3);
    expect((ucla.options ?? []).map((option) => option.score).sort()).toEqual([1, 2, 3]);
    expect(ucla.range).toEqual({ min: 3, max: 9 });
    expect(ucla.direction).toBe('lower-better');
  });

  it('gives each programme its name, consent and support texts in all of its languages', () => {
    for (const p of catalog.programmes.values()) {
      expect(p.languages).toContain(p.defaultLanguage);
      for (const language of p.languages) {
        expect(p.name[language], `${p.id} name.${language}`).toBeTruthy();
        expect(p.consent.text[language], `${p.id} consent.text.${language}`).toBeTruthy();
        if (p.supportLine !== undefined)
          expect(p.supportLine[language], `${p.id} supportLine.${language}`).toBeTruthy();
      }
    }
  });

  it('gives every item and option of the instruments a programme uses a text in each of its languages', () => {
    for (const p of catalog.programmes.values()) {
      for (const id of instrumentsOf(p)) {
        const ins = instrument(id);
        for (const language of p.languages) {
          expect(ins.name[language], `${id} name.${language}`).toBeTruthy();
          expect(ins.title[language], `${id} title.${language}`).toBeTruthy();
          ins.items.forEach((item, index) => {
            expect(item.text[language], `${id} items[${index}].text.${language} (${p.id})`).toBeTruthy();
            for (const option of item.options ?? ins.options ?? [])
              expect(option.label[language], `${id} ${item.id} ${option.value} ${language}`).toBeTruthy();
          });
        }
      }
    }
  });

  it('gives every instrument a participant title in all four languages, with no scale name in it', () => {
    for (const ins of catalog.instruments.values()) {
      for (const language of ['en', 'ro', 'es', 'ca'] as const) {
        const title = ins.title[language];
        expect(title, `${ins.id} title.${language}`).toBeTruthy();
        expect(title, `${ins.id} title.${language}`).not.toBe(ins.name[language]);
        expect(title, `${ins.id} title.${language}`).not.toMatch(
          /rosenberg|ucla|scale|escala|scala|quiz|chestionar|self-efficacy|autoefic/i,
        );
      }
    }
  });

  it('orders the options of every scale in a wave one way: least agreement, frequency or degree first', () => {
    // An option's score is how much the label agrees (or how often, how true, how good): reverse
    // keying is the item's `reverse`, applied when scoring. So scores rising along the array are
    // the order the form shows, low end first. The first label is checked in words too, so a
    // scale written high-first with scores falling cannot pass by its scores alone.
    const LOW_END = /^(strongly disagree|not at all|hardly|never|very bad)\b/i;
    for (const p of catalog.programmes.values()) {
      for (const session of p.sessions) {
        for (const wave of ['pre', 'post'] as const) {
          for (const id of session[wave].instruments) {
            const ins = instrument(id);
            // A quiz's options are answers to choose from, not points on a scale.
            if (ins.kind === 'quiz') continue;
            ins.items.forEach((item, index) => {
              const where = `${p.id} ${session.id}:${wave} ${id} ${item.id}`;
              const options = optionsOf(ins, index);
              const scores = options.map((option) => option.score);
              expect(scores, where).toEqual([...new Set(scores)].sort((a, b) => a - b));
              expect(options[0]?.label.en, where).toMatch(LOW_END);
            });
          }
        }
      }
    }
  });

  it('marks every translation a programme uses: English originals, the others validated or unvalidated', () => {
    for (const p of catalog.programmes.values()) {
      for (const id of instrumentsOf(p)) {
        const translations = instrument(id).translations;
        for (const language of p.languages) {
          const status = translations[language]?.status;
          expect(status, `${id} translations.${language} (${p.id})`).toBeDefined();
          // The shipped instruments were written in English; any other language is a translation.
          if (language === 'en') expect(['original', 'validated', 'unvalidated']).toContain(status);
          else expect(['validated', 'unvalidated'], `${id} translations.${language}`).toContain(status);
        }
      }
    }
  });

  it('uses k = 10 for Dones Mentores and 5 for the others', () => {
    expect(programme('dones-mentores').k).toBe(10);
    expect(programme('justrom3-mentoring').k).toBe(5);
    expect(programme('migrant-voices-heard').k).toBe(5);
  });
});

// --- broken definitions ------------------------------------------------------------------------

describe('loadCatalog on broken definitions', () => {
  it('accepts the unmodified sources (so each failure below comes from its one mutation)', () => {
    const loaded = loadCatalog(
      instrumentSources.map((source) => ({ file: source.file, data: structuredClone(source.data) })),
      programmeSources.map((source) => ({ file: source.file, data: structuredClone(source.data) })),
      seedSources.map((source) => ({ file: source.file, data: structuredClone(source.data) })),
    );
    expect(loaded.programmes.size).toBe(3);
    expect(loaded.seeds.size).toBe(3);
    expect(loaded.instruments.size).toBe(instrumentSources.length);
  });

  it('names a missing required field', () => {
    const error = loadError(mutated(instrumentSources, ROSENBERG, ['direction'], DELETE), programmeSources);
    expect(error.file).toBe(ROSENBERG);
    expect(error.path).toBe('direction');
    // A missing enum is reported by the values it may take, which tells the author what to write.
    expect(error.reason).toContain('higher-better');
    expect(error.reason).toContain('lower-better');
  });

  it('says "required" for a missing required string', () => {
    const error = loadError(mutated(instrumentSources, ROSENBERG, ['citation'], DELETE), programmeSources);
    expect(error.file).toBe(ROSENBERG);
    expect(error.path).toBe('citation');
    expect(error.reason).toMatch(/required/);
  });

  it('names a field of the wrong type', () => {
    const error = loadError(instrumentSources, mutated(programmeSources, DONES, ['retentionDays'], '365'));
    expect(error.file).toBe(DONES);
    expect(error.path).toBe('retentionDays');
    expect(error.reason).toMatch(/number/);
  });

  it('names a wrongly typed field deep inside an array', () => {
    const error = loadError(mutated(instrumentSources, ROSENBERG, ['options', 1, 'score'], 'two'), programmeSources);
    expect(error.file).toBe(ROSENBERG);
    expect(error.path).toBe('options[1].score');
  });

  it('names an unknown instrument referenced by a programme session', () => {
    const error = loadError(
      instrumentSources,
      mutated(programmeSources, JUSTROM3, ['sessions', 1, 'pre', 'instruments', 0], 'swemwbs'),
    );
    expect(error.file).toBe(JUSTROM3);
    expect(error.path).toBe('sessions[1].pre.instruments[0]');
    expect(error.reason).toContain('swemwbs');
  });

  it('names the instrument file and item when an item lacks a language a programme uses', () => {
    const rosenberg = instrumentSources.find((source) => source.file === ROSENBERG);
    expect(getAt(rosenberg?.data, ['items', 0, 'text', 'ro'])).toBeTypeOf('string');
    const error = loadError(
      mutated(instrumentSources, ROSENBERG, ['items', 0, 'text', 'ro'], DELETE),
      programmeSources,
    );
    expect(error.file).toBe(ROSENBERG);
    expect(error.path).toBe('items[0].text');
    expect(error.reason).toMatch(/\bro\b/);
    expect(error.reason).toContain('justrom3-mentoring');
  });

  it('names the instrument file when its participant title lacks a language a programme uses', () => {
    const ucla = 'surveys/instruments/ucla-loneliness-3.json';
    expect(getAt(instrumentSources.find((source) => source.file === ucla)?.data, ['title', 'ca'])).toBeTypeOf('string');
    const error = loadError(mutated(instrumentSources, ucla, ['title', 'ca'], DELETE), programmeSources);
    expect(error.file).toBe(ucla);
    expect(error.path).toBe('title');
    expect(error.reason).toMatch(/\bca\b/);
    expect(error.reason).toContain('dones-mentores');
  });

  it('names a missing participant title', () => {
    const error = loadError(mutated(instrumentSources, ROSENBERG, ['title'], DELETE), programmeSources);
    expect(error.file).toBe(ROSENBERG);
    expect(error.path).toBe('title');
    expect(error.reason).toMatch(/required/);
  });

  it('names a missing translation status for a language a programme uses', () => {
    const error = loadError(mutated(instrumentSources, ROSENBERG, ['translations', 'ca'], DELETE), programmeSources);
    expect(error.file).toBe(ROSENBERG);
    expect(error.path).toBe('translations');
    expect(error.reason).toMatch(/\bca\b/);
  });

  it('names a declared range that the items do not give', () => {
    const error = loadError(mutated(instrumentSources, ROSENBERG, ['range', 'max'], 40), programmeSources);
    expect(error.file).toBe(ROSENBERG);
    expect(error.path).toBe('range');
    expect(error.reason).toContain('30');
  });

  it('names a quiz item with two correct options', () => {
    // mvh-advocacy-quiz item 0: option a is correct; make b correct too.
    const error = loadError(
      mutated(instrumentSources, ADVOCACY_QUIZ, ['items', 0, 'options', 1, 'correct'], true),
      programmeSources,
    );
    expect(error.file).toBe(ADVOCACY_QUIZ);
    expect(error.path).toBe('items[0].options');
    expect(error.reason).toMatch(/exactly one correct/);
  });

  it('names a duplicate item id', () => {
    const error = loadError(mutated(instrumentSources, ROSENBERG, ['items', 3, 'id'], 'rses-1'), programmeSources);
    expect(error.file).toBe(ROSENBERG);
    expect(error.path).toBe('items[3].id');
    expect(error.reason).toContain('rses-1');
  });

  it('names a duplicate instrument id', () => {
    const first = instrumentSources[0];
    if (first === undefined) throw new Error('no instruments');
    const copy = { file: 'surveys/instruments/copy.json', data: structuredClone(first.data) };
    const error = loadError([...instrumentSources, copy], programmeSources);
    expect(error.file).toBe('surveys/instruments/copy.json');
    expect(error.path).toBe('id');
  });

  it('names a duplicate programme id', () => {
    const copy = { file: 'surveys/programmes/copy.json', data: structuredClone(programmeSources[0].data) };
    const error = loadError(instrumentSources, [...programmeSources, copy]);
    expect(error.file).toBe('surveys/programmes/copy.json');
    expect(error.path).toBe('id');
  });

  it('names cohorts or funders left in a programme file, now run-time data', () => {
    for (const moved of ['cohorts', 'funders']) {
      const error = loadError(instrumentSources, mutated(programmeSources, JUSTROM3, [moved], []));
      expect(error.file).toBe(JUSTROM3);
      expect(error.path).toBe(moved);
      expect(error.reason).toContain(`prepost ${moved}`);
      expect(error.reason).toContain('surveys/seed/');
    }
  });

  it('names a default language the programme does not offer', () => {
    const error = loadError(instrumentSources, mutated(programmeSources, JUSTROM3, ['defaultLanguage'], 'ca'));
    expect(error.file).toBe(JUSTROM3);
    expect(error.path).toBe('defaultLanguage');
    expect(error.reason).toContain('ca');
  });
});

describe('loadCatalog on broken seed files', () => {
  it('names a seed for a programme that does not exist', () => {
    const error = loadError(
      instrumentSources,
      programmeSources,
      mutated(seedSources, DONES_SEED, ['programme'], 'no-such-programme'),
    );
    expect(error.file).toBe(DONES_SEED);
    expect(error.path).toBe('programme');
    expect(error.reason).toContain('no-such-programme');
  });

  it('names a programme seeded by two files', () => {
    const copy = { file: 'surveys/seed/copy.json', data: structuredClone(seedSources[2].data) };
    const error = loadError(instrumentSources, programmeSources, [...seedSources, copy]);
    expect(error.file).toBe('surveys/seed/copy.json');
    expect(error.path).toBe('programme');
    expect(error.reason).toContain('dones-mentores');
  });

  it('names a duplicate cohort id', () => {
    const error = loadError(
      instrumentSources,
      programmeSources,
      mutated(seedSources, JUSTROM3_SEED, ['cohorts', 1, 'id'], 'iasi-2020'),
    );
    expect(error.file).toBe(JUSTROM3_SEED);
    expect(error.path).toBe('cohorts[1].id');
    expect(error.reason).toContain('iasi-2020');
  });

  it('names a cohort id that is not kebab-case, by the schema', () => {
    const error = loadError(
      instrumentSources,
      programmeSources,
      mutated(seedSources, DONES_SEED, ['cohorts', 0, 'id'], 'Barcelona 2026'),
    );
    expect(error.file).toBe(DONES_SEED);
    expect(error.path).toBe('cohorts[0].id');
    expect(error.reason).toMatch(/kebab-case/);
  });

  it('names a cohort attribute value that is not an option of its subgroup', () => {
    const error = loadError(
      instrumentSources,
      programmeSources,
      mutated(seedSources, JUSTROM3_SEED, ['cohorts', 1, 'attributes', 'site'], 'cluj'),
    );
    expect(error.file).toBe(JUSTROM3_SEED);
    expect(error.path).toBe('cohorts[1].attributes.site');
    expect(error.reason).toContain('cluj');
  });

  it('names a cohort attribute that is a question, not a cohort subgroup', () => {
    const error = loadError(
      instrumentSources,
      programmeSources,
      mutated(seedSources, DONES_SEED, ['cohorts', 0, 'attributes'], { role: 'mentor' }),
    );
    expect(error.file).toBe(DONES_SEED);
    expect(error.path).toBe('cohorts[0].attributes.role');
    expect(error.reason).toContain('role');
  });

  it("names a funder's language the programme does not run in", () => {
    const error = loadError(
      instrumentSources,
      programmeSources,
      mutated(seedSources, JUSTROM3_SEED, ['funders', 0, 'language'], 'ca'),
    );
    expect(error.file).toBe(JUSTROM3_SEED);
    expect(error.path).toBe('funders[0].language');
    expect(error.reason).toContain('ca');
    expect(error.reason).toContain('ro, en');
  });

  it("names a funder's address that is not an email address", () => {
    const error = loadError(
      instrumentSources,
      programmeSources,
      mutated(seedSources, DONES_SEED, ['funders', 0, 'email'], 'funder at example.org'),
    );
    expect(error.file).toBe(DONES_SEED);
    expect(error.path).toBe('funders[0].email');
    expect(error.reason).toMatch(/email/);
  });
});

describe('follow-up waves', () => {
  const FOLLOWUP = ['sessions', 0, 'followup'] as const;

  it('gives Dones Mentores a follow-up six months after the cycle, asking the mentee instruments again', () => {
    const session = shippedCatalog().programmes.get('dones-mentores')?.sessions[0];
    expect(session?.followup?.monthsAfter).toBe(6);
    expect(session?.followup?.instruments).toEqual([
      'rosenberg-self-esteem',
      'mood',
      'personal-safety',
      'general-self-efficacy',
      'ucla-loneliness-3',
    ]);
    expect(session?.followup?.subgroups).toEqual([]);
    // The others have none: a follow-up is a choice of the programme, not a default.
    for (const id of ['justrom3-mentoring', 'migrant-voices-heard'])
      expect(
        shippedCatalog()
          .programmes.get(id)
          ?.sessions.every((entry) => entry.followup === undefined),
      ).toBe(true);
  });

  it('takes monthsAfter as a whole number of months from 1 to 24', () => {
    for (const months of [0, 25, 1.5, '6']) {
      const error = loadError(
        instrumentSources,
        mutated(programmeSources, DONES, [...FOLLOWUP, 'monthsAfter'], months),
      );
      expect(error.path, String(months)).toBe('sessions[0].followup.monthsAfter');
    }
    for (const months of [1, 12, 24]) {
      const sources = mutated(programmeSources, DONES, [...FOLLOWUP, 'monthsAfter'], months);
      const longer = mutated(sources, DONES, ['retentionDays'], 800);
      expect(() => loadCatalog(instrumentSources, longer, seedSources), String(months)).not.toThrow();
    }
  });

  it('names a follow-up without its months, or asking an instrument not asked before', () => {
    const missing = loadError(
      instrumentSources,
      mutated(programmeSources, DONES, [...FOLLOWUP, 'monthsAfter'], DELETE),
    );
    expect(missing.path).toBe('sessions[0].followup.monthsAfter');
    // Loneliness asked at the follow-up only: no baseline to measure it against.
    const four = ['rosenberg-self-esteem', 'mood', 'personal-safety', 'general-self-efficacy'];
    const fewer = mutated(
      mutated(programmeSources, DONES, ['sessions', 0, 'pre', 'instruments'], four),
      DONES,
      ['sessions', 0, 'post', 'instruments'],
      four,
    );
    const error = loadError(instrumentSources, fewer);
    expect(error.path).toBe('sessions[0].followup.instruments');
    expect(error.reason).toBe('ucla-loneliness-3 not asked before, so change cannot be measured');
    const unknown = loadError(
      instrumentSources,
      mutated(programmeSources, DONES, [...FOLLOWUP, 'instruments', 0], 'swemwbs'),
    );
    expect(unknown.path).toBe('sessions[0].followup.instruments[0]');
  });

  it('names a retention too short for the follow-up to be answered: links would expire first', () => {
    const error = loadError(instrumentSources, mutated(programmeSources, DONES, ['retentionDays'], 180));
    expect(error.path).toBe('retentionDays');
    expect(error.reason).toContain('follow-up of session "mentoring-cycle" 6 months after it');
  });

  it('takes SESSION:followup as a wave id, and nothing else beside pre and post', () => {
    expect(WaveId.safeParse('mentoring-cycle:followup').success).toBe(true);
    expect(WaveId.safeParse('mentoring-cycle:pre').success).toBe(true);
    expect(WaveId.safeParse('mentoring-cycle:later').success).toBe(false);
    expect(WaveId.safeParse('mentoring-cycle:follow-up').success).toBe(false);
  });
});
