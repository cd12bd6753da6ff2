/**
 * GET /tokens: a signed-in member's personal API tokens (an admin's: everyone's) and the form to
 * make one. POST /tokens `action=create`: a token for programmes the member reads (an admin may
 * name another staff member in `owner`: then programmes that member reads), shown once on the page
 * that answers (never stored, never redirected to); `action=revoke&id=`: revokes one of theirs (an
 * admin: anyone's), then back to the list. A form that cannot be acted on comes back with the
 * problem the use case found named at its field (400) and nothing written.
 */
import middy from '@middy/core';
import { TOKEN_MAX_DAYS, permits, tokenGrantsFor, type StaffMember } from '#core/access.ts';
import { ApiTokenError, InvalidInputError, StaffChangeError, UnknownProgrammeError } from '#core/errors.ts';
import { BadRequestError, UnauthorisedError } from '#shared/errors.ts';
import { formField, formFieldList } from '#shared/form-fields.ts';
import { parseForm, type HttpEvent, type HttpResult } from '#shared/http.ts';
import { staffErrors } from '#shared/staff-errors.ts';
import { refuseCrossSitePosts, siteOrigin } from '#shared/same-origin.ts';
import { staffSession, type StaffContext, type StaffSessionDeps } from '#shared/staff-session.ts';
import {
  DEFAULT_TOKEN_DAYS,
  createApiToken,
  revokeApiToken,
  tokenStatus,
  type ApiTokenDeps,
} from '#use-cases/api-tokens.ts';
import { renderApiTokens, renderTokenCreated, type RefusedTokenForm } from '#web/api-tokens-page.ts';
import { programmeChoices } from '#web/staff-forms.ts';
import { seeOther, staffFrameOf, type StaffFrame } from '#web/staff-frame.ts';
import type { Catalog } from '#surveys/catalog.ts';

/** The ports the tokens page needs: the tokens and the audit log, the session, the catalogue's names. */
export interface ApiTokensDeps extends ApiTokenDeps, StaffSessionDeps {
  readonly catalog: Catalog;
}

/** Builds the handler around its ports. */
export function makeApiTokensHandler(
  deps: ApiTokensDeps,
): middy.MiddyfiedHandler<HttpEvent, HttpResult, Error, StaffContext> {
  return middy<HttpEvent, HttpResult, Error, StaffContext>()
    .use(staffErrors())
    .use(refuseCrossSitePosts())
    .use(staffSession(deps))
    .handler(async (event, context) => {
      // Every member may hold tokens: the session is the only requirement.
      const member = context.staff?.member;
      if (member === undefined) throw new UnauthorisedError('no session');
      const frame = staffFrameOf(event, member);
      if (event.requestContext.http.method === 'GET')
        return listPage(deps, frame, member, { revoked: event.queryStringParameters?.done === 'revoked' });
      const fields = parseForm(event);
      const actor = { id: member.id, email: member.email };
      switch (formField(fields, 'action')) {
        case 'create': {
          const form = {
            // Only an admin's form names an owner; anyone else's token is their own, whatever is posted.
            owner: permits(member.grants, 'manage-staff') ? formField(fields, 'owner').trim() : '',
            label: formField(fields, 'label'),
            days: formField(fields, 'days'),
            programmes: formFieldList(fields, 'programme'),
          };
          const forOther = form.owner !== '';
          // The form asks for programmes by name; the use case would read none as all of the owner's.
          if (form.programmes.length === 0)
            return listPage(deps, frame, member, { refused: { ...form, problems: [programmesProblem(forOther)] } });
          try {
            const created = await createApiToken(deps, actor, {
              ownerEmail: forOther ? form.owner : member.email,
              programmes: form.programmes,
              // What is not a whole number of days ('', '2.5', 'ten') the use case refuses, as it does 0 or 91.
              days: Number(form.days),
              label: form.label,
            });
            return renderTokenCreated(frame, deps.catalog, created, siteOrigin(event));
          } catch (error) {
            const problem = createProblem(error, forOther);
            if (problem === undefined) throw error;
            return listPage(deps, frame, member, { refused: { ...form, problems: [problem] } });
          }
        }
        case 'revoke':
          try {
            await revokeApiToken(
              deps,
              { ...actor, mayRevokeAny: permits(member.grants, 'manage-staff') },
              formField(fields, 'id'),
            );
          } catch (error) {
            if (!(error instanceof ApiTokenError)) throw error;
            const refused = {
              owner: '',
              label: '',
              days: '',
              programmes: [],
              problems: [{ problem: 'problem.unknownToken' }],
            } as const;
            return listPage(deps, frame, member, { refused });
          }
          return seeOther('/tokens?done=revoked');
        default:
          throw new BadRequestError('action must be create or revoke');
      }
    });
}

/** The programmes of the catalogue the member may make a token for (those they read as evaluator or coordinator). */
function readableProgrammes(catalog: Catalog, member: StaffMember): string[] {
  return [...catalog.programmes.keys()].filter(
    (programme) => tokenGrantsFor(member.grants, [programme]).refused.length === 0,
  );
}

type TokenFormProblem = RefusedTokenForm['problems'][number];

/** The programmes problem, in the words of whose programmes they are. */
function programmesProblem(forOther: boolean): TokenFormProblem {
  return { field: 'programmes', problem: forOther ? 'problem.ownerProgrammes' : 'problem.tokenProgrammes' };
}

/** Where the use case's refusal of a create form is shown, and what it says; undefined when it is no refusal. */
function createProblem(error: unknown, forOther: boolean): TokenFormProblem | undefined {
  if (error instanceof ApiTokenError)
    return error.field === 'days' ? { field: 'days', problem: 'problem.days' } : programmesProblem(forOther);
  // A programme posted that the catalogue does not have: not one of those offered.
  if (error instanceof UnknownProgrammeError) return programmesProblem(forOther);
  // The owner's email (an admin's form): not an email, or nobody's on the staff.
  if (error instanceof InvalidInputError) return { field: 'owner', problem: 'problem.email' };
  if (error instanceof StaffChangeError) return { field: 'owner', problem: 'problem.unknownMember' };
  return undefined;
}

/** The list and the form, with a refused form or the line saying a token was revoked. */
async function listPage(
  deps: ApiTokensDeps,
  frame: StaffFrame,
  member: StaffMember,
  state: { readonly revoked?: boolean; readonly refused?: RefusedTokenForm },
): Promise<HttpResult> {
  const everyone = permits(member.grants, 'manage-staff');
  const now = deps.clock.now();
  const tokens = (await deps.apiTokens.list())
    .filter((token) => everyone || token.ownerId === member.id)
    .map((token) => ({ token, status: tokenStatus(token, now) }));
  // An admin makes tokens for others too: every programme is offered, checked against the owner's on creation.
  const readable = new Set(everyone ? deps.catalog.programmes.keys() : readableProgrammes(deps.catalog, member));
  return renderApiTokens(frame, deps.catalog, {
    tokens,
    everyone,
    readable: programmeChoices(deps.catalog, frame.language).filter((choice) => readable.has(choice.id)),
    defaultDays: DEFAULT_TOKEN_DAYS,
    maxDays: TOKEN_MAX_DAYS,
    ...state,
  });
}
