/**
 * The staff's accounts: an Amazon Cognito user pool that only an admin can add people to, where
 * every sign-in takes a strong password and a one-time code from an authenticator app, watched by
 * Cognito's threat protection, and its managed login pages on a Cognito domain. Stateful: staff
 * accounts and their MFA enrolments outlive any deployment of the functions.
 */
import { Fn, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { staffAccessDefaults } from '../config.ts';

/**
 * What Cognito accepts as a domain prefix: lowercase letters, digits and inner hyphens, at most 63,
 * none of its reserved words.
 */
const DOMAIN_PREFIX = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const RESERVED_IN_PREFIX = /aws|amazon|cognito/;

export interface StaffUserPoolProps {
  /**
   * The managed login domain's prefix: `https://<prefix>.auth.<region>.amazoncognito.com`. Unique
   * per region across every AWS account, so a deployment picks its own (`-c authDomainPrefix=...`).
   * @default `prepost-<first 8 hex digits of the stack's CloudFormation id>`: stable for the stack's
   *   lifetime, different for every deployment, known only at deploy time (so synth needs no account)
   */
  readonly domainPrefix?: string;
}

/** The user pool of staff accounts and its managed login domain. */
export class StaffUserPool extends Construct {
  public readonly userPool: cognito.UserPool;
  /** Managed login (sign-in, new password, MFA enrolment) at `https://<prefix>.auth.<region>.amazoncognito.com`. */
  public readonly domain: cognito.UserPoolDomain;

  constructor(scope: Construct, id: string, props: StaffUserPoolProps = {}) {
    super(scope, id);
    const { domainPrefix } = props;
    if (domainPrefix !== undefined && (!DOMAIN_PREFIX.test(domainPrefix) || RESERVED_IN_PREFIX.test(domainPrefix)))
      throw new Error(
        `StaffUserPool: domain prefix "${domainPrefix}" must be lowercase letters, digits and inner hyphens ` +
          '(at most 63) without "aws", "amazon" or "cognito"',
      );

    const temporaryDays = staffAccessDefaults.temporaryPasswordValidity.toDays();
    this.userPool = new cognito.UserPool(this, 'UserPool', {
      // Accounts are made by an admin (`staff add`), never by whoever finds the sign-in page.
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      standardAttributes: { email: { required: true, mutable: false } },
      // A one-time code from an authenticator app on every sign-in; no SMS (SIM swapping, cost).
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false, email: false },
      passwordPolicy: {
        minLength: staffAccessDefaults.passwordMinLength,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        passwordHistorySize: staffAccessDefaults.passwordHistorySize,
        tempPasswordValidity: staffAccessDefaults.temporaryPasswordValidity,
      },
      // A forgotten password is reset through the email address alone: there are no phone numbers.
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      userInvitation: {
        emailSubject: 'Your prepost staff access',
        emailBody:
          '<p>You have been given staff access to prepost, where programme staff manage surveys and read ' +
          'their results.</p>' +
          '<p>Sign in with your email address, {username}, and this temporary password: {####}</p>' +
          `<p>It expires in ${temporaryDays} days. At your first sign-in you choose your own password (at ` +
          `least ${staffAccessDefaults.passwordMinLength} characters, with upper and lower case letters, a ` +
          'digit and a symbol) and set up an authenticator app for the one-time code every sign-in asks ' +
          'for. Your administrator sends you the address to sign in at.</p>' +
          '<p>If you did not expect this email, you can ignore it.</p>',
      },
      // Threat protection needs the Plus plan. In full-function (enforced) mode Cognito scores each
      // sign-in's risk (new device, location, IP reputation) and acts on it (adaptive
      // authentication, configured below), refuses passwords known from breaches elsewhere
      // (compromised credentials), and logs every risky event. Lockout after repeated failed
      // passwords (an increasing delay from the fifth) is Cognito's own, on every plan.
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // The actions, stated rather than left to the service's defaults. Low and medium risk: the MFA
    // every sign-in takes anyway; high risk: refused. Breached passwords: refused wherever used.
    new cognito.CfnUserPoolRiskConfigurationAttachment(this, 'ThreatProtection', {
      userPoolId: this.userPool.userPoolId,
      clientId: 'ALL',
      accountTakeoverRiskConfiguration: {
        actions: {
          highAction: { eventAction: 'BLOCK', notify: false },
          mediumAction: { eventAction: 'MFA_REQUIRED', notify: false },
          lowAction: { eventAction: 'MFA_REQUIRED', notify: false },
        },
      },
      compromisedCredentialsRiskConfiguration: {
        actions: { eventAction: 'BLOCK' },
        eventFilter: ['SIGN_IN', 'PASSWORD_CHANGE', 'SIGN_UP'],
      },
    });

    this.domain = this.userPool.addDomain('SignInDomain', {
      cognitoDomain: { domainPrefix: domainPrefix ?? defaultDomainPrefix(Stack.of(this)) },
      // Managed login (not the classic hosted UI); each app client gets its style (StaffSignIn).
      managedLoginVersion: cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
  }
}

/**
 * `prepost-` and the first group of the stack's id (`arn:...:stack/<name>/<uuid>`): resolved at
 * deploy time, so synth needs no account, and fixed for as long as the stack exists.
 */
function defaultDomainPrefix(stack: Stack): string {
  const stackUuid = Fn.select(2, Fn.split('/', stack.stackId));
  return Fn.join('-', [staffAccessDefaults.domainPrefixStem, Fn.select(0, Fn.split('-', stackUuid))]);
}
