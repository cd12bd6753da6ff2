/**
 * The interface strings of participant pages, in every shipped language. Survey content lives
 * in the definitions; these are the words around it. A test checks every key in every language.
 */
import type { Language, SessionKind } from '#surveys/schema.ts';
import type { WaveKind } from '#core/model.ts';

const en = {
  pageTitle: 'Questionnaire',
  languageName: 'English',
  language: 'Language',
  before: 'Before the session',
  after: 'After the session',
  cycleStart: 'At the start',
  cycleEnd: 'At the end',
  followupMeeting: '{months} after the session',
  followupCycle: '{months} after the end',
  followupLater: 'Later',
  skipHint: 'You can skip any question you do not want to answer.',
  consentHeading: 'Before you start',
  consentAgree: 'I have read this and I agree to take part.',
  aboutYou: 'About you',
  preferNotToSay: 'Prefer not to say',
  thenHint: 'The same questions again, on purpose: this time answer for how you were then, not how you are now.',
  submit: 'Send my answers',
  errorsHeading: 'Please check these answers',
  'problem.required': 'Please answer this question.',
  'problem.invalid-option': 'Please choose one of the options.',
  'problem.unknown-field': 'This answer does not belong to this questionnaire.',
  'problem.repeated': 'This question was answered twice; please choose one option.',
  'problem.consent-required':
    'Please tick the box to say you agree, or close this page if you do not want to take part.',
  thanksHeading: 'Thank you',
  thanksBody: 'Your answers have been saved. You can close this page.',
  receipt: 'Receipt number',
  notFound: 'This link is not valid. Please check it, or ask the person who gave it to you.',
  notOpen: 'This questionnaire is not open yet. Please try again later.',
  closed: 'This questionnaire is closed.',
  tooLarge: 'What was sent is too large. Please try again.',
  unsupported: 'What was sent could not be read. Please use the form on this page.',
  exit: 'Exit this page',
  exitHint: 'or press Shift three times',
  support: 'Support',
  stepOf: 'Step {n} of {total}',
  next: 'Continue',
  back: 'Back',
  withdrawHeading: 'Withdraw from the study',
  withdrawBody: 'You can withdraw at any time. All your answers will be deleted and not used.',
  withdrawButton: 'Withdraw and delete my answers',
  withdrawConfirm:
    'Are you sure? All your answers, to every session, will be deleted, ' +
    'and all your links (for the other sessions too) will stop working. This cannot be undone.',
  withdrawConfirmButton: 'Yes, delete my answers',
  withdrawnBody:
    'Your answers to every session have been deleted, and your links no longer work. Thank you for your time.',
  linkInactive: 'This link is no longer active.',
  answeredElsewhere:
    'These answers could not be saved: this questionnaire was already answered with this link, ' +
    'perhaps in another window. The answers sent first are kept.',
  seeReceipt: 'See the receipt, or withdraw',
  confirmEmpty:
    'You have not answered anything on this screen. ' +
    'You can continue without answering, or answer the questions below and press Continue.',
  continueAnyway: 'Continue without answering',
  nothingAnswered:
    'You have not answered any question, so there is nothing to send yet. Go back to answer, or close this page: ' +
    'your link keeps working while the questionnaire is open.',
  saveFailed: 'We could not save your answers just now. They are still here: please try again in a moment.',
  openFailed: 'We could not open the questionnaire just now. Please try again in a moment.',
  tryAgain: 'Try again',
  offline: 'No connection. Your answers are still here: try again when you have signal.',
  noTrace:
    'On a shared phone or computer, to leave no trace: open this link in a private (incognito) window, ' +
    'or clear the browser history when you finish. The “Exit this page” button leaves at once.',
  withdrawFailed:
    'We could not finish deleting your answers just now. Please confirm again in a moment: nothing will be kept.',
};

type Strings = typeof en;

const ro: Strings = {
  pageTitle: 'Chestionar',
  languageName: 'Română',
  language: 'Limba',
  before: 'Înainte de sesiune',
  after: 'După sesiune',
  cycleStart: 'La început',
  cycleEnd: 'La final',
  followupMeeting: 'La {months} după sesiune',
  followupCycle: 'La {months} după final',
  followupLater: 'Mai târziu',
  skipHint: 'Puteți sări peste orice întrebare la care nu doriți să răspundeți.',
  consentHeading: 'Înainte să începeți',
  consentAgree: 'Am citit și sunt de acord să particip.',
  aboutYou: 'Despre dumneavoastră',
  preferNotToSay: 'Prefer să nu răspund',
  thenHint:
    'Aceleași întrebări din nou, intenționat: de data aceasta răspundeți pentru cum erați atunci, ' +
    'nu pentru cum sunteți acum.',
  submit: 'Trimit răspunsurile',
  errorsHeading: 'Vă rugăm să verificați aceste răspunsuri',
  'problem.required': 'Vă rugăm să răspundeți la această întrebare.',
  'problem.invalid-option': 'Vă rugăm să alegeți una dintre variante.',
  'problem.unknown-field': 'Acest răspuns nu aparține acestui chestionar.',
  'problem.repeated': 'La această întrebare s-a răspuns de două ori; vă rugăm să alegeți o singură variantă.',
  'problem.consent-required':
    'Vă rugăm să bifați căsuța dacă sunteți de acord sau să închideți pagina dacă nu doriți să participați.',
  thanksHeading: 'Vă mulțumim',
  thanksBody: 'Răspunsurile au fost salvate. Puteți închide această pagină.',
  receipt: 'Număr de confirmare',
  notFound: 'Acest link nu este valid. Vă rugăm să îl verificați sau să întrebați persoana care vi l-a dat.',
  notOpen: 'Acest chestionar nu este încă deschis. Vă rugăm să reveniți mai târziu.',
  closed: 'Acest chestionar este închis.',
  tooLarge: 'Ce ați trimis este prea mare. Vă rugăm să încercați din nou.',
  unsupported: 'Ce ați trimis nu a putut fi citit. Vă rugăm să folosiți formularul din această pagină.',
  exit: 'Părăsiți pagina',
  exitHint: 'sau apăsați Shift de trei ori',
  support: 'Sprijin',
  stepOf: 'Pasul {n} din {total}',
  next: 'Continuă',
  back: 'Înapoi',
  withdrawHeading: 'Retragerea din studiu',
  withdrawBody: 'Vă puteți retrage oricând. Toate răspunsurile dumneavoastră vor fi șterse și nu vor fi folosite.',
  withdrawButton: 'Mă retrag și îmi șterg răspunsurile',
  withdrawConfirm:
    'Confirmați? Toate răspunsurile dumneavoastră, de la toate sesiunile, vor fi șterse, ' +
    'iar toate linkurile (și cele pentru celelalte sesiuni) nu vor mai funcționa. Acest lucru nu poate fi anulat.',
  withdrawConfirmButton: 'Da, șterge răspunsurile mele',
  withdrawnBody:
    'Răspunsurile dumneavoastră de la toate sesiunile au fost șterse, iar linkurile nu mai funcționează. ' +
    'Vă mulțumim pentru timpul acordat.',
  linkInactive: 'Acest link nu mai este activ.',
  answeredElsewhere:
    'Aceste răspunsuri nu au putut fi salvate: la chestionar s-a răspuns deja cu acest link, ' +
    'poate într-o altă fereastră. Se păstrează răspunsurile trimise primele.',
  seeReceipt: 'Vedeți confirmarea sau retrageți-vă',
  confirmEmpty:
    'Nu ați răspuns la nimic pe acest ecran. ' +
    'Puteți continua fără să răspundeți sau puteți răspunde la întrebările de mai jos și apăsa Continuă.',
  continueAnyway: 'Continui fără să răspund',
  nothingAnswered:
    'Nu ați răspuns la nicio întrebare, așa că nu este încă nimic de trimis. ' +
    'Reveniți pentru a răspunde sau închideți pagina: linkul funcționează cât timp chestionarul este deschis.',
  saveFailed:
    'Nu am putut salva răspunsurile chiar acum. Ele sunt încă aici: ' +
    'vă rugăm să încercați din nou peste puțin timp.',
  openFailed: 'Nu am putut deschide chestionarul chiar acum. Vă rugăm să încercați din nou peste puțin timp.',
  tryAgain: 'Încercați din nou',
  offline: 'Nu există conexiune. Răspunsurile sunt încă aici: încercați din nou când aveți semnal.',
  noTrace:
    'Pe un telefon sau calculator folosit și de alții, ca să nu rămână nicio urmă: ' +
    'deschideți linkul într-o fereastră privată (incognito) sau ștergeți istoricul browserului la final. ' +
    'Butonul „Părăsiți pagina” vă scoate imediat.',
  withdrawFailed:
    'Nu am putut termina ștergerea răspunsurilor chiar acum. Vă rugăm să confirmați din nou peste puțin timp: ' +
    'nu se va păstra nimic.',
};

const es: Strings = {
  pageTitle: 'Cuestionario',
  languageName: 'Español',
  language: 'Idioma',
  before: 'Antes de la sesión',
  after: 'Después de la sesión',
  cycleStart: 'Al inicio',
  cycleEnd: 'Al final',
  followupMeeting: '{months} después de la sesión',
  followupCycle: '{months} después del final',
  followupLater: 'Más tarde',
  skipHint: 'Puedes saltarte cualquier pregunta que no quieras responder.',
  consentHeading: 'Antes de empezar',
  consentAgree: 'He leído esto y acepto participar.',
  aboutYou: 'Sobre ti',
  preferNotToSay: 'Prefiero no decirlo',
  thenHint: 'Las mismas preguntas otra vez, a propósito: esta vez responde cómo estabas entonces, no cómo estás ahora.',
  submit: 'Enviar mis respuestas',
  errorsHeading: 'Por favor, revisa estas respuestas',
  'problem.required': 'Por favor, responde a esta pregunta.',
  'problem.invalid-option': 'Por favor, elige una de las opciones.',
  'problem.unknown-field': 'Esta respuesta no pertenece a este cuestionario.',
  'problem.repeated': 'Esta pregunta se respondió dos veces; por favor, elige una sola opción.',
  'problem.consent-required':
    'Por favor, marca la casilla para decir que aceptas, o cierra esta página si no quieres participar.',
  thanksHeading: 'Gracias',
  thanksBody: 'Tus respuestas se han guardado. Puedes cerrar esta página.',
  receipt: 'Número de comprobante',
  notFound: 'Este enlace no es válido. Por favor, revísalo o pregunta a la persona que te lo dio.',
  notOpen: 'Este cuestionario todavía no está abierto. Por favor, inténtalo más tarde.',
  closed: 'Este cuestionario está cerrado.',
  tooLarge: 'Lo que se ha enviado es demasiado grande. Por favor, inténtalo de nuevo.',
  unsupported: 'No se ha podido leer lo que se ha enviado. Por favor, usa el formulario de esta página.',
  exit: 'Salir de esta página',
  exitHint: 'o pulsa Mayús tres veces',
  support: 'Ayuda',
  stepOf: 'Paso {n} de {total}',
  next: 'Continuar',
  back: 'Atrás',
  withdrawHeading: 'Retirarte del estudio',
  withdrawBody: 'Puedes retirarte en cualquier momento. Todas tus respuestas se borrarán y no se usarán.',
  withdrawButton: 'Retirarme y borrar mis respuestas',
  withdrawConfirm:
    '¿Lo confirmas? Se borrarán todas tus respuestas, de todas las sesiones, ' +
    'y todos tus enlaces (también los de las otras sesiones) dejarán de funcionar. No se puede deshacer.',
  withdrawConfirmButton: 'Sí, borrar mis respuestas',
  withdrawnBody:
    'Se han borrado tus respuestas de todas las sesiones y tus enlaces ya no funcionan. Gracias por tu tiempo.',
  linkInactive: 'Este enlace ya no está activo.',
  answeredElsewhere:
    'No se han podido guardar estas respuestas: este cuestionario ya se respondió con este enlace, ' +
    'quizá en otra ventana. Se mantienen las respuestas enviadas primero.',
  seeReceipt: 'Ver el comprobante o retirarte',
  confirmEmpty:
    'No has respondido nada en esta pantalla. ' +
    'Puedes continuar sin responder, o responder las preguntas de abajo y pulsar Continuar.',
  continueAnyway: 'Continuar sin responder',
  nothingAnswered:
    'No has respondido ninguna pregunta, así que todavía no hay nada que enviar. Vuelve atrás para responder o ' +
    'cierra esta página: tu enlace sigue funcionando mientras el cuestionario esté abierto.',
  saveFailed:
    'No hemos podido guardar tus respuestas ahora mismo. Siguen aquí: vuelve a intentarlo dentro de un momento.',
  openFailed: 'No hemos podido abrir el cuestionario ahora mismo. Vuelve a intentarlo dentro de un momento.',
  tryAgain: 'Intentar de nuevo',
  offline: 'Sin conexión. Tus respuestas siguen aquí: vuelve a intentarlo cuando tengas cobertura.',
  noTrace:
    'En un móvil u ordenador compartido, para no dejar rastro: ' +
    'abre este enlace en una ventana privada (incógnito) o borra el historial del navegador al terminar. ' +
    'El botón «Salir de esta página» sale al instante.',
  withdrawFailed:
    'No hemos podido terminar de borrar tus respuestas ahora mismo. Vuelve a confirmarlo dentro de un momento: ' +
    'no se guardará nada.',
};

const ca: Strings = {
  pageTitle: 'Qüestionari',
  languageName: 'Català',
  language: 'Llengua',
  before: 'Abans de la sessió',
  after: 'Després de la sessió',
  cycleStart: "A l'inici",
  cycleEnd: 'Al final',
  followupMeeting: '{months} després de la sessió',
  followupCycle: '{months} després del final',
  followupLater: 'Més tard',
  skipHint: 'Pots saltar-te qualsevol pregunta que no vulguis respondre.',
  consentHeading: 'Abans de començar',
  consentAgree: 'He llegit això i accepto participar.',
  aboutYou: 'Sobre tu',
  preferNotToSay: 'Prefereixo no dir-ho',
  thenHint:
    'Les mateixes preguntes un altre cop, a propòsit: aquesta vegada respon com estaves llavors, no com estàs ara.',
  submit: 'Enviar les meves respostes',
  errorsHeading: 'Si us plau, revisa aquestes respostes',
  'problem.required': 'Si us plau, respon aquesta pregunta.',
  'problem.invalid-option': 'Si us plau, tria una de les opcions.',
  'problem.unknown-field': 'Aquesta resposta no pertany a aquest qüestionari.',
  'problem.repeated': "Aquesta pregunta s'ha respost dues vegades; si us plau, tria una sola opció.",
  'problem.consent-required':
    "Si us plau, marca la casella per dir que hi estàs d'acord, o tanca aquesta pàgina si no vols participar.",
  thanksHeading: 'Gràcies',
  thanksBody: "Les teves respostes s'han desat. Pots tancar aquesta pàgina.",
  receipt: 'Número de comprovant',
  notFound: "Aquest enllaç no és vàlid. Si us plau, revisa'l o pregunta a la persona que te l'ha donat.",
  notOpen: 'Aquest qüestionari encara no està obert. Si us plau, torna-ho a provar més tard.',
  closed: 'Aquest qüestionari està tancat.',
  tooLarge: "El que s'ha enviat és massa gran. Si us plau, torna-ho a provar.",
  unsupported: "No s'ha pogut llegir el que s'ha enviat. Si us plau, fes servir el formulari d'aquesta pàgina.",
  exit: 'Sortir d’aquesta pàgina',
  exitHint: 'o prem Maj tres vegades',
  support: 'Ajuda',
  stepOf: 'Pas {n} de {total}',
  next: 'Continua',
  back: 'Enrere',
  withdrawHeading: "Retirar-te de l'estudi",
  withdrawBody: 'Et pots retirar en qualsevol moment. Totes les teves respostes s’esborraran i no es faran servir.',
  withdrawButton: 'Retirar-me i esborrar les meves respostes',
  withdrawConfirm:
    'Ho confirmes? S’esborraran totes les teves respostes, de totes les sessions, ' +
    'i tots els teus enllaços (també els de les altres sessions) deixaran de funcionar. No es pot desfer.',
  withdrawConfirmButton: 'Sí, esborra les meves respostes',
  withdrawnBody:
    'S’han esborrat les teves respostes de totes les sessions i els teus enllaços ja no funcionen. ' +
    'Gràcies pel teu temps.',
  linkInactive: 'Aquest enllaç ja no està actiu.',
  answeredElsewhere:
    'No s’han pogut desar aquestes respostes: aquest qüestionari ja es va respondre amb aquest enllaç, ' +
    'potser en una altra finestra. Es mantenen les respostes enviades primer.',
  seeReceipt: 'Veure el comprovant o retirar-te',
  confirmEmpty:
    'No has respost res en aquesta pantalla. ' +
    'Pots continuar sense respondre, o respondre les preguntes de sota i prémer Continua.',
  continueAnyway: 'Continuar sense respondre',
  nothingAnswered:
    'No has respost cap pregunta, així que encara no hi ha res per enviar. Torna enrere per respondre o tanca ' +
    'aquesta pàgina: el teu enllaç continua funcionant mentre el qüestionari estigui obert.',
  saveFailed:
    'No hem pogut desar les teves respostes ara mateix. Encara són aquí: torna-ho a provar d’aquí a un moment.',
  openFailed: 'No hem pogut obrir el qüestionari ara mateix. Torna-ho a provar d’aquí a un moment.',
  tryAgain: 'Torna-ho a provar',
  offline: 'Sense connexió. Les teves respostes encara són aquí: torna-ho a provar quan tinguis cobertura.',
  noTrace:
    'En un mòbil o ordinador compartit, per no deixar rastre: ' +
    'obre aquest enllaç en una finestra privada (incògnit) o esborra l’historial del navegador en acabar. ' +
    'El botó «Sortir d’aquesta pàgina» surt a l’instant.',
  withdrawFailed:
    'No hem pogut acabar d’esborrar les teves respostes ara mateix. Torna-ho a confirmar d’aquí a un moment: ' +
    'no es guardarà res.',
};

/** The key of an interface string. */
export type StringKey = keyof Strings;

/** Every string table, by language. */
export const STRINGS: Readonly<Record<Language, Strings>> = { en, ro, es, ca };

/** The interface strings of one language. */
export function stringsFor(language: Language): Strings {
  return STRINGS[language];
}

/** "6 months" in each language, by its plural rules (Romanian: "1 lună", "6 luni", "20 de luni"). */
const MONTHS: Readonly<Record<Language, Readonly<Partial<Record<Intl.LDMLPluralRule, string>> & { other: string }>>> = {
  en: { one: '{n} month', other: '{n} months' },
  ro: { one: '{n} lună', few: '{n} luni', other: '{n} de luni' },
  es: { one: '{n} mes', other: '{n} meses' },
  ca: { one: '{n} mes', other: '{n} mesos' },
};

/** A number of months in words, in the language ("6 months", "6 luni", "6 meses", "6 mesos"). */
export function monthsInWords(language: Language, months: number): string {
  const forms = MONTHS[language];
  const form = forms[new Intl.PluralRules(language).select(months)] ?? forms.other;
  return form.replace('{n}', String(months));
}

/**
 * What a wave is called on the form, the cards and the messages: "before" and "after" a one-day
 * session, "at the start" and "at the end" of a cycle of months (a mentoring cycle is not a
 * session one answers before), and a follow-up by when it comes ("6 months after the session",
 * "6 months after the end"): a participant holding three cards knows which one is for now.
 * Without `monthsAfter` a follow-up is simply "later".
 */
export function waveName(language: Language, kind: SessionKind, wave: WaveKind, monthsAfter?: number): string {
  const strings = stringsFor(language);
  if (wave === 'followup') {
    if (monthsAfter === undefined) return strings.followupLater;
    const words = kind === 'cycle' ? strings.followupCycle : strings.followupMeeting;
    return words.replace('{months}', () => monthsInWords(language, monthsAfter));
  }
  if (kind === 'cycle') return wave === 'pre' ? strings.cycleStart : strings.cycleEnd;
  return wave === 'pre' ? strings.before : strings.after;
}
