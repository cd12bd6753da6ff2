/**
 * The coordinator's printable handout of a batch of links: an A4 sheet of cards to cut apart,
 * one card per link (participant, session and wave), each with the QR code of the link, the
 * address to type and the code in groups of four. Cards are grouped by session and wave, each
 * group starting on a new page, so the pages for one session's "before" questionnaire can be
 * taken to that session; a participant is a number within the batch (the order of the links
 * CSV), never a name. Self-contained: inline CSS and SVG, no script, no external resource.
 */
import QRCode from 'qrcode';
import type { Language, ProgrammeDefinition } from '#surveys/schema.ts';
import { formatCode } from '#shared/codes.ts';
import { html, raw, type Html } from './html.ts';
import { waveName } from './strings.ts';
import type { WaveKind } from '#core/model.ts';

/** One link of the batch, as the links CSV has it. */
export interface HandoutLink {
  /** The pseudonymous id: in the files `prepost links` writes for operators, never in the console's. */
  readonly participant?: string | undefined;
  /** The participant's number within the batch, from 1. */
  readonly number: number;
  readonly session: string;
  readonly wave: WaveKind;
  readonly code: string;
  /** The full link, `<base>/s/<code>`. */
  readonly url: string;
}

/** A batch of links for one cohort of a programme. */
export interface Handout {
  readonly programme: ProgrammeDefinition;
  readonly cohortName: string;
  /** The language of the cards and messages, one of the programme's, chosen per batch. */
  readonly language: Language;
  readonly links: readonly HandoutLink[];
}

/** One card (or message): a link with the labels a coordinator sorts and hands out by. */
export interface HandoutCard extends HandoutLink {
  /** "No. 3 · Mentoring cycle · At the start", in the handout's language. */
  readonly label: string;
  /** The session and wave, for group headings. */
  readonly group: string;
  /** The address to type: the link with the code in groups of four (hyphens are ignored). */
  readonly typedPrefix: string;
  readonly typedCode: string;
}

/**
 * The handout's own words. Plain translations by the project, not validated versions. The
 * message is deliberately neutral: a phone may be read by someone else, so it says nothing of
 * the programme or its purpose.
 */
export const HANDOUT_STRINGS: Readonly<
  Record<
    Language,
    Readonly<
      Record<
        'title' | 'number' | 'scan' | 'typing' | 'keep' | 'keepFollowup' | 'message' | 'messagesNote' | 'reminder',
        string
      >
    >
  >
> = {
  en: {
    title: 'Questionnaire links',
    number: 'No. {n}',
    scan: 'Scan the QR code with your phone camera, or type the address into the browser.',
    typing: 'Capitals or small letters; the hyphens can be left out.',
    keep:
      'One card per link, grouped by session, before and after: give each person the card with their number. ' +
      'This sheet is the only copy of the links: keep it safe and destroy the cards left over.',
    keepFollowup:
      'The follow-up cards are for months later: keep them until the follow-up opens, ' +
      'then hand them out or send their messages.',
    message: 'Your questionnaire (a few minutes): {url}',
    reminder: 'A reminder: your questionnaire (a few minutes) is open until {date}. Please use the link you received.',
    messagesNote: 'Lines starting with # are for you: send each person only the message under their line.',
  },
  ro: {
    title: 'Linkuri către chestionar',
    number: 'Nr. {n}',
    scan: 'Scanați codul QR cu camera telefonului sau scrieți adresa în browser.',
    typing: 'Cu litere mari sau mici; cratimele pot lipsi.',
    keep:
      'Câte un card pentru fiecare link, grupate pe sesiuni, înainte și după: ' +
      'dați fiecărei persoane cardul cu numărul ei. Această foaie este singura copie a linkurilor: ' +
      'păstrați-o în siguranță și distrugeți cardurile rămase.',
    keepFollowup:
      'Cardurile de revenire sunt pentru peste câteva luni: păstrați-le până se deschide chestionarul de revenire, ' +
      'apoi împărțiți-le sau trimiteți mesajele lor.',
    message: 'Chestionarul dumneavoastră (câteva minute): {url}',
    reminder:
      'Vă reamintim: chestionarul dumneavoastră (câteva minute) este deschis până la {date}. ' +
      'Folosiți linkul primit.',
    messagesNote:
      'Rândurile care încep cu # sunt pentru dumneavoastră: ' +
      'trimiteți fiecărei persoane doar mesajul de sub rândul ei.',
  },
  es: {
    title: 'Enlaces al cuestionario',
    number: 'N.º {n}',
    scan: 'Escanea el código QR con la cámara del móvil o escribe la dirección en el navegador.',
    typing: 'En mayúsculas o minúsculas; los guiones se pueden omitir.',
    keep:
      'Una tarjeta por enlace, agrupadas por sesión, antes y después: da a cada persona la tarjeta con su número. ' +
      'Esta hoja es la única copia de los enlaces: guárdala bien y destruye las tarjetas que sobren.',
    keepFollowup:
      'Las tarjetas de seguimiento son para dentro de unos meses: guárdalas hasta que se abra el seguimiento ' +
      'y entonces repártelas o envía sus mensajes.',
    message: 'Tu cuestionario (unos minutos): {url}',
    reminder:
      'Un recordatorio: tu cuestionario (unos minutos) está abierto hasta el {date}. Usa el enlace que recibiste.',
    messagesNote:
      'Las líneas que empiezan por # son para ti: envía a cada persona solo el mensaje que hay debajo de su línea.',
  },
  ca: {
    title: 'Enllaços al qüestionari',
    number: 'Núm. {n}',
    scan: "Escaneja el codi QR amb la càmera del mòbil o escriu l'adreça al navegador.",
    typing: 'En majúscules o minúscules; els guions es poden ometre.',
    keep:
      'Una targeta per enllaç, agrupades per sessió, abans i després: dona a cada persona la targeta amb el seu ' +
      "número. Aquest full és l'única còpia dels enllaços: guarda'l bé i destrueix les targetes que sobrin.",
    keepFollowup:
      "Les targetes de seguiment són per d'aquí a uns mesos: guarda-les fins que s'obri el seguiment " +
      'i llavors reparteix-les o envia els seus missatges.',
    message: 'El teu qüestionari (uns minuts): {url}',
    reminder:
      "Un recordatori: el teu qüestionari (uns minuts) és obert fins al {date}. Fes servir l'enllaç que vas rebre.",
    messagesNote:
      'Les línies que comencen amb # són per a tu: ' +
      'envia a cada persona només el missatge que hi ha sota la seva línia.',
  },
};

/** The languages of a handout's notes: its own, then English for the coordinator. */
export function handoutLanguages(handout: Pick<Handout, 'language'>): Language[] {
  return handout.language === 'en' ? ['en'] : [handout.language, 'en'];
}

/** Cards of a session in the order they are handed out: before, after, months later. */
const WAVE_ORDER: Readonly<Record<WaveKind, number>> = { pre: 0, post: 1, followup: 2 };

/**
 * The cards of a batch in handing-out order: by session as the programme lists them, "before"
 * then "after", then participant number.
 */
export function handoutCards(handout: Handout): HandoutCard[] {
  const { programme, language } = handout;
  const words = HANDOUT_STRINGS[language];
  const sessionOrder = new Map(programme.sessions.map((session, index) => [session.id, index]));
  const sessionName = (id: string): string => {
    const name = programme.sessions.find((session) => session.id === id)?.name;
    return name?.[language] ?? name?.en ?? Object.values(name ?? {}).find((text) => text !== undefined) ?? id;
  };
  const cards = handout.links.map((link): HandoutCard => {
    const { number } = link;
    const session = programme.sessions.find((candidate) => candidate.id === link.session);
    const wave = waveName(language, session?.kind ?? 'meeting', link.wave, session?.followup?.monthsAfter);
    const group = `${sessionName(link.session)} · ${wave}`;
    const typed = link.url.endsWith(link.code)
      ? { typedPrefix: link.url.slice(0, link.url.length - link.code.length), typedCode: formatCode(link.code) }
      : { typedPrefix: link.url, typedCode: '' };
    return { ...link, number, group, label: `${words.number.replace('{n}', String(number))} · ${group}`, ...typed };
  });
  const order = (card: HandoutCard): number[] => [
    sessionOrder.get(card.session) ?? sessionOrder.size,
    WAVE_ORDER[card.wave],
    card.number,
  ];
  return cards
    .map((card, index) => ({ card, key: [...order(card), index] }))
    .sort((a, b) => {
      for (let i = 0; i < a.key.length; i += 1) {
        const difference = (a.key[i] ?? 0) - (b.key[i] ?? 0);
        if (difference !== 0) return difference;
      }
      return 0;
    })
    .map(({ card }) => card);
}

/** The QR code of a link, as the SVG markup the sheet embeds (error correction M, 4-module quiet zone). */
export function qrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
}

/** The sheet's stylesheet, one rule a line; it starts and ends on a line of its own. */
const STYLE = [
  '',
  '@page { size: A4 portrait; margin: 10mm; }',
  '* { box-sizing: border-box; }',
  'html { background: #fff; color: #000; }',
  'body { margin: 0 auto; max-width: 190mm; font: 10pt/1.35 system-ui, "DejaVu Sans", Arial, sans-serif; }',
  'header { margin: 0 0 4mm; }',
  'h1 { font-size: 14pt; margin: 0 0 2mm; }',
  'header p { margin: 0 0 1.5mm; }',
  'header p.en { font-style: italic; }',
  'h2 { font-size: 11pt; margin: 0 0 2mm; break-after: avoid; page-break-after: avoid; }',
  'section + section { break-before: page; page-break-before: always; }',
  '.cards { display: flex; flex-wrap: wrap; }',
  '.card { width: 95mm; min-height: 67mm; padding: 3mm 4mm; border: 0.25mm dashed #000; margin: 0 -0.25mm -0.25mm 0;' +
    ' break-inside: avoid; page-break-inside: avoid; display: flex; flex-direction: column; }',
  '.label { font-weight: bold; font-size: 9pt; margin: 0 0 1mm; }',
  '.body { display: flex; gap: 3mm; align-items: center; }',
  '.qr { flex: none; width: 34mm; height: 34mm; }',
  '.qr svg { display: block; width: 34mm; height: 34mm; }',
  '.scan { font-size: 9pt; margin: 0; }',
  '.address { margin: auto 0 0;' +
    ' font-family: "DejaVu Sans Mono", Consolas, "Liberation Mono", "Courier New", monospace; }',
  '.prefix { display: block; font-size: 9pt; overflow-wrap: anywhere; }',
  '.code { display: block; font-size: 17pt; font-weight: bold; letter-spacing: 0.04em; line-height: 1.2; }',
  '.code span { display: block; white-space: nowrap; }',
  '@media screen { body { padding: 8mm 0; } }',
  '',
].join('\n');

/** The printable sheet: an HTML document, ready to print on A4. */
export async function renderLinkSheet(handout: Handout): Promise<string> {
  const { language } = handout;
  const words = HANDOUT_STRINGS[language];
  const cards = handoutCards(handout);
  const svgs = await Promise.all(cards.map((card) => qrSvg(card.url)));
  const groups: { heading: string; cards: Html[] }[] = [];
  cards.forEach((card, index) => {
    const markup = renderCard(card, svgs[index] ?? '', words.scan);
    const last = groups[groups.length - 1];
    if (last !== undefined && last.heading === card.group) last.cards.push(markup);
    else groups.push({ heading: card.group, cards: [markup] });
  });
  const later = cards.some((card) => card.wave === 'followup');
  const intro = handoutLanguages(handout).map((lang) => {
    const text = HANDOUT_STRINGS[lang];
    const kind = lang === language ? 'main' : 'en';
    const keep = later ? `${text.keep} ${text.keepFollowup}` : text.keep;
    return html`<p lang="${lang}" class="${kind}">${text.scan} ${text.typing}<br>${keep}</p>`;
  });
  const title = `${words.title} · ${handout.cohortName}`;
  const sections = groups.map((group) => {
    const heading = html`<h2>${group.heading} (${group.cards.length})</h2>`;
    return html`<section>${heading}<div class="cards">${group.cards}</div></section>\n`;
  });
  const page = html`<!doctype html>
<html lang="${language}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="referrer" content="no-referrer"><meta name="robots" content="noindex">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title><style>${raw(STYLE)}</style></head>
<body>
<header><h1>${title}</h1>${intro}</header>
${sections}</body></html>
`;
  return page.value;
}

function renderCard(card: HandoutCard, svg: string, scan: string): Html {
  const groups = card.typedCode.split('-');
  const lines =
    card.typedCode === ''
      ? []
      : [groups.slice(0, 4).join('-') + (groups.length > 4 ? '-' : ''), groups.slice(4).join('-')].filter(
          (line) => line !== '',
        );
  const qr = html`<div class="qr" role="img" aria-label="QR">${raw(svg)}</div>`;
  const body = html`<div class="body">${qr}<p class="scan">${scan}</p></div>`;
  const code = html`<span class="code">${lines.map((line) => html`<span>${line}</span>`)}</span>`;
  const address = html`<p class="address"><span class="prefix">${card.typedPrefix}</span>${code}</p>`;
  return html`<article class="card"><p class="label">${card.label}</p>${body}${address}</article>\n`;
}
