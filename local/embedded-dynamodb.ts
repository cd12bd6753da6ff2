/**
 * The embedded DynamoDB: dynalite (an implementation of the DynamoDB API on LevelDB) listening
 * on a loopback port, with its data in a folder (or in memory), so the local stack, the demo and
 * the tests talk to a real DynamoDB endpoint through the same SDK calls as in AWS.
 */
import type { AddressInfo } from 'node:net';
import dynalite from 'dynalite';

/** A running embedded DynamoDB. */
export interface EmbeddedDynamo {
  readonly endpoint: string;
  close(): Promise<void>;
}

/** Starts dynalite; `path` keeps data on disk, omitted keeps it in memory. */
export async function startEmbeddedDynamo(options: { path?: string; port?: number } = {}): Promise<EmbeddedDynamo> {
  const server = dynalite({
    ...(options.path === undefined ? {} : { path: options.path }),
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive sockets from SDK clients would hold close() open.
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}
