/**
 * A Cognito directory for tests that need the deployed identity provider, which cannot run
 * locally: the real adapter over an SDK client whose middleware (at the first step, before
 * anything is signed or sent) answers each command as Cognito would, or fails it as Cognito can.
 */
import type { IdentityDirectory } from '#ports/staff.ts';
import { CognitoDirectory, createCognitoClient, userPoolRegion } from '#adapters/cognito-directory.ts';

const POOL = 'eu-west-1_Ab12Cd34E';

/** The directory, each command answered by `answer` (its output, or an error thrown) given the command's name. */
export function cognitoAnswering(answer: (command: string) => Record<string, unknown> | Error): IdentityDirectory {
  const client = createCognitoClient(userPoolRegion(POOL));
  client.middlewareStack.add(
    (_next, context) => async () => {
      const outcome = answer(context.commandName ?? '');
      if (outcome instanceof Error) throw outcome;
      return { output: { $metadata: { httpStatusCode: 200 }, ...outcome }, response: {} };
    },
    { step: 'initialize', name: 'answerAsCognito' },
  );
  return new CognitoDirectory(client, POOL);
}
