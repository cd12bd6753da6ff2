/**
 * What the catalogue holds a post wave's then-test (retrospective pre-test) and an instrument's
 * norms to: each refusal names the file, the path and the reason, as for every other definition.
 * Broken definitions are deep-cloned shipped ones with one thing changed.
 */
import { describe, expect, it } from 'vitest';
import { instrumentSources, programmeSources, seedSources, shippedCatalog } from '#surveys/index.ts';
import { loadCatalog, SurveyDefinitionError, trustedCatalog, type DefinitionSource } from '#surveys/catalog.ts';

const MVH = 'surveys/programmes/migrant-voices-heard.json';
const CONFIDENCE = 'surveys/instruments/participation-confidence.json';
const ROSENBERG = 'surveys/instruments/rosenberg-self-esteem.json';

type Data = Record<string, unknown>;

/** The sources with the named file's data changed by `change` (on a deep clone). */
function changed(sources: readonly DefinitionSource[], file: string, change: (data: Data) => void): DefinitionSource[] {
  return sources.map((source) => {
    const data = structuredClone(source.data) as Data;
    if (source.file === file) change(data);
    return { file: source.file, data };
  });
}

/** The first session of a programme's data. */
function firstSession(data: Data): Data & { pre: Data; post: Data } {
  const sessions = data.sessions as (Data & { pre: Data; post: Data })[];
  const session = sessions[0];
  if (session === undefined) throw new Error('no session');
  return session;
}

/** The error loadCatalog throws for these sources (the test fails if it accepts them). */
function refusal(
  instruments: readonly DefinitionSource[],
  programmes: readonly DefinitionSource[],
): SurveyDefinitionError {
  try {
    loadCatalog(instruments, programmes, seedSources);
  } catch (error) {
    expect(error).toBeInstanceOf(SurveyDefinitionError);
    return error as SurveyDefinitionError;
  }
  throw new Error('loadCatalog accepted a broken definition');
}

/** Sets a wave's then-test in definition data (the contract's key: data, never a thenable). */
function setThenTest(wave: Data, thenTest: unknown): void {
  // biome-ignore lint/suspicious/noThenProperty: the definition's key for a then-test, set on plain data
  wave.then = thenTest;
}

const prompt = { en: 'Looking back, how were you before?', ro: 'Privind înapoi, cum erați înainte?' };

describe('the shipped then-test', () => {
  const programme = shippedCatalog().programmes.get('migrant-voices-heard');

  it('asks MigrantVoicesHeard, after each training, its confidence in decisions again, looking back', () => {
    expect(programme?.sessions).toHaveLength(5);
    for (const session of programme?.sessions ?? []) {
      expect(session.pre.then).toBeUndefined();
      expect(session.post.then?.instruments).toEqual(['participation-confidence']);
      expect(session.post.instruments).toContain('participation-confidence');
      const words = session.post.then?.prompt;
      for (const language of ['en', 'ro', 'es', 'ca'] as const) expect(words?.[language]).toMatch(/\S/);
      expect(words?.en).toMatch(/before this training/);
      // The project's own wording, and said to be.
      expect(session.post.then?.source).toMatch(/prepost's own wording/);
      expect(session.post.then?.source).toMatch(/not validated/);
    }
  });

  it('reads the same without its checks, as a Lambda reads the catalogue validated at build', () => {
    expect(trustedCatalog(instrumentSources, programmeSources, seedSources)).toStrictEqual(shippedCatalog());
  });
});

describe('loadCatalog on a broken then-test', () => {
  it('refuses one in a pre wave: only the post wave looks back', () => {
    const error = refusal(
      instrumentSources,
      changed(programmeSources, MVH, (data) => {
        setThenTest(firstSession(data).pre, { instruments: ['participation-confidence'], prompt });
      }),
    );
    expect(error.file).toBe(MVH);
    expect(error.path).toBe('sessions[0].pre.then');
    expect(error.reason).toMatch(/only a post wave/);
  });

  it('takes a session attribute called "then" for what it is, no then-test', () => {
    // Built from entries: a record of attribute values, never a thenable.
    const attributes = Object.fromEntries([['then', 'morning']]);
    const programmes = changed(programmeSources, MVH, (data) => {
      firstSession(data).attributes = attributes;
    });
    const loaded = loadCatalog(instrumentSources, programmes, seedSources);
    expect(loaded.programmes.get('migrant-voices-heard')?.sessions[0]?.attributes).toEqual(attributes);
  });

  it('refuses an instrument its post wave does not ask', () => {
    const error = refusal(
      instrumentSources,
      changed(programmeSources, MVH, (data) => {
        setThenTest(firstSession(data).post, { instruments: ['participation-confidence', 'mood'], prompt });
      }),
    );
    expect(error.path).toBe('sessions[0].post.then.instruments[1]');
    expect(error.reason).toContain('"mood" is not asked in this post wave');
  });

  it('refuses a quiz: a right answer is not something to look back on', () => {
    const error = refusal(
      instrumentSources,
      changed(programmeSources, MVH, (data) => {
        setThenTest(firstSession(data).post, { instruments: ['mvh-action-planning-quiz'], prompt });
      }),
    );
    expect(error.path).toBe('sessions[0].post.then.instruments[0]');
    expect(error.reason).toMatch(/is a quiz/);
  });

  it('refuses an instrument named twice', () => {
    const error = refusal(
      instrumentSources,
      changed(programmeSources, MVH, (data) => {
        setThenTest(firstSession(data).post, {
          instruments: ['participation-confidence', 'participation-confidence'],
          prompt,
        });
      }),
    );
    expect(error.path).toBe('sessions[0].post.then.instruments[1]');
    expect(error.reason).toMatch(/named twice/);
  });

  it('refuses a prompt without a language the programme runs in', () => {
    const error = refusal(
      instrumentSources,
      changed(programmeSources, MVH, (data) => {
        setThenTest(firstSession(data).post, { instruments: ['participation-confidence'], prompt: { en: prompt.en } });
      }),
    );
    expect(error.path).toBe('sessions[0].post.then.prompt');
    expect(error.reason).toMatch(/has no ro text/);
  });

  it('refuses one without instruments, by the schema', () => {
    const error = refusal(
      instrumentSources,
      changed(programmeSources, MVH, (data) => {
        setThenTest(firstSession(data).post, { instruments: [], prompt });
      }),
    );
    expect(error.path).toBe('sessions[0].post.then.instruments');
    expect(error.reason).toBe('must be at least 1 entries');
  });

  it('refuses an instrument called "then": its answers would read as a then-test in CSV files', () => {
    const error = refusal(
      changed(instrumentSources, CONFIDENCE, (data) => {
        data.id = 'then';
      }),
      programmeSources,
    );
    expect(error.file).toBe(CONFIDENCE);
    expect(error.path).toBe('id');
    expect(error.reason).toMatch(/reserved/);
  });
});

describe('loadCatalog on norms', () => {
  const withNorms = (norms: unknown): DefinitionSource[] =>
    changed(instrumentSources, ROSENBERG, (data) => {
      data.norms = norms;
    });
  const source = 'A citation.';

  it('accepts a functional and a dysfunctional population, or a cut-off alone, within the range 0-30', () => {
    for (const norms of [
      { functional: { mean: 20, sd: 5 }, dysfunctional: { mean: 12, sd: 6 }, source },
      { cutoff: 15, source },
    ]) {
      const loaded = loadCatalog(withNorms(norms), programmeSources, seedSources);
      expect(loaded.instruments.get('rosenberg-self-esteem')?.norms).toEqual(norms);
      // The Lambdas read the same norms without the checks.
      expect(trustedCatalog(withNorms(norms), programmeSources, seedSources).instruments).toStrictEqual(
        loaded.instruments,
      );
    }
  });

  it('refuses a mean or a cut-off outside the instrument range, as a figure of another scoring', () => {
    const mean = refusal(withNorms({ functional: { mean: 31.2, sd: 4.8 }, source }), programmeSources);
    expect(mean.file).toBe(ROSENBERG);
    expect(mean.path).toBe('norms.functional.mean');
    expect(mean.reason).toContain('outside the instrument');
    expect(mean.reason).toContain('0-30');
    const cutoff = refusal(withNorms({ cutoff: -1, source }), programmeSources);
    expect(cutoff.path).toBe('norms.cutoff');
    expect(cutoff.reason).toContain('convert published figures');
  });

  it('refuses an sd of 0 or below, and a value that is not a number', () => {
    const zero = refusal(withNorms({ functional: { mean: 20, sd: 0 }, source }), programmeSources);
    expect(zero.path).toBe('norms.functional.sd');
    expect(zero.reason).toBe('must be above 0');
    const text = refusal(withNorms({ dysfunctional: { mean: '12', sd: 3 }, cutoff: 15, source }), programmeSources);
    expect(text.path).toBe('norms.dysfunctional.mean');
    expect(text.reason).toBe('must be a finite number');
  });

  it('refuses norms that place no cut-off, and takes a dysfunctional population alone (criterion a)', () => {
    const error = refusal(withNorms({ source }), programmeSources);
    expect(error.path).toBe('norms');
    expect(error.reason).toMatch(/needs a cutoff, or the functional or the dysfunctional population/);
    expect(() =>
      loadCatalog(withNorms({ dysfunctional: { mean: 12, sd: 6 }, source }), programmeSources, seedSources),
    ).not.toThrow();
  });

  it('refuses norms without their source', () => {
    const error = refusal(withNorms({ cutoff: 15 }), programmeSources);
    expect(error.path).toBe('norms.source');
  });
});
