/**
 * Every staff route and API route, for every role, with and without the programme's grant, and
 * without a session or token: 200 (or the route's success), 403 or 401, as the table of roles
 * says (functions/core/access.ts). A route added to lib/routes.ts without a row here fails the
 * test, so no staff route goes unchecked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Grant, Role } from '#core/access.ts';
import { routes } from '#lib/routes.ts';
import { startTestStack } from '../support/stack.ts';
import { addMember, sessionFor } from '../support/staff.ts';
import { createApiToken } from '#use-cases/api-tokens.ts';

let stack: Awaited<ReturnType<typeof startTestStack>>;

/** The programme every request asks about, and another one. */
const P = 'justrom3-mentoring';
/** The member admins change in the POST /staff row. */
const TARGET = 'target@example.org';
const OTHER = 'migrant-voices-heard';
/** A seed cohort of P. */
const COHORT = 'iasi-2020';

/** Who asks: a role on P, the same role on another programme only, or nobody. */
type Caller = `${Role}:granted` | `${Role}:other` | 'none';
const ROLES: readonly Role[] = ['admin', 'coordinator', 'evaluator', 'funder'];
const CALLERS: readonly Caller[] = [
  ...ROLES.flatMap((role) => [`${role}:granted`, `${role}:other`] as Caller[]),
  'none',
];

/** What a request should get: a status. */
type Outcome = number;

interface Check {
  readonly route: string;
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly body?: Record<string, string>;
  /** Who gets through; everyone else signed in gets 403, nobody signed in 401. */
  readonly allowed: (caller: Caller) => boolean;
  /** The status of those who get through (200 unless said). */
  readonly success?: number | ((caller: Caller) => number);
}

const everyone = (caller: Caller): boolean => caller !== 'none';
/** The admin role is not per programme: `admin:other` is a member who holds no role at all. */
const admins = (caller: Caller): boolean => caller === 'admin:granted';
const on =
  (...roles: Role[]) =>
  (caller: Caller): boolean =>
    roles.some((role) => caller === `${role}:granted`);

/** Staff-session routes: the cookie of a signed-in member. */
const pageChecks: readonly Check[] = [
  { route: 'GET /dashboard', method: 'GET', path: '/dashboard', allowed: everyone },
  { route: 'GET /dashboard', method: 'GET', path: `/dashboard?programme=${P}`, allowed: on('evaluator') },
  { route: 'GET /dashboard/csv', method: 'GET', path: `/dashboard/csv?programme=${P}`, allowed: on('evaluator') },
  {
    route: 'GET /dashboard/csv',
    method: 'GET',
    path: `/dashboard/csv?programme=${P}&table=response-rates`,
    allowed: on('evaluator', 'coordinator'),
  },
  { route: 'GET /summaries', method: 'GET', path: '/summaries', allowed: everyone },
  // A preview of P's summary: its evaluators only (not its funders, who could difference one look against the next).
  {
    route: 'POST /summaries/preview',
    method: 'POST',
    path: '/summaries/preview',
    body: { programme: P, period: '2026-11' },
    allowed: on('evaluator'),
  },
  { route: 'GET /staff', method: 'GET', path: '/staff', allowed: admins },
  // A grant to a member who holds it already: done, back to the list (303); everyone else is refused first.
  {
    route: 'POST /staff',
    method: 'POST',
    path: '/staff',
    body: { action: 'grant', email: TARGET, role: 'evaluator', programme: P },
    allowed: admins,
    success: 303,
  },
  { route: 'GET /staff/audit', method: 'GET', path: '/staff/audit', allowed: admins },
  { route: 'GET /tokens', method: 'GET', path: '/tokens', allowed: everyone },
  // Revoking a token id nobody has: refused as not theirs (400) once signed in.
  // A token for P: shown once (200) to whoever reads P; refused with the reason (400) to the others.
  {
    route: 'POST /tokens',
    method: 'POST',
    path: '/tokens',
    body: { action: 'create', days: '30', label: 'BI', programme: P },
    allowed: everyone,
    success: (caller) => (caller === 'evaluator:granted' || caller === 'coordinator:granted' ? 200 : 400),
  },
  { route: 'GET /summaries', method: 'GET', path: `/summaries?programme=${P}`, allowed: on('funder', 'evaluator') },
  // The console: its first page lists the programmes a coordinator runs, whichever they are.
  { route: 'GET /console', method: 'GET', path: '/console', allowed: (caller) => caller.startsWith('coordinator:') },
  { route: 'GET /console/{programme}', method: 'GET', path: `/console/${P}`, allowed: on('coordinator') },
  // A funder saved again as it is: done, back to the page (303).
  {
    route: 'POST /console/{programme}',
    method: 'POST',
    path: `/console/${P}`,
    body: { action: 'add-funder', name: 'Funder', email: 'funder-role-test@example.org', language: 'ro' },
    allowed: on('coordinator'),
    success: 303,
  },
  {
    route: 'GET /console/{programme}/{cohort}',
    method: 'GET',
    path: `/console/${P}/${COHORT}`,
    allowed: on('coordinator'),
  },
  // Reopening an open cohort: done, back to the page (303).
  {
    route: 'POST /console/{programme}/{cohort}',
    method: 'POST',
    path: `/console/${P}/${COHORT}`,
    body: { action: 'reopen' },
    allowed: on('coordinator'),
    success: 303,
  },
];

/** API routes: a personal API token of a member (admins and funders cannot have one). */
const apiChecks: readonly Check[] = [
  { route: 'GET /api/impact', method: 'GET', path: `/api/impact?programme=${P}`, allowed: on('evaluator') },
  {
    route: 'GET /api/impact',
    method: 'GET',
    path: `/api/impact?programme=${P}&table=response-rates`,
    allowed: on('evaluator', 'coordinator'),
  },
];

const grantsOf = (caller: Caller): Grant[] => {
  if (caller === 'none') return [];
  const [role, which] = caller.split(':') as [Role, 'granted' | 'other'];
  if (role === 'admin') return which === 'granted' ? [{ role, programme: '*' }] : [];
  return [{ role, programme: which === 'granted' ? P : OTHER }];
};

const cookies = new Map<Caller, string>();
const tokens = new Map<Caller, string>();

beforeAll(async () => {
  stack = await startTestStack();
  await addMember(stack.deps, [{ role: 'evaluator', programme: P }], TARGET);
  for (const caller of CALLERS) {
    if (caller === 'none') continue;
    const member = await addMember(stack.deps, grantsOf(caller));
    cookies.set(caller, await sessionFor(stack.deps, member));
    if (caller.startsWith('evaluator') || caller.startsWith('coordinator'))
      tokens.set(
        caller,
        (await createApiToken(stack.deps, { id: 'test' }, { ownerEmail: member.email, programmes: [] })).token,
      );
  }
});

afterAll(async () => {
  await stack.stop();
});

async function request(check: Check, headers: Record<string, string>): Promise<number> {
  const response = await fetch(`${stack.url}${check.path}`, {
    method: check.method,
    redirect: 'manual',
    headers: {
      ...headers,
      ...(check.method === 'POST'
        ? { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin', origin: stack.url }
        : {}),
    },
    ...(check.body === undefined ? {} : { body: new URLSearchParams(check.body).toString() }),
  });
  await response.arrayBuffer();
  return response.status;
}

function expected(check: Check, caller: Caller): Outcome {
  if (caller === 'none') return 401;
  if (!check.allowed(caller)) return 403;
  return typeof check.success === 'function' ? check.success(caller) : (check.success ?? 200);
}

const outcome = (status: number): Outcome => status;

describe('every staff route and API route', () => {
  it('has rows in this test', () => {
    const checked = new Set([...pageChecks, ...apiChecks].map((check) => check.route));
    const guarded = routes.filter((route) => route.access === 'staff-session' || route.access === 'api-token');
    expect(guarded.map((route) => `${route.method} ${route.path}`).filter((key) => !checked.has(key))).toEqual([]);
  });

  for (const check of pageChecks)
    it(`${check.method} ${check.path}: each role with and without the grant, and nobody`, async () => {
      const got: Record<string, Outcome | number> = {};
      const want: Record<string, Outcome> = {};
      for (const caller of CALLERS) {
        const cookie = cookies.get(caller);
        got[caller] = outcome(await request(check, cookie === undefined ? {} : { cookie }));
        want[caller] = expected(check, caller);
      }
      expect(got).toEqual(want);
    });

  for (const check of apiChecks)
    it(`${check.method} ${check.path} with each role's token, with and without the grant, and none`, async () => {
      const got: Record<string, Outcome | number> = {};
      const want: Record<string, Outcome> = {};
      for (const caller of [...tokens.keys(), 'none' as const]) {
        const token = tokens.get(caller);
        got[caller] = outcome(await request(check, token === undefined ? {} : { authorization: `Bearer ${token}` }));
        want[caller] = expected(check, caller);
      }
      expect(got).toEqual(want);
    });

  it('the API refuses a session cookie: it takes personal API tokens only', async () => {
    const cookie = cookies.get('evaluator:granted') ?? '';
    expect(await request(apiChecks[0] as Check, { cookie })).toBe(401);
  });
});
