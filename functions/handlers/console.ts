/**
 * The coordinators' console. GET /console: the programmes the member coordinates. GET
 * /console/{programme}: its cohorts at a glance, the cohort form, the funders; POST there
 * (`action` = create-cohort | add-funder | remove-funder). GET /console/{programme}/{cohort}: who
 * has answered, batches, windows, status; POST there (`action` = change | close-wave | reopen-wave
 * | close | reopen | add-participants | download).
 *
 * Path parameters, as the survey links have (`/s/{code}`): each page is a thing with an address,
 * the route table and API Gateway match them alike, and the programme the permission is checked
 * on is the one in the address, so no field of a form can name another. Every route needs a
 * session and `manage-cohorts` on that programme; every POST comes from this site.
 *
 * A change goes through its use case (checked, written, audited) and back to its page with a line
 * saying it is done; a form that cannot be acted on comes back with what was typed and each problem
 * at its field (400), nothing written. New links are shown once, on the page answering the form:
 * their files are made when that page posts the batch back, sealed (`shared/sealed-batch.ts`), so
 * no code is stored, put in an address or logged.
 */
import middy from '@middy/core';
import { programmesPermitting, type Actor } from '#core/access.ts';
import { findProgramme } from '#core/catalog-lookup.ts';
import { CohortClosedError, CohortInputError, RetentionTooShortError } from '#core/errors.ts';
import { Language } from '#surveys/schema.ts';
import { waveIdsOf } from '#surveys/cohort-rules.ts';
import { BadRequestError, ForbiddenError, PayloadTooLargeError, UnauthorisedError } from '#shared/errors.ts';
import { formField } from '#shared/form-fields.ts';
import { MAX_BODY_BYTES, header, parseForm, readBody, type HttpEvent, type HttpResult } from '#shared/http.ts';
import { logger } from '#shared/logger.ts';
import { refuseCrossSitePosts, siteOrigin } from '#shared/same-origin.ts';
import { checkSeal, packLinks, sealOf, unpackLinks } from '#shared/sealed-batch.ts';
import { staffErrors } from '#shared/staff-errors.ts';
import { requirePermission, staffSession, type StaffContext, type StaffSessionDeps } from '#shared/staff-session.ts';
import { readCohortProgress, readProgrammeProgress, type ProgressDeps } from '#use-cases/cohort-progress.ts';
import { createLinks, type CreateLinksDeps } from '#use-cases/create-links.ts';
import {
  addCohort,
  addFunder,
  changeCohort,
  removeFunder,
  setCohortStatus,
  setWaveClosed,
  type ManageCohortsDeps,
} from '#use-cases/manage-cohorts.ts';
import { loadCohort, loadProgramme, loadProgrammes } from '#use-cases/programmes.ts';
import { BATCH_FILES, batchFileResult, renderBatchMade } from '#web/console-page-batch.ts';
import { renderConsoleCohort } from '#web/console-page-cohort.ts';
import {
  CONSOLE_DONE,
  CONSOLE_FORMS,
  consoleProblems,
  isComparison,
  type ConsoleDone,
  type RefusedConsoleForm,
} from '#web/console-page-parts.ts';
import { cohortPath, programmePath, renderConsoleHome, renderConsoleProgramme } from '#web/console-page.ts';
import { newFormToken } from '#shared/codes.ts';
import { seeOther, staffFrameOf, staffMessageResult, type StaffFrame } from '#web/staff-frame.ts';

/** The ports the console needs: cohorts, participants and the audit log, the session, the link key. */
export interface ConsoleDeps extends ManageCohortsDeps, ProgressDeps, CreateLinksDeps, StaffSessionDeps {}

/** A batch posted back carries its links: 500 participants of a ten-wave programme are some 150 KB. */
const MAX_FORM_BYTES = 1024 * 1024;

/** How long an add form's one-use token is kept once used: a day covers any reload of the page. */
const FORM_TOKEN_SECONDS = 86_400;

/** A request in the console, once its programme's permission is checked. */
interface ConsoleRequest {
  readonly event: HttpEvent;
  readonly frame: StaffFrame;
  readonly actor: Actor;
  readonly programme: string;
}

type Values = Readonly<Record<string, string>>;

/** Builds the handler around its ports. */
export function makeConsoleHandler(
  deps: ConsoleDeps,
): middy.MiddyfiedHandler<HttpEvent, HttpResult, Error, StaffContext> {
  return middy<HttpEvent, HttpResult, Error, StaffContext>()
    .use(staffErrors())
    .use(refuseCrossSitePosts())
    .use(staffSession(deps))
    .handler(async (event, context) => {
      const { programme, cohort } = event.pathParameters ?? {};
      if (programme === undefined) return home(deps, event, context);
      const member = requirePermission(context, 'manage-cohorts', programme);
      const request = {
        event,
        frame: staffFrameOf(event, member),
        actor: { id: member.id, email: member.email },
        programme,
      };
      if (event.requestContext.http.method === 'GET')
        return cohort === undefined ? programmePage(deps, request) : cohortPage(deps, request, cohort);
      const fields = parseForm(event, MAX_FORM_BYTES);
      const values: Values = Object.fromEntries(Object.keys(fields).map((name) => [name, formField(fields, name)]));
      // Only a batch posted back for its files is large; every other form keeps the usual limit.
      if (values.action !== 'download' && readBody(event, MAX_FORM_BYTES).length > MAX_BODY_BYTES)
        throw new PayloadTooLargeError('form too large');
      return cohort === undefined
        ? programmeChange(deps, request, values)
        : cohortChange(deps, request, cohort, values);
    });
}

/** GET /console: the programmes the member coordinates (none: not a coordinator, 403). */
async function home(deps: ConsoleDeps, event: HttpEvent, context: StaffContext): Promise<HttpResult> {
  const member = context.staff?.member;
  if (member === undefined) throw new UnauthorisedError('no session');
  const ids = programmesPermitting(member.grants, 'manage-cohorts', [...deps.catalog.programmes.keys()]);
  if (ids.length === 0) throw new ForbiddenError('manage-cohorts not granted');
  return renderConsoleHome(staffFrameOf(event, member), await loadProgrammes(deps, ids));
}

async function programmePage(
  deps: ConsoleDeps,
  request: ConsoleRequest,
  refused?: RefusedConsoleForm,
): Promise<HttpResult> {
  const cohorts = await readProgrammeProgress(deps, request.programme);
  const programme = cohorts[0]?.programme ?? (await loadProgramme(deps, request.programme));
  return renderConsoleProgramme(request.frame, programme, cohorts, { done: doneOf(request.event), refused });
}

async function cohortPage(
  deps: ConsoleDeps,
  request: ConsoleRequest,
  cohort: string,
  refused?: RefusedConsoleForm,
): Promise<HttpResult> {
  const progress = await readCohortProgress(deps, request.programme, cohort);
  const now = deps.clock.now().toISOString();
  return renderConsoleCohort(request.frame, progress.programme, progress, {
    today: now.slice(0, 10),
    month: now.slice(0, 7),
    addToken: newFormToken(),
    done: doneOf(request.event),
    refused,
  });
}

/** POST /console/{programme}. */
async function programmeChange(deps: ConsoleDeps, request: ConsoleRequest, values: Values): Promise<HttpResult> {
  const { actor, programme } = request;
  const back = (done: ConsoleDone, at = ''): HttpResult =>
    seeOther(`${programmePath({ id: programme })}?done=${done}${at}`);
  const action = values.action ?? '';
  try {
    switch (action) {
      case 'create-cohort': {
        const cohort = await addCohort(deps, actor, programme, {
          ...cohortInput(deps, programme, values),
          comparison: isComparison(values),
          id: values.cohort ?? '',
          attributes: Object.fromEntries(
            Object.entries(values)
              .filter(([name, value]) => name.startsWith('attributes.') && value !== '')
              .map(([name, value]) => [name.slice('attributes.'.length), value]),
          ),
        });
        return seeOther(`${cohortPath({ id: programme }, cohort)}?done=created`);
      }
      case 'add-funder':
        await addFunder(deps, actor, programme, {
          name: values.name ?? '',
          email: values.email ?? '',
          language: values.language || undefined,
        });
        return back('funderAdded', '#funders');
      case 'remove-funder':
        await removeFunder(deps, actor, programme, values.email ?? '');
        return back('funderRemoved', '#funders');
      default:
        throw new BadRequestError('action must be create-cohort, add-funder or remove-funder');
    }
  } catch (error) {
    const refused = refusalOf(action, values, error);
    if (refused === undefined) throw error;
    return programmePage(deps, request, refused);
  }
}

/** POST /console/{programme}/{cohort}. */
async function cohortChange(
  deps: ConsoleDeps,
  request: ConsoleRequest,
  cohort: string,
  values: Values,
): Promise<HttpResult> {
  const { actor, programme } = request;
  const back = (done: ConsoleDone): HttpResult =>
    seeOther(`${cohortPath({ id: programme }, { id: cohort })}?done=${done}`);
  const action = values.action ?? '';
  try {
    switch (action) {
      case 'change':
        // The whole form is sent: a site left empty is taken away, a comparison box unticked unmarks it.
        await changeCohort(deps, actor, programme, cohort, {
          ...cohortInput(deps, programme, values),
          site: values.site?.trim() || null,
          comparison: isComparison(values),
        });
        return back('changed');
      case 'close-wave':
      case 'reopen-wave': {
        const closing = action === 'close-wave';
        await setWaveClosed(deps, actor, programme, cohort, values.wave ?? '', closing);
        return back(closing ? 'waveClosed' : 'waveReopened');
      }
      case 'close':
      case 'reopen':
        await setCohortStatus(deps, actor, programme, cohort, action === 'close' ? 'closed' : 'open');
        return back(action === 'close' ? 'closed' : 'reopened');
      case 'add-participants':
        return await addParticipants(deps, request, cohort, values);
      case 'download':
        return await download(deps, request, cohort, values);
      default:
        throw new BadRequestError('unknown action');
    }
  } catch (error) {
    const refused = refusalOf(action, values, error);
    if (refused === undefined) throw error;
    return cohortPage(deps, request, cohort, refused);
  }
}

/** Makes the batch and answers with its page: the links packed and sealed for the downloads. */
async function addParticipants(
  deps: ConsoleDeps,
  request: ConsoleRequest,
  cohort: string,
  values: Values,
): Promise<HttpResult> {
  const { programme } = request;
  // Each add form carries a one-use token, claimed with a conditional write: the same form sent
  // twice (a reload of this POST, a second tap while the first runs) makes one batch, not two whose
  // first one's codes nobody sees.
  const expiresAt = Math.floor(deps.clock.now().getTime() / 1000) + FORM_TOKEN_SECONDS;
  if (!(await deps.cohorts.claimFormToken(programme, values.once ?? '', expiresAt)))
    return cohortPage(deps, request, cohort, {
      form: 'add-participants',
      values,
      problems: [{ problem: 'problem.batchRepeated' }],
    });
  const count = Number(values.count ?? '');
  const batch = await createLinks(deps, request.actor, programme, cohort, count, {
    language: values.language || undefined,
  });
  const waves = waveIdsOf(batch.programme);
  const sealed = {
    programme,
    cohort,
    waves,
    language: batch.language,
    issuedAt: deps.clock.now().toISOString(),
    links: packLinks(batch.links, waves),
  };
  const seal = sealOf(await deps.linkKey(), sealed);
  return renderBatchMade(request.frame, batch.programme, batch.cohort, count, { ...sealed, seal });
}

/** One file of a batch posted back: its seal checked (timing-safe), then the file as an attachment. */
async function download(
  deps: ConsoleDeps,
  request: ConsoleRequest,
  cohort: string,
  values: Values,
): Promise<HttpResult> {
  const { event, frame, programme } = request;
  const file = BATCH_FILES.find((candidate) => candidate === values.file);
  const language = Language.safeParse(values.language);
  if (file === undefined || !language.success) throw new BadRequestError('file and language must be given');
  const waves = waveIdsOf(findProgramme(deps.catalog, programme));
  const sealed = {
    programme,
    cohort,
    waves,
    language: language.data,
    issuedAt: values.issued ?? '',
    links: values.links ?? '',
  };
  const check = checkSeal(await deps.linkKey(), sealed, values.seal ?? '', deps.clock.now());
  const links = check === 'valid' ? unpackLinks(sealed.links, waves) : undefined;
  if (links === undefined) {
    // Which check failed, never what was posted: the links are codes.
    logger.info('batch download refused', { route: event.routeKey, seal: check });
    return check === 'expired'
      ? staffMessageResult(410, frame, 'console.expiredTitle', 'console.expired')
      : staffMessageResult(400, frame, 'error.badRequestTitle', 'console.sealRefused');
  }
  const found = await loadCohort(deps, programme, cohort);
  const base = siteOrigin(event);
  const handout = {
    programme: found.programme,
    cohortName: found.cohort.name,
    language: language.data,
    links: links.map((link) => ({ ...link, url: `${base}/s/${link.code}` })),
  };
  return batchFileResult(file, handout, found.cohort, sealed.issuedAt, header(event, 'accept-encoding'));
}

/** A cohort's name, site and every wave's window, as the cohort forms post them (blank: not given). */
function cohortInput(
  deps: ConsoleDeps,
  programme: string,
  values: Values,
): { name: string; site: string | undefined; windows: Record<string, { opens?: string; closes?: string }> } {
  const given = (name: string): string | undefined => values[name] || undefined;
  const windows = waveIdsOf(findProgramme(deps.catalog, programme)).map((wave) => {
    const [opens, closes] = [given(`windows.${wave}.opens`), given(`windows.${wave}.closes`)];
    return [wave, { ...(opens === undefined ? {} : { opens }), ...(closes === undefined ? {} : { closes }) }];
  });
  return { name: values.name ?? '', site: given('site'), windows: Object.fromEntries(windows) };
}

/** The form refused, with its problems, for an error that says what is wrong with it; undefined for any other. */
function refusalOf(action: string, values: Values, error: unknown): RefusedConsoleForm | undefined {
  const form = CONSOLE_FORMS.find((candidate) => candidate === action);
  if (form === undefined) return undefined;
  if (error instanceof CohortInputError)
    return { form, values, problems: consoleProblems(form, values, error.fieldProblems) };
  if (error instanceof CohortClosedError) return { form, values, problems: [{ problem: 'problem.cohortClosed' }] };
  if (error instanceof RetentionTooShortError) return { form, values, problems: [{ problem: 'problem.retention' }] };
  return undefined;
}

/** The change a page was returned to after, if its address says one. */
function doneOf(event: HttpEvent): ConsoleDone | undefined {
  return CONSOLE_DONE.find((done) => done === event.queryStringParameters?.done);
}
