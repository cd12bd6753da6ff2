/**
 * Staff and their grants, as admins change them from the staff pages or the command line: each
 * change is checked, made at the identity provider and in the table, and written to the audit
 * log. Roles are kept by prepost (per programme), not by the identity provider, which only
 * proves who someone is.
 */
import { randomBytes } from 'node:crypto';
import { ALL_PROGRAMMES, Role, type Actor, type Grant, type StaffMember } from '#core/access.ts';
import { StaffChangeError, StaffInputError, type StaffInputProblem } from '#core/errors.ts';
import type { AuditLog, IdentityDirectory, StaffStore } from '#ports/staff.ts';
import type { Clock } from '#ports/store.ts';
import type { Catalog } from '#surveys/catalog.ts';
import { recordChange } from './audit-trail.ts';

/** Where {@link Actor} was first defined; it lives in core now, beside the audit event it fills. */
export type { Actor } from '#core/access.ts';

export interface ManageStaffDeps {
  readonly staff: StaffStore;
  readonly audit: AuditLog;
  readonly clock: Clock;
  readonly catalog: Catalog;
}

/** What an email must look like: one @, a dot in the domain, no spaces; at most 254 characters (RFC 5321). */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The email, lower-cased, or an error naming the field. */
export function checkEmail(email: string): string {
  return orRefuse(checkedEmail(email));
}

/**
 * Grants for a role on programmes: admin on every programme (`*`), the others on each programme
 * named, which must exist; at least one for them.
 */
export function grantsFor(catalog: Catalog, role: string, programmes: readonly string[]): Grant[] {
  return orRefuse(checkedGrants(catalog, role, programmes));
}

/**
 * The email and grants of a member to add, as {@link checkEmail} and {@link grantsFor} check them,
 * or every problem of both at once: a form names each at its field.
 */
export function checkNewMember(
  catalog: Catalog,
  request: { readonly email: string; readonly role: string; readonly programmes: readonly string[] },
): { readonly email: string; readonly grants: Grant[] } {
  const email = checkedEmail(request.email);
  const grants = checkedGrants(catalog, request.role, request.programmes);
  const both =
    email.value === undefined || grants.value === undefined ? undefined : { email: email.value, grants: grants.value };
  return orRefuse({ value: both, problems: [...email.problems, ...grants.problems] });
}

/**
 * The one grant a revocation names. Its programme is not looked up: a grant on a programme since
 * removed from the catalogue can still be taken; whether it is held is checked against the member.
 */
export function grantNamed(role: string, programme: string): Grant {
  const parsed = checkedRole(role);
  return orRefuse({
    value: parsed.value === undefined ? undefined : { role: parsed.value, programme },
    problems: parsed.problems,
  });
}

/** Adds a staff member with grants and creates their account; returns how they get in. */
export async function addStaff(
  deps: ManageStaffDeps & { readonly directory: IdentityDirectory },
  actor: Actor,
  request: { readonly email: string; readonly grants: readonly Grant[] },
): Promise<{ readonly member: StaffMember; readonly password?: string | undefined }> {
  const email = checkEmail(request.email);
  const member: StaffMember = {
    id: `st-${randomBytes(6).toString('hex')}`,
    email,
    grants: mergeGrants([], request.grants),
    createdAt: deps.clock.now().toISOString(),
  };
  // The member first: an account without a member signs in to a 403, a member without an account
  // cannot sign in at all. The conditional add is also what refuses an email twice.
  if (!(await deps.staff.add(member))) throw new StaffChangeError('exists', email);
  let account: Awaited<ReturnType<IdentityDirectory['createAccount']>>;
  try {
    account = await deps.directory.createAccount(email);
  } catch (error) {
    // Undone, so nothing is left half made and the same command can simply be run again: even a
    // deployment's first admin, who never could sign in. Should the undo fail too, the provider's
    // failure is still the one to report.
    await deps.staff.remove(email, { evenTheLastAdmin: true }).catch(() => undefined);
    throw error;
  }
  await recordChange(deps, actor, { action: 'staff-added', detail: `${email} ${describeGrants(member.grants)}` });
  return { member, password: account.password };
}

/**
 * Removes a member and their account; their sessions and tokens stop working on the next request.
 * The last admin is not removed. Returns the member as they were.
 */
export async function removeStaff(
  deps: ManageStaffDeps & { readonly directory: IdentityDirectory },
  actor: Actor,
  emailInput: string,
): Promise<StaffMember> {
  const email = checkEmail(emailInput);
  // The member first, as the store's count of admins decides (two admins removing each other at
  // once: one is refused), then their account, so that a removal refused keeps its account: were
  // the account deleted first, a removal then refused as the last admin's would leave that admin
  // with no way in. Should deleting the account fail, the member is gone all the same (the account
  // signs in to no member: 403); the removal is recorded, as it was made, and the failure reported.
  const removal = await deps.staff.remove(email);
  if (removal.outcome !== 'removed') throw new StaffChangeError(removal.outcome, email);
  const accountDeletion = await deps.directory.deleteAccount(removal.member.email).then(
    () => undefined,
    (error: unknown) => ({ error }),
  );
  await recordChange(deps, actor, { action: 'staff-removed', detail: email });
  if (accountDeletion !== undefined) throw accountDeletion.error;
  return removal.member;
}

/**
 * Adds grants to a member. Those already held are left as they are and not recorded again, so the
 * audit log lists what changed.
 */
export async function grant(
  deps: ManageStaffDeps,
  actor: Actor,
  emailInput: string,
  grants: readonly Grant[],
): Promise<StaffMember> {
  return changeGrants(deps, actor, emailInput, (member) => mergeGrants(member.grants, grants));
}

/**
 * Takes grants from a member; the last admin keeps theirs. A grant the member does not hold is
 * refused (naming it) and nothing is changed: a typo must not pass for a revocation, nor a page
 * out of date (another admin revoked it meanwhile) for one just made.
 */
export async function revoke(
  deps: ManageStaffDeps,
  actor: Actor,
  emailInput: string,
  grants: readonly Grant[],
): Promise<StaffMember> {
  return changeGrants(deps, actor, emailInput, (member) => {
    const notHeld = grants.filter((wanted) => !holds(member.grants, wanted));
    if (notHeld.length > 0)
      throw new StaffInputError(
        notHeld.map((missing) => ({
          field: 'grant',
          reason: 'not-held',
          message:
            `${member.email} does not hold ${missing.role}:${missing.programme} ` +
            `(holds ${describeGrants(member.grants) || 'nothing'})`,
        })),
      );
    return member.grants.filter((held) => !holds(grants, held));
  });
}

/** The grants in a few words: `evaluator:justrom3-mentoring, admin:*`. */
export function describeGrants(grants: readonly Grant[]): string {
  return grants.map((g) => `${g.role}:${g.programme}`).join(', ');
}

/**
 * Gives a member the grants `change` makes of those they hold, and records each grant given and
 * each taken. The store asks `change` again of the member as they are should another change land
 * first, so neither is lost.
 */
async function changeGrants(
  deps: ManageStaffDeps,
  actor: Actor,
  emailInput: string,
  change: (member: StaffMember) => readonly Grant[],
): Promise<StaffMember> {
  const email = checkEmail(emailInput);
  const changed = await deps.staff.changeGrants(email, change);
  if (changed.outcome === 'unknown' || changed.outcome === 'last-admin')
    throw new StaffChangeError(changed.outcome, email);
  const { before, after } = changed;
  const recorded = [
    { action: 'grant-added', grants: after.grants.filter((one) => !holds(before.grants, one)) },
    { action: 'grant-revoked', grants: before.grants.filter((one) => !holds(after.grants, one)) },
  ] as const;
  for (const { action, grants } of recorded)
    for (const one of grants)
      await recordChange(deps, actor, { action, programme: programmeOf(one), detail: `${after.email} ${one.role}` });
  return after;
}

/** A value, or the problems that kept it from being made. */
interface Checked<T> {
  readonly value: T | undefined;
  readonly problems: readonly StaffInputProblem[];
}

function orRefuse<T>(checked: Checked<T>): T {
  if (checked.value === undefined || checked.problems.length > 0) throw new StaffInputError(checked.problems);
  return checked.value;
}

function refused(problem: StaffInputProblem): Checked<never> {
  return { value: undefined, problems: [problem] };
}

function checkedEmail(email: string): Checked<string> {
  const trimmed = email.trim().toLowerCase();
  if (!EMAIL.test(trimmed) || trimmed.length > 254)
    return refused({ field: 'email', reason: 'not-an-email', message: `"${email}" is not an email address` });
  return { value: trimmed, problems: [] };
}

function checkedRole(role: string): Checked<Role> {
  const parsed = Role.safeParse(role);
  if (parsed.success) return { value: parsed.data, problems: [] };
  return refused({
    field: 'role',
    reason: 'unknown-role',
    message: `"${role}" is not one of ${Role.options.join(', ')}`,
  });
}

function checkedGrants(catalog: Catalog, roleInput: string, programmes: readonly string[]): Checked<Grant[]> {
  const { value: role, problems } = checkedRole(roleInput);
  if (role === undefined) return { value: undefined, problems };
  if (role === 'admin') {
    if (programmes.length > 0)
      return refused({
        field: 'programme',
        reason: 'admin-programme',
        message: 'the admin role is for every programme; name none',
      });
    return { value: [{ role: 'admin', programme: ALL_PROGRAMMES }], problems: [] };
  }
  if (programmes.length === 0)
    return refused({ field: 'programme', reason: 'no-programme', message: `a ${role} needs at least one programme` });
  const known = [...catalog.programmes.keys()].join(', ');
  const unknown = programmes.filter((programme) => programme !== ALL_PROGRAMMES && !catalog.programmes.has(programme));
  if (unknown.length > 0)
    return {
      value: undefined,
      problems: unknown.map((programme) => ({
        field: 'programme',
        reason: 'unknown-programme',
        message: `unknown programme ${programme}; known: ${known}`,
      })),
    };
  return { value: [...new Set(programmes)].map((programme) => ({ role, programme })), problems: [] };
}

function holds(grants: readonly Grant[], grant: Grant): boolean {
  return grants.some((held) => held.role === grant.role && held.programme === grant.programme);
}

function mergeGrants(held: readonly Grant[], added: readonly Grant[]): Grant[] {
  const merged = [...held];
  for (const grant of added) if (!holds(merged, grant)) merged.push(grant);
  return merged;
}

function programmeOf(grant: Grant): string | undefined {
  return grant.programme === ALL_PROGRAMMES ? undefined : grant.programme;
}
