/**
 * Paper responses as CSV: the columns a coordinator types answers into (a then-test's answers in
 * `then.<instrument>.<item>`), and reading such a file
 * into responses for one cohort. Each row becomes the form fields the web form would have sent
 * and goes through the same {@link validateAnswers}, so a paper answer is accepted exactly when
 * the same answer on the web would be. Pure: the caller reads the file and checks the store.
 */
import type { Catalog } from '#surveys/catalog.ts';
import { optionsOf } from '#surveys/catalog.ts';
import type { Language, Programme, ProgrammeDefinition } from '#surveys/schema.ts';
import {
  CONSENT_FIELD,
  answerField,
  groupField,
  thenField,
  validateAnswers,
  type FieldError,
  type ValidAnswers,
} from './answers.ts';
import { readCsvTable } from './csv.ts';
import { PREFER_NOT_TO_SAY } from './scoring.ts';
import { resolveWave, sessionWaves, type WaveContext } from './waves.ts';
import { isWaveKind, type WaveKind } from './model.ts';

/** The columns every import file has, in the order the template prints them. */
export const PARTICIPANT_COLUMN = 'participant';
export const SESSION_COLUMN = 'session';
export const WAVE_COLUMN = 'wave';
export const CONSENT_COLUMN = 'consent';
/** Optional: the language of the paper form; the programme's default when absent or empty. */
export const LANGUAGE_COLUMN = 'language';
const REQUIRED_COLUMNS = [PARTICIPANT_COLUMN, SESSION_COLUMN, WAVE_COLUMN, CONSENT_COLUMN];

/** The consent cell of a row whose participant gave consent on the paper form. */
export const CONSENT_GIVEN = 'yes';

/** The column of an answer: `<instrument>.<item>`; a subgroup question's column is its id. */
export const answerColumn = (instrument: string, item: string): string => `${instrument}.${item}`;

/** What starts the column of a then-test's answer (no instrument is called `then`: the catalogue refuses it). */
export const THEN_COLUMN_PREFIX = 'then.';
/** The column of a then-test's answer, the item answered again looking back: `then.<instrument>.<item>`. */
export const thenColumn = (instrument: string, item: string): string =>
  `${THEN_COLUMN_PREFIX}${answerColumn(instrument, item)}`;

/** Something wrong in the file, where a spreadsheet shows it: row 1 is the header. */
export interface ImportProblem {
  readonly row: number;
  /** The column's header, or null when the problem is the whole row. */
  readonly column: string | null;
  readonly message: string;
}

/** A row that passed every check the file alone allows. */
export interface PaperResponse {
  readonly row: number;
  readonly participant: string;
  readonly session: string;
  readonly wave: WaveKind;
  readonly language: Language;
  readonly answers: ValidAnswers;
}

/** One non-blank data row: its participant id as typed, and its response when the row is valid. */
export interface ImportRow {
  readonly row: number;
  readonly participant: string | undefined;
  readonly response: PaperResponse | undefined;
}

export interface ImportFile {
  readonly rows: ImportRow[];
  readonly problems: ImportProblem[];
}

/** What an answer column stands for: the form field, and the options it accepts in printed order. */
interface AnswerColumn {
  readonly field: string;
  readonly values: readonly string[];
  readonly preferNotToSay: boolean;
}

/**
 * The header row to type paper answers into: the fixed columns, then, wave by wave as the form
 * shows them, the subgroup questions, each instrument's items and a post wave's then-test items.
 * Every wave of the programme, or only those of `session` and `wave`. Undefined when the session
 * does not exist.
 */
export function templateColumns(
  programme: ProgrammeDefinition,
  catalog: Catalog,
  session?: string,
  wave?: WaveKind,
): string[] | undefined {
  const sessions =
    session === undefined ? programme.sessions : programme.sessions.filter((candidate) => candidate.id === session);
  if (sessions.length === 0) return undefined;
  const columns = [PARTICIPANT_COLUMN, SESSION_COLUMN, WAVE_COLUMN, CONSENT_COLUMN, LANGUAGE_COLUMN];
  for (const chosen of sessions) {
    for (const kind of wave === undefined ? sessionWaves(chosen) : [wave]) {
      const asked = chosen[kind];
      if (asked === undefined) continue;
      const { subgroups, instruments, then } = asked;
      for (const subgroup of subgroups) if (!columns.includes(subgroup)) columns.push(subgroup);
      const addItems = (
        instrumentIds: readonly string[],
        column: (instrument: string, item: string) => string,
      ): void => {
        for (const instrumentId of instrumentIds)
          for (const item of catalog.instruments.get(instrumentId)?.items ?? []) {
            const name = column(instrumentId, item.id);
            if (!columns.includes(name)) columns.push(name);
          }
      };
      addItems(instruments, answerColumn);
      addItems(then?.instruments ?? [], thenColumn);
    }
  }
  return columns;
}

/**
 * Reads an import file for one cohort of a programme. Every problem is collected, with its row
 * and column, rather than stopping at the first: a coordinator fixes the file once.
 */
export function readImportCsv(text: string, programme: Programme, cohortId: string, catalog: Catalog): ImportFile {
  const cohort = programme.cohorts.find((candidate) => candidate.id === cohortId);
  const problems: ImportProblem[] = [];
  // The same reader as `prepost stats`: the separator comes from the file (a spreadsheet in
  // Romanian, Spanish or Catalan settings saves with semicolons).
  const table = readCsvTable(text);
  const names = table.header.map((cell) => cell.trim());

  const answerColumns = answerColumnsOf(programme, catalog);
  const index = new Map<string, number>();
  names.forEach((name, position) => {
    if (name === '') return;
    if (index.has(name)) problems.push({ row: 1, column: name, message: 'this column appears twice' });
    else if (REQUIRED_COLUMNS.includes(name) || name === LANGUAGE_COLUMN || answerColumns.has(name))
      index.set(name, position);
    else
      problems.push({
        row: 1,
        column: name,
        message:
          `not a column of programme ${programme.id}: answers go in <instrument>.<item>, ` +
          `then.<instrument>.<item> (a then-test) or <subgroup> columns (import --template prints them)`,
      });
  });
  const missing = REQUIRED_COLUMNS.filter((name) => !index.has(name));
  for (const name of missing) problems.push({ row: 1, column: name, message: 'this column is required' });
  if (missing.length > 0) return { rows: [], problems };

  const rows: ImportRow[] = [];
  const seen = new Map<string, number>();
  table.rows.forEach(({ line: row, cells: record }) => {
    const problemsBefore = problems.length;
    const cell = (name: string): string => {
      const position = index.get(name);
      return position === undefined ? '' : (record[position] ?? '').trim();
    };
    record.forEach((value, position) => {
      if (value.trim() !== '' && (names[position] ?? '') === '')
        problems.push({
          row,
          column: null,
          message: `column ${position + 1} has no header but holds "${value.trim()}"`,
        });
    });

    const participant = cell(PARTICIPANT_COLUMN) || undefined;
    if (participant === undefined)
      problems.push({
        row,
        column: PARTICIPANT_COLUMN,
        message: 'the participant id is missing (see the participant column of the links CSV)',
      });
    const session = cell(SESSION_COLUMN);
    const sessionAsked = programme.sessions.find((candidate) => candidate.id === session);
    const knownSession = sessionAsked !== undefined;
    if (!knownSession)
      problems.push({
        row,
        column: SESSION_COLUMN,
        message:
          `${session === '' ? 'the session is missing' : `no session "${session}" in ${programme.id}`}; ` +
          `sessions: ${programme.sessions.map((candidate) => candidate.id).join(', ')}`,
      });
    const waveText = cell(WAVE_COLUMN).toLowerCase();
    const wave = isWaveKind(waveText) ? waveText : undefined;
    if (wave === undefined)
      problems.push({
        row,
        column: WAVE_COLUMN,
        message: `the wave must be pre, post or followup${waveText === '' ? '' : `, not "${waveText}"`}`,
      });
    else if (wave === 'followup' && sessionAsked !== undefined && sessionAsked.followup === undefined)
      // Said, not dropped: a row of answers must never vanish without a word.
      problems.push({ row, column: WAVE_COLUMN, message: `session ${session} has no follow-up wave` });
    const languageText = cell(LANGUAGE_COLUMN).toLowerCase();
    const language =
      languageText === ''
        ? programme.defaultLanguage
        : programme.languages.find((candidate) => candidate === languageText);
    if (language === undefined)
      problems.push({
        row,
        column: LANGUAGE_COLUMN,
        message:
          `"${languageText}" is not a language of ${programme.id}: ${programme.languages.join(', ')} (or ` +
          `empty for ${programme.defaultLanguage})`,
      });

    if (participant !== undefined && knownSession && wave !== undefined) {
      const key = `${participant}\u0000${session}\u0000${wave}`;
      const first = seen.get(key);
      if (first === undefined) seen.set(key, row);
      else
        problems.push({
          row,
          column: PARTICIPANT_COLUMN,
          message:
            `row ${first} already holds ${participant}'s answers to ${session} ${wave}: one row per ` +
            `participant and wave`,
        });
    }

    const context = wave === undefined ? undefined : resolveWave(programme, cohort, session, wave);
    let answers: ValidAnswers | undefined;
    if (context !== undefined) {
      const fields: Record<string, string> = {};
      // Consent given on paper becomes the programme's consent version, as the form's checkbox sends it.
      const consent = cell(CONSENT_COLUMN);
      fields[CONSENT_FIELD] = consent.toLowerCase() === CONSENT_GIVEN ? programme.consent.version : consent;
      const columnOf = new Map<string, string>([[CONSENT_FIELD, CONSENT_COLUMN]]);
      for (const [name, column] of answerColumns) {
        const value = cell(name);
        if (!index.has(name) || value === '') continue;
        fields[column.field] = toOptionValue(value, column);
        columnOf.set(column.field, name);
      }
      const result = validateAnswers(context, catalog, fields);
      if (result.ok) answers = result.value;
      else {
        for (const error of result.errors) {
          const column = columnOf.get(error.field) ?? error.field;
          problems.push({
            row,
            column,
            message: describeProblem(error, cell(column), answerColumns.get(column), context),
          });
        }
      }
    }

    const clean = problems.length === problemsBefore;
    rows.push({
      row,
      participant,
      response:
        clean && participant !== undefined && wave !== undefined && language !== undefined && answers !== undefined
          ? { row, participant, session, wave, language, answers }
          : undefined,
    });
  });
  if (rows.length === 0 && problems.length === 0)
    problems.push({ row: 2, column: null, message: 'the file has a header but no answers' });
  return { rows, problems };
}

/** Every answer column a programme's waves can have, by header. */
function answerColumnsOf(programme: ProgrammeDefinition, catalog: Catalog): Map<string, AnswerColumn> {
  const columns = new Map<string, AnswerColumn>();
  for (const session of programme.sessions) {
    for (const kind of sessionWaves(session)) {
      const wave = session[kind];
      if (wave === undefined) continue;
      for (const subgroupId of wave.subgroups) {
        const subgroup = programme.subgroups.find((candidate) => candidate.id === subgroupId);
        if (subgroup !== undefined)
          columns.set(subgroupId, {
            field: groupField(subgroupId),
            values: subgroup.options.map((option) => option.value),
            preferNotToSay: true,
          });
      }
      const addItems = (
        instrumentIds: readonly string[],
        column: (instrument: string, item: string) => string,
        field: (instrument: string, item: string) => string,
      ): void => {
        for (const instrumentId of instrumentIds) {
          const instrument = catalog.instruments.get(instrumentId);
          instrument?.items.forEach((item, itemIndex) => {
            columns.set(column(instrumentId, item.id), {
              field: field(instrumentId, item.id),
              values: optionsOf(instrument, itemIndex).map((option) => option.value),
              preferNotToSay: item.sensitive,
            });
          });
        }
      };
      addItems(wave.instruments, answerColumn, answerField);
      // A then-test's items take what the items take: positions, values, "prefer not to say" where offered.
      addItems(wave.then?.instruments ?? [], thenColumn, thenField);
    }
  }
  return columns;
}

/**
 * A cell as the form would send it: a position 1..k as printed on the form becomes that
 * option's value; otherwise the value as typed, in lower case with spaces as hyphens
 * ("Strongly agree" is strongly-agree). Anything else is left for validation to refuse.
 * "prefer-not-to-say" has no number: a mistyped position must not become a skip.
 */
function toOptionValue(cell: string, column: AnswerColumn): string {
  if (/^\d+$/.test(cell)) return column.values[Number(cell) - 1] ?? cell;
  return cell.toLowerCase().replace(/[\s_]+/g, '-');
}

function describeProblem(
  error: FieldError,
  typed: string,
  column: AnswerColumn | undefined,
  context: WaveContext,
): string {
  switch (error.problem) {
    case 'consent-required':
      return (
        `must be "${CONSENT_GIVEN}": answers are imported only with consent given on the paper form (consent ` +
        `version ${context.programme.consent.version})${typed === '' ? '' : `, not "${typed}"`}`
      );
    case 'unknown-field':
      return `not asked in ${context.session.id} ${context.kind}: leave it empty in this row`;
    case 'required':
      return 'this question must be answered';
    case 'repeated':
      return 'given more than once';
    case 'invalid-option': {
      const values =
        column === undefined ? [] : [...column.values, ...(column.preferNotToSay ? [PREFER_NOT_TO_SAY] : [])];
      return (
        `"${typed}" is not an option: 1-${column?.values.length ?? 0} (as printed on the form) or ` +
        `${values.join(', ')}`
      );
    }
  }
}
