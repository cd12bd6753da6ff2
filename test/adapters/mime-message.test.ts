/**
 * A funder message's recipients are the funder's address alone, whatever a coordinator typed as
 * the funder's name: the name is quoted in `To:`, never read as an address list. And a rendered
 * summary travels as mail programs need it: a plain-text part and an HTML part with no SVG, its
 * subject in the funder's language.
 */
import { describe, expect, it } from 'vitest';
import addressparser from 'nodemailer/lib/addressparser';
import { buildMimeMessage } from '#adapters/mime-message.ts';
import { SUMMARY_SCHEMA } from '#core/summary.ts';
import { shippedCatalog } from '#surveys/index.ts';
import { summaryRenderer } from '#web/summary-page.ts';
import { decodeMimeWords } from '../support/mime-words.ts';
import { shippedProgramme } from '../support/programmes.ts';

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

  it('carries a rendered summary as text and HTML parts, the HTML without SVG, the subject in Catalan', async () => {
    const catalog = shippedCatalog();
    const programme = shippedProgramme('dones-mentores', catalog);
    const summary = {
      schema: SUMMARY_SCHEMA,
      programme: programme.id,
      period: '2026-10',
      k: 10,
      rows: [
        {
          cohort: null,
          session: null,
          instrument: 'rosenberg-self-esteem',
          group: null,
          n_paired: 45,
          n_started: 55,
          lost_share: 0.2,
          suppressed: false,
          suppression: null,
          indicators: { mean_pre: 17, mean_post: 19, mean_change: 2, ci95_low: 1, ci95_high: 3, g_av: 0.6 },
        },
      ],
    } as const;
    const funder = { name: 'Fundació', email: 'f@example.org', language: 'ca' } as const;
    const message = summaryRenderer(catalog).message({ ...summary, rows: [...summary.rows] }, programme, funder);
    const raw = (
      await buildMimeMessage(
        {
          from: 'prepost <summaries@prepost.invalid>',
          to: { name: funder.name, address: funder.email },
          ...message,
          attachments: [],
        },
        new Date('2026-11-01T08:00:00Z'),
      )
    ).toString('utf8');
    expect(raw).toMatch(/^Content-Type: text\/plain; charset=utf-8/m);
    expect(raw).toMatch(/^Content-Type: text\/html; charset=utf-8/m);
    expect(raw).not.toMatch(/<svg|svg/i);
    const subject = /^Subject: (.*(?:\r?\n[ \t].*)*)/m.exec(raw)?.[1] ?? '';
    expect(decodeMimeWords(subject)).toBe('Dones Mentores: resum d’octubre del 2026');
  });
});
