/**
 * GET /staff: the admins' staff page. POST /staff (`action` = add | grant | revoke | remove): the
 * change through the staff use cases (checked, made at the identity provider and in the table,
 * audited), then back to the page with a line saying it is done; or, for a form that cannot be
 * acted on, the page again with the problem named at its field (400) and nothing written.
 */
import middy from '@middy/core';
import { StaffChangeError, StaffInputError, type StaffInputProblem } from '#core/errors.ts';
import type { IdentityDirectory } from '#ports/staff.ts';
import { BadRequestError } from '#shared/errors.ts';
import { formField, formFieldList } from '#shared/form-fields.ts';
import { parseForm, type HttpEvent, type HttpResult } from '#shared/http.ts';
import { staffErrors } from '#shared/staff-errors.ts';
import { refuseCrossSitePosts } from '#shared/same-origin.ts';
import { requirePermission, staffSession, type StaffContext, type StaffSessionDeps } from '#shared/staff-session.ts';
import {
  addStaff,
  checkEmail,
  checkNewMember,
  grant,
  grantNamed,
  grantsFor,
  removeStaff,
  revoke,
  type ManageStaffDeps,
} from '#use-cases/manage-staff.ts';
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
    .use(staffErrors())
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
      const action = formField(fields, 'action');
      const form: FormInput = {
        email: formField(fields, 'email'),
        role: formField(fields, 'role'),
        programmes: formFieldList(fields, 'programme'),
      };
      const actor = { id: admin.id, email: admin.email };
      // The use cases check what the forms ask for; a refusal comes back as the form with its problems.
      try {
        switch (action) {
          case 'add': {
            const { member, password } = await addStaff(deps, actor, checkNewMember(deps.catalog, form));
            // Cognito emails the invitation; the local provider's password is shown here, once.
            if (password === undefined) return seeOther('/staff?done=invited');
            return renderMemberAdded(frame, member.email, password);
          }
          case 'grant':
            await grant(deps, actor, form.email, grantsFor(deps.catalog, form.role, form.programmes));
            return seeOther('/staff?done=granted');
          case 'revoke':
            // A revoke button names one grant the member held when the page was made.
            await revoke(deps, actor, form.email, [grantNamed(form.role, form.programmes[0] ?? '')]);
            return seeOther('/staff?done=revoked');
          case 'remove':
            if (formField(fields, 'confirm') !== 'yes') return confirmRemoval(deps, frame, form.email);
            await removeStaff(deps, actor, form.email);
            return seeOther('/staff?done=removed');
          default:
            throw new BadRequestError('action must be add, grant, revoke or remove');
        }
      } catch (error) {
        const refused = refusalOf(error, action, form);
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

type Problem = RefusedStaffForm['problems'][number];
type PageField = NonNullable<Problem['field']>;

/** The fields each form has, where its problems are shown; any other is shown for the form as a whole. */
const FORM_FIELDS: Readonly<Record<RefusedStaffForm['form'], readonly PageField[]>> = {
  add: ['email', 'role', 'programmes'],
  grant: ['role', 'programmes'],
  other: [],
};

/** The removal's confirmation, for a member there is. */
async function confirmRemoval(
  deps: Pick<StaffAdminDeps, 'staff'>,
  frame: StaffFrame,
  email: string,
): Promise<HttpResult> {
  const member = await deps.staff.findByEmail(checkEmail(email));
  if (member === undefined) throw new StaffChangeError('unknown', email);
  return renderRemoveConfirmation(frame, member.email);
}

/** The form refused, with its problems, for an error that says what is wrong with it; undefined for any other. */
function refusalOf(error: unknown, action: string, input: FormInput): RefusedStaffForm | undefined {
  const form = action === 'add' || action === 'grant' ? action : 'other';
  let found: Problem[];
  if (error instanceof StaffInputError) found = error.fieldProblems.map(inputProblem);
  // An email already a member's, or an account's at the provider, is the add form's email field's problem.
  else if (error instanceof StaffChangeError) found = [{ field: 'email', problem: changeProblem(error.reason) }];
  else return undefined;
  const problems: Problem[] = [];
  for (const { field, problem } of found) {
    const shown = field !== undefined && FORM_FIELDS[form].includes(field) ? { field, problem } : { problem };
    if (!problems.some((other) => other.field === shown.field && other.problem === shown.problem)) problems.push(shown);
  }
  return { form, ...input, problems };
}

/** A problem of what a form asked for, at the page's field for it (a grant not held: the form's). */
function inputProblem({ field, reason }: StaffInputProblem): Problem {
  const at = field === 'programme' ? 'programmes' : field === 'grant' ? undefined : field;
  return { field: at, problem: inputProblemKey(reason) };
}

/** Each reason's words; a reason added without them fails to compile. */
function inputProblemKey(reason: StaffInputProblem['reason']): StaffStringKey {
  switch (reason) {
    case 'not-an-email':
      return 'problem.email';
    case 'unknown-role':
      return 'problem.role';
    case 'no-programme':
      return 'problem.programmes';
    case 'admin-programme':
      return 'problem.adminProgrammes';
    case 'unknown-programme':
      return 'problem.unknownProgramme';
    case 'not-held':
      return 'problem.notHeld';
  }
}

/** Each reason's words; a reason added without them fails to compile. */
function changeProblem(reason: StaffChangeError['reason']): StaffStringKey {
  switch (reason) {
    case 'exists':
      return 'problem.exists';
    case 'account-exists':
      return 'problem.accountExists';
    case 'unknown':
      return 'problem.unknownMember';
    case 'last-admin':
      return 'problem.lastAdmin';
  }
}
