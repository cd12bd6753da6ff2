/**
 * The local counterparts of S3 and SES: summary files under `<dir>/<programme>/<period>/` and
 * funder messages as `.eml` files in `<dir>/outbox/`, which any mail client opens.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Clock } from '#ports/store.ts';
import type { FunderMessage, Mailer, PublishedFile, SummaryPublisher } from '#ports/publishing.ts';
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
