/**
 * The local counterparts of S3 and SES: summary files under `<dir>/<programme>/<period>/` (and
 * read back from there for the funders' pages) and funder messages as `.eml` files in
 * `<dir>/outbox/`, which any mail client opens.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Catalog } from '#surveys/catalog.ts';
import type { Clock } from '#ports/store.ts';
import {
  SUMMARY_FILES,
  SUMMARY_PERIOD,
  type FunderMessage,
  type Mailer,
  type PublishedFile,
  type SummaryArchive,
  type SummaryFileName,
  type SummaryPublisher,
} from '#ports/publishing.ts';
import { buildMimeMessage } from './mime-message.ts';

/** Publishes summary files into a folder. */
export class DirectoryPublisher implements SummaryPublisher {
  constructor(private readonly directory: string) {}

  async publish(programme: string, period: string, files: readonly PublishedFile[]): Promise<string[]> {
    const folder = join(this.directory, programme, period);
    await mkdir(folder, { recursive: true });
    const paths: string[] = [];
    for (const file of files) {
      const path = join(folder, file.name);
      await writeFile(path, file.body);
      paths.push(path);
    }
    return paths;
  }
}

/**
 * Reads published summaries back from the folder. A path is built only from a programme of the
 * catalogue (kebab-case ids), a month (YYYY-MM) and one of the published file names, whatever a
 * caller passes: no request can name `..`, a separator or any other file.
 */
export class DirectoryArchive implements SummaryArchive {
  constructor(
    private readonly directory: string,
    private readonly catalog: Catalog,
  ) {}

  async periods(programme: string): Promise<string[]> {
    const folder = this.folderOf(programme);
    if (folder === undefined) return [];
    try {
      const entries = await readdir(folder, { withFileTypes: true });
      return entries
        .filter((entry) => entry.isDirectory() && SUMMARY_PERIOD.test(entry.name))
        .map((entry) => entry.name);
    } catch (error) {
      if (isMissing(error)) return [];
      throw error;
    }
  }

  async file(programme: string, period: string, name: SummaryFileName): Promise<PublishedFile | undefined> {
    const folder = this.folderOf(programme);
    const known = Object.values(SUMMARY_FILES).find((file) => file.name === name);
    if (folder === undefined || known === undefined || !SUMMARY_PERIOD.test(period)) return undefined;
    try {
      return { ...known, body: await readFile(join(folder, period, known.name), 'utf8') };
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  /** The programme's folder, for a programme of the catalogue only. */
  private folderOf(programme: string): string | undefined {
    const known = this.catalog.programmes.get(programme);
    return known === undefined ? undefined : join(this.directory, known.id);
  }
}

/** Nothing there: no such file, or a file where a folder was expected. */
function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/** Writes each message as `<dir>/outbox/<id>.eml`. */
export class OutboxMailer implements Mailer {
  constructor(
    private readonly directory: string,
    private readonly clock: Clock,
  ) {}

  async send(message: FunderMessage, id: string): Promise<void> {
    const folder = join(this.directory, 'outbox');
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, `${id}.eml`), await buildMimeMessage(message, this.clock.now()));
  }
}
