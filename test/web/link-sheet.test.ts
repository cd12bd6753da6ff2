/**
 * The links on paper and phones: the printable sheet (one card per link, with the QR code of
 * the link, the address and the code in groups of four) and the messages to paste into SMS or
 * chat, in the language chosen for the batch, with wave words that fit the session's kind (a
 * months-long mentoring cycle has a start and an end, not a "before the session"); the links
 * CSV; then `links` on the command line writing the three files, readable by the owner only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import QRCode from 'qrcode';
import { shippedCatalog } from '#surveys/index.ts';
import type { Language, ProgrammeDefinition } from '#surveys/schema.ts';
import { formatCode, generateCode, generateParticipantId } from '#shared/codes.ts';
import { parseCsv } from '#core/csv.ts';
import { sessionWaves } from '#core/waves.ts';
import { HANDOUT_STRINGS, handoutCards, renderLinkSheet, type Handout, type HandoutLink } from '#web/link-sheet.ts';
import { linkMessage, linksCsv, renderLinkMessages } from '#web/link-messages.ts';
import { runEntry } from '../support/run.ts';

const catalog = shippedCatalog();

const BASE = 'https://surveys.example.org';

function programme(id: string): ProgrammeDefinition {
  const found = catalog.programmes.get(id);
  if (found === undefined) throw new Error(`no programme ${id}`);
  return found;
}

/** A batch as createLinks issues it: per participant (numbered from 1), each session's pre, post and follow-up. */
function batch(definition: ProgrammeDefinition, participants: number): HandoutLink[] {
  return Array.from({ length: participants }, () => generateParticipantId()).flatMap((participant, index) =>
    definition.sessions.flatMap((session) =>
      sessionWaves(session).map((wave) => {
        const code = generateCode();
        return { participant, number: index + 1, session: session.id, wave, code, url: `${BASE}/s/${code}` };
      }),
    ),
  );
}

/** A batch of the programme's first seed cohort, in the programme's default language unless another is chosen. */
function handoutOf(id: string, participants: number, language?: Language): Handout {
  const definition = programme(id);
  return {
    programme: definition,
    cohortName: catalog.seeds.get(id)?.cohorts[0]?.name ?? 'cohort',
    language: language ?? definition.defaultLanguage,
    links: batch(definition, participants),
  };
}

/** The cards of a sheet, each as its markup. */
function cardsOf(sheet: string): string[] {
  return sheet
    .split('<article class="card">')
    .slice(1)
    .map((part) => part.slice(0, part.indexOf('</article>')));
}

/** Text as a reader sees it, without tags (the code is split over two lines by markup only). */
function textOf(markup: string): string {
  return markup
    .replace(/<svg[\s\S]*?<\/svg>/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&#39;/g, "'");
}

function librarySvg(url: string): Promise<string> {
  return QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
}

describe('the printable sheet', () => {
  it('has one card per link, with the QR code of its link, the address and the code in groups of four', async () => {
    const handout = handoutOf('justrom3-mentoring', 4);
    const sheet = await renderLinkSheet(handout);
    const cards = cardsOf(sheet);
    expect(cards).toHaveLength(handout.links.length);
    for (const link of handout.links) {
      const typed = `${BASE}/s/${formatCode(link.code)}`;
      const matching = cards.filter((card) => textOf(card).includes(typed));
      expect(matching).toHaveLength(1);
      const card = matching[0] ?? '';
      // The QR code is the library's rendering of this very link, embedded as it is.
      expect(card).toContain(await librarySvg(link.url));
      expect(card.match(/<svg/g)).toHaveLength(1);
    }
    // The typed form is the same link: the survey ignores the hyphens (normaliseCode).
    expect(formatCode('ABCDEFGHJKMNPQRSTVWXYZ0123')).toBe('ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-23');
  });

  it('labels each card with a participant number, the session and the wave, grouped for handing out', async () => {
    const handout = handoutOf('justrom3-mentoring', 3);
    const cards = handoutCards(handout);
    const participants = [...new Set(handout.links.map((link) => link.participant))];
    // Numbers are the participants' in the batch (the CSV's order), never a name or the pseudonymous id.
    for (const card of cards) expect(card.number).toBe(participants.indexOf(card.participant) + 1);
    expect(cards.slice(0, 3).map((card) => card.label)).toEqual([
      'Nr. 1 · Întâlnire individuală 1 · Înainte de sesiune',
      'Nr. 2 · Întâlnire individuală 1 · Înainte de sesiune',
      'Nr. 3 · Întâlnire individuală 1 · Înainte de sesiune',
    ]);
    expect(cards[3]?.label).toBe('Nr. 1 · Întâlnire individuală 1 · După sesiune');
    expect(cards.map((card) => `${card.session}:${card.wave}`)).toEqual(
      programme('justrom3-mentoring').sessions.flatMap((session) =>
        ['pre', 'post'].flatMap((wave) => Array.from({ length: 3 }, () => `${session.id}:${wave}`)),
      ),
    );
    const sheet = await renderLinkSheet(handout);
    expect(sheet.match(/<section>/g)).toHaveLength(3 * 2);
    expect(sheet).toContain('<h2>Întâlnire individuală 1 · Înainte de sesiune (3)</h2>');
    for (const participant of participants) expect(sheet).not.toContain(participant);
  });

  it('prints on A4 without breaking a card, and loads nothing: no script, no external resource', async () => {
    const sheet = await renderLinkSheet(handoutOf('dones-mentores', 2));
    expect(sheet).toMatch(/^<!doctype html>/);
    expect(sheet).toContain('@page { size: A4 portrait');
    expect(sheet).toMatch(/\.card \{[^}]*break-inside: avoid/);
    expect(sheet).toMatch(/\.card \{[^}]*dashed/);
    expect(sheet).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    for (const banned of ['<script', '<link', '<img', '<iframe', 'src=', 'href=', '@import', 'url(', 'onload='])
      expect(sheet.toLowerCase()).not.toContain(banned);
  });

  it('writes the instructions in the batch language and English, and the cards in the batch language', async () => {
    const dones = await renderLinkSheet(handoutOf('dones-mentores', 1));
    expect(dones).toContain('<html lang="ca">');
    expect(textOf(dones)).toContain(HANDOUT_STRINGS.ca.scan);
    expect(textOf(dones)).toContain(HANDOUT_STRINGS.en.scan);
    expect(textOf(dones)).toContain("Núm. 1 · Cicle de mentoria · A l'inici");
    const mvh = await renderLinkSheet(handoutOf('migrant-voices-heard', 1));
    expect(mvh).toContain('<html lang="en">');
    expect(mvh.split(HANDOUT_STRINGS.en.keep)).toHaveLength(2);
  });

  it('writes a Spanish batch of a Catalan programme in Spanish, with English for the coordinator only', async () => {
    const handout = handoutOf('dones-mentores', 2, 'es');
    const sheet = await renderLinkSheet(handout);
    const text = textOf(sheet);
    expect(sheet).toContain('<html lang="es">');
    expect(text).toContain(HANDOUT_STRINGS.es.scan);
    expect(text).toContain(HANDOUT_STRINGS.en.scan);
    expect(text).not.toContain(HANDOUT_STRINGS.ca.scan);
    expect(handoutCards(handout).map((card) => card.label)).toEqual([
      'N.º 1 · Ciclo de mentoría · Al inicio',
      'N.º 2 · Ciclo de mentoría · Al inicio',
      'N.º 1 · Ciclo de mentoría · Al final',
      'N.º 2 · Ciclo de mentoría · Al final',
      'N.º 1 · Ciclo de mentoría · 6 meses después del final',
      'N.º 2 · Ciclo de mentoría · 6 meses después del final',
    ]);
    expect(sheet).toContain('<h2>Ciclo de mentoría · Al inicio (2)</h2>');
    expect(sheet).toContain('<h2>Ciclo de mentoría · Al final (2)</h2>');
    for (const card of cardsOf(sheet)) expect(textOf(card)).toMatch(/^\s*N\.º [12]\b/);
  });

  it("names a cycle's waves by its start and end, and a meeting's by before and after, in every language", () => {
    // Dones Mentores: one mentoring cycle of months; JUSTROM3: one-day meetings.
    const cycle: Record<Language, [string, string]> = {
      en: ['At the start', 'At the end'],
      ro: ['La început', 'La final'],
      es: ['Al inicio', 'Al final'],
      ca: ["A l'inici", 'Al final'],
    };
    const meeting: Record<Language, [string, string]> = {
      en: ['Before the session', 'After the session'],
      ro: ['Înainte de sesiune', 'După sesiune'],
      es: ['Antes de la sesión', 'Después de la sesión'],
      ca: ['Abans de la sessió', 'Després de la sessió'],
    };
    // Every language, whatever the programme offers: the words come from the session's kind alone.
    const everywhere = (id: string, language: Language): Handout => ({
      ...handoutOf(id, 1),
      programme: { ...programme(id), languages: ['en', 'ro', 'es', 'ca'] },
      language,
    });
    for (const language of ['en', 'ro', 'es', 'ca'] as const) {
      const waves = (id: string): string[] =>
        handoutCards(everywhere(id, language))
          .slice(0, 2)
          .map((card) => card.group.split(' · ').at(-1) ?? '');
      expect(waves('dones-mentores'), language).toEqual(cycle[language]);
      expect(waves('justrom3-mentoring'), language).toEqual(meeting[language]);
    }
  });

  it("names a follow-up by when it comes, after a cycle's end or after a meeting, in every language", () => {
    const followup = (id: string, language: Language, monthsAfter: number): string => {
      const definition = programme(id);
      const sessions = definition.sessions.map((session) => ({
        ...session,
        followup: { instruments: session.pre.instruments, subgroups: [], monthsAfter },
      }));
      const withFollowup: ProgrammeDefinition = { ...definition, sessions, languages: ['en', 'ro', 'es', 'ca'] };
      const handout: Handout = {
        ...handoutOf(id, 1),
        programme: withFollowup,
        language,
        links: batch(withFollowup, 1),
      };
      const card = handoutCards(handout).find((candidate) => candidate.wave === 'followup');
      return card?.group.split(' · ').at(-1) ?? '';
    };
    const expected: Record<Language, [cycle: string, meeting: string, one: string, many: string]> = {
      en: ['6 months after the end', '6 months after the session', '1 month after the end', '20 months after the end'],
      ro: ['La 6 luni după final', 'La 6 luni după sesiune', 'La 1 lună după final', 'La 20 de luni după final'],
      es: [
        '6 meses después del final',
        '6 meses después de la sesión',
        '1 mes después del final',
        '20 meses después del final',
      ],
      ca: [
        '6 mesos després del final',
        '6 mesos després de la sessió',
        '1 mes després del final',
        '20 mesos després del final',
      ],
    };
    for (const language of ['en', 'ro', 'es', 'ca'] as const)
      expect(
        [
          followup('dones-mentores', language, 6),
          followup('justrom3-mentoring', language, 6),
          followup('dones-mentores', language, 1),
          followup('dones-mentores', language, 20),
        ],
        language,
      ).toEqual(expected[language]);
  });

  it('puts the follow-up cards last, and tells the coordinator to keep them until the follow-up opens', async () => {
    const handout = handoutOf('dones-mentores', 2, 'es');
    expect(handoutCards(handout).map((card) => card.wave)).toEqual([
      'pre',
      'pre',
      'post',
      'post',
      'followup',
      'followup',
    ]);
    const sheet = textOf(await renderLinkSheet(handout));
    expect(sheet).toContain(HANDOUT_STRINGS.es.keepFollowup);
    expect(sheet).toContain(HANDOUT_STRINGS.en.keepFollowup);
    const messages = renderLinkMessages(handout);
    expect(messages).toContain(`# ${HANDOUT_STRINGS.es.keepFollowup}`);
    expect(messages).toContain('# N.º 2 · Ciclo de mentoría · 6 meses después del final\n');
    // A programme without follow-ups says nothing of them.
    const meetings = handoutOf('justrom3-mentoring', 1);
    expect(textOf(await renderLinkSheet(meetings))).not.toContain(HANDOUT_STRINGS.ro.keepFollowup);
    expect(renderLinkMessages(meetings)).not.toContain(HANDOUT_STRINGS.en.keepFollowup);
  });

  it('escapes every text it is given', async () => {
    const definition = programme('dones-mentores');
    const hostile: ProgrammeDefinition = {
      ...definition,
      sessions: definition.sessions.map((session) => ({ ...session, name: { ca: '<script>alert(1)</script> & "x"' } })),
    };
    const links = batch(hostile, 1).map((link) => ({ ...link, url: `https://x.example/"><b>/s/${link.code}` }));
    const sheet = await renderLinkSheet({
      programme: hostile,
      cohortName: '<img src=x onerror=alert(1)>',
      language: 'ca',
      links,
    });
    expect(sheet).not.toContain('<script>');
    expect(sheet).not.toContain('<img');
    expect(sheet).not.toContain('"><b>');
    expect(sheet).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;');
  });

  it('has every handout string in every language, with its placeholders', () => {
    const keys = Object.keys(HANDOUT_STRINGS.en).sort();
    for (const [language, strings] of Object.entries(HANDOUT_STRINGS)) {
      expect(Object.keys(strings).sort(), language).toEqual(keys);
      for (const text of Object.values(strings)) expect(text.trim(), language).not.toBe('');
      expect(strings.number, language).toContain('{n}');
      expect(strings.message, language).toMatch(/\{url\}$/);
      expect(strings.reminder, language).toContain('{date}');
    }
  });
});

describe('the messages', () => {
  it('has one neutral message per link, in the batch language, under a # label, a blank line between', () => {
    const handout = handoutOf('dones-mentores', 5);
    const text = renderLinkMessages(handout);
    const blocks = text.trimEnd().split('\n\n');
    const [header, ...messages] = blocks;
    expect(header?.split('\n').every((line) => line.startsWith('# '))).toBe(true);
    expect(messages).toHaveLength(handout.links.length);
    const cards = handoutCards(handout);
    messages.forEach((block, index) => {
      const card = cards[index];
      expect(block).toBe(`# ${card?.label ?? ''}\nEl teu qüestionari (uns minuts): ${card?.url ?? ''}`);
    });
    for (const link of handout.links) expect(text.split(link.url)).toHaveLength(2);
    // Nothing a participant receives names the programme or its subject.
    const received = messages.map((block) => block.split('\n')[1] ?? '').join('\n');
    for (const word of ['Dones', 'Mentor', 'mentor', 'violè', 'violen', 'víctima', 'victim', handout.cohortName])
      expect(received).not.toContain(word);
  });

  it("speaks each programme's default language unless the batch chose another", () => {
    expect(linkMessage(handoutOf('justrom3-mentoring', 1), 'U')).toBe('Chestionarul dumneavoastră (câteva minute): U');
    expect(linkMessage(handoutOf('migrant-voices-heard', 1), 'U')).toBe('Your questionnaire (a few minutes): U');
    expect(linkMessage(handoutOf('dones-mentores', 1), 'U')).toBe('El teu qüestionari (uns minuts): U');
    expect(linkMessage({ language: 'es' }, 'U$&')).toBe('Tu cuestionario (unos minutos): U$&');
  });

  it('writes a Spanish batch of a Catalan programme in Spanish, its header note in Spanish then English', () => {
    const handout = handoutOf('dones-mentores', 3, 'es');
    const [header = '', ...messages] = renderLinkMessages(handout).trimEnd().split('\n\n');
    expect(header.split('\n')).toEqual([
      `# ${HANDOUT_STRINGS.es.title} · ${handout.cohortName}`,
      `# ${HANDOUT_STRINGS.es.messagesNote}`,
      `# ${HANDOUT_STRINGS.es.keepFollowup}`,
      `# ${HANDOUT_STRINGS.en.messagesNote}`,
      `# ${HANDOUT_STRINGS.en.keepFollowup}`,
    ]);
    expect(messages).toHaveLength(handout.links.length);
    messages.forEach((block, index) => {
      const [label = '', message = ''] = block.split('\n');
      expect(label).toMatch(/^# N\.º [1-3] · Ciclo de mentoría · (Al (inicio|final)|6 meses después del final)$/);
      expect(label).not.toContain('Antes de la sesión');
      expect(message).toBe(`Tu cuestionario (unos minutos): ${handoutCards(handout)[index]?.url ?? ''}`);
      // Neutral in every language: someone else may read the phone.
      for (const word of ['Dones', 'entor', 'ciclo', 'Ciclo', 'violen', 'víctima', handout.cohortName])
        expect(message).not.toContain(word);
    });
  });
});

describe('linksCsv', () => {
  it('has one row a link in the order they were made, the participant number last', () => {
    const links = batch(programme('justrom3-mentoring'), 2);
    const [header, ...rows] = parseCsv(linksCsv(links));
    expect(header).toEqual(['participant', 'session', 'wave', 'code', 'url', 'number']);
    expect(rows).toEqual(
      links.map((link) => [link.participant, link.session, link.wave, link.code, link.url, String(link.number)]),
    );
    expect(rows.map((row) => row[5])).toEqual([...Array(6).fill('1'), ...Array(6).fill('2')]);
  });
});

describe('npm run prepost -- links, on paper and phones', () => {
  let cwd: string;
  // The folder's own embedded DynamoDB and link key, never a developer's.
  const env = { DYNAMODB_ENDPOINT: '', TABLE_NAME: '', LINK_KEY: '', PREPOST_BASE_URL: '', PORT: '4322' };

  beforeAll(async () => {
    cwd = await mkdtemp(join(tmpdir(), 'prepost-link-sheet-'));
  });

  afterAll(async () => {
    await rm(cwd, { recursive: true, force: true });
  });

  async function modeOf(path: string): Promise<number> {
    return (await stat(path)).mode & 0o777;
  }

  it('writes the CSV, the sheet and the messages beside it, readable only by the owner, and logs no code', async () => {
    // A file left from before (it may hold an earlier batch's codes) is refused and left as it is,
    // and the files this run had opened are removed: nobody is made.
    await writeFile(join(cwd, 'batch-sheet.html'), 'old', { mode: 0o644 });
    const refused = await runEntry(
      'prepost',
      ['links', '--programme', 'dones-mentores', '--cohort', 'barcelona-2026', '--count', '3', '--out', 'batch.csv'],
      cwd,
      env,
    );
    expect(refused.code, refused.stderr).toBe(2);
    expect(refused.stderr).toContain('batch-sheet.html exists');
    expect(await readFile(join(cwd, 'batch-sheet.html'), 'utf8')).toBe('old');
    expect(existsSync(join(cwd, 'batch.csv'))).toBe(false);
    await rm(join(cwd, 'batch-sheet.html'));
    const result = await runEntry(
      'prepost',
      ['links', '--programme', 'dones-mentores', '--cohort', 'barcelona-2026', '--count', '3', '--out', 'batch.csv'],
      cwd,
      env,
    );
    expect(result.code, result.stderr).toBe(0);
    const files = ['batch.csv', 'batch-sheet.html', 'batch-messages.txt'].map((name) => join(cwd, name));
    for (const file of files) expect(await modeOf(file), file).toBe(0o600);
    for (const file of files) expect(result.stderr).toContain(file);
    const [header, ...rows] = parseCsv(await readFile(files[0] ?? '', 'utf8'));
    expect(header).toEqual(['participant', 'session', 'wave', 'code', 'url', 'number']);
    // Three participants, each with a link at the start, at the end and six months later.
    expect(rows).toHaveLength(3 * 3);
    expect(rows.filter((row) => row[2] === 'followup')).toHaveLength(3);
    // One number per participant, 1 to 3, as on the cards.
    expect(new Set(rows.map((row) => `${row[0]}=${row[5]}`)).size).toBe(3);
    expect([...new Set(rows.map((row) => row[5]))].sort()).toEqual(['1', '2', '3']);
    const sheet = await readFile(files[1] ?? '', 'utf8');
    const messages = await readFile(files[2] ?? '', 'utf8');
    const cards = cardsOf(sheet);
    expect(cards).toHaveLength(rows.length);
    expect(messages.trimEnd().split('\n\n')).toHaveLength(1 + rows.length);
    for (const [participant = '', , , code = '', url = ''] of rows) {
      expect(url).toBe(`http://127.0.0.1:4322/s/${code}`);
      const card = cards.find((markup) => textOf(markup).includes(`http://127.0.0.1:4322/s/${formatCode(code)}`));
      expect(card, code).toBeDefined();
      expect(card).toContain(await librarySvg(url));
      expect(messages.split(`: ${url}\n`)).toHaveLength(2);
      expect(sheet + messages).not.toContain(participant);
      expect(result.stdout + result.stderr).not.toContain(code);
      expect(result.stdout + result.stderr).not.toContain(formatCode(code));
    }
  });

  it('takes --sheet and --messages with the CSV on standard output, and refuses one file for two', async () => {
    const result = await runEntry(
      'prepost',
      [
        'links',
        '--programme',
        'justrom3-mentoring',
        '--cohort',
        'iasi-2020',
        '--count',
        '2',
        '--sheet',
        'print/sheet.html',
        '--messages',
        'sms.txt',
      ],
      cwd,
      env,
    );
    expect(result.code, result.stderr).toBe(0);
    const rows = parseCsv(result.stdout).slice(1);
    expect(rows).toHaveLength(2 * 3 * 2);
    for (const name of ['print/sheet.html', 'sms.txt']) expect(await modeOf(join(cwd, name)), name).toBe(0o600);
    const sheet = await readFile(join(cwd, 'print', 'sheet.html'), 'utf8');
    const messages = await readFile(join(cwd, 'sms.txt'), 'utf8');
    for (const row of rows) {
      expect(textOf(sheet)).toContain(formatCode(row[3] ?? ''));
      expect(messages).toContain(`Chestionarul dumneavoastră (câteva minute): ${row[4] ?? ''}\n`);
    }
    expect(result.stderr).not.toContain(rows[0]?.[3] ?? '');
    const clash = await runEntry(
      'prepost',
      [
        'links',
        '--programme',
        'justrom3-mentoring',
        '--cohort',
        'iasi-2020',
        '--count',
        '1',
        '--out',
        'same.html',
        '--sheet',
        'same.html',
      ],
      cwd,
      env,
    );
    expect(clash.code).toBe(2);
    expect(clash.stderr).toContain('different files');
  });

  it('writes cards and messages in the language of --language, and refuses one the programme lacks', async () => {
    const result = await runEntry(
      'prepost',
      [
        'links',
        '--programme',
        'dones-mentores',
        '--cohort',
        'girona-2026',
        '--count',
        '2',
        '--language',
        'es',
        '--out',
        'es/batch.csv',
      ],
      cwd,
      env,
    );
    expect(result.code, result.stderr).toBe(0);
    const sheet = await readFile(join(cwd, 'es', 'batch-sheet.html'), 'utf8');
    const messages = await readFile(join(cwd, 'es', 'batch-messages.txt'), 'utf8');
    expect(sheet).toContain('<html lang="es">');
    expect(textOf(sheet)).toContain('N.º 2 · Ciclo de mentoría · Al final');
    expect(messages).toContain('\nTu cuestionario (unos minutos): http://127.0.0.1:4322/s/');
    expect(messages).not.toContain('El teu qüestionari');
    const refused = await runEntry(
      'prepost',
      [
        'links',
        '--programme',
        'dones-mentores',
        '--cohort',
        'girona-2026',
        '--count',
        '2',
        '--language',
        'ro',
        '--out',
        'ro/batch.csv',
      ],
      cwd,
      env,
    );
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('language');
    expect(refused.stderr).toContain('ca, es, en');
    // Nothing was made, so no file holds half a batch.
    for (const name of ['batch.csv', 'batch-sheet.html', 'batch-messages.txt'])
      await expect(stat(join(cwd, 'ro', name))).rejects.toThrow(/ENOENT/);
  });
});
