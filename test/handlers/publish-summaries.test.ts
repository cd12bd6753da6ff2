/**
 * The deployed publication handler end to end against the embedded DynamoDB, with S3 and SES
 * answered at the AWS SDK's own middleware (neither runs locally): what it writes to the bucket,
 * what it sends to whom, and that running a period again sends nothing twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import type { Context } from 'aws-lambda';
import { S3Publisher } from '#adapters/s3-publisher.ts';
import { SesMailer } from '#adapters/ses-mailer.ts';
import { aggregate } from '#use-cases/aggregate.ts';
import { decodeMimeWords } from '../support/mime-words.ts';
import { answerCohorts } from '../support/published.ts';
import { startTestStack } from '../support/stack.ts';

const PROGRAMME = 'justrom3-mentoring';
let stack: Awaited<ReturnType<typeof startTestStack>>;
const puts: { key: string; contentType: string; body: string }[] = [];
const sends: string[] = [];

/** An SDK client whose requests of one command are answered by `answer` instead of AWS. */
function intercepted<T extends S3Client | SESv2Client>(
  client: T,
  answer: (input: Record<string, unknown>) => unknown,
): T {
  // Both clients share Smithy's middleware stack; one type is enough to add to it.
  (client as unknown as S3Client).middlewareStack.add(
    () => async (args) => ({ output: answer(args.input as Record<string, unknown>) as never, response: {} }),
    { step: 'initialize', name: 'answerLocally' },
  );
  return client;
}

beforeAll(async () => {
  stack = await startTestStack();
  await answerCohorts(stack, PROGRAMME);
  await aggregate(stack.deps);
});

afterAll(async () => {
  await stack.stop();
});

describe('publish-summaries handler', () => {
  it(
    'writes the files under programme/period/, emails ' + 'each funder once, and not again for the same period',
    async () => {
      // The module builds its own production handler at import, from the environment, as in Lambda.
      process.env.SUMMARY_BUCKET = 'summaries-bucket';
      process.env.SENDER_ADDRESS = 'summaries@example.org';
      const { makePublishHandler } = await import('#handlers/publish-summaries.ts');
      const { summaryRenderer } = await import('#web/summary-page.ts');
      const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
      const s3 = intercepted(new S3Client({ region: 'eu-west-1', credentials }), (input) => {
        puts.push({ key: String(input.Key), contentType: String(input.ContentType), body: String(input.Body) });
        return { ETag: '"1"' };
      });
      const ses = intercepted(new SESv2Client({ region: 'eu-west-1', credentials }), (input) => {
        const raw = (input.Content as { Raw: { Data: Uint8Array } }).Raw.Data;
        sends.push(Buffer.from(raw).toString('utf8'));
        return { MessageId: `m-${sends.length}` };
      });
      const handler = makePublishHandler({
        ...stack.deps,
        publisher: new S3Publisher(s3, 'summaries-bucket'),
        mailer: new SesMailer(ses, stack.deps.clock),
        sender: 'prepost <summaries@example.org>',
        summaryRenderer: summaryRenderer(stack.deps.catalog),
      });
      const context = {} as Context;
      const first = await handler({ programme: PROGRAMME, period: '2026-10' }, context);
      expect(first.messages).toBe(1);
      expect(puts.map((put) => put.key).sort()).toEqual([
        'justrom3-mentoring/2026-10/summary.csv',
        'justrom3-mentoring/2026-10/summary.html',
        'justrom3-mentoring/2026-10/summary.json',
      ]);
      const summary = JSON.parse(puts.find((put) => put.key.endsWith('.json'))?.body ?? '{}') as {
        schema: string;
        period: string;
      };
      expect(summary).toMatchObject({ schema: 'prepost.summary/1', period: '2026-10' });
      expect(sends).toHaveLength(1);
      expect(sends[0]).toMatch(/^To: JUSTROM3 programme office <funder-justrom3@example\.org>$/m);
      // The funder reads Romanian: the subject names the programme and the month in it (MIME-encoded).
      const subject = /^Subject: (.*(?:\r?\n[ \t].*)*)/m.exec(sends[0] ?? '')?.[1] ?? '';
      expect(decodeMimeWords(subject)).toBe('Mentorat JUSTROM3: rezumatul lunii octombrie 2026');
      expect(sends[0]).toMatch(/^Reply-To: JUSTROM3 Romania programme team\s+<justrom3@justrom3-romania\.example>$/m);
      expect(sends[0]).not.toMatch(/\bp-[0-9a-z]{12}\b/);

      const again = await handler({ programme: PROGRAMME, period: '2026-10' }, context);
      expect(again.messages).toBe(0);
      expect(sends).toHaveLength(1);
    },
  );
});
