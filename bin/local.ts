/**
 * `npm start [-- --fresh]`: the local stack. Embedded DynamoDB with data in `.data/` (or the
 * DynamoDB `DYNAMODB_ENDPOINT` names), the HTTP server on HOST:PORT over the Lambda handler
 * modules, the seed programmes with demo participants, their links one a line, and a sign-in
 * link that opens the evaluator dashboard.
 */
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureDemoLinks } from '#local/demo-links.ts';
import { startLocalStack } from '#local/stack.ts';

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

  console.log(
    `prepost is running at ${stack.url} (DynamoDB: ${stack.environment.source}, ${stack.environment.endpoint}, table ` +
      `${stack.environment.tableName})`,
  );
  console.log('');
  console.log('Participant links:');
  let heading = '';
  for (const link of links) {
    const label = `# ${link.programme} / ${link.cohort} / ${link.participant} / ${link.session}: pre, then post`;
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

  const stop = (): void => {
    void rm(serverFile, { force: true })
      .then(() => stack.close())
      .then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  if (error instanceof Error && error.name === 'SurveyDefinitionError')
    console.error(`prepost: a survey definition is invalid: ${error.message}`);
  else if (error instanceof Error && (error as NodeJS.ErrnoException).code === 'EADDRINUSE')
    console.error(`prepost: the port is in use; set PORT to another one (${error.message})`);
  else console.error(`prepost: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
