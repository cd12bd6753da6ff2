/**
 * {@link IdentityDirectory} over an Amazon Cognito user pool whose users sign in with their email
 * (the pool's username is the email): an account is made with a temporary password that Cognito
 * emails as an invitation, so prepost never sees it; deleting the account ends its sessions at
 * Cognito too.
 */
import {
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  type CognitoIdentityProviderClient,
  UserNotFoundException,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import type { IdentityDirectory } from '#ports/staff.ts';

/** {@link IdentityDirectory} on the deployment's Cognito user pool. */
export class CognitoDirectory implements IdentityDirectory {
  constructor(
    private readonly client: CognitoIdentityProviderClient,
    private readonly userPoolId: string,
  ) {}

  async createAccount(email: string): Promise<{ readonly password?: string }> {
    try {
      await this.client.send(
        new AdminCreateUserCommand({
          UserPoolId: this.userPoolId,
          Username: email,
          // The admin typed the address: it is taken as verified, so the invitation and resets go to it.
          UserAttributes: [
            { Name: 'email', Value: email },
            { Name: 'email_verified', Value: 'true' },
          ],
          DesiredDeliveryMediums: ['EMAIL'],
        }),
      );
    } catch (error) {
      // Added again after a removal that failed half-way, or by a rerun: the account is there already.
      if (!(error instanceof UsernameExistsException)) throw error;
    }
    return {};
  }

  async deleteAccount(email: string): Promise<void> {
    try {
      await this.client.send(new AdminDeleteUserCommand({ UserPoolId: this.userPoolId, Username: email }));
    } catch (error) {
      if (!(error instanceof UserNotFoundException)) throw error;
    }
  }
}
