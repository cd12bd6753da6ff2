/**
 * The Cognito directory, through the SDK client's own middleware stack: Cognito cannot run
 * locally, so a middleware at the first step (initialize) records each command's input and
 * answers as Cognito would, before anything is signed or sent. What is held is what Cognito is
 * asked to do: the user's name and verified email, the invitation by email, and that a user
 * already gone is nothing to do.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import {
  type CognitoIdentityProviderClient,
  InternalErrorException,
  UserNotFoundException,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import { CognitoDirectory, createCognitoClient, userPoolRegion } from '#adapters/cognito-directory.ts';
import { StaffChangeError } from '#core/errors.ts';
import { functionDefaults } from '../../lib/config.ts';

const POOL = 'eu-west-1_Ab12Cd34E';

interface Call {
  readonly command: string;
  readonly input: Record<string, unknown>;
}

/** A client whose every call is recorded and answered by `answer` (an output, or an error thrown). */
function clientAnswering(answer: (command: string) => Record<string, unknown> | Error): {
  client: CognitoIdentityProviderClient;
  calls: Call[];
} {
  const client = createCognitoClient(userPoolRegion(POOL));
  const calls: Call[] = [];
  client.middlewareStack.add(
    (_next, context) => async (args) => {
      const command = context.commandName ?? '';
      calls.push({ command, input: args.input as Record<string, unknown> });
      const outcome = answer(command);
      if (outcome instanceof Error) throw outcome;
      return { output: { $metadata: { httpStatusCode: 200 }, ...outcome }, response: {} };
    },
    { step: 'initialize', name: 'answerAsCognito' },
  );
  return { client, calls };
}

describe('CognitoDirectory', () => {
  it('creates the user with the email as user name, verified, and Cognito emails the invitation', async () => {
    const { client, calls } = clientAnswering(() => ({ User: { Username: 'eva@example.org', Enabled: true } }));
    const account = await new CognitoDirectory(client, POOL).createAccount('eva@example.org');
    // No password passes through prepost: Cognito sends a temporary one.
    expect(account).toEqual({});
    expect(calls).toEqual([
      {
        command: 'AdminCreateUserCommand',
        input: {
          UserPoolId: POOL,
          Username: 'eva@example.org',
          UserAttributes: [
            { Name: 'email', Value: 'eva@example.org' },
            { Name: 'email_verified', Value: 'true' },
          ],
          DesiredDeliveryMediums: ['EMAIL'],
        },
      },
    ]);
    // Neither suppressed (no invitation) nor a chosen password.
    expect(calls[0]?.input).not.toHaveProperty('MessageAction');
    expect(calls[0]?.input).not.toHaveProperty('TemporaryPassword');
  });

  it('refuses an email whose account exists already, made outside prepost', async () => {
    const { client } = clientAnswering(
      () => new UsernameExistsException({ message: 'User account already exists', $metadata: {} }),
    );
    const refused = new CognitoDirectory(client, POOL).createAccount('eva@example.org');
    await expect(refused).rejects.toBeInstanceOf(StaffChangeError);
    await expect(refused).rejects.toMatchObject({ reason: 'account-exists', email: 'eva@example.org' });
  });

  it('deletes the user; one that does not exist is nothing to do', async () => {
    const deleted = clientAnswering(() => ({}));
    await new CognitoDirectory(deleted.client, POOL).deleteAccount('eva@example.org');
    expect(deleted.calls).toEqual([
      { command: 'AdminDeleteUserCommand', input: { UserPoolId: POOL, Username: 'eva@example.org' } },
    ]);
    const gone = clientAnswering(() => new UserNotFoundException({ message: 'User does not exist.', $metadata: {} }));
    await expect(new CognitoDirectory(gone.client, POOL).deleteAccount('eva@example.org')).resolves.toBeUndefined();
    expect(gone.calls.map((call) => call.command)).toEqual(['AdminDeleteUserCommand']);
  });

  it('lets any other failure through, so a command fails rather than reporting a change not made', async () => {
    const failing = clientAnswering(
      () => new InternalErrorException({ message: 'internal error', $metadata: { httpStatusCode: 500 } }),
    );
    const directory = new CognitoDirectory(failing.client, POOL);
    await expect(directory.deleteAccount('eva@example.org')).rejects.toBeInstanceOf(InternalErrorException);
    await expect(directory.createAccount('eva@example.org')).rejects.toBeInstanceOf(InternalErrorException);
  });

  it("gives up on a Cognito that does not answer within the staff function's time, leaving room", async () => {
    // A server that takes every request and never answers, in place of Cognito: the client's own
    // request handler and retries decide when the call is given up.
    const silent = createServer(() => undefined);
    await new Promise<void>((listening) => silent.listen(0, '127.0.0.1', listening));
    const { port } = silent.address() as AddressInfo;
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'test');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'test');
    try {
      const client = createCognitoClient(userPoolRegion(POOL));
      client.middlewareStack.add(
        (next) => async (args) => {
          Object.assign(args.request as object, { protocol: 'http:', hostname: '127.0.0.1', port });
          return next(args);
        },
        { step: 'build', name: 'toASilentCognito' },
      );
      const started = performance.now();
      await expect(new CognitoDirectory(client, POOL).deleteAccount('eva@example.org')).rejects.toMatchObject({
        name: 'TimeoutError',
      });
      // The staff pages' function also reads and writes the table (a few calls, each well under a
      // second) within its timeout: at least 2 s of it are left to them.
      expect(performance.now() - started).toBeLessThan(functionDefaults.httpTimeout.toMilliseconds() - 2000);
    } finally {
      vi.unstubAllEnvs();
      silent.closeAllConnections();
      silent.close();
    }
  }, 30_000);

  it("reads the pool's region from its id", () => {
    expect(userPoolRegion(POOL)).toBe('eu-west-1');
    expect(userPoolRegion('us-gov-west-1_abcDEF123')).toBe('us-gov-west-1');
    expect(userPoolRegion('not-a-pool')).toBeUndefined();
  });
});
