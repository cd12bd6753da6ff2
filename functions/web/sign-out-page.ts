/**
 * The page sign-out answers with: prepost's session has ended, and the browser goes on at once to
 * end the provider's session too. A page that moves on by itself (meta refresh, with a link for a
 * browser that does not), not a redirect: the sign-out form is posted from staff pages whose
 * policy allows forms to post only to this site (`form-action 'self'`), and browsers apply that
 * to every redirect that follows a form, so a 303 to Cognito's domain would be blocked.
 */
import { LANGUAGES, type Language } from '#surveys/schema.ts';
import type { HttpResult } from '#shared/http.ts';
import { html, raw } from './html.ts';
import { pickLanguage } from './language.ts';
import { HEADERS } from './staff-frame.ts';

const META = raw(
  '<meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">' +
    '<meta name="robots" content="noindex">',
);

const STRINGS: Readonly<Record<Language, { title: string; body: string; next: string }>> = {
  en: {
    title: 'Signed out',
    body: 'You are signed out of prepost. Now signing you out of the sign-in service too.',
    next: 'Continue',
  },
  ro: {
    title: 'V-ați deconectat',
    body: 'V-ați deconectat din prepost. Acum vă deconectăm și din serviciul de autentificare.',
    next: 'Continuați',
  },
  es: {
    title: 'Sesión cerrada',
    body: 'Ha cerrado la sesión en prepost. Ahora cerramos también su sesión en el servicio de acceso.',
    next: 'Continuar',
  },
  ca: {
    title: 'Sessió tancada',
    body: 'Heu tancat la sessió a prepost. Ara tanquem també la sessió al servei d’accés.',
    next: 'Continua',
  },
};

/** The signed-out page, in the reader's language, moving on to `next` (the provider's end-session URL). */
export function renderSignedOut(next: string, acceptLanguage: string | undefined): HttpResult {
  const language = pickLanguage(LANGUAGES, 'en', undefined, acceptLanguage);
  const strings = STRINGS[language];
  const refresh = html`<meta http-equiv="refresh" content="${`0;url=${next}`}">`;
  const head = html`<head>${META}${refresh}<title>${strings.title}</title></head>`;
  const link = html`<p><a href="${next}">${strings.next}</a></p>`;
  const main = html`<main><h1>${strings.title}</h1><p>${strings.body}</p>${link}</main>`;
  return {
    statusCode: 200,
    headers: HEADERS,
    body: `<!doctype html>${html`<html lang="${language}">${head}<body>${main}</body></html>`.value}`,
  };
}
