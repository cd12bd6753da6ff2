/**
 * An evaluator's preview of a month's funder summary, over HTTP against the local stack: the page
 * comes back as funders read it (the programme's language unless a funder's is asked for), under a
 * notice in the reader's language that nothing was sent, with forms to see it in each funder's; the
 * files and each funder's message are written under the summaries folder's preview/, and nothing is
 * recorded, so the month's real summary is still sent to every funder once; a funder of the
 * programme may not preview, nor may a form from another site.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerCohorts, publishPeriods } from '../support/published.ts';
import { startTestStack } from '../support/stack.ts';
import { signedIn } from '../support/staff.ts';

const P = 'dones-mentores';
const PERIOD = '2026-11';

let stack: Awaited<ReturnType<typeof startTestStack>>;
let evaluator: string;
let funder: string;

beforeAll(async () => {
  stack = await startTestStack();
  evaluator = await signedIn(stack.deps, [{ role: 'evaluator', programme: P }]);
  funder = await signedIn(stack.deps, [{ role: 'funder', programme: P }]);
  await answerCohorts(stack, P, 16);
  // The preview reads the stored tables as they stand: aggregate them first, as the hourly schedule does.
  const { aggregate } = await import('#use-cases/aggregate.ts');
  await aggregate(stack.deps, { programme: P });
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

async function preview(
  cookie: string,
  fields: Record<string, string>,
  from = 'same-origin',
  reader = 'en-GB',
): Promise<Response> {
  return fetch(`${stack.url}/summaries/preview`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      cookie,
      'accept-language': reader,
      'content-type': 'application/x-www-form-urlencoded',
      'sec-fetch-site': from,
      ...(from === 'same-origin' ? { origin: stack.url } : { origin: 'https://elsewhere.example' }),
    },
    body: new URLSearchParams(fields).toString(),
  });
}

describe('POST /summaries/preview', () => {
  it('writes the files and messages under preview/, answers the page as published, records nothing', async () => {
    const response = await preview(evaluator, { programme: P, period: PERIOD });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    // Its forms post back here (another language), and nowhere else.
    expect(response.headers.get('content-security-policy')).toContain("form-action 'self'");
    const page = await response.text();
    // The programme's language (what is published), not the English reader's; the notice in the reader's.
    expect(page).toContain('<html lang="ca">');
    expect(page).toContain(
      '<div lang="en" style="border:2px solid #8a5a00;background:#fff4d6;padding:10px 12px;margin:0 0 20px;' +
        'font-size:15px">\n<p style="margin:0 0 6px"><strong>Preview: nothing has been sent or recorded.',
    );
    expect(page).toContain('<a href="/dashboard"');
    // Its one funder reads Catalan, the language shown.
    expect(page).toContain('<strong><span lang="ca">Català</span></strong> (shown now)');
    expect(page).not.toContain('<svg');
    const folder = join(stack.summariesDir, 'preview');
    for (const file of ['summary.json', 'summary.csv', 'summary.html'])
      expect(existsSync(join(folder, P, PERIOD, file)), file).toBe(true);
    const programme = await import('#use-cases/programmes.ts').then((m) => m.loadProgramme(stack.deps, P));
    expect(programme.funders.length).toBeGreaterThan(0);
    for (const [index] of programme.funders.entries()) {
      const eml = await readFile(join(folder, 'outbox', `${P}-${PERIOD}-${index + 1}.eml`), 'utf8');
      expect(eml).toMatch(/^Subject: /m);
    }
    // Nothing recorded: no publication, no funder marked as sent, nothing published where funders read.
    expect(await stack.deps.publications.latestPublication(P)).toBeUndefined();
    for (const funder of programme.funders)
      expect(await stack.deps.publications.wasSent(P, PERIOD, funder.email)).toBe(false);
    expect(existsSync(join(stack.summariesDir, P))).toBe(false);
    // The real run afterwards still emails every funder, once.
    await publishPeriods(stack, P, [PERIOD]);
    for (const funder of programme.funders)
      expect(await stack.deps.publications.wasSent(P, PERIOD, funder.email)).toBe(true);
    const published = JSON.parse(await readFile(join(stack.summariesDir, P, PERIOD, 'summary.json'), 'utf8'));
    const previewed = JSON.parse(await readFile(join(folder, P, PERIOD, 'summary.json'), 'utf8'));
    expect(published).toEqual(previewed);
  }, 120_000);

  it('shows it in a funder’s language when asked, and refuses a language no funder reads it in', async () => {
    const spanish = await preview(evaluator, { programme: P, period: PERIOD, language: 'es' }, 'same-origin', 'ca');
    expect(spanish.status).toBe(200);
    const page = await spanish.text();
    expect(page).toContain('<html lang="es">');
    expect(page).toContain('Dones Mentores: resumen de noviembre de 2026');
    expect(page).toContain('<div lang="ca"');
    expect(page).toContain('Previsualització: no s’ha enviat ni registrat res.');
    // The way back to what the funder reads: a form for Catalan.
    expect(page).toContain('<input type="hidden" name="language" value="ca">');
    expect((await preview(evaluator, { programme: P, period: PERIOD, language: 'ro' })).status).toBe(400);
  }, 120_000);

  it('refuses a funder (403), a form from another site (403) and a malformed month (400)', async () => {
    expect((await preview(funder, { programme: P })).status).toBe(403);
    expect((await preview(evaluator, { programme: P }, 'cross-site')).status).toBe(403);
    expect((await preview(evaluator, { programme: P, period: '2026-13' })).status).toBe(400);
    expect((await preview(evaluator, {})).status).toBe(400);
  });
});
