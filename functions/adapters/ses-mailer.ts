/**
 * Funder messages through SES v2 as raw MIME, the same bytes the local outbox writes.
 */
import { type SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { Clock } from '#ports/store.ts';
import type { FunderMessage, Mailer } from '#ports/publishing.ts';
import { buildMimeMessage } from './mime-message.ts';

/** Sends through SES. */
export class SesMailer implements Mailer {
  constructor(
    private readonly client: SESv2Client,
    private readonly clock: Clock,
  ) {}

  async send(message: FunderMessage): Promise<void> {
    const raw = await buildMimeMessage(message, this.clock.now());
    await this.client.send(new SendEmailCommand({ Content: { Raw: { Data: raw } } }));
  }
}
