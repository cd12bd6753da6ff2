/**
 * The staff functions' table access is least privilege, both ways. In the template (the real
 * PipelineStack, synthesised without bundling): each staff function's role names the actions and
 * the partitions its code uses, and none of them can read or write a cohort, a link or a
 * programme's items; the session-activity UpdateItem can name `lastSeenAt` and nothing else, so it
 * cannot mint a session. At run time: the requests each function's use cases make (the very
 * adapters, on the embedded DynamoDB) are all ones its role allows, read as IAM reads them.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import type { CfnResource } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type PrepostApp } from '../../lib/app.ts';
import type { FunctionName } from '../../lib/stacks/pipeline-stack.ts';
import { shippedCatalog } from '../../surveys/index.ts';
import { SESSION_IDLE_SECONDS, type Grant, type StaffMember } from '#core/access.ts';
import { storesOn, type Deps } from '#adapters/deps.ts';
import { createDocumentClient } from '#adapters/dynamo-client.ts';
import { DynamoTable, ensureTable } from '#adapters/dynamo-table.ts';
import {
  API_TOKEN_PARTITION,
  STAFF_PARTITION,
  cohortKey,
  linkKey,
  scopeKey,
  sessionKey,
  signInKey,
} from '#adapters/table-design.ts';
import { startEmbeddedDynamo, type EmbeddedDynamo } from '#local/embedded-dynamodb.ts';
import { LocalDirectory } from '#local/local-directory.ts';
import type { OpenIdProvider } from '#ports/sign-in.ts';
import type { HttpEvent } from '#shared/http.ts';
import { findSignedIn, SESSION_COOKIE } from '#shared/staff-session.ts';
import { authenticateApiToken, createApiToken, revokeApiToken } from '#use-cases/api-tokens.ts';
import { addStaff, grant, removeStaff, revoke } from '#use-cases/manage-staff.ts';
import { finishSignIn, signOut, startSignIn } from '#use-cases/staff-sign-in.ts';
import { actionsOf, allows, attributesNamed, statementsOfRole, type ItemRequest, type Statement } from './iam.ts';
import { addMember, sessionFor } from '../support/staff.ts';

const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
  context: Record<string, unknown>;
};

/** The functions of staff access: the staff pages, the API authorizer, sign-in and sign-out. */
const staffFunctions = [
  'get-dashboard',
  'preview-summary',
  'get-summaries',
  'authorize-api',
  'staff-admin',
  'api-tokens',
  'audit-log',
  'sign-in',
  'sign-in-callback',
  'sign-out',
] as const satisfies readonly FunctionName[];
type StaffFunction = (typeof staffFunctions)[number];

/** The functions that keep a staff session: the staff pages' and sign-out's. */
const sessionKeepers = [
  'get-dashboard',
  'preview-summary',
  'get-summaries',
  'staff-admin',
  'api-tokens',
  'audit-log',
  'sign-out',
] as const satisfies readonly StaffFunction[];

/** The staff pages' session check (staffSession): lastSeenAt written back, an expired session ended. */
const sessionWrites = ['UpdateItem SESSION#* naming PK SK lastSeenAt', 'DeleteItem SESSION#*'];
const reads = (...partitions: string[]): string[] => [`GetItem ${partitions}`, `Query ${partitions}`];

/**
 * Each staff function's item access: action, then the partitions it is confined to (`*`: the whole
 * table), then the only attributes it may name, if confined to some. Read from the handlers' code
 * paths: the use cases and stores each calls, and the session check of the staff pages.
 */
const expectedItemAccess: Record<StaffFunction, readonly string[]> = {
  // Indicators, marks and participant counts of any cohort: reads the whole table, writes its session only.
  'get-dashboard': ['GetItem *', 'Query *', 'ConditionCheckItem *', ...sessionWrites],
  // The stored tables and publication record a summary is built from, as get-dashboard reads them; records nothing.
  'preview-summary': ['GetItem *', 'Query *', 'ConditionCheckItem *', ...sessionWrites],
  'get-summaries': [...reads('SESSION#*,STAFF'), ...sessionWrites],
  'authorize-api': reads('APITOKEN,STAFF'),
  'staff-admin': [
    ...reads('SESSION#*,STAFF'),
    ...sessionWrites,
    'PutItem STAFF',
    'UpdateItem STAFF',
    'DeleteItem STAFF',
    'PutItem AUDIT#*',
  ],
  'api-tokens': [
    ...reads('APITOKEN,SESSION#*,STAFF'),
    ...sessionWrites,
    'PutItem APITOKEN',
    'UpdateItem APITOKEN',
    'PutItem AUDIT#*',
  ],
  'audit-log': [...reads('AUDIT#*,SESSION#*,STAFF'), ...sessionWrites],
  'sign-in': ['PutItem SIGNIN#*'],
  'sign-in-callback': [...reads('STAFF'), 'DeleteItem SIGNIN#*', 'PutItem SESSION#*', 'PutItem AUDIT#*'],
  'sign-out': [...reads('SESSION#*,STAFF'), ...sessionWrites, 'PutItem AUDIT#*'],
};

/** Every action on an item or the table's items. */
const itemActions = [
  'GetItem',
  'BatchGetItem',
  'Query',
  'Scan',
  'ConditionCheckItem',
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'BatchWriteItem',
].map((action) => `dynamodb:${action}`);

/** Partitions of participants' data and its aggregates, built as the adapters build them. */
const participantPartitions = [cohortKey('dones-mentores', 'c1'), linkKey('h4sh').PK, scopeKey('dones-mentores', null)];

let built: PrepostApp;
let pipeline: Template;

beforeAll(() => {
  built = buildApp({
    programmes: shippedCatalog().programmes,
    // No bundling: templates do not depend on bundle contents (app.test.ts synthesises the bundles).
    appProps: { context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] } },
  });
  pipeline = Template.fromStack(built.pipelineStack);
}, 120_000);

function statementsOf(name: FunctionName): Statement[] {
  const role = built.pipelineStack.functions.get(name)?.role as unknown as { node: { defaultChild?: unknown } };
  if (role === undefined) throw new Error(`no role for ${name}`);
  const cfn = role.node.defaultChild as CfnResource;
  return statementsOfRole(pipeline, cfn.stack.getLogicalId(cfn));
}

/** A role's table access in the words of {@link expectedItemAccess}. */
function itemAccessOf(name: FunctionName): string[] {
  return statementsOf(name)
    .flatMap((statement) => {
      const partitions = statement.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys'];
      const attributes = statement.Condition?.['ForAllValues:StringEquals']?.['dynamodb:Attributes'];
      const scope = partitions === undefined ? '*' : [partitions].flat().sort().join(',');
      const naming = attributes === undefined ? '' : ` naming ${[attributes].flat().join(' ')}`;
      return actionsOf(statement)
        .filter((action) => action.startsWith('dynamodb:'))
        .map((action) => `${action.slice('dynamodb:'.length)} ${scope}${naming}`);
    })
    .sort();
}

describe('the staff functions in the template', () => {
  it('each may use exactly the items its code uses, and no more', () => {
    for (const name of staffFunctions) expect(itemAccessOf(name), name).toEqual([...expectedItemAccess[name]].sort());
  });

  it('none but get-dashboard and preview-summary holds a table action beyond partitions (no Scan, no batch)', () => {
    for (const name of staffFunctions.filter((n) => n !== 'get-dashboard' && n !== 'preview-summary'))
      for (const statement of statementsOf(name).filter((s) => actionsOf(s).some((a) => a.startsWith('dynamodb:')))) {
        expect(statement.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys'], name).toBeDefined();
        for (const action of actionsOf(statement))
          expect([
            'dynamodb:GetItem',
            'dynamodb:Query',
            'dynamodb:PutItem',
            'dynamodb:UpdateItem',
            'dynamodb:DeleteItem',
          ]).toContain(action);
      }
  });

  it('none can touch a cohort, a link or a programme: get-dashboard and preview-summary may only read them', () => {
    for (const name of staffFunctions)
      for (const partitionKey of participantPartitions)
        for (const action of itemActions) {
          const allowed = allows(statementsOf(name), { action, partitionKey, attributes: ['PK', 'SK'] });
          const dashboardRead =
            (name === 'get-dashboard' || name === 'preview-summary') &&
            ['GetItem', 'Query', 'ConditionCheckItem'].some((read) => action === `dynamodb:${read}`);
          expect(allowed, `${name} ${action} ${partitionKey}`).toBe(dashboardRead);
        }
  });

  it("the console is confined to programmes', cohorts' and links' partitions: no staff, token or sign-in item", () => {
    expect(itemAccessOf('console')).toEqual(
      [
        ...reads('COHORT#*,PROG#*,SESSION#*,STAFF'),
        ...sessionWrites,
        'PutItem PROG#*',
        'UpdateItem PROG#*',
        'DeleteItem PROG#*',
        'PutItem COHORT#*,LINK#*',
        'BatchWriteItem COHORT#*,LINK#*',
        'PutItem AUDIT#*',
      ].sort(),
    );
    // It ends an expired session (DeleteItem), as every staff page does; it can make none.
    for (const partitionKey of [STAFF_PARTITION, API_TOKEN_PARTITION, sessionKey('x').PK, signInKey('x').PK])
      for (const action of ['dynamodb:PutItem', 'dynamodb:BatchWriteItem'].concat(
        partitionKey === sessionKey('x').PK ? [] : ['dynamodb:DeleteItem'],
      ))
        expect(allows(statementsOf('console'), { action, partitionKey, attributes: ['PK', 'SK'] }), partitionKey).toBe(
          false,
        );
  });

  it('the session-activity UpdateItem names lastSeenAt alone and reads nothing back; DeleteItem is separate', () => {
    expect(staffFunctions.filter((name) => itemAccessOf(name).some((a) => a.startsWith('UpdateItem SESSION')))).toEqual(
      sessionKeepers,
    );
    for (const name of sessionKeepers) {
      const updates = statementsOf(name).filter((s) => actionsOf(s).includes('dynamodb:UpdateItem'));
      const session = updates.find((s) => JSON.stringify(s.Condition).includes('SESSION#'));
      expect(session, name).toEqual({
        Effect: 'Allow',
        Action: 'dynamodb:UpdateItem',
        Resource: expect.anything(),
        Condition: {
          'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['SESSION#*'] },
          'ForAllValues:StringEquals': { 'dynamodb:Attributes': ['PK', 'SK', 'lastSeenAt'] },
          StringEqualsIfExists: { 'dynamodb:ReturnValues': ['NONE', 'UPDATED_OLD', 'UPDATED_NEW'] },
        },
      });
      const deletes = statementsOf(name).filter((s) => actionsOf(s).includes('dynamodb:DeleteItem'));
      expect(
        deletes.find((s) => JSON.stringify(s.Condition).includes('SESSION#')),
        name,
      ).toMatchObject({
        Action: 'dynamodb:DeleteItem',
        Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['SESSION#*'] } },
      });
    }
  });

  it('a staff page cannot mint a session: an UpdateItem writing a member or an expiry is refused', () => {
    const statements = statementsOf('audit-log');
    const mint = (attributes: string[], returnValues?: string): ItemRequest => ({
      action: 'dynamodb:UpdateItem',
      partitionKey: sessionKey('forged').PK,
      attributes: ['PK', 'SK', ...attributes].sort(),
      returnValues,
    });
    expect(allows(statements, mint(['lastSeenAt']))).toBe(true);
    expect(allows(statements, mint(['staffId', 'email', 'expiresAt', 'createdAt', 'lastSeenAt']))).toBe(false);
    expect(allows(statements, mint(['expiresAt']))).toBe(false);
    expect(allows(statements, mint(['lastSeenAt'], 'ALL_OLD'))).toBe(false);
    expect(allows(statements, { ...mint([]), action: 'dynamodb:PutItem' })).toBe(false);
  });
});

/** The requests a client sends, as IAM sees them, while `record` is running. */
class RequestLog {
  private current: ItemRequest[] | undefined;

  constructor(client: DynamoDBDocumentClient) {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        this.current?.push(itemRequestOf(context.commandName ?? '', args.input));
        return next(args);
      },
      { step: 'initialize', name: 'recordItemRequests' },
    );
  }

  async record(run: () => Promise<unknown>): Promise<ItemRequest[]> {
    const requests: ItemRequest[] = [];
    this.current = requests;
    try {
      await run();
    } finally {
      this.current = undefined;
    }
    return requests;
  }
}

// biome-ignore lint/suspicious/noExplicitAny: a document client's command input, read by path
function itemRequestOf(commandName: string, input: any): ItemRequest {
  const action = `dynamodb:${commandName.replace(/Command$/, '').replace(/^(Get|Put|Update|Delete)$/, '$1Item')}`;
  const pkValue = /(?:^|\s)PK\s*=\s*(:\w+)/.exec(input.KeyConditionExpression ?? '')?.[1];
  const partitionKey =
    input.Key?.PK ?? input.Item?.PK ?? (pkValue === undefined ? undefined : input.ExpressionAttributeValues?.[pkValue]);
  if (typeof partitionKey !== 'string') throw new Error(`${commandName}: no partition key in ${JSON.stringify(input)}`);
  return { action, partitionKey, attributes: attributesNamed(input), returnValues: input.ReturnValues };
}

describe('the staff functions at run time, on the embedded DynamoDB', () => {
  const PROGRAMME = 'dones-mentores';
  const ADMIN: readonly Grant[] = [{ role: 'admin', programme: '*' }];
  const EVALUATOR: readonly Grant[] = [{ role: 'evaluator', programme: PROGRAMME }];
  let dynamo: EmbeddedDynamo;
  let client: DynamoDBDocumentClient;
  let dataDir: string;
  let log: RequestLog;
  let now = new Date('2026-03-02T09:00:00Z');
  let deps: Deps & { readonly directory: LocalDirectory };
  let admin: StaffMember;

  /** A provider port that vouches for whoever the test names: the sign-in's own checks are tested elsewhere. */
  const provider = (email: string): OpenIdProvider => ({
    authorizationRequest: async () => ({
      url: 'https://idp.example.org/authorize',
      state: randomBytes(32).toString('base64url'),
      nonce: 'nonce',
      codeVerifier: 'verifier',
    }),
    redeem: async () => ({ subject: 'subject', email, emailVerified: true }),
    endSessionUrl: async () => 'https://idp.example.org/logout',
  });

  beforeAll(async () => {
    dynamo = await startEmbeddedDynamo();
    client = createDocumentClient(dynamo.endpoint);
    await ensureTable(client, 'item-grants');
    dataDir = await mkdtemp(join(tmpdir(), 'prepost-item-grants-'));
    log = new RequestLog(client);
    deps = {
      ...storesOn(new DynamoTable(client, 'item-grants')),
      catalog: shippedCatalog(),
      clock: { now: () => now },
      linkKey: () => Promise.reject(new Error('no link key here')),
      directory: new LocalDirectory(join(dataDir, 'staff-accounts.json')),
    };
    admin = await addMember(deps, ADMIN);
  }, 60_000);

  afterAll(async () => {
    client?.destroy();
    await dynamo?.close();
    if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
  });

  /** Asserts that the function's role allows every request, and returns their actions for a sanity check. */
  function expectAllowed(name: FunctionName, requests: readonly ItemRequest[]): string[] {
    const statements = statementsOf(name);
    for (const request of requests)
      expect(allows(statements, request), `${name}: ${JSON.stringify(request)}`).toBe(true);
    return requests.map(
      (request) => `${request.action.slice('dynamodb:'.length)} ${request.partitionKey.split('#')[0]}`,
    );
  }

  function cookieEvent(cookie: string): HttpEvent {
    return { cookies: [cookie] } as HttpEvent;
  }

  it('the session check of every staff page: read, touched, ended when expired', async () => {
    const cookie = await sessionFor(deps, admin);
    now = new Date(now.getTime() + 2 * 60_000);
    const touched = await log.record(async () => expect(await findSignedIn(deps, cookieEvent(cookie))).toBeDefined());
    now = new Date(now.getTime() + (SESSION_IDLE_SECONDS + 60) * 1000);
    const ended = await log.record(async () => expect(await findSignedIn(deps, cookieEvent(cookie))).toBeUndefined());
    for (const name of sessionKeepers) {
      expect(expectAllowed(name, touched), name).toEqual(['GetItem SESSION', 'GetItem STAFF', 'UpdateItem SESSION']);
      expect(expectAllowed(name, ended), name).toEqual(['GetItem SESSION', 'DeleteItem SESSION']);
    }
  });

  it('staff-admin: adds a member, grants, revokes, lists and removes', async () => {
    const actor = { id: admin.id, email: admin.email };
    const email = `new-${randomBytes(3).toString('hex')}@example.org`;
    const requests = await log.record(async () => {
      await addStaff(deps, actor, { email, grants: EVALUATOR });
      await grant(deps, actor, email, [{ role: 'coordinator', programme: PROGRAMME }]);
      await revoke(deps, actor, email, [{ role: 'coordinator', programme: PROGRAMME }]);
      await deps.staff.list();
      await removeStaff(deps, actor, email);
    });
    expect(new Set(expectAllowed('staff-admin', requests))).toEqual(
      new Set([
        'PutItem STAFF',
        'GetItem STAFF',
        'UpdateItem STAFF',
        'Query STAFF',
        'DeleteItem STAFF',
        'PutItem AUDIT',
      ]),
    );
  });

  it('api-tokens: makes a token, lists the tokens, revokes it; authorize-api: checks one', async () => {
    const evaluator = await addMember(deps, EVALUATOR);
    const actor = { id: evaluator.id, email: evaluator.email };
    let token = '';
    let id = '';
    const made = await log.record(async () => {
      const created = await createApiToken(deps, actor, { ownerEmail: evaluator.email, programmes: [PROGRAMME] });
      ({ token } = created);
      id = created.record.id;
      await deps.apiTokens.list();
    });
    const checked = await log.record(async () => expect(await authenticateApiToken(deps, token)).toBeDefined());
    const revoked = await log.record(() => revokeApiToken(deps, { ...actor, mayRevokeAny: false }, id));
    expect(new Set(expectAllowed('api-tokens', [...made, ...revoked]))).toEqual(
      new Set([
        'GetItem STAFF',
        'PutItem APITOKEN',
        'PutItem AUDIT',
        'Query APITOKEN',
        'GetItem APITOKEN',
        'UpdateItem APITOKEN',
      ]),
    );
    expect(expectAllowed('authorize-api', checked)).toEqual(['GetItem APITOKEN', 'GetItem STAFF']);
  });

  it('audit-log: reads the months asked for', async () => {
    const requests = await log.record(() =>
      deps.audit.list({ since: new Date(now.getTime() - 62 * 86400_000), until: now }),
    );
    expect(new Set(expectAllowed('audit-log', requests))).toEqual(new Set(['Query AUDIT']));
  });

  it('sign-in stores the sign-in; the callback takes it and opens a session; sign-out ends it', async () => {
    const member = await addMember(deps, EVALUATOR);
    const withProvider = { ...deps, provider: provider(member.email) };
    let state = '';
    const started = await log.record(async () => ({ state } = await startSignIn(withProvider, '/dashboard')));
    let sessionId = '';
    const finished = await log.record(async () => {
      ({ sessionId } = await finishSignIn(withProvider, { state, stateCookie: state, query: 'code=c' }));
    });
    const signedIn = await findSignedIn(deps, cookieEvent(`${SESSION_COOKIE}=${sessionId}`));
    const ended = await log.record(() => signOut(withProvider, signedIn));
    expect(expectAllowed('sign-in', started)).toEqual(['PutItem SIGNIN']);
    expect(expectAllowed('sign-in-callback', finished)).toEqual([
      'DeleteItem SIGNIN',
      'GetItem STAFF',
      'PutItem SESSION',
      'PutItem AUDIT',
    ]);
    expect(expectAllowed('sign-out', ended)).toEqual(['DeleteItem SESSION', 'PutItem AUDIT']);
  });
});
