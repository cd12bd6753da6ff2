/**
 * Coordinators' run-time changes to a programme, against the embedded DynamoDB and the stack's
 * HTTP server: cohorts made, changed, a wave closed, closed and reopened; funders added and
 * removed; the seed cohorts loaded once. Every bad input of the issue is refused with the field
 * named and nothing written (the whole table compared before and after); every change is in the
 * audit log; a closed wave or cohort answers 410 over HTTP at once; two changes racing on one
 * cohort both land, lined up at the AWS SDK's own middleware.
 */
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import { DeleteCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '#adapters/dynamo-client.ts';
import type { Deps } from '#adapters/deps.ts';
import { seedMarkerKey } from '#adapters/table-design.ts';
import { SYSTEM_ACTOR, type Actor, type AuditEvent } from '#core/access.ts';
import {
  CohortClosedError,
  CohortInputError,
  UnknownCohortError,
  UnknownProgrammeError,
  type CohortInputProblem,
} from '#core/errors.ts';
import { waveIdsOf } from '#surveys/cohort-rules.ts';
import type { Cohort } from '#surveys/schema.ts';
import { createLinks, MAX_PARTICIPANTS_PER_CALL, type IssuedLink } from '#use-cases/create-links.ts';
import {
  addCohort,
  addFunder,
  changeCohort,
  removeFunder,
  SEED_WINDOW_DAYS,
  seedCohorts,
  setCohortStatus,
  setWaveClosed,
  type NewCohort,
} from '#use-cases/manage-cohorts.ts';
import { loadProgramme } from '#use-cases/programmes.ts';
import { depsThrough, startTestStack } from '../support/stack.ts';

type TestStack = Awaited<ReturnType<typeof startTestStack>>;

/** Dones Mentores: one session, a mentoring cycle (pre and post); Catalan, Spanish, English. */
const DONES = 'dones-mentores';
/** JUSTROM3: three meetings, and `site` set per cohort (iasi, bucharest). */
const JUSTROM3 = 'justrom3-mentoring';
/** MigrantVoicesHeard: English and Romanian. */
const MVH = 'migrant-voices-heard';
const PRE = 'mentoring-cycle:pre';
const POST = 'mentoring-cycle:post';
/** Dones Mentores asks again six months after the end of the cycle. */
const FOLLOWUP = 'mentoring-cycle:followup';
const COORDINATOR: Actor = { id: 'st-c00rd1nat0r', email: 'coco@example.org' };

let stack: TestStack;
let started: Date;

beforeAll(async () => {
  stack = await startTestStack();
  started = new Date();
});

afterAll(async () => {
  await stack?.stop();
});

/** A day counted from the stack's today, as YYYY-MM-DD. */
function day(offset: number, on: TestStack = stack): string {
  return new Date(on.deps.clock.now().getTime() + offset * 86_400_000).toISOString().slice(0, 10);
}

/** A day `months` calendar months after another (the test's own arithmetic, on days that every month has). */
function addMonths(from: string, months: number): string {
  const date = new Date(`${from}T00:00:00Z`);
  const day = date.getUTCDate();
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() + months);
  const last = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(day, last));
  return date.toISOString().slice(0, 10);
}

function addDays(from: string, days: number): string {
  return new Date(Date.parse(`${from}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Every wave of a programme open from today for two months: a valid cohort a test changes one thing in. */
function openWindows(programmeId: string, on: TestStack = stack): Record<string, { opens: string; closes: string }> {
  const definition = on.deps.catalog.programmes.get(programmeId);
  if (definition === undefined) throw new Error(`no programme ${programmeId}`);
  return Object.fromEntries(waveIdsOf(definition).map((wave) => [wave, { opens: day(0, on), closes: day(60, on) }]));
}

/** Every item of the stack's table, as text, in a stable order: what "nothing written" is checked against. */
async function tableItems(on: TestStack = stack): Promise<string[]> {
  const client = createDocumentClient(on.environment.endpoint);
  const items: string[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({ TableName: on.environment.tableName, ExclusiveStartKey, ConsistentRead: true }),
    );
    for (const item of page.Items ?? []) items.push(JSON.stringify(item, Object.keys(item).sort()));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey !== undefined);
  return items.sort();
}

/** Runs a change that must be refused, checks nothing at all was written, and gives what it threw. */
async function refusedWithNothingWritten(change: () => Promise<unknown>, on: TestStack = stack): Promise<unknown> {
  const before = await tableItems(on);
  const error = await change().then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error, 'the change was accepted').toBeDefined();
  expect(await tableItems(on)).toEqual(before);
  return error;
}

/** The field problems of a refused change, which must be a CohortInputError. */
async function fieldProblems(change: () => Promise<unknown>): Promise<CohortInputProblem[]> {
  const error = await refusedWithNothingWritten(change);
  expect(error).toBeInstanceOf(CohortInputError);
  return [...(error as CohortInputError).fieldProblems];
}

const fields = (problems: readonly CohortInputProblem[]): string[] => problems.map((problem) => problem.field);

/** The audit entries written since this file's stack started, oldest first. */
async function auditSince(since: Date = started, on: TestStack = stack): Promise<AuditEvent[]> {
  return (await on.deps.audit.list({ since, until: new Date(Date.now() + 60_000) })).reverse();
}

/** What a participant's phone gets for a link: the status only. */
async function statusOf(code: string): Promise<number> {
  const response = await fetch(`${stack.url}/s/${code}`);
  await response.arrayBuffer();
  return response.status;
}

function codeOf(links: readonly IssuedLink[], session: string, wave: 'pre' | 'post'): string {
  const link = links.find((candidate) => candidate.session === session && candidate.wave === wave);
  if (link === undefined) throw new Error(`no link for ${session}:${wave}`);
  return link.code;
}

async function storedCohort(programmeId: string, cohortId: string): Promise<Cohort | undefined> {
  return (await stack.deps.cohorts.getCohort(programmeId, cohortId))?.cohort;
}

describe('addCohort', () => {
  it('stores the cohort as the coordinator gave it, open, after the others, and records who made it', async () => {
    const since = new Date();
    const windows = { [PRE]: { opens: day(0), closes: day(30) }, [POST]: { opens: day(150), closes: day(200) } };
    const made = await addCohort(stack.deps, COORDINATOR, DONES, {
      id: 'tarragona-2027',
      name: 'Tarragona 2027',
      site: 'Tarragona',
      windows,
    });
    // Given no window, the follow-up opens six months after the post wave closes, for four weeks.
    const followup = { opens: addMonths(day(200), 6), closes: addDays(addMonths(day(200), 6), 27) };
    const expected: Cohort = {
      id: 'tarragona-2027',
      name: 'Tarragona 2027',
      site: 'Tarragona',
      attributes: {},
      windows: { ...windows, [FOLLOWUP]: followup },
      status: 'open',
      comparison: false,
    };
    expect(made).toEqual(expected);
    const stored = await stack.deps.cohorts.getCohort(DONES, 'tarragona-2027');
    expect(stored?.cohort).toEqual(expected);
    expect(stored?.revision).toBe(1);
    // Every use case that reads the programme sees it at once, after the seed cohorts.
    const programme = await loadProgramme(stack.deps, DONES);
    expect(programme.cohorts.map((cohort) => cohort.id)).toEqual(['barcelona-2026', 'girona-2026', 'tarragona-2027']);
    expect(
      (await auditSince(since)).map(({ actor, actorEmail, action, programme: p, detail }) => ({
        actor,
        actorEmail,
        action,
        programme: p,
        detail,
      })),
    ).toEqual([
      {
        actor: COORDINATOR.id,
        actorEmail: COORDINATOR.email,
        action: 'cohort-created',
        programme: DONES,
        detail: 'cohort tarragona-2027: 3 wave windows',
      },
    ]);
  });

  it('stores the values of cohort subgroups, which the cohort indicators are split by', async () => {
    await addCohort(stack.deps, COORDINATOR, JUSTROM3, {
      id: 'vaslui-2027',
      name: 'Vaslui 2027',
      attributes: { site: 'iasi' },
      windows: openWindows(JUSTROM3),
    });
    expect((await storedCohort(JUSTROM3, 'vaslui-2027'))?.attributes).toEqual({ site: 'iasi' });
  });

  describe('refuses, naming the field and writing nothing,', () => {
    const tarragona = (change: Partial<NewCohort> = {}): NewCohort => ({
      id: 'reus-2027',
      name: 'Reus 2027',
      windows: openWindows(DONES),
      ...change,
    });

    it('a cohort id already used', async () => {
      const problems = await fieldProblems(() =>
        addCohort(stack.deps, COORDINATOR, DONES, tarragona({ id: 'barcelona-2026', name: 'Another Barcelona' })),
      );
      expect(fields(problems)).toEqual(['cohort']);
      expect(problems[0]?.message).toContain('barcelona-2026');
      expect((await storedCohort(DONES, 'barcelona-2026'))?.name).toBe('Barcelona 2026');
    });

    it('an id that is not kebab-case, and an empty name', async () => {
      expect(
        fields(await fieldProblems(() => addCohort(stack.deps, COORDINATOR, DONES, tarragona({ id: 'Reus 2027' })))),
      ).toEqual(['cohort']);
      expect(
        fields(await fieldProblems(() => addCohort(stack.deps, COORDINATOR, DONES, tarragona({ name: '' })))),
      ).toEqual(['name']);
    });

    it('a closing date before the opening date', async () => {
      const windows = { [PRE]: { opens: day(10), closes: day(9) }, [POST]: { opens: day(10), closes: day(60) } };
      const problems = await fieldProblems(() => addCohort(stack.deps, COORDINATOR, DONES, tarragona({ windows })));
      expect(fields(problems)).toEqual([`windows.${PRE}.closes`]);
      expect(problems[0]?.message).toContain(day(9));
    });

    it('a date that is no date', async () => {
      const windows = { ...openWindows(DONES), [POST]: { opens: '1/3/2027', closes: day(60) } };
      const problems = await fieldProblems(() => addCohort(stack.deps, COORDINATOR, DONES, tarragona({ windows })));
      expect(fields(problems)).toEqual([`windows.${POST}.opens`]);
      expect(problems[0]?.message).toContain('YYYY-MM-DD');
    });

    it('an "after" window that starts before its "before" window, or ends before it', async () => {
      const early = { [PRE]: { opens: day(5), closes: day(40) }, [POST]: { opens: day(4), closes: day(60) } };
      expect(
        fields(await fieldProblems(() => addCohort(stack.deps, COORDINATOR, DONES, tarragona({ windows: early })))),
      ).toEqual([`windows.${POST}.opens`]);
      const short = { [PRE]: { opens: day(0), closes: day(40) }, [POST]: { opens: day(0), closes: day(39) } };
      expect(
        fields(await fieldProblems(() => addCohort(stack.deps, COORDINATOR, DONES, tarragona({ windows: short })))),
      ).toEqual([`windows.${POST}.closes`]);
    });

    it('a missing window, and a window for a wave the programme does not have', async () => {
      const { [POST]: _left, ...missing } = openWindows(DONES);
      expect(
        fields(await fieldProblems(() => addCohort(stack.deps, COORDINATOR, DONES, tarragona({ windows: missing })))),
      ).toEqual([`windows.${POST}.opens`, `windows.${POST}.closes`]);
      const extra = { ...openWindows(DONES), 'group-session-1:pre': { opens: day(0), closes: day(1) } };
      expect(
        fields(await fieldProblems(() => addCohort(stack.deps, COORDINATOR, DONES, tarragona({ windows: extra })))),
      ).toEqual(['windows.group-session-1:pre']);
    });

    it('an attribute value that is not an option of its subgroup', async () => {
      const problems = await fieldProblems(() =>
        addCohort(stack.deps, COORDINATOR, JUSTROM3, {
          id: 'cluj-2027',
          name: 'Cluj 2027',
          attributes: { site: 'cluj' },
          windows: openWindows(JUSTROM3),
        }),
      );
      expect(fields(problems)).toEqual(['attributes.site']);
    });

    it('a programme that does not exist', async () => {
      const error = await refusedWithNothingWritten(() =>
        addCohort(stack.deps, COORDINATOR, 'no-such-programme', tarragona()),
      );
      expect(error).toBeInstanceOf(UnknownProgrammeError);
    });
  });
});

describe('createLinks in a cohort', () => {
  it('makes a batch of up to 500; refuses 501, none or a language the programme lacks, writing nothing', async () => {
    expect(MAX_PARTICIPANTS_PER_CALL).toBe(500);
    for (const count of [501, 0, 2.5]) {
      const problems = await fieldProblems(() => createLinks(stack.deps, COORDINATOR, DONES, 'girona-2026', count));
      expect(fields(problems), String(count)).toEqual(['count']);
      expect(problems[0]?.message).toContain('1 to 500');
    }
    const both = await fieldProblems(() =>
      createLinks(stack.deps, COORDINATOR, DONES, 'girona-2026', 501, { language: 'ro' }),
    );
    expect(fields(both)).toEqual(['count', 'language']);
    expect(both[1]?.message).toContain('ca, es, en');
    const batch = await createLinks(stack.deps, COORDINATOR, DONES, 'girona-2026', 500, { language: 'es' });
    expect(batch.language).toBe('es');
    expect(batch.cohort.id).toBe('girona-2026');
    // Three links each: the start, the end, and the follow-up six months later.
    expect(batch.links).toHaveLength(500 * 3);
    expect(new Set(batch.links.map((link) => link.number)).size).toBe(500);
  }, 120_000);
});

describe('setWaveClosed', () => {
  let links: IssuedLink[];

  beforeAll(async () => {
    await addCohort(stack.deps, COORDINATOR, DONES, {
      id: 'lleida-2027',
      name: 'Lleida 2027',
      windows: openWindows(DONES),
    });
    ({ links } = await createLinks(stack.deps, COORDINATOR, DONES, 'lleida-2027', 1));
  });

  it("closes a wave at once: its links answer 410, the other wave's still open; reopening restores both", async () => {
    const pre = codeOf(links, 'mentoring-cycle', 'pre');
    const post = codeOf(links, 'mentoring-cycle', 'post');
    expect([await statusOf(pre), await statusOf(post)]).toEqual([200, 200]);
    const since = new Date();
    const closed = await setWaveClosed(stack.deps, COORDINATOR, DONES, 'lleida-2027', PRE, true);
    expect(closed.windows[PRE]).toEqual({ ...openWindows(DONES)[PRE], closed: true });
    expect(await storedCohort(DONES, 'lleida-2027')).toEqual(closed);
    expect([await statusOf(pre), await statusOf(post)]).toEqual([410, 200]);
    const reopened = await setWaveClosed(stack.deps, COORDINATOR, DONES, 'lleida-2027', PRE, false);
    // Its dates apply again, as they were.
    expect(reopened.windows).toEqual(openWindows(DONES));
    expect([await statusOf(pre), await statusOf(post)]).toEqual([200, 200]);
    expect((await auditSince(since)).map((entry) => [entry.actor, entry.action, entry.detail])).toEqual([
      [COORDINATOR.id, 'cohort-changed', `cohort lleida-2027: wave ${PRE} closed`],
      [COORDINATOR.id, 'cohort-changed', `cohort lleida-2027: wave ${PRE} reopened`],
    ]);
  });

  it('keeps a wave closed early closed when its dates are changed', async () => {
    await setWaveClosed(stack.deps, COORDINATOR, DONES, 'lleida-2027', POST, true);
    const windows = {
      [PRE]: { opens: day(0), closes: day(20) },
      [POST]: { opens: day(0), closes: day(90) },
      [FOLLOWUP]: { opens: day(0), closes: day(90) },
    };
    const changed = await changeCohort(stack.deps, COORDINATOR, DONES, 'lleida-2027', { name: 'Lleida 2027', windows });
    expect(changed.windows).toEqual({ ...windows, [POST]: { ...windows[POST], closed: true } });
    expect(await statusOf(codeOf(links, 'mentoring-cycle', 'post'))).toBe(410);
    await setWaveClosed(stack.deps, COORDINATOR, DONES, 'lleida-2027', POST, false);
    expect(await statusOf(codeOf(links, 'mentoring-cycle', 'post'))).toBe(200);
  });

  it('refuses a wave the programme does not have, or a cohort that does not exist, with nothing written', async () => {
    const problems = await fieldProblems(() =>
      setWaveClosed(stack.deps, COORDINATOR, DONES, 'lleida-2027', 'group-session-1:pre', true),
    );
    expect(fields(problems)).toEqual(['wave']);
    const unknown = await refusedWithNothingWritten(() =>
      setWaveClosed(stack.deps, COORDINATOR, DONES, 'no-such-cohort', PRE, true),
    );
    expect(unknown).toBeInstanceOf(UnknownCohortError);
  });
});

describe('changeCohort', () => {
  it('replaces the name, site and windows, and refuses bad windows with nothing written', async () => {
    await addCohort(stack.deps, COORDINATOR, DONES, {
      id: 'sabadell-2027',
      name: 'Sabadell',
      windows: openWindows(DONES),
    });
    const windows = {
      [PRE]: { opens: day(1), closes: day(31) },
      [POST]: { opens: day(100), closes: day(130) },
      [FOLLOWUP]: { opens: day(300), closes: day(330) },
    };
    const changed = await changeCohort(stack.deps, COORDINATOR, DONES, 'sabadell-2027', {
      name: 'Sabadell 2027',
      site: 'Sabadell',
      windows,
    });
    expect(changed).toEqual({
      id: 'sabadell-2027',
      name: 'Sabadell 2027',
      site: 'Sabadell',
      attributes: {},
      windows,
      status: 'open',
      comparison: false,
    });
    expect((await stack.deps.cohorts.getCohort(DONES, 'sabadell-2027'))?.revision).toBe(2);
    const backwards = { ...windows, [POST]: { opens: day(130), closes: day(100) } };
    const problems = await fieldProblems(() =>
      changeCohort(stack.deps, COORDINATOR, DONES, 'sabadell-2027', { name: 'Sabadell 2027', windows: backwards }),
    );
    expect(fields(problems)).toEqual([`windows.${POST}.closes`]);
  });

  it('moves a cohort in or out of the comparison group only before it has participants', async () => {
    await addCohort(stack.deps, COORDINATOR, DONES, {
      id: 'terrassa-2027',
      name: 'Terrassa',
      windows: openWindows(DONES),
    });
    const marked = await changeCohort(stack.deps, COORDINATOR, DONES, 'terrassa-2027', { comparison: true });
    expect(marked.comparison).toBe(true);
    await createLinks(stack.deps, COORDINATOR, DONES, 'terrassa-2027', 1);
    // Their answers may be in a published pool: moving them out of it would let a funder difference a hidden cell.
    const problems = await fieldProblems(() =>
      changeCohort(stack.deps, COORDINATOR, DONES, 'terrassa-2027', { comparison: false }),
    );
    expect(problems.map((problem) => [problem.field, problem.reason])).toEqual([['comparison', 'comparison-fixed']]);
    expect((await stack.deps.cohorts.getCohort(DONES, 'terrassa-2027'))?.cohort.comparison).toBe(true);
    // The same mark sent again (the console's edit form always sends the box) changes nothing and is no mistake.
    const renamed = await changeCohort(stack.deps, COORDINATOR, DONES, 'terrassa-2027', {
      name: 'Terrassa waiting list',
      comparison: true,
    });
    expect(renamed).toMatchObject({ name: 'Terrassa waiting list', comparison: true });
  });
});

describe('a follow-up window', () => {
  it('left at its default moves with its post window; one a coordinator set stays', async () => {
    const pre = { opens: day(0), closes: day(30) };
    await addCohort(stack.deps, COORDINATOR, DONES, {
      id: 'vic-2027',
      name: 'Vic 2027',
      windows: { [PRE]: pre, [POST]: { opens: day(100), closes: day(120) } },
    });
    const later = { opens: day(100), closes: day(150) };
    const moved = await changeCohort(stack.deps, COORDINATOR, DONES, 'vic-2027', { windows: { [POST]: later } });
    expect(moved.windows[FOLLOWUP]).toEqual({
      opens: addMonths(day(150), 6),
      closes: addDays(addMonths(day(150), 6), 27),
    });
    // Set by hand, it is the coordinator's: the post wave moving again leaves it alone...
    const own = { opens: day(400), closes: day(420) };
    await changeCohort(stack.deps, COORDINATOR, DONES, 'vic-2027', { windows: { [FOLLOWUP]: own } });
    const again = await changeCohort(stack.deps, COORDINATOR, DONES, 'vic-2027', {
      windows: { [POST]: { opens: day(100), closes: day(160) } },
    });
    expect(again.windows[FOLLOWUP]).toEqual(own);
    // ...and one before the post wave is refused at its own field, with nothing written.
    const problems = await fieldProblems(() =>
      changeCohort(stack.deps, COORDINATOR, DONES, 'vic-2027', {
        windows: { [FOLLOWUP]: { opens: day(90), closes: day(420) } },
      }),
    );
    expect(problems.map(({ field, reason }) => [field, reason])).toEqual([
      [`windows.${FOLLOWUP}.opens`, 'followup-opens-early'],
    ]);
  });

  it('is given its default at the next change of a cohort made before its programme had a follow-up', async () => {
    const windows = { [PRE]: { opens: day(0), closes: day(30) }, [POST]: { opens: day(60), closes: day(90) } };
    const older: Cohort = {
      id: 'ripoll-2026',
      name: 'Ripoll',
      attributes: {},
      windows,
      status: 'open',
      comparison: false,
    };
    expect(await stack.deps.cohorts.createCohort(DONES, older, new Date().toISOString())).toBe(true);
    const changed = await changeCohort(stack.deps, COORDINATOR, DONES, 'ripoll-2026', { name: 'Ripoll 2026' });
    expect(changed.windows).toEqual({
      ...windows,
      [FOLLOWUP]: { opens: addMonths(day(90), 6), closes: addDays(addMonths(day(90), 6), 27) },
    });
  });

  it('given one date only is not completed: the other is named as missing', async () => {
    const problems = await fieldProblems(() =>
      addCohort(stack.deps, COORDINATOR, DONES, {
        id: 'olot-2027',
        name: 'Olot 2027',
        windows: {
          [PRE]: { opens: day(0), closes: day(30) },
          [POST]: { opens: day(60), closes: day(90) },
          [FOLLOWUP]: { opens: day(300) },
        },
      }),
    );
    expect(problems.map(({ field, reason }) => [field, reason])).toEqual([
      [`windows.${FOLLOWUP}.closes`, 'closes-missing'],
    ]);
  });
});

describe('setCohortStatus', () => {
  let links: IssuedLink[];

  beforeAll(async () => {
    await addCohort(stack.deps, COORDINATOR, DONES, {
      id: 'manresa-2027',
      name: 'Manresa 2027',
      windows: openWindows(DONES),
    });
    ({ links } = await createLinks(stack.deps, COORDINATOR, DONES, 'manresa-2027', 2));
  });

  it('closes every wave of the cohort at once, takes no new participants, says what funders will receive', async () => {
    expect(await Promise.all(links.map((link) => statusOf(link.code)))).toEqual(links.map(() => 200));
    const before = new Date();
    const { cohort, notice } = await setCohortStatus(stack.deps, COORDINATOR, DONES, 'manresa-2027', 'closed');
    const after = new Date();
    expect(cohort.status).toBe('closed');
    // The windows are kept, for reopening.
    expect(cohort.windows).toEqual(openWindows(DONES));
    expect(await Promise.all(links.map((link) => statusOf(link.code)))).toEqual(links.map(() => 410));
    // Who will still receive the cohort's results, and in the summary of which month.
    const funders = await stack.deps.cohorts.listFunders(DONES);
    expect(funders.map((funder) => funder.email)).toContain('funder-dones@example.org');
    expect(notice?.funders).toEqual(funders);
    expect([before, after].map((at) => at.toISOString().slice(0, 7))).toContain(notice?.period);

    const refused = await refusedWithNothingWritten(() =>
      createLinks(stack.deps, COORDINATOR, DONES, 'manresa-2027', 1),
    );
    expect(refused).toBeInstanceOf(CohortClosedError);
    expect((refused as Error).message).toContain('manresa-2027');
  });

  it('reopens it: its links answer again with their dates, and it takes participants again', async () => {
    const since = new Date();
    const { cohort, notice } = await setCohortStatus(stack.deps, COORDINATOR, DONES, 'manresa-2027', 'open');
    expect(cohort.status).toBe('open');
    expect(notice).toBeUndefined();
    expect(await Promise.all(links.map((link) => statusOf(link.code)))).toEqual(links.map(() => 200));
    expect((await createLinks(stack.deps, COORDINATOR, DONES, 'manresa-2027', 1)).links).toHaveLength(3);
    expect((await auditSince(since)).map((entry) => [entry.action, entry.detail])).toEqual([
      ['cohort-changed', 'cohort manresa-2027: reopened'],
      ['links-created', 'cohort manresa-2027: 1 participants, 3 links, cards in ca'],
    ]);
  });
});

describe('funders', () => {
  it('adds a funder with their summary language, or changes the one with that email, and records it', async () => {
    const since = new Date();
    const added = await addFunder(stack.deps, COORDINATOR, MVH, {
      name: ' AMIF desk ',
      email: 'Desk@Example.ORG',
      language: 'ro',
    });
    expect(added).toEqual({ name: 'AMIF desk', email: 'desk@example.org', language: 'ro' });
    await addFunder(stack.deps, COORDINATOR, MVH, { name: 'AMIF desk (Cluj)', email: 'desk@example.org' });
    const funders = await stack.deps.cohorts.listFunders(MVH);
    expect(funders.filter((funder) => funder.email === 'desk@example.org')).toEqual([
      { name: 'AMIF desk (Cluj)', email: 'desk@example.org' },
    ]);
    expect(funders.map((funder) => funder.email)).toContain('funder-mvh@example.org');
    expect((await loadProgramme(stack.deps, MVH)).funders).toEqual(funders);
    expect(
      (await auditSince(since)).map((entry) => [entry.actor, entry.action, entry.programme, entry.detail]),
    ).toEqual([
      [COORDINATOR.id, 'funder-added', MVH, 'desk@example.org'],
      [COORDINATOR.id, 'funder-added', MVH, 'desk@example.org'],
    ]);
  });

  it('refuses a language the programme does not run in, or an address that is none, with nothing written', async () => {
    const language = await fieldProblems(() =>
      addFunder(stack.deps, COORDINATOR, MVH, { name: 'Fons', email: 'fons@example.org', language: 'ca' }),
    );
    expect(fields(language)).toEqual(['language']);
    expect(language[0]?.message).toContain('en, ro');
    const unknownLanguage = await fieldProblems(() =>
      addFunder(stack.deps, COORDINATOR, MVH, { name: 'Fons', email: 'fons@example.org', language: 'xx' }),
    );
    expect(fields(unknownLanguage)).toEqual(['language']);
    expect(
      fields(await fieldProblems(() => addFunder(stack.deps, COORDINATOR, MVH, { name: 'Fons', email: 'fons' }))),
    ).toEqual(['email']);
    expect(
      fields(
        await fieldProblems(() => addFunder(stack.deps, COORDINATOR, MVH, { name: ' ', email: 'fons@example.org' })),
      ),
    ).toEqual(['name']);
  });

  it('removes a funder by email, whatever its case; refuses an email that is no funder of the programme', async () => {
    await addFunder(stack.deps, COORDINATOR, MVH, { name: 'Leaving', email: 'leaving@example.org' });
    const since = new Date();
    await removeFunder(stack.deps, COORDINATOR, MVH, ' Leaving@Example.org ');
    expect((await stack.deps.cohorts.listFunders(MVH)).map((funder) => funder.email)).not.toContain(
      'leaving@example.org',
    );
    expect((await auditSince(since)).map((entry) => [entry.action, entry.detail])).toEqual([
      ['funder-removed', 'leaving@example.org'],
    ]);
    const twice = await fieldProblems(() => removeFunder(stack.deps, COORDINATOR, MVH, 'leaving@example.org'));
    expect(fields(twice)).toEqual(['email']);
    // Another programme's funder is not this one's.
    const other = await fieldProblems(() => removeFunder(stack.deps, COORDINATOR, MVH, 'funder-dones@example.org'));
    expect(fields(other)).toEqual(['email']);
    expect(other[0]?.message).toContain('funder-dones@example.org');
  });
});

/** A promise and the function that settles it. */
function signal(): { readonly promise: Promise<void>; readonly resolve: () => void } {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

/**
 * The stack's deps on a client of their own that runs `hooks` around the reads and writes of a
 * cohort item (at the AWS SDK's own middleware), and counts the writes it sends.
 */
function depsWithCohortHooks(hooks: {
  readonly afterFirstRead?: () => Promise<void>;
  readonly beforeFirstWrite?: () => Promise<void>;
  readonly afterWrite?: () => void;
}): { readonly deps: Deps; readonly writes: () => number } {
  const client: DynamoDBDocumentClient = createDocumentClient(stack.environment.endpoint);
  let reads = 0;
  let writes = 0;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const key = (args.input as { Key?: { SK?: unknown } }).Key;
      const command = context.commandName ?? '';
      if (!String(key?.SK ?? '').startsWith('COHORT#')) return next(args);
      if (command.startsWith('Update')) {
        writes += 1;
        if (writes === 1) await hooks.beforeFirstWrite?.();
      }
      const result = await next(args);
      if (command.startsWith('Get')) {
        reads += 1;
        if (reads === 1) await hooks.afterFirstRead?.();
      }
      if (command.startsWith('Update')) hooks.afterWrite?.();
      return result;
    },
    { step: 'initialize', name: 'cohortRaceHooks' },
  );
  return { deps: depsThrough(stack, client), writes: () => writes };
}

/**
 * Two changes of one cohort, both having read it before either writes; the first's write lands
 * first, so the second's (over the revision it read) is refused by the table and tried again.
 */
async function race<A, B>(
  first: (deps: Deps) => Promise<A>,
  second: (deps: Deps) => Promise<B>,
): Promise<{ readonly results: [A, B]; readonly secondWrites: number }> {
  const secondRead = signal();
  const firstLanded = signal();
  const a = depsWithCohortHooks({ afterFirstRead: () => secondRead.promise, afterWrite: () => firstLanded.resolve() });
  const b = depsWithCohortHooks({
    afterFirstRead: async () => secondRead.resolve(),
    beforeFirstWrite: () => firstLanded.promise,
  });
  const results = await Promise.all([first(a.deps), second(b.deps)]);
  expect(a.writes()).toBe(1);
  return { results, secondWrites: b.writes() };
}

describe('two changes of one cohort at once', () => {
  const windows = (): Record<string, { opens: string; closes: string }> => openWindows(JUSTROM3);

  it('both land when two coordinators change different fields through changeCohort', async () => {
    await addCohort(stack.deps, COORDINATOR, JUSTROM3, {
      id: 'race-2027',
      name: 'Race 2027',
      attributes: { site: 'iasi' },
      windows: windows(),
    });
    const since = new Date();
    const later = { ...windows(), 'individual-meeting-2:post': { opens: day(0), closes: day(90) } };
    const { secondWrites } = await race(
      // One moves the cohort to the other site...
      (deps) =>
        changeCohort(deps, COORDINATOR, JUSTROM3, 'race-2027', {
          name: 'Race 2027',
          attributes: { site: 'bucharest' },
          windows: windows(),
        }),
      // ...while the other renames it and gives the last wave more time, leaving its attributes alone.
      (deps) => changeCohort(deps, COORDINATOR, JUSTROM3, 'race-2027', { name: 'Race 2027 (Iași)', windows: later }),
    );
    expect(secondWrites).toBe(2);
    const stored = await stack.deps.cohorts.getCohort(JUSTROM3, 'race-2027');
    expect(stored?.cohort).toEqual({
      id: 'race-2027',
      name: 'Race 2027 (Iași)',
      attributes: { site: 'bucharest' },
      windows: later,
      status: 'open',
      comparison: false,
    });
    expect(stored?.revision).toBe(3);
    expect((await auditSince(since)).map((entry) => entry.action)).toEqual(['cohort-changed', 'cohort-changed']);
  });

  it('both land when a wave is closed while the windows are changed, whichever writes first', async () => {
    await addCohort(stack.deps, COORDINATOR, DONES, { id: 'race-dones', name: 'Race', windows: openWindows(DONES) });
    const longer = {
      [PRE]: { opens: day(0), closes: day(60) },
      [POST]: { opens: day(0), closes: day(120) },
      [FOLLOWUP]: { opens: day(0), closes: day(120) },
    };
    const closePost = (deps: Deps) => setWaveClosed(deps, COORDINATOR, DONES, 'race-dones', POST, true);
    const change = (deps: Deps) =>
      changeCohort(deps, COORDINATOR, DONES, 'race-dones', { name: 'Race (longer)', windows: longer });
    expect((await race(closePost, change)).secondWrites).toBe(2);
    const expected = { ...longer, [POST]: { ...longer[POST], closed: true } };
    expect(await storedCohort(DONES, 'race-dones')).toMatchObject({ name: 'Race (longer)', windows: expected });

    // The other order: the windows change lands first, the wave is closed over it.
    await setWaveClosed(stack.deps, COORDINATOR, DONES, 'race-dones', POST, false);
    const shorter = {
      [PRE]: { opens: day(0), closes: day(50) },
      [POST]: { opens: day(0), closes: day(100) },
      [FOLLOWUP]: { opens: day(0), closes: day(100) },
    };
    const changeBack = (deps: Deps) =>
      changeCohort(deps, COORDINATOR, DONES, 'race-dones', { name: 'Race (shorter)', windows: shorter });
    expect((await race(changeBack, closePost)).secondWrites).toBe(2);
    expect(await storedCohort(DONES, 'race-dones')).toMatchObject({
      name: 'Race (shorter)',
      windows: { ...shorter, [POST]: { ...shorter[POST], closed: true } },
    });
  });

  it('both land when two waves are closed at once', async () => {
    await addCohort(stack.deps, COORDINATOR, DONES, { id: 'race-waves', name: 'Race', windows: openWindows(DONES) });
    const { secondWrites } = await race(
      (deps) => setWaveClosed(deps, COORDINATOR, DONES, 'race-waves', PRE, true),
      (deps) => setWaveClosed(deps, COORDINATOR, DONES, 'race-waves', POST, true),
    );
    expect(secondWrites).toBe(2);
    const stored = await storedCohort(DONES, 'race-waves');
    expect(stored?.windows[PRE]?.closed).toBe(true);
    expect(stored?.windows[POST]?.closed).toBe(true);
  });
});

describe('seedCohorts', () => {
  let fresh: TestStack;

  beforeEach(async () => {
    // A table no seed was ever loaded into, as a new deployment's.
    fresh = await startTestStack({ seed: false });
  });

  afterEach(async () => {
    await fresh?.stop();
  });

  /** The cohort ids of each programme, in creation order. */
  async function cohortIds(): Promise<Record<string, string[]>> {
    const ids: Record<string, string[]> = {};
    for (const programme of fresh.deps.catalog.programmes.keys())
      ids[programme] = (await fresh.deps.cohorts.listCohorts(programme)).map((stored) => stored.cohort.id);
    return ids;
  }

  const SEEDED = {
    'justrom3-mentoring': ['iasi-2020', 'bucharest-2020'],
    'migrant-voices-heard': ['cluj-2021'],
    'dones-mentores': ['barcelona-2026', 'girona-2026'],
  };

  /** Whether every programme with a seed file is marked seeded. */
  async function allSeeded(): Promise<boolean> {
    const marks = await Promise.all(
      [...fresh.deps.catalog.seeds.keys()].map((programme) => fresh.deps.cohorts.isSeeded(programme)),
    );
    return marks.every((mark) => mark);
  }

  it('loads every seed cohort and funder with every wave open from today, once', async () => {
    expect(await allSeeded()).toBe(false);
    expect(await cohortIds()).toEqual({ 'justrom3-mentoring': [], 'migrant-voices-heard': [], 'dones-mentores': [] });
    expect(await seedCohorts(fresh.deps, SYSTEM_ACTOR, { once: true })).toEqual({ cohorts: 5, funders: 3 });
    expect(await allSeeded()).toBe(true);
    expect(await cohortIds()).toEqual(SEEDED);
    const iasi = (await fresh.deps.cohorts.getCohort(JUSTROM3, 'iasi-2020'))?.cohort;
    const window = { opens: day(0, fresh), closes: day(SEED_WINDOW_DAYS, fresh) };
    expect(iasi).toEqual({
      id: 'iasi-2020',
      name: 'Iași 2020',
      site: 'Iași',
      attributes: { site: 'iasi' },
      windows: Object.fromEntries(
        waveIdsOf(fresh.deps.catalog.programmes.get(JUSTROM3) ?? { sessions: [] }).map((wave) => [wave, window]),
      ),
      status: 'open',
      comparison: false,
    });
    // A seed follow-up opens six months after the seed post window closes, for four weeks.
    const barcelona = (await fresh.deps.cohorts.getCohort(DONES, 'barcelona-2026'))?.cohort;
    const followupOpens = addMonths(day(SEED_WINDOW_DAYS, fresh), 6);
    expect(barcelona?.windows).toEqual({
      [PRE]: window,
      [POST]: window,
      [FOLLOWUP]: { opens: followupOpens, closes: addDays(followupOpens, 27) },
    });
    expect(await fresh.deps.cohorts.listFunders(DONES)).toEqual([
      { name: 'Funder contact', email: 'funder-dones@example.org', language: 'ca' },
    ]);
    // A first `npm start` again: nothing to do, nothing written.
    const before = await tableItems(fresh);
    expect(await seedCohorts(fresh.deps, SYSTEM_ACTOR, { once: true })).toEqual({ cohorts: 0, funders: 0 });
    expect(await tableItems(fresh)).toEqual(before);
  });

  it('leaves a seed cohort changed or closed since, and a funder removed, as the coordinators left them', async () => {
    await seedCohorts(fresh.deps, SYSTEM_ACTOR, { once: true });
    await setCohortStatus(fresh.deps, COORDINATOR, DONES, 'girona-2026', 'closed');
    const windows = openWindows(DONES, fresh);
    await changeCohort(fresh.deps, COORDINATOR, DONES, 'barcelona-2026', { name: 'Barcelona 2026-27', windows });
    await removeFunder(fresh.deps, COORDINATOR, JUSTROM3, 'funder-justrom3@example.org');
    const before = await tableItems(fresh);
    expect(await seedCohorts(fresh.deps, SYSTEM_ACTOR, { once: true })).toEqual({ cohorts: 0, funders: 0 });
    expect(await tableItems(fresh)).toEqual(before);
    // Asked for again (`prepost cohorts seed`), it adds what is missing and still changes nothing that exists.
    expect(await seedCohorts(fresh.deps, SYSTEM_ACTOR)).toEqual({ cohorts: 0, funders: 1 });
    expect((await fresh.deps.cohorts.getCohort(DONES, 'girona-2026'))?.cohort.status).toBe('closed');
    expect((await fresh.deps.cohorts.getCohort(DONES, 'barcelona-2026'))?.cohort).toMatchObject({
      name: 'Barcelona 2026-27',
      windows,
    });
    expect(await cohortIds()).toEqual(SEEDED);
  });

  it('two seedings at once (a start and a command on a fresh folder) both finish, each cohort made once', async () => {
    const runs = await Promise.allSettled([
      seedCohorts(fresh.deps, SYSTEM_ACTOR, { once: true }),
      seedCohorts(fresh.deps, SYSTEM_ACTOR, { once: true }),
    ]);
    expect(runs.map((run) => run.status)).toEqual(['fulfilled', 'fulfilled']);
    const made = runs.map((run) => (run.status === 'fulfilled' ? run.value.cohorts : -1));
    expect((made[0] ?? 0) + (made[1] ?? 0)).toBe(5);
    expect(await cohortIds()).toEqual(SEEDED);
    const created = (await auditSince(new Date(0), fresh)).filter((entry) => entry.action === 'cohort-created');
    expect(created).toHaveLength(5);
    expect(await allSeeded()).toBe(true);
  });

  it('finishes a run cut short without making anything twice', async () => {
    // The run stops as it writes the third cohort (Cluj), as a Lambda timing out or a throttled table would.
    const client = createDocumentClient(fresh.environment.endpoint);
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const item = (args.input as { Item?: { SK?: unknown } }).Item;
        if ((context.commandName ?? '').startsWith('Put') && item?.SK === 'COHORT#cluj-2021')
          throw Object.assign(new Error('Rate of requests exceeds the allowed throughput'), {
            name: 'ProvisionedThroughputExceededException',
          });
        return next(args);
      },
      { step: 'initialize', name: 'cutShort' },
    );
    await expect(seedCohorts(depsThrough(fresh, client), SYSTEM_ACTOR, { once: true })).rejects.toMatchObject({
      name: 'ProvisionedThroughputExceededException',
    });
    // Marked per programme: JUSTROM3, loaded whole, is; MigrantVoicesHeard and Dones Mentores are not.
    expect(await fresh.deps.cohorts.isSeeded(JUSTROM3)).toBe(true);
    expect(await fresh.deps.cohorts.isSeeded('migrant-voices-heard')).toBe(false);
    expect(await fresh.deps.cohorts.isSeeded(DONES)).toBe(false);
    expect(await cohortIds()).toEqual({
      'justrom3-mentoring': ['iasi-2020', 'bucharest-2020'],
      'migrant-voices-heard': [],
      'dones-mentores': [],
    });
    // The next start finishes it.
    expect(await seedCohorts(fresh.deps, SYSTEM_ACTOR, { once: true })).toEqual({ cohorts: 3, funders: 2 });
    expect(await allSeeded()).toBe(true);
    expect(await cohortIds()).toEqual(SEEDED);
    for (const programme of fresh.deps.catalog.programmes.keys())
      expect(await fresh.deps.cohorts.listFunders(programme), programme).toHaveLength(1);
    const created = (await auditSince(new Date(0), fresh))
      .filter((entry) => entry.action === 'cohort-created')
      .map((entry) => entry.detail?.split(':')[0]);
    expect(created.sort()).toEqual(
      Object.values(SEEDED)
        .flat()
        .map((id) => `cohort ${id}`)
        .sort(),
    );

    // Cut short after the last write but before the mark: the next run only marks it.
    for (const programme of fresh.deps.catalog.seeds.keys())
      await client.send(new DeleteCommand({ TableName: fresh.environment.tableName, Key: seedMarkerKey(programme) }));
    expect(await allSeeded()).toBe(false);
    const before = (await tableItems(fresh)).filter((item) => !item.includes('"SK":"SEEDED"'));
    expect(await seedCohorts(fresh.deps, SYSTEM_ACTOR, { once: true })).toEqual({ cohorts: 0, funders: 0 });
    expect(await allSeeded()).toBe(true);
    expect((await tableItems(fresh)).filter((item) => !item.includes('"SK":"SEEDED"'))).toEqual(before);
  });

  it('closing a cohort of a programme with no funder says nothing will be sent', async () => {
    await addCohort(fresh.deps, COORDINATOR, DONES, {
      id: 'alone-2027',
      name: 'Alone',
      windows: openWindows(DONES, fresh),
    });
    expect(await fresh.deps.cohorts.listFunders(DONES)).toEqual([]);
    const { cohort, notice } = await setCohortStatus(fresh.deps, COORDINATOR, DONES, 'alone-2027', 'closed');
    expect(cohort.status).toBe('closed');
    expect(notice).toBeUndefined();
  });
});
