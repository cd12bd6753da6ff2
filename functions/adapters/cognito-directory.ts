/**
 * The staff accounts of a deployed stack: its Cognito user pool. prepost keeps roles and grants
 * itself (StaffStore); the pool only proves who someone is, so an account here is an email and a
 * password (and MFA, which the pool requires). The pool signs staff in with their email as user
 * name (`signInAliases: { email: true }`), so the email is the `Username` of every call.
 */
import {
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  CognitoIdentityProviderClient,
  UserNotFoundException,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import { StaffChangeError } from '#core/errors.ts';
import type { IdentityDirectory } from '#ports/staff.ts';

/**
 * Per-attempt limits, as for DynamoDB (`dynamo-client.ts`): a call that hangs is abandoned and
 * retried rather than holding an admin's command or a staff page. Cognito's admin calls answer in
 * well under a second; creating a user also sends its email, so a little more time per attempt.
 * Two attempts end within about 6 s, inside the staff pages' function's 10 s with room for the
 * table calls that follow (undoing an addition whose account could not be made, recording a
 * removal): a function stopped by its timeout would leave them undone.
 */
const CONNECTION_TIMEOUT_MS = 1000;
const REQUEST_TIMEOUT_MS = 3000;
const MAX_ATTEMPTS = 2;

/** The region of a user pool, which its id starts with (`eu-west-1_AbCdEf123`). */
export function userPoolRegion(userPoolId: string): string | undefined {
  return /^([a-z]{2}(?:-[a-z]+)+-\d+)_[0-9A-Za-z]+$/.exec(userPoolId)?.[1];
}

/** A Cognito client for the pool's region, created once by whoever holds the directory. */
export function createCognitoClient(region: string | undefined): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({
    ...(region === undefined ? {} : { region }),
    maxAttempts: MAX_ATTEMPTS,
    requestHandler: {
      connectionTimeout: CONNECTION_TIMEOUT_MS,
      requestTimeout: REQUEST_TIMEOUT_MS,
      throwOnRequestTimeout: true,
    },
  });
}

/** {@link IdentityDirectory} on a Cognito user pool. */
export class CognitoDirectory implements IdentityDirectory {
  constructor(
    private readonly client: CognitoIdentityProviderClient,
    private readonly userPoolId: string,
  ) {}

  /**
   * Creates the user with a verified email (the address an admin typed is the one the person
   * signs in with; prepost finds members by the verified email claim), and Cognito emails them an
   * invitation with a temporary password, to be changed, with MFA set up, at first sign-in. No
   * password passes through prepost. An account already in the pool was made outside prepost and
   * is refused, not taken over.
   */
  async createAccount(email: string): Promise<{ readonly password?: string }> {
    try {
      await this.client.send(
        new AdminCreateUserCommand({
          UserPoolId: this.userPoolId,
          Username: email,
          UserAttributes: [
            { Name: 'email', Value: email },
            { Name: 'email_verified', Value: 'true' },
          ],
          DesiredDeliveryMediums: ['EMAIL'],
        }),
      );
    } catch (error) {
      if (error instanceof UsernameExistsException) throw new StaffChangeError('account-exists', email);
      throw error;
    }
    return {};
  }

  /** Deletes the user, which also ends their sessions and refresh tokens at Cognito. */
  async deleteAccount(email: string): Promise<void> {
    try {
      await this.client.send(new AdminDeleteUserCommand({ UserPoolId: this.userPoolId, Username: email }));
    } catch (error) {
      // Gone already (deleted by hand, or an earlier removal cut short): nothing to do.
      if (error instanceof UserNotFoundException) return;
      throw error;
    }
  }
}
