/**
 * The content security policies, pinned: the inline stylesheets and script are written as
 * fragments for readability, and the pages allow them by hash, so any change to their joined
 * text (a fragment lost, a space added) must show here as a deliberate new hash, never pass
 * silently. Each hash is also checked against the text the page actually carries.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { shippedCatalog } from '#surveys/index.ts';
import { staffMessageResult } from '#web/staff-frame.ts';
import { PARTICIPANT_HEADERS } from '#web/participant-page.ts';
import { frameFor, renderThanks } from '#web/survey-page.ts';

const catalog = shippedCatalog();

const PARTICIPANT_STYLE = 'sha256-jOe82zDr1yqD+YpwtwpOfY4kFx2Mtbw/ocu8DbZUIRA=';
const PARTICIPANT_SCRIPT = 'sha256-Sep5hyxrub0wIRX5OfBJiUgfVrdaccVyvk/TQVJoGuQ=';
const DASHBOARD_STYLE = 'sha256-VCEolw4FqJcba9zdSAZgIP3Q48uhDlL1EFGLQA0Gu4Q=';
const STAFF_SCRIPT = 'sha256-G2fLq3hzTSfNh/3YgwMwbjyc0EgLJkEwkb71zKW00QM=';

const hashOf = (text: string): string => `sha256-${createHash('sha256').update(text).digest('base64')}`;
const inline = (page: string, tag: 'style' | 'script'): string =>
  new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(page)?.[1] ?? '';

describe('content security policies', () => {
  it('allow exactly the participant pages’ stylesheet and script', () => {
    expect(PARTICIPANT_HEADERS['content-security-policy']).toBe(
      `default-src 'none'; style-src '${PARTICIPANT_STYLE}'; script-src '${PARTICIPANT_SCRIPT}'; ` +
        "connect-src 'self'; img-src data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    );
    const programme = catalog.programmes.get('dones-mentores');
    if (programme === undefined) throw new Error('no programme dones-mentores');
    const page = renderThanks(frameFor(programme, 'en', '/s/X'), 'ABCDEFGHJK');
    expect(hashOf(inline(page, 'style'))).toBe(PARTICIPANT_STYLE);
    expect(hashOf(inline(page, 'script'))).toBe(PARTICIPANT_SCRIPT);
  });

  it('allow exactly the staff pages’ stylesheet and their one script (a form sent once)', () => {
    const result = staffMessageResult(
      401,
      { language: 'en', path: '/dashboard' },
      'error.signedOutTitle',
      'error.signedOut',
    );
    expect(result.headers?.['content-security-policy']).toBe(
      `default-src 'none'; style-src '${DASHBOARD_STYLE}'; script-src '${STAFF_SCRIPT}'; img-src data:; ` +
        "frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    );
    expect(hashOf(inline(result.body ?? '', 'style'))).toBe(DASHBOARD_STYLE);
    expect(hashOf(inline(result.body ?? '', 'script'))).toBe(STAFF_SCRIPT);
  });
});
