/**
 * GET /staff: the admins' staff page. POST /staff (`action` = add | grant | revoke | remove): the
 * change through the staff use cases (checked, made at the identity provider and in the table,
 * audited), then back to the page with a line saying it is done; or, for a form that cannot be
 * acted on, the page again with the problem named at its field (400) and nothing written.
 */
import middy from '@middy/core';
import { ALL_PROGRAMMES, Role, type Grant, type StaffMember } from '#core/access.ts';
import { InvalidInputError, StaffChangeError } from '#core/errors.ts';
import type { IdentityDirectory } from '#ports/staff.ts';
import { BadRequestError } from '#shared/errors.ts';
import { formField, formFieldList } from '#shared/form-fields.ts';
import { parseForm, type HttpEvent, type HttpResult } from '#shared/http.ts';
import { httpErrors } from '#shared/http-errors.ts';
import { refuseCrossSitePosts } from '#shared/same-origin.ts';
import { requirePermission, staffSession, type StaffContext, type StaffSessionDeps } from '#shared/staff-session.ts';
import { addStaff, checkEmail, grant, removeStaff, revoke, type ManageStaffDeps } from '#use-cases/manage-staff.ts';
import {
  renderMemberAdded,
  renderRemoveConfirmation,
  renderStaffAdmin,
  type RefusedStaffForm,
  type StaffDone,
} from '#web/staff-admin-page.ts';
import { seeOther, staffFrameOf, type StaffFrame } from '#web/staff-frame.ts';
import type { StaffStringKey } from '#web/staff-strings.ts';

/** The ports the staff page needs: the staff and audit stores, the session, the accounts' directory. */
export interface StaffAdminDeps extends ManageStaffDeps, StaffSessionDeps {
  /** Where accounts are made and deleted: Cognito's user pool in AWS, the local provider's file locally. */
  readonly directory: IdentityDirectory;
}

const DONE: readonly StaffDone[] = ['invited', 'granted', 'revoked', 'removed'];

/** Builds the handler around its ports. */
export function makeStaffAdminHandler(
  deps: StaffAdminDeps,
): middy.MiddyfiedHandler<HttpEvent, HttpResult, Error, StaffContext> {
  return middy<HttpEvent, HttpResult, Error, StaffContext>()
    .use(httpErrors('dashboard'))
    .use(refuseCrossSitePosts())
    .use(staffSession(deps))
    .handler(async (event, context) => {
      const admin = requirePermission(context, 'manage-staff');
      const frame = staffFrameOf(event, admin);
      if (event.requestContext.http.method === 'GET') {
        const done = DONE.find((candidate) => candidate === event.queryStringParameters?.done);
        return renderStaffAdmin(frame, deps.catalog, await deps.staff.list(), { done });
      }
      const fields = parseForm(event);
      const form: FormInput = {
        email: formField(fields, 'email'),
        role: formField(fields, 'role'),
        programmes: formFieldList(fields, 'programme'),
      };
      const actor = { id: admin.id, email: admin.email };
      try {
        switch (formField(fields, 'action')) {
          case 'add': {
            const grants = checkedGrants(deps, 'add', form, true);
            const { password } = await addStaff(deps, actor, { email: form.email, grants });
            // Cognito emails the invitation; the local provider's password is shown here, once.
            if (password === undefined) return seeOther('/staff?done=invited');
            return renderMemberAdded(frame, checkEmail(form.email), password);
          }
          case 'grant':
            await grant(deps, actor, form.email, checkedGrants(deps, 'grant', form, false));
            return seeOther('/staff?done=granted');
          case 'revoke': {
            const role = Role.safeParse(form.role);
            const programme = form.programmes[0];
            if (!role.success || programme === undefined)
              throw new BadRequestError('revoke needs a role and a programme');
            const taken = { role: role.data, programme };
            // A grant already gone (the page was stale, the button pressed twice): nothing to do or audit.
            const member = isEmail(form.email) ? await deps.staff.findByEmail(form.email) : undefined;
            if (member === undefined) throw new StaffChangeError('unknown', form.email);
            if (member.grants.some((held) => held.role === taken.role && held.programme === taken.programme))
              await revoke(deps, actor, member.email, [taken]);
            return seeOther('/staff?done=revoked');
          }
          case 'remove':
            if (formField(fields, 'confirm') !== 'yes') return confirmRemoval(deps, frame, form.email);
            await removeStaff(deps, actor, form.email);
            return seeOther('/staff?done=removed');
          default:
            throw new BadRequestError('action must be add, grant, revoke or remove');
        }
      } catch (error) {
        const refused = refusalOf(error, formField(fields, 'action'), form);
        if (refused === undefined) throw error;
        return renderStaffAdmin(frame, deps.catalog, await deps.staff.list(), { refused });
      }
    });
}

interface FormInput {
  readonly email: string;
  readonly role: string;
  readonly programmes: readonly string[];
}

/** A form refused for what it says, with the problems found; nothing has been written. */
class RefusedFormError extends Error {
  constructor(readonly refused: RefusedStaffForm) {
    super('refused form');
  }
}

/**
 * The grants a form asks for, or the problems it has, each named by its field: an email (on the
 * add form), a role, and for every role but admin at least one programme of the catalogue.
 */
function checkedGrants(
  deps: Pick<StaffAdminDeps, 'catalog'>,
  form: 'add' | 'grant',
  input: FormInput,
  checkTheEmail: boolean,
): Grant[] {
  const problems: RefusedStaffForm['problems'][number][] = [];
  if (checkTheEmail && !isEmail(input.email)) problems.push({ field: 'email', problem: 'problem.email' });
  const role = Role.safeParse(input.role);
  if (!role.success) problems.push({ field: 'role', problem: 'problem.role' });
  // An admin holds every programme: programmes ticked with the role say nothing more.
  const programmes = role.success && role.data === 'admin' ? [] : input.programmes;
  if (role.success && role.data !== 'admin' && programmes.length === 0)
    problems.push({ field: 'programmes', problem: 'problem.programmes' });
  if (programmes.some((programme) => programme !== ALL_PROGRAMMES && !deps.catalog.programmes.has(programme)))
    problems.push({ field: 'programmes', problem: 'problem.unknownProgramme' });
  if (problems.length > 0 || !role.success) throw new RefusedFormError({ form, ...input, problems });
  return role.data === 'admin'
    ? [{ role: 'admin', programme: ALL_PROGRAMMES }]
    : programmes.map((programme) => ({ role: role.data, programme }));
}

function isEmail(email: string): boolean {
  try {
    checkEmail(email);
    return true;
  } catch (error) {
    if (error instanceof InvalidInputError) return false;
    throw error;
  }
}

/** The removal's confirmation, for a member there is. */
async function confirmRemoval(
  deps: Pick<StaffAdminDeps, 'staff'>,
  frame: StaffFrame,
  email: string,
): Promise<HttpResult> {
  const member: StaffMember | undefined = isEmail(email) ? await deps.staff.findByEmail(email) : undefined;
  if (member === undefined) throw new StaffChangeError('unknown', email);
  return renderRemoveConfirmation(frame, member.email);
}

/** A refused form for an error that says what is wrong with the form; undefined for any other error. */
function refusalOf(error: unknown, action: string, input: FormInput): RefusedStaffForm | undefined {
  if (error instanceof RefusedFormError) return error.refused;
  if (!(error instanceof StaffChangeError)) return undefined;
  const problem: StaffStringKey =
    error.reason === 'exists'
      ? 'problem.exists'
      : error.reason === 'unknown'
        ? 'problem.unknownMember'
        : 'problem.lastAdmin';
  // On the add form an email that is already a member's is the email field's problem.
  if (action === 'add') return { form: 'add', ...input, problems: [{ field: 'email', problem }] };
  return { form: 'other', ...input, problems: [{ problem }] };
}
