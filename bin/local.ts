/**
 * `npm start [-- --fresh]`: the local stack. Embedded DynamoDB with data in `.data/` (or the
 * DynamoDB `DYNAMODB_ENDPOINT` names), the HTTP server on HOST:PORT over the Lambda handler
 * modules with the local OpenID Connect provider on it, the seed programmes with demo
 * participants, their links one a line, the local staff accounts one a line
 * (`ROLE EMAIL PASSWORD PROGRAMMES`) and the sign-in link.
 */
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureDemoLinks } from '#local/demo-links.ts';
import { startLocalStack } from '#local/stack.ts';
import { accountLine, ensureSeedStaff } from '#local/staff-seed.ts';

const USAGE = `Usage: npm start [-- --fresh]

Starts prepost locally: embedded DynamoDB (data in .data/), the HTTP server on
HOST:PORT (default 127.0.0.1:3000) and the demo programmes.

  --fresh   wipe .data/ first
  --help    this text

Environment: PORT, HOST, DYNAMODB_ENDPOINT (use that DynamoDB instead of the embedded one).`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { fresh: { type: 'boolean', default: false }, help: { type: 'boolean', default: false } },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const portText = process.env.PORT === undefined || process.env.PORT === '' ? '3000' : process.env.PORT;
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) throw new Error(`PORT must be a port number, not "${portText}"`);
  const host = process.env.HOST === undefined || process.env.HOST === '' ? '127.0.0.1' : process.env.HOST;
  // The catalogue is validated when the stack first asks for it, so a broken survey definition
  // is reported below with its file and reason, not as a stack trace.
  const stack = await startLocalStack({ fresh: values.fresh, share: true, host, port });
  // Commands such as `links` print links to this server.
  const serverFile = join(stack.environment.dataDir, 'server-url');
  await writeFile(serverFile, `${stack.url}\n`);
  const links = await ensureDemoLinks(stack.deps, stack.environment.dataDir);
  // Accounts with passwords printed are for a DynamoDB on this machine only, never a deployed table.
  const seeded = isLocalDynamo(stack.environment.endpoint)
    ? await ensureSeedStaff(stack.deps, stack.directory, stack.environment.dataDir)
    : undefined;

  console.log(
    `prepost is running at ${stack.url} (DynamoDB: ${stack.environment.source}, ${stack.environment.endpoint}, table ` +
      `${stack.environment.tableName})`,
  );
  console.log('');
  console.log('Participant links:');
  let heading = '';
  for (const link of links) {
    const session = stack.deps.catalog.programmes.get(link.programme)?.sessions.find(({ id }) => id === link.session);
    // A follow-up's link opens with its window, months later: said, so nobody wonders why it is not open today.
    const later = session?.followup === undefined ? '' : ', then the follow-up (months later)';
    const whose = `${link.programme} / ${link.cohort} / ${link.participant} / ${link.session}`;
    const label = `# ${whose}: pre, then post${later}`;
    if (label !== heading) {
      console.log(label);
      heading = label;
    }
    console.log(`${stack.url}/s/${link.code}`);
  }
  console.log('');
  const external =
    stack.environment.source === 'DYNAMODB_ENDPOINT' ? `DYNAMODB_ENDPOINT=${stack.environment.endpoint} ` : '';
  console.log(`Aggregate after answering: ${external}npm run prepost -- aggregate`);
  console.log('');
  console.log('Staff accounts (local):');
  if (seeded === undefined)
    console.log('# none made: DYNAMODB_ENDPOINT is not on this machine; add one with npm run prepost -- staff add');
  for (const account of seeded ?? []) console.log(accountLine(account));
  console.log(`Sign in: ${stack.url}/sign-in`);
  console.log(`Coordinators' console (cohorts, links, who has not answered): ${stack.url}/console`);

  const stop = (): void => {
    void rm(serverFile, { force: true })
      .then(() => stack.close())
      .then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** Whether the DynamoDB is on this machine: the embedded one, or DynamoDB Local on a loopback address. */
function isLocalDynamo(endpoint: string): boolean {
  return ['localhost', '127.0.0.1', '[::1]'].includes(new URL(endpoint).hostname);
}

main().catch((error: unknown) => {
  if (error instanceof Error && error.name === 'SurveyDefinitionError')
    console.error(`prepost: a survey definition is invalid: ${error.message}`);
  else if (error instanceof Error && (error as NodeJS.ErrnoException).code === 'EADDRINUSE')
    console.error(`prepost: the port is in use; set PORT to another one (${error.message})`);
  else console.error(`prepost: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
