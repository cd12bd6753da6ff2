/**
 * Staff and their grants, as admins change them from the staff pages or the command line: each
 * change is checked, made at the identity provider and in the table, and written to the audit
 * log. Roles are kept by prepost (per programme), not by the identity provider, which only
 * proves who someone is.
 */
import { randomBytes } from 'node:crypto';
import { ALL_PROGRAMMES, Role, type Actor, type Grant, type StaffMember } from '#core/access.ts';
import { InvalidInputError, StaffChangeError } from '#core/errors.ts';
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
  const trimmed = email.trim().toLowerCase();
  if (!EMAIL.test(trimmed) || trimmed.length > 254)
    throw new InvalidInputError([`email: "${email}" is not an email address`]);
  return trimmed;
}

/**
 * Grants for a role on programmes: admin on every programme (`*`), the others on each programme
 * named, which must exist; at least one for them.
 */
export function grantsFor(catalog: Catalog, role: string, programmes: readonly string[]): Grant[] {
  const parsed = Role.safeParse(role);
  if (!parsed.success) throw new InvalidInputError([`role: "${role}" is not one of ${Role.options.join(', ')}`]);
  if (parsed.data === 'admin') {
    if (programmes.length > 0)
      throw new InvalidInputError(['programme: the admin role is for every programme; name none']);
    return [{ role: 'admin', programme: ALL_PROGRAMMES }];
  }
  if (programmes.length === 0)
    throw new InvalidInputError([`programme: a ${parsed.data} needs at least one programme`]);
  const unknown = programmes.filter((programme) => programme !== ALL_PROGRAMMES && !catalog.programmes.has(programme));
  const known = [...catalog.programmes.keys()].join(', ');
  if (unknown.length > 0)
    throw new InvalidInputError(
      unknown.map((programme) => `programme: unknown programme ${programme}; known: ${known}`),
    );
  return [...new Set(programmes)].map((programme) => ({ role: parsed.data, programme }));
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
    // Undone, so nothing is left half made and the same command can simply be run again; should
    // the undo fail too, the provider's failure is still the one to report.
    await deps.staff.remove(email).catch(() => false);
    throw error;
  }
  await recordChange(deps, actor, { action: 'staff-added', detail: `${email} ${describeGrants(member.grants)}` });
  return { member, password: account.password };
}

/**
 * Removes a member and their account; their sessions and tokens stop working on the next request.
 * Returns the member as they were.
 */
export async function removeStaff(
  deps: ManageStaffDeps & { readonly directory: IdentityDirectory },
  actor: Actor,
  emailInput: string,
): Promise<StaffMember> {
  const email = checkEmail(emailInput);
  const member = await deps.staff.findByEmail(email);
  if (member === undefined) throw new StaffChangeError('unknown', email);
  await refuseLosingLastAdmin(deps, member, []);
  // The account first: should the second step fail, the member is still listed and removing them
  // again finishes the job (a missing account is nothing to do).
  await deps.directory.deleteAccount(email);
  await deps.staff.remove(email);
  await recordChange(deps, actor, { action: 'staff-removed', detail: email });
  return member;
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
  const member = await existing(deps, emailInput);
  const added = grants.filter((wanted) => !member.grants.some((held) => sameGrant(held, wanted)));
  const next = mergeGrants(member.grants, added);
  if (added.length === 0) return member;
  if (!(await deps.staff.setGrants(member.email, next))) throw new StaffChangeError('unknown', member.email);
  for (const one of added)
    await recordChange(deps, actor, {
      action: 'grant-added',
      programme: programmeOf(one),
      detail: `${member.email} ${one.role}`,
    });
  return { ...member, grants: next };
}

/**
 * Takes grants from a member; the last admin keeps theirs. A grant the member does not hold is
 * refused (naming it) and nothing is changed: a typo must not pass for a revocation.
 */
export async function revoke(
  deps: ManageStaffDeps,
  actor: Actor,
  emailInput: string,
  grants: readonly Grant[],
): Promise<StaffMember> {
  const member = await existing(deps, emailInput);
  const notHeld = grants.filter((wanted) => !member.grants.some((held) => sameGrant(held, wanted)));
  if (notHeld.length > 0)
    throw new InvalidInputError(
      notHeld.map(
        (missing) =>
          `grant: ${member.email} does not hold ${missing.role}:${missing.programme} ` +
          `(holds ${describeGrants(member.grants) || 'nothing'})`,
      ),
    );
  const next = member.grants.filter((held) => !grants.some((taken) => sameGrant(held, taken)));
  await refuseLosingLastAdmin(deps, member, next);
  if (!(await deps.staff.setGrants(member.email, next))) throw new StaffChangeError('unknown', member.email);
  for (const taken of grants)
    await recordChange(deps, actor, {
      action: 'grant-revoked',
      programme: programmeOf(taken),
      detail: `${member.email} ${taken.role}`,
    });
  return { ...member, grants: next };
}

/** The grants in a few words: `evaluator:justrom3-mentoring, admin:*`. */
export function describeGrants(grants: readonly Grant[]): string {
  return grants.map((g) => `${g.role}:${g.programme}`).join(', ');
}

async function existing(deps: ManageStaffDeps, emailInput: string): Promise<StaffMember> {
  const email = checkEmail(emailInput);
  const member = await deps.staff.findByEmail(email);
  if (member === undefined) throw new StaffChangeError('unknown', email);
  return member;
}

/** A deployment always keeps an admin: otherwise nobody could manage staff without the table's credentials. */
async function refuseLosingLastAdmin(
  deps: ManageStaffDeps,
  member: StaffMember,
  remaining: readonly Grant[],
): Promise<void> {
  const isAdmin = (grants: readonly Grant[]): boolean => grants.some((g) => g.role === 'admin');
  if (!isAdmin(member.grants) || isAdmin(remaining)) return;
  const admins = (await deps.staff.list()).filter((other) => isAdmin(other.grants));
  if (admins.length <= 1) throw new StaffChangeError('last-admin', member.email);
}

function sameGrant(a: Grant, b: Grant): boolean {
  return a.role === b.role && a.programme === b.programme;
}

function mergeGrants(held: readonly Grant[], added: readonly Grant[]): Grant[] {
  const merged = [...held];
  for (const grant of added) if (!merged.some((g) => sameGrant(g, grant))) merged.push(grant);
  return merged;
}

function programmeOf(grant: Grant): string | undefined {
  return grant.programme === ALL_PROGRAMMES ? undefined : grant.programme;
}
