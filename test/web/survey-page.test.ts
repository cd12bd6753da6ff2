/**
 * The participant pages as HTML: what they promise without JavaScript (no Shift shortcut
 * mentioned, advice on leaving no trace where there is quick exit), the language switcher as
 * buttons of the questionnaire's form, the destructive button styled as a warning, and the
 * failure page carrying back only fields of the questionnaire's shape.
 */
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { shippedCatalog } from '#surveys/index.ts';
import type { WaveContext } from '#core/waves.ts';
import { seedWave } from '../support/programmes.ts';
import { surveySteps } from '#core/steps.ts';
import { PARTICIPANT_HEADERS } from '#web/participant-page.ts';
import {
  frameFor,
  renderRetry,
  renderSurveyStep,
  renderThanks,
  renderWithdrawConfirm,
  renderWithdrawn,
} from '#web/survey-page.ts';

const catalog = shippedCatalog();

function wave(programme: string, cohort: string, session: string): WaveContext {
  return seedWave(programme, cohort, session, 'pre', catalog);
}

const dones = wave('dones-mentores', 'barcelona-2026', 'mentoring-cycle');
const justrom3 = wave('justrom3-mentoring', 'iasi-2020', 'individual-meeting-1');
/** The text a person reads with JavaScript off: no markup, no script, no hidden elements. */
const visibleText = (page: string): string =>
  page
    .replace(/<script>[\s\S]*?<\/script>/g, '')
    .replace(/<style>[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+ hidden>[^<]*<\/[^>]+>/g, '')
    .replace(/<[^>]+>/g, ' ');

describe('participant pages', () => {
  it(
    'mention the Shift shortcut only in a hint the script reveals, and advise how to leave no trace where there is ' +
      'quick exit',
    () => {
      const frame = frameFor(dones.programme, 'es', '/s/X');
      const consent = renderSurveyStep(dones, catalog, frame, surveySteps(dones, catalog), 0);
      expect(consent).toContain('<small id="exit-hint" hidden>');
      expect(visibleText(consent)).not.toMatch(/shift|mayús/i);
      expect(visibleText(consent)).toContain('ventana privada');
      expect(visibleText(renderThanks(frame, 'ABCDEFGHJK'))).not.toMatch(/shift/i);
      const plain = renderSurveyStep(
        justrom3,
        catalog,
        frameFor(justrom3.programme, 'en', '/s/X'),
        surveySteps(justrom3, catalog),
        0,
      );
      expect(plain).not.toContain('private (incognito)');
      expect(plain).not.toContain('id="exit"');
    },
  );

  it("head each screen with the session and the wave in words that fit the session's kind", () => {
    const heading = (context: WaveContext, language: 'en' | 'es'): string =>
      visibleText(
        renderSurveyStep(
          context,
          catalog,
          frameFor(context.programme, language, '/s/X'),
          surveySteps(context, catalog),
          1,
        ),
      );
    // A mentoring cycle of months has a start and an end; a one-day meeting a before and an after.
    expect(heading(dones, 'es')).toContain('Ciclo de mentoría · Al inicio');
    expect(heading(dones, 'es')).not.toContain('Antes de la sesión');
    expect(heading(seedWave('dones-mentores', 'barcelona-2026', 'mentoring-cycle', 'post', catalog), 'es')).toContain(
      'Ciclo de mentoría · Al final',
    );
    expect(heading(justrom3, 'en')).toContain('Individual meeting 1 · Before the session');
  });

  it('switch language with buttons of the questionnaire form on its screens, with links elsewhere', () => {
    const frame = frameFor(dones.programme, 'ca', '/s/X');
    const screen = renderSurveyStep(dones, catalog, frame, surveySteps(dones, catalog), 1);
    expect(screen).toContain('<form id="survey"');
    expect(screen).toContain(
      '<button type="submit" form="survey" name="nav" value="lang:es" lang="es">Español</button>',
    );
    expect(screen).toContain('<strong lang="ca" aria-current="true">Català</strong>');
    expect(renderThanks(frame, 'ABCDEFGHJK')).toContain('<a lang="es" hreflang="es" href="/s/X?lang=es">Español</a>');
    // Every screen also offers withdrawal, outside the form.
    expect(screen).toMatch(/<\/form><p class="hint"><a href="\/s\/X\?lang=ca&amp;withdraw=1">/);
  });

  it('style the destructive confirmation as a warning, and say the other links stop working', () => {
    const page = renderWithdrawConfirm(frameFor(justrom3.programme, 'ro', '/s/X'));
    expect(page).toContain('<button type="submit" name="nav" value="withdraw-confirm" class="warn">');
    expect(page).toContain('toate sesiunile');
    expect(renderWithdrawn(frameFor(justrom3.programme, 'ro', '/s/X'), false)).toContain(
      'Acest link nu mai este activ.',
    );
  });

  it('send back after a failure only the fields a questionnaire has, bounded', () => {
    const fields: Record<string, string | string[]> = {
      consent: 'v1',
      lang: 'es',
      step: '2',
      nav: 'next',
      'a.rosenberg-self-esteem.rses-1': 'agree',
      'g.role': 'mentee',
      evil: '<script>',
      'a.x': 'y',
      'a.rosenberg-self-esteem.rses-2': 'x'.repeat(101),
      'a.rosenberg-self-esteem.rses-3': ['a', 'b'],
    };
    for (let index = 0; index < 400; index += 1) fields[`a.i.q${index}`] = 'v';
    const page = renderRetry(frameFor(dones.programme, 'es', '/s/X'), fields);
    const carried = [...page.matchAll(/<input type="hidden" name="([^"]+)"/g)].map((match) => match[1]);
    expect(carried.slice(0, 6)).toEqual(['consent', 'lang', 'step', 'nav', 'a.rosenberg-self-esteem.rses-1', 'g.role']);
    expect(carried).toHaveLength(200);
    expect(page).not.toContain('evil');
    expect(page).not.toContain('rses-2');
  });

  it('allow the one script by hash and let it fetch only from the page own origin', () => {
    const csp = PARTICIPANT_HEADERS['content-security-policy'] ?? '';
    const page = renderThanks(frameFor(dones.programme, 'en', '/s/X'), 'ABCDEFGHJK');
    const script = /<script>([\s\S]*?)<\/script>/.exec(page)?.[1] ?? '';
    expect(csp).toContain(`script-src 'sha256-${createHash('sha256').update(script).digest('base64')}'`);
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("form-action 'self'");
  });
});
