/**
 * `npm run demo` end to end, on the embedded DynamoDB and on another DynamoDB endpoint, and
 * what it publishes: all three programmes, and nothing that identifies a participant.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '#adapters/dynamo-client.ts';
import { startEmbeddedDynamo } from '#local/embedded-dynamodb.ts';
import { runEntry } from '../support/run.ts';

const PROGRAMMES = ['justrom3-mentoring', 'migrant-voices-heard', 'dones-mentores'];
let cwd: string;

beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'prepost-demo-test-'));
});

afterAll(async () => {
  await rm(cwd, { recursive: true, force: true });
});

async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

describe('npm run demo', () => {
  it('runs the three programmes end to end and publishes JSON, CSV, HTML and .eml for each', async () => {
    const result = await runEntry('demo', ['--out', 'some/folder'], cwd, { DYNAMODB_ENDPOINT: '' });
    expect(result.stderr).not.toContain('demo:');
    expect(result.code).toBe(0);
    for (const programme of PROGRAMMES) expect(result.stdout).toContain(programme);
    const out = join(cwd, 'some', 'folder');
    const files = await filesUnder(out);
    for (const programme of PROGRAMMES) {
      for (const name of ['summary.json', 'summary.csv', 'summary.html'])
        expect(files.some((file) => file.includes(programme) && file.endsWith(name))).toBe(true);
      expect(files.some((file) => file.includes('outbox') && file.endsWith('.eml') && file.includes(programme))).toBe(
        true,
      );
    }
    const summaries = await Promise.all(
      files
        .filter((file) => file.endsWith('summary.json'))
        .map(async (file) => JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>),
    );
    for (const summary of summaries) {
      expect(summary.schema).toBe('prepost.summary/1');
      expect(summary.period).toMatch(/^\d{4}-\d{2}$/);
      expect(Object.keys(summary).sort()).toEqual(['k', 'period', 'programme', 'rows', 'schema']);
    }
    const rows = summaries.flatMap((summary) => summary.rows as { suppressed: boolean; n_paired: number | null }[]);
    expect(rows.some((row) => row.suppressed)).toBe(true);
    expect(rows.some((row) => !row.suppressed && (row.n_paired ?? 0) >= 5)).toBe(true);
    for (const file of files) {
      const text = await readFile(file, 'utf8');
      expect(text).not.toMatch(/\bp-[0-9a-z]{12}\b/);
      expect(text).not.toMatch(/\/s\/[0-9A-Z]{26}/);
      if (!file.endsWith('.eml')) expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    }
    for (const file of files.filter((one) => one.endsWith('.eml'))) {
      const eml = await readFile(file, 'utf8');
      expect(eml).toMatch(/^From: /m);
      expect(eml).toMatch(/^To: .*@example\.org>?$/m);
      expect(eml).toMatch(/^Subject: \S/m);
      expect(eml).toMatch(/^MIME-Version: 1\.0$/m);
      // What mail programs show: no SVG anywhere, and a plain-text part beside the HTML.
      expect(eml).not.toContain('<svg');
      expect(eml).toMatch(/^Content-Type: text\/plain; charset=utf-8$/m);
      expect(eml).toMatch(/^Content-Type: text\/html; charset=utf-8$/m);
    }
    // The final month never shows less than the first: every finding is there, most of them updated,
    // and each programme has its programme-wide headline.
    type Row = { cohort: string | null; session: string | null; instrument: string; group: unknown } & {
      suppressed: boolean;
      as_of?: string;
    };
    const key = (row: Row): string => JSON.stringify([row.cohort, row.session, row.instrument, row.group]);
    for (const programme of PROGRAMMES) {
      const [first, last] = summaries
        .filter((summary) => summary.programme === programme)
        .sort((a, b) => String(a.period).localeCompare(String(b.period)))
        .map((summary) => summary.rows as Row[]);
      const later = new Map((last ?? []).map((row) => [key(row), row]));
      const findings = (first ?? []).filter((row) => !row.suppressed);
      expect(findings.length, programme).toBeGreaterThan(0);
      for (const row of findings) expect(later.get(key(row))?.suppressed, `${programme} ${key(row)}`).toBe(false);
      const updated = findings.filter((row) => later.get(key(row))?.as_of === undefined).length;
      expect(updated, programme).toBeGreaterThan(findings.length / 2);
      const headline = (last ?? []).find((row) => row.cohort === null && row.group === null);
      expect(headline?.suppressed, programme).toBe(false);
    }
  });

  it('uses the DynamoDB that DYNAMODB_ENDPOINT names, creating its table', async () => {
    const other = await startEmbeddedDynamo();
    try {
      const result = await runEntry('demo', ['--out', 'elsewhere'], cwd, { DYNAMODB_ENDPOINT: other.endpoint });
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(other.endpoint);
      const client = createDocumentClient(other.endpoint);
      // A test may Scan: it counts what the demo left in the other DynamoDB.
      const { Count } = await client.send(new ScanCommand({ TableName: 'prepost-demo', Select: 'COUNT' }));
      expect(Count ?? 0).toBeGreaterThan(100);
      client.destroy();
    } finally {
      await other.close();
    }
  });
});
