/**
 * Who may do what: staff roles held per programme, and the permissions each role carries. The
 * one table every staff route, the API authorizer and the staff commands consult, so a role means
 * the same thing everywhere. Pure: the caller brings the staff member's current grants.
 *
 * | role        | may                                                                  |
 * |-------------|----------------------------------------------------------------------|
 * | admin       | manage staff and their grants, read the audit log (no indicators)    |
 * | coordinator | cohorts, links, response rates of the programme (never indicators)    |
 * | evaluator   | indicators, charts, CSV, export of pseudonymous responses; response rates; published summaries |
 * | funder      | the programme's published summaries                                   |
 */
import * as z from 'zod/mini';

/** A staff role. A person can hold several, each for some programmes. */
export const Role = z.enum(['admin', 'coordinator', 'evaluator', 'funder']);
export type Role = z.infer<typeof Role>;

/** Every programme: what admins hold (the admin role is not tied to a programme). */
export const ALL_PROGRAMMES = '*';

/** One role for one programme (or {@link ALL_PROGRAMMES}). */
export const Grant = z.readonly(z.object({ role: Role, programme: z.string() }));
export type Grant = z.infer<typeof Grant>;

/** A staff member as prepost knows them: the account at the identity provider is matched by email. */
export const StaffMember = z.readonly(
  z.object({
    /** Stable pseudonymous id (`st-` + 12), what the audit log records. */
    id: z.string(),
    /** Lower-cased; the identity provider's verified email claim finds the member. */
    email: z.string(),
    grants: z.readonly(z.array(Grant)),
    createdAt: z.string(),
  }),
);
export type StaffMember = z.infer<typeof StaffMember>;

/** What a request or command may want to do. */
export type Permission =
  | 'read-indicators'
  | 'export-responses'
  | 'read-response-rates'
  | 'create-links'
  | 'manage-cohorts'
  | 'read-summaries'
  | 'manage-staff'
  | 'read-audit';

/** Permissions tied to no programme. */
const GLOBAL: ReadonlySet<Permission> = new Set(['manage-staff', 'read-audit']);

/** Each role's permissions: the table in this module's comment. */
const ROLE_PERMITS: Readonly<Record<Role, readonly Permission[]>> = {
  admin: ['manage-staff', 'read-audit'],
  coordinator: ['read-response-rates', 'create-links', 'manage-cohorts'],
  // Published summaries too: a subset of the indicators they read, and what they sign must match what funders got.
  evaluator: ['read-indicators', 'export-responses', 'read-response-rates', 'read-summaries'],
  funder: ['read-summaries'],
};

/** Roles an API token may carry: the API only reads, and it serves indicators and response rates. */
export const TOKEN_ROLES: readonly Role[] = ['evaluator', 'coordinator'];

/** Longest life of an API token, in days (as GitHub's fine-grained tokens, a bounded exposure). */
export const TOKEN_MAX_DAYS = 90;

/**
 * Whether the grants permit the permission: on the programme, or for the global permissions of
 * admins, anywhere. A grant on {@link ALL_PROGRAMMES} covers every programme.
 */
export function permits(grants: readonly Grant[], permission: Permission, programme?: string): boolean {
  return grants.some(
    (grant) =>
      ROLE_PERMITS[grant.role].includes(permission) &&
      (GLOBAL.has(permission) ||
        (programme !== undefined && (grant.programme === ALL_PROGRAMMES || grant.programme === programme))),
  );
}

/** The programmes (of those given) on which the grants permit the permission, in the order given. */
export function programmesPermitting(
  grants: readonly Grant[],
  permission: Permission,
  programmes: readonly string[],
): string[] {
  return programmes.filter((programme) => permits(grants, permission, programme));
}

/**
 * The first page a member's grants open: where a sign-in that named no page lands, so that a
 * funder starts at the summaries and an admin at the staff list rather than at an empty dashboard.
 */
export function homePath(grants: readonly Grant[]): string {
  const any = (permission: Permission): boolean =>
    grants.some((grant) => ROLE_PERMITS[grant.role].includes(permission));
  if (any('read-indicators')) return '/dashboard';
  if (any('manage-cohorts')) return '/console';
  if (any('read-summaries')) return '/summaries';
  if (any('manage-staff')) return '/staff';
  return '/tokens';
}

/**
 * The grants a token still carries: those it was made with that its owner still holds, so taking a
 * grant from a person takes it from their tokens at once.
 */
export function effectiveTokenGrants(tokenGrants: readonly Grant[], ownerGrants: readonly Grant[]): Grant[] {
  return tokenGrants.filter((grant) =>
    ownerGrants.some(
      (held) => held.role === grant.role && (held.programme === ALL_PROGRAMMES || held.programme === grant.programme),
    ),
  );
}

/**
 * The grants a new token gets: the owner's read roles, limited to the programmes asked for (all of
 * the owner's when none is named). Undefined when a programme asked for is not one the owner reads.
 */
export function tokenGrantsFor(
  ownerGrants: readonly Grant[],
  programmes: readonly string[],
): { readonly grants: Grant[]; readonly refused: string[] } {
  const readable = ownerGrants.filter((grant) => TOKEN_ROLES.includes(grant.role));
  if (programmes.length === 0) return { grants: readable, refused: [] };
  const grants: Grant[] = [];
  const refused: string[] = [];
  for (const programme of programmes) {
    const roles = readable.filter((grant) => grant.programme === ALL_PROGRAMMES || grant.programme === programme);
    if (roles.length === 0) refused.push(programme);
    for (const grant of roles)
      if (!grants.some((g) => g.role === grant.role && g.programme === programme))
        grants.push({ role: grant.role, programme });
  }
  return { grants, refused };
}

/** Audit log actions: what staff did, and what was done to data. */
export const AuditAction = z.enum([
  'sign-in',
  'sign-in-failed',
  'sign-out',
  'token-created',
  'token-revoked',
  'staff-added',
  'staff-removed',
  'grant-added',
  'grant-revoked',
  'links-created',
  'cohort-created',
  'cohort-changed',
  'funder-added',
  'funder-removed',
  'export',
  'erasure',
  'import',
  'summary-sent',
]);
export type AuditAction = z.infer<typeof AuditAction>;

/**
 * Who did something, as the audit log records them: a staff member (their `st-` id and email), a
 * command run with the table's credentials (`cli:<user>`), {@link PARTICIPANT_ACTOR} or
 * {@link SYSTEM_ACTOR}. Every use case that changes or hands over data takes one, so every caller
 * (a staff page, a command, a schedule, a participant's link) is recorded alike.
 */
export interface Actor {
  readonly id: string;
  /** A staff member's email, kept in the entry so the log still reads after they leave. */
  readonly email?: string | undefined;
}

/** The schedules (aggregation, funder summaries): no person acted. */
export const SYSTEM_ACTOR: Actor = { id: 'system' };

/** A participant acting through their own link (a withdrawal): never their id, which would be a trace of them. */
export const PARTICIPANT_ACTOR: Actor = { id: 'participant' };

/**
 * One audit log entry. The actor is a staff id (`st-…`), `cli:<user>` for a command run with the
 * table's credentials, `participant` for a withdrawal (never the participant's id), or `system`
 * (the schedule); never a participant id.
 */
export const AuditEvent = z.readonly(
  z.object({
    at: z.string(),
    actor: z.string(),
    /** The actor's email when the actor is a staff member, so the log reads after they leave. */
    actorEmail: z.optional(z.string()),
    action: AuditAction,
    programme: z.optional(z.string()),
    /** A few words of what: the other account, the token id, a count; never answers or codes. */
    detail: z.optional(z.string()),
  }),
);
export type AuditEvent = z.infer<typeof AuditEvent>;

/** How long an audit entry is kept: two years, the span a funder's or a regulator's audit looks back over. */
export const AUDIT_RETENTION_DAYS = 730;

/** A personal API token as stored: its secret only as a hash. */
export const ApiToken = z.readonly(
  z.object({
    id: z.string(),
    ownerId: z.string(),
    ownerEmail: z.string(),
    label: z.string(),
    grants: z.readonly(z.array(Grant)),
    createdAt: z.string(),
    /** ISO time after which the token is refused. */
    expiresAt: z.string(),
    revokedAt: z.optional(z.string()),
    /**
     * Who made the token when it was not its owner (an admin, a command): shown to the owner, who
     * otherwise could not know that someone else has held their token's secret.
     */
    createdBy: z.optional(z.string()),
    /** SHA-256 of the secret part, base64url. */
    secretHash: z.string(),
  }),
);
export type ApiToken = z.infer<typeof ApiToken>;

/** A signed-in staff session as stored (its id only as a hash, the cookie carries the id). */
export const StaffSession = z.readonly(
  z.object({
    staffId: z.string(),
    email: z.string(),
    createdAt: z.string(),
    lastSeenAt: z.string(),
    /** ISO time the session ends whatever happens (absolute expiry). */
    expiresAt: z.string(),
  }),
);
export type StaffSession = z.infer<typeof StaffSession>;

/** A session ends after this long without a request. */
export const SESSION_IDLE_SECONDS = 30 * 60;
/** And after this long in any case: a working day. */
export const SESSION_ABSOLUTE_SECONDS = 10 * 60 * 60;
/** How long a sign-in may take between leaving for the identity provider and coming back. */
export const SIGN_IN_SECONDS = 10 * 60;

/** Whether a session still holds at `now`: within its absolute expiry and not idle too long. */
export function sessionHolds(session: StaffSession, now: Date): boolean {
  const time = now.getTime();
  return time < Date.parse(session.expiresAt) && time - Date.parse(session.lastSeenAt) < SESSION_IDLE_SECONDS * 1000;
}
