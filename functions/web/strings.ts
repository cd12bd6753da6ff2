/**
 * The interface strings of participant pages, in every shipped language. Survey content lives
 * in the definitions; these are the words around it. A test checks every key in every language.
 */
import type { Language } from '#surveys/schema.ts';

const en = {
  pageTitle: 'Questionnaire',
  languageName: 'English',
  language: 'Language',
  before: 'Before the session',
  after: 'After the session',
  skipHint: 'You can skip any question you do not want to answer.',
  consentHeading: 'Before you start',
  consentAgree: 'I have read this and I agree to take part.',
  aboutYou: 'About you',
  preferNotToSay: 'Prefer not to say',
  submit: 'Send my answers',
  errorsHeading: 'Please check these answers',
  'problem.required': 'Please answer this question.',
  'problem.invalid-option': 'Please choose one of the options.',
  'problem.unknown-field': 'This answer does not belong to this questionnaire.',
  'problem.repeated': 'This question was answered twice; please choose one option.',
  'problem.consent-required': 'Please tick the box to say you agree, or close this page if you do not want to take part.',
  thanksHeading: 'Thank you',
  thanksBody: 'Your answers have been saved. You can close this page.',
  receipt: 'Receipt number',
  notFound: 'This link is not valid. Please check it, or ask the person who gave it to you.',
  notOpen: 'This questionnaire is not open yet. Please try again later.',
  closed: 'This questionnaire is closed.',
  tooLarge: 'What was sent is too large. Please try again.',
  unsupported: 'What was sent could not be read. Please use the form on this page.',
  alreadyAnswered: 'This questionnaire has already been answered with this link.',
  exit: 'Exit this page',
  exitHint: 'or press Shift three times',
  support: 'Support',
};

type Strings = typeof en;

const ro: Strings = {
  pageTitle: 'Chestionar',
  languageName: 'Română',
  language: 'Limba',
  before: 'Înainte de sesiune',
  after: 'După sesiune',
  skipHint: 'Puteți sări peste orice întrebare la care nu doriți să răspundeți.',
  consentHeading: 'Înainte să începeți',
  consentAgree: 'Am citit și sunt de acord să particip.',
  aboutYou: 'Despre dumneavoastră',
  preferNotToSay: 'Prefer să nu răspund',
  submit: 'Trimit răspunsurile',
  errorsHeading: 'Vă rugăm să verificați aceste răspunsuri',
  'problem.required': 'Vă rugăm să răspundeți la această întrebare.',
  'problem.invalid-option': 'Vă rugăm să alegeți una dintre variante.',
  'problem.unknown-field': 'Acest răspuns nu aparține acestui chestionar.',
  'problem.repeated': 'La această întrebare s-a răspuns de două ori; vă rugăm să alegeți o singură variantă.',
  'problem.consent-required': 'Vă rugăm să bifați căsuța dacă sunteți de acord sau să închideți pagina dacă nu doriți să participați.',
  thanksHeading: 'Vă mulțumim',
  thanksBody: 'Răspunsurile au fost salvate. Puteți închide această pagină.',
  receipt: 'Număr de confirmare',
  notFound: 'Acest link nu este valid. Vă rugăm să îl verificați sau să întrebați persoana care vi l-a dat.',
  notOpen: 'Acest chestionar nu este încă deschis. Vă rugăm să reveniți mai târziu.',
  closed: 'Acest chestionar este închis.',
  tooLarge: 'Ce ați trimis este prea mare. Vă rugăm să încercați din nou.',
  unsupported: 'Ce ați trimis nu a putut fi citit. Vă rugăm să folosiți formularul din această pagină.',
  alreadyAnswered: 'La acest chestionar s-a răspuns deja cu acest link.',
  exit: 'Părăsiți pagina',
  exitHint: 'sau apăsați Shift de trei ori',
  support: 'Sprijin',
};

const es: Strings = {
  pageTitle: 'Cuestionario',
  languageName: 'Español',
  language: 'Idioma',
  before: 'Antes de la sesión',
  after: 'Después de la sesión',
  skipHint: 'Puedes saltarte cualquier pregunta que no quieras responder.',
  consentHeading: 'Antes de empezar',
  consentAgree: 'He leído esto y acepto participar.',
  aboutYou: 'Sobre ti',
  preferNotToSay: 'Prefiero no decirlo',
  submit: 'Enviar mis respuestas',
  errorsHeading: 'Por favor, revisa estas respuestas',
  'problem.required': 'Por favor, responde a esta pregunta.',
  'problem.invalid-option': 'Por favor, elige una de las opciones.',
  'problem.unknown-field': 'Esta respuesta no pertenece a este cuestionario.',
  'problem.repeated': 'Esta pregunta se respondió dos veces; por favor, elige una sola opción.',
  'problem.consent-required': 'Por favor, marca la casilla para decir que aceptas, o cierra esta página si no quieres participar.',
  thanksHeading: 'Gracias',
  thanksBody: 'Tus respuestas se han guardado. Puedes cerrar esta página.',
  receipt: 'Número de comprobante',
  notFound: 'Este enlace no es válido. Por favor, revísalo o pregunta a la persona que te lo dio.',
  notOpen: 'Este cuestionario todavía no está abierto. Por favor, inténtalo más tarde.',
  closed: 'Este cuestionario está cerrado.',
  tooLarge: 'Lo que se ha enviado es demasiado grande. Por favor, inténtalo de nuevo.',
  unsupported: 'No se ha podido leer lo que se ha enviado. Por favor, usa el formulario de esta página.',
  alreadyAnswered: 'Este cuestionario ya se ha respondido con este enlace.',
  exit: 'Salir de esta página',
  exitHint: 'o pulsa Mayús tres veces',
  support: 'Ayuda',
};

const ca: Strings = {
  pageTitle: 'Qüestionari',
  languageName: 'Català',
  language: 'Llengua',
  before: 'Abans de la sessió',
  after: 'Després de la sessió',
  skipHint: 'Pots saltar-te qualsevol pregunta que no vulguis respondre.',
  consentHeading: 'Abans de començar',
  consentAgree: 'He llegit això i accepto participar.',
  aboutYou: 'Sobre tu',
  preferNotToSay: 'Prefereixo no dir-ho',
  submit: 'Enviar les meves respostes',
  errorsHeading: 'Si us plau, revisa aquestes respostes',
  'problem.required': 'Si us plau, respon aquesta pregunta.',
  'problem.invalid-option': 'Si us plau, tria una de les opcions.',
  'problem.unknown-field': 'Aquesta resposta no pertany a aquest qüestionari.',
  'problem.repeated': "Aquesta pregunta s'ha respost dues vegades; si us plau, tria una sola opció.",
  'problem.consent-required': "Si us plau, marca la casella per dir que hi estàs d'acord, o tanca aquesta pàgina si no vols participar.",
  thanksHeading: 'Gràcies',
  thanksBody: "Les teves respostes s'han desat. Pots tancar aquesta pàgina.",
  receipt: 'Número de comprovant',
  notFound: "Aquest enllaç no és vàlid. Si us plau, revisa'l o pregunta a la persona que te l'ha donat.",
  notOpen: 'Aquest qüestionari encara no està obert. Si us plau, torna-ho a provar més tard.',
  closed: 'Aquest qüestionari està tancat.',
  tooLarge: "El que s'ha enviat és massa gran. Si us plau, torna-ho a provar.",
  unsupported: "No s'ha pogut llegir el que s'ha enviat. Si us plau, fes servir el formulari d'aquesta pàgina.",
  alreadyAnswered: 'Aquest qüestionari ja s’ha respost amb aquest enllaç.',
  exit: 'Sortir d’aquesta pàgina',
  exitHint: 'o prem Maj tres vegades',
  support: 'Ajuda',
};

/** The key of an interface string. */
export type StringKey = keyof Strings;

/** Every string table, by language. */
export const STRINGS: Readonly<Record<Language, Strings>> = { en, ro, es, ca };

/** The interface strings of one language. */
export function stringsFor(language: Language): Strings {
  return STRINGS[language];
}
