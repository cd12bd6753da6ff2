/**
 * GET /tokens: a signed-in member's personal API tokens (an admin's: everyone's) and the form to
 * make one. POST /tokens `action=create`: a token for programmes the member reads, shown once on
 * the page that answers (never stored, never redirected to); `action=revoke&id=`: revokes one of
 * theirs (an admin: anyone's), then back to the list. A form that cannot be acted on comes back
 * with the problem named at its field (400) and nothing written.
 */
import middy from '@middy/core';
import { TOKEN_MAX_DAYS, permits, tokenGrantsFor, type StaffMember } from '#core/access.ts';
import { ApiTokenError } from '#core/errors.ts';
import { BadRequestError, UnauthorisedError } from '#shared/errors.ts';
import { formField, formFieldList } from '#shared/form-fields.ts';
import { parseForm, type HttpEvent, type HttpResult } from '#shared/http.ts';
import { httpErrors } from '#shared/http-errors.ts';
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
    .use(httpErrors('dashboard'))
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
            label: formField(fields, 'label'),
            days: formField(fields, 'days'),
            programmes: formFieldList(fields, 'programme'),
          };
          const problems = formProblems(deps.catalog, member, form);
          if (problems.length > 0) return listPage(deps, frame, member, { refused: { ...form, problems } });
          try {
            const created = await createApiToken(deps, actor, {
              ownerEmail: member.email,
              programmes: form.programmes,
              days: Number(form.days),
              label: form.label,
            });
            return renderTokenCreated(frame, deps.catalog, created, siteOrigin(event));
          } catch (error) {
            // Grants taken from the member between the page and the post.
            if (!(error instanceof ApiTokenError)) throw error;
            const refused = {
              ...form,
              problems: [{ field: 'programmes', problem: 'problem.tokenProgrammes' }],
            } as const;
            return listPage(deps, frame, member, { refused });
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

/** What is wrong with a create form, by field: whole days within the limit, and programmes the member reads. */
function formProblems(
  catalog: Catalog,
  member: StaffMember,
  form: { readonly days: string; readonly programmes: readonly string[] },
): RefusedTokenForm['problems'][number][] {
  const problems: RefusedTokenForm['problems'][number][] = [];
  const days = /^\d{1,3}$/.test(form.days) ? Number(form.days) : Number.NaN;
  if (!(days >= 1 && days <= TOKEN_MAX_DAYS)) problems.push({ field: 'days', problem: 'problem.days' });
  const readable = readableProgrammes(catalog, member);
  if (form.programmes.length === 0 || form.programmes.some((programme) => !readable.includes(programme)))
    problems.push({ field: 'programmes', problem: 'problem.tokenProgrammes' });
  return problems;
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
  const readable = new Set(readableProgrammes(deps.catalog, member));
  return renderApiTokens(frame, deps.catalog, {
    tokens,
    everyone,
    readable: programmeChoices(deps.catalog, frame.language).filter((choice) => readable.has(choice.id)),
    defaultDays: DEFAULT_TOKEN_DAYS,
    maxDays: TOKEN_MAX_DAYS,
    ...state,
  });
}
