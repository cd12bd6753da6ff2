/** Roles and grants: what each role permits, where, and what a token carries. */
import { describe, expect, it } from 'vitest';
import {
  effectiveTokenGrants,
  homePath,
  permits,
  programmesPermitting,
  sessionHolds,
  SESSION_ABSOLUTE_SECONDS,
  SESSION_IDLE_SECONDS,
  tokenGrantsFor,
  type Grant,
  type Permission,
} from '#core/access.ts';

const P = 'justrom3-mentoring';
const Q = 'dones-mentores';

describe('permits', () => {
  const cases: [string, Grant[], Permission, string | undefined, boolean][] = [
    [
      'an evaluator reads the indicators of their programme',
      [{ role: 'evaluator', programme: P }],
      'read-indicators',
      P,
      true,
    ],
    ['not of another', [{ role: 'evaluator', programme: P }], 'read-indicators', Q, false],
    ['a coordinator never reads indicators', [{ role: 'coordinator', programme: P }], 'read-indicators', P, false],
    ['a coordinator reads response rates', [{ role: 'coordinator', programme: P }], 'read-response-rates', P, true],
    ['a coordinator does not export answers', [{ role: 'coordinator', programme: P }], 'export-responses', P, false],
    [
      'a coordinator manages cohorts of their programme',
      [{ role: 'coordinator', programme: P }],
      'manage-cohorts',
      P,
      true,
    ],
    ['not of another', [{ role: 'coordinator', programme: P }], 'manage-cohorts', Q, false],
    ['an evaluator does not manage cohorts', [{ role: 'evaluator', programme: P }], 'manage-cohorts', P, false],
    ['a funder does not manage cohorts', [{ role: 'funder', programme: P }], 'manage-cohorts', P, false],
    ['an admin manages staff', [{ role: 'admin', programme: '*' }], 'manage-staff', undefined, true],
    [
      'an admin sees no indicators unless also granted',
      [{ role: 'admin', programme: '*' }],
      'read-indicators',
      P,
      false,
    ],
    ['an evaluator does not manage staff', [{ role: 'evaluator', programme: '*' }], 'manage-staff', undefined, false],
    ['a grant on * covers every programme', [{ role: 'evaluator', programme: '*' }], 'read-indicators', Q, true],
    ['a funder reads summaries of their programme', [{ role: 'funder', programme: P }], 'read-summaries', P, true],
    ['a funder reads no indicators', [{ role: 'funder', programme: P }], 'read-indicators', P, false],
    [
      'no programme named: no programme permission',
      [{ role: 'evaluator', programme: P }],
      'read-indicators',
      undefined,
      false,
    ],
    ['no grants: nothing', [], 'read-indicators', P, false],
  ];
  it.each(cases)('%s', (_, grants, permission, programme, expected) => {
    expect(permits(grants, permission, programme)).toBe(expected);
  });

  it('starts each member at the first page their grants open', () => {
    expect(homePath([{ role: 'evaluator', programme: P }])).toBe('/dashboard');
    expect(homePath([{ role: 'coordinator', programme: P }])).toBe('/console');
    // A coordinator who also evaluates starts where the indicators are.
    expect(
      homePath([
        { role: 'coordinator', programme: P },
        { role: 'evaluator', programme: Q },
      ]),
    ).toBe('/dashboard');
    expect(homePath([{ role: 'funder', programme: P }])).toBe('/summaries');
    expect(homePath([{ role: 'admin', programme: '*' }])).toBe('/staff');
    expect(
      homePath([
        { role: 'admin', programme: '*' },
        { role: 'evaluator', programme: Q },
      ]),
    ).toBe('/dashboard');
    expect(homePath([])).toBe('/tokens');
  });

  it('holds several roles at once', () => {
    const grants: Grant[] = [
      { role: 'coordinator', programme: P },
      { role: 'evaluator', programme: Q },
    ];
    expect(programmesPermitting(grants, 'read-indicators', [P, Q])).toEqual([Q]);
    expect(programmesPermitting(grants, 'read-response-rates', [P, Q])).toEqual([P, Q]);
  });
});

describe('tokens', () => {
  const owner: Grant[] = [
    { role: 'evaluator', programme: P },
    { role: 'coordinator', programme: Q },
    { role: 'admin', programme: '*' },
    { role: 'funder', programme: P },
  ];

  it('carry the read roles of the programmes asked for, never admin or funder', () => {
    expect(tokenGrantsFor(owner, [])).toEqual({
      grants: [
        { role: 'evaluator', programme: P },
        { role: 'coordinator', programme: Q },
      ],
      refused: [],
    });
    expect(tokenGrantsFor(owner, [Q])).toEqual({ grants: [{ role: 'coordinator', programme: Q }], refused: [] });
    expect(tokenGrantsFor(owner, ['migrant-voices-heard']).refused).toEqual(['migrant-voices-heard']);
  });

  it('narrow a grant on * to the programme asked for', () => {
    expect(tokenGrantsFor([{ role: 'evaluator', programme: '*' }], [P]).grants).toEqual([
      { role: 'evaluator', programme: P },
    ]);
  });

  it('lose a grant as soon as the owner loses it', () => {
    const token: Grant[] = [
      { role: 'evaluator', programme: P },
      { role: 'coordinator', programme: Q },
    ];
    expect(effectiveTokenGrants(token, [{ role: 'evaluator', programme: P }])).toEqual([
      { role: 'evaluator', programme: P },
    ]);
    expect(effectiveTokenGrants(token, [{ role: 'evaluator', programme: '*' }])).toEqual([
      { role: 'evaluator', programme: P },
    ]);
    expect(effectiveTokenGrants(token, [])).toEqual([]);
  });
});

describe('sessions', () => {
  const start = new Date('2026-12-03T09:00:00Z');
  const session = {
    staffId: 'st-000000000000',
    email: 'a@example.org',
    createdAt: start.toISOString(),
    lastSeenAt: start.toISOString(),
    expiresAt: new Date(start.getTime() + SESSION_ABSOLUTE_SECONDS * 1000).toISOString(),
  };
  const at = (seconds: number): Date => new Date(start.getTime() + seconds * 1000);

  it('end after the idle time without a request', () => {
    expect(sessionHolds(session, at(SESSION_IDLE_SECONDS - 1))).toBe(true);
    expect(sessionHolds(session, at(SESSION_IDLE_SECONDS))).toBe(false);
  });

  it('end at the absolute expiry however active', () => {
    const active = { ...session, lastSeenAt: at(SESSION_ABSOLUTE_SECONDS - 10).toISOString() };
    expect(sessionHolds(active, at(SESSION_ABSOLUTE_SECONDS - 1))).toBe(true);
    expect(sessionHolds(active, at(SESSION_ABSOLUTE_SECONDS))).toBe(false);
  });
});
