/**
 * A funder message's recipients are the funder's address alone, whatever a coordinator typed as
 * the funder's name: the name is quoted in `To:`, never read as an address list.
 */
import { describe, expect, it } from 'vitest';
import addressparser from 'nodemailer/lib/addressparser';
import { buildMimeMessage } from '#adapters/mime-message.ts';

describe('buildMimeMessage', () => {
  it('keeps a name that looks like addresses inside the one recipient', async () => {
    const name = 'Board <board@elsewhere.example>, Office; "x": y@z.example';
    const raw = (
      await buildMimeMessage(
        {
          from: 'prepost <summaries@prepost.invalid>',
          to: { name, address: 'funder@example.org' },
          subject: 'Summary',
          text: 'text',
          html: '<p>html</p>',
          attachments: [],
        },
        new Date('2026-12-03T10:00:00Z'),
      )
    ).toString('utf8');
    const header = /^To: (.*(?:\r\n[ \t].*)*)/m.exec(raw)?.[1]?.replace(/\r\n[ \t]/g, ' ') ?? '';
    const recipients = addressparser(header, { flatten: true });
    expect(recipients.map((recipient) => recipient.address)).toEqual(['funder@example.org']);
    // The name is one quoted phrase before the funder's address.
    expect(header).toMatch(/^".*" <funder@example\.org>$/);
  });
});
