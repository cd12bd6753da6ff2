/**
 * A funder with an account reads their programme's published summaries on the local stack: the
 * summaries published as `prepost summaries` publishes them (aggregate, then publish into the
 * stack's summaries folder), read over HTTP with a staff session. The funder sees their
 * programme by name, its months newest first in their language, each summary as it was
 * published (with headers that keep it out of caches and frames and allow only its own inline
 * styles) and its files; and nothing of any other programme, nor the indicators. Names that were
 * not published, or that try to leave the folder, are 404.
 */
import { createHash } from 'node:crypto';
import { readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerCohorts, publishPeriods } from '../support/published.ts';
import { startTestStack } from '../support/stack.ts';
import { signedIn } from '../support/staff.ts';

const PROGRAMME = 'justrom3-mentoring';
const OTHER = 'dones-mentores';
const PERIODS = ['2026-10', '2026-11'];

let stack: Awaited<ReturnType<typeof startTestStack>>;
let funder: string;

beforeAll(async () => {
  stack = await startTestStack();
  await answerCohorts(stack, PROGRAMME);
  for (const id of [PROGRAMME, OTHER]) await publishPeriods(stack, id, PERIODS);
  funder = await signedIn(stack.deps, [{ role: 'funder', programme: PROGRAMME }]);
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

function get(path: string, cookie?: string, language = 'en-GB'): Promise<Response> {
  return fetch(`${stack.url}${path}`, {
    headers: { 'accept-language': language, ...(cookie === undefined ? {} : { cookie }) },
    redirect: 'manual',
  });
}

const published = (programme: string, period: string, name: string): Promise<string> =>
  readFile(join(stack.summariesDir, programme, period, name), 'utf8');

const summaryOf = (period: string): string => `/summaries?programme=${PROGRAMME}&period=${period}`;

describe('a funder of the programme', () => {
  it('sees the programmes they fund, by name, and no other', async () => {
    const response = await get('/summaries', funder);
    expect(response.status).toBe(200);
    const body = await response.text();
    expect(body).toContain('Published summaries');
    expect(body).toContain(`href="/summaries?programme=${PROGRAMME}"`);
    expect(body).toContain('>JUSTROM3 mentoring<');
    expect(body).not.toContain(OTHER);
  });

  it('sees the months published, newest first, named in their language', async () => {
    const english = await (await get(`/summaries?programme=${PROGRAMME}`, funder)).text();
    expect(english).toMatch(/November 2026[\s\S]*October 2026/);
    expect(english).toContain(`href="/summaries?programme=${PROGRAMME}&amp;period=2026-11"`);
    expect(english).toContain(`href="/summaries?programme=${PROGRAMME}&amp;period=2026-11&amp;file=summary.csv"`);
    // The published summary is in the programme's language (Romanian): said to a reader of another, and to the browser.
    expect(english).toContain('The summaries here are written in Romanian, the programme’s language;');
    expect(english).toContain(`href="/summaries?programme=${PROGRAMME}&amp;period=2026-11" hreflang="ro"`);
    const romanian = await (await get(`/summaries?programme=${PROGRAMME}`, funder, 'ro-RO,ro;q=0.9')).text();
    expect(romanian).toContain('<html lang="ro">');
    expect(romanian).toMatch(/Noiembrie 2026[\s\S]*Octombrie 2026/);
    expect(romanian).not.toContain('Rezumatele de aici sunt scrise');
    // The language chosen in the address stays in every link.
    const catalan = await (await get(`/summaries?programme=${PROGRAMME}&lang=ca`, funder)).text();
    expect(catalan).toContain('Novembre del 2026');
    expect(catalan).toContain('Els resums d’aquesta pàgina estan escrits en romanès');
    expect(catalan).toContain(`href="/summaries?programme=${PROGRAMME}&amp;period=2026-11&amp;lang=ca"`);
  });

  it('reads a summary exactly as it was published, uncached, unframed, with only its own inline styles', async () => {
    const response = await get(summaryOf('2026-11'), funder);
    expect(response.status).toBe(200);
    const body = await response.text();
    expect(body).toBe(await published(PROGRAMME, '2026-11', 'summary.html'));
    // Published in the programme's language, drawn with tables (what mail programs show).
    expect(body).toContain('<html lang="ro">');
    expect(body).not.toMatch(/<svg|<script|<style/);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toMatch(/^default-src 'none'; style-src 'unsafe-hashes' /);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toMatch(/script-src|unsafe-inline|\*/);
    // Every style attribute of the page is allowed by its hash, and nothing else is.
    const styles = new Set([...body.matchAll(/ style="([^"]*)"/g)].map((match) => match[1] ?? ''));
    expect(styles.size).toBeGreaterThan(3);
    const hashes = [...styles].map((style) => `'sha256-${createHash('sha256').update(style).digest('base64')}'`);
    const allowed = /style-src 'unsafe-hashes' ([^;]*)/.exec(policy)?.[1]?.split(' ') ?? [];
    expect(allowed.sort()).toEqual(hashes.sort());
  });

  it('downloads its CSV and JSON as they were published, named by programme and month', async () => {
    for (const [name, type] of [
      ['summary.csv', 'text/csv; charset=utf-8'],
      ['summary.json', 'application/json'],
    ] as const) {
      const response = await get(`${summaryOf('2026-10')}&file=${name}`, funder);
      expect(response.status, name).toBe(200);
      expect(await response.text(), name).toBe(await published(PROGRAMME, '2026-10', name));
      expect(response.headers.get('content-type'), name).toBe(type);
      expect(response.headers.get('content-disposition'), name).toBe(
        `attachment; filename="${PROGRAMME}-2026-10-${name}"`,
      );
      expect(response.headers.get('cache-control'), name).toBe('no-store');
      expect(response.headers.get('x-content-type-options'), name).toBe('nosniff');
    }
    const summary = JSON.parse(await (await get(`${summaryOf('2026-10')}&file=summary.json`, funder)).text()) as {
      schema: string;
      programme: string;
      period: string;
    };
    expect(summary).toMatchObject({ schema: 'prepost.summary/1', programme: PROGRAMME, period: '2026-10' });
  });

  it('gets 404 for a month, file or name not published, or one leading outside the folder', async () => {
    await unlink(join(stack.summariesDir, PROGRAMME, '2026-10', 'summary.csv'));
    const paths = [
      `${summaryOf('2026-10')}&file=summary.csv`,
      `${summaryOf('2026-09')}`,
      `${summaryOf('2026-13')}`,
      `${summaryOf('2026-11')}&file=summary.txt`,
      `${summaryOf('2026-11')}&file=${encodeURIComponent('../../link-key')}`,
      `${summaryOf('2026-11')}&file=${encodeURIComponent('../2026-10/summary.json')}`,
      `/summaries?programme=${PROGRAMME}&period=${encodeURIComponent('../..')}&file=link-key`,
      `/summaries?programme=${PROGRAMME}&period=${encodeURIComponent('2026-11/../2026-10')}`,
    ];
    for (const path of paths) {
      const response = await get(path, funder);
      expect(response.status, path).toBe(404);
      expect(response.headers.get('cache-control'), path).toBe('no-store');
      expect(await response.text(), path).not.toMatch(/summary\.json|link-key|\.\.\//);
    }
  });

  it('gets 403 for another programme’s summaries and for the indicators of their own', async () => {
    const paths = [
      `/summaries?programme=${OTHER}`,
      `/summaries?programme=${OTHER}&period=2026-11`,
      `/summaries?programme=${OTHER}&period=2026-11&file=summary.csv`,
      `/summaries?programme=${encodeURIComponent(`${PROGRAMME}/..`)}&period=2026-11`,
      `/dashboard?programme=${PROGRAMME}`,
      `/dashboard/csv?programme=${PROGRAMME}`,
    ];
    for (const path of paths) expect((await get(path, funder)).status, path).toBe(403);
  });
});

describe('everyone else', () => {
  it('without a session gets 401 on every summaries page', async () => {
    for (const path of ['/summaries', `/summaries?programme=${PROGRAMME}`, `${summaryOf('2026-11')}&file=summary.csv`])
      expect((await get(path)).status, path).toBe(401);
    const tampered = `${funder.slice(0, -2)}xx`;
    expect((await get('/summaries', tampered)).status).toBe(401);
  });

  it('an evaluator of the programme reads its summaries too (what they sign is what funders got)', async () => {
    const evaluator = await signedIn(stack.deps, [{ role: 'evaluator', programme: PROGRAMME }]);
    expect(await (await get('/summaries', evaluator)).text()).toContain(`programme=${PROGRAMME}"`);
    expect((await get(summaryOf('2026-11'), evaluator)).status).toBe(200);
    expect((await get(`/summaries?programme=${OTHER}`, evaluator)).status).toBe(403);
  });

  it('a coordinator or an admin sees no programme, and gets 403 for a summary', async () => {
    for (const grant of [
      { role: 'coordinator', programme: PROGRAMME },
      { role: 'admin', programme: '*' },
    ] as const) {
      const cookie = await signedIn(stack.deps, [grant]);
      const index = await get('/summaries', cookie);
      expect(index.status, grant.role).toBe(200);
      expect(await index.text(), grant.role).toContain('You have no programme whose summaries you may read.');
      expect((await get(summaryOf('2026-11'), cookie)).status, grant.role).toBe(403);
    }
  });

  it('a reader of every programme gets 404 for a programme that does not exist', async () => {
    const everywhere = await signedIn(stack.deps, [{ role: 'funder', programme: '*' }]);
    const index = await (await get('/summaries', everywhere)).text();
    for (const programme of stack.deps.catalog.programmes.keys()) expect(index).toContain(`programme=${programme}"`);
    for (const programme of ['no-such-programme', '..', 'outbox'])
      expect((await get(`/summaries?programme=${programme}&period=2026-11`, everywhere)).status, programme).toBe(404);
  });
});
