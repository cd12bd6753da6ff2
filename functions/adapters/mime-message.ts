/**
 * RFC 5322 messages built with nodemailer's MailComposer (maintained, no dependencies), so the
 * local outbox and SES raw sends carry the same bytes.
 */
import MailComposer from 'nodemailer/lib/mail-composer';
import type { FunderMessage } from '#ports/publishing.ts';

/** The message as an RFC 5322 byte string. */
export async function buildMimeMessage(message: FunderMessage, date: Date): Promise<Buffer> {
  const composer = new MailComposer({
    from: message.from,
    to: { name: message.to.name, address: message.to.address },
    ...(message.replyTo === undefined
      ? {}
      : { replyTo: { name: message.replyTo.name, address: message.replyTo.address } }),
    subject: message.subject,
    text: message.text,
    html: message.html,
    date,
    attachments: message.attachments.map((file) => ({
      filename: file.name,
      content: file.body,
      contentType: file.contentType,
    })),
  });
  return composer.compile().build();
}
