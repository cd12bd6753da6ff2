/**
 * What staff access needs from storage and from the identity provider, named by what it does:
 * staff members and their grants, signed-in sessions, sign-ins under way, personal API tokens,
 * the audit log, and the accounts people sign in with (Cognito in AWS, the local provider in
 * `npm start`).
 */
import type { ApiToken, AuditEvent, Grant, StaffMember, StaffSession } from '#core/access.ts';

/**
 * Staff members and their grants. The store keeps the deployment's one rule no single write can
 * check: there is always an admin (someone who may manage staff), or nobody could manage staff
 * without the table's own credentials. So a change that would leave none is refused here, at the
 * write, where two admins changing each other at the same moment cannot both pass it.
 */
export interface StaffStore {
  /** The member with this email (any case), if any. */
  findByEmail(email: string): Promise<StaffMember | undefined>;
  /** Every member, by email. */
  list(): Promise<StaffMember[]>;
  /** Adds a member; false when the email is already a member's (nothing changed). */
  add(member: StaffMember): Promise<boolean>;
  /**
   * Gives a member the grants `change` makes of the member as stored. Changes made at the same
   * moment all land: should another change the member between the read and the write, `change` is
   * asked again of the member as they are now (it may throw to refuse, and nothing is written).
   */
  changeGrants(email: string, change: (member: StaffMember) => readonly Grant[]): Promise<GrantsChange>;
  /** Removes a member; see {@link RemoveOptions}. */
  remove(email: string, options?: RemoveOptions): Promise<Removal>;
}

/** What a change of grants did: the member before and after it, or why nothing was changed. */
export type GrantsChange =
  | { readonly outcome: 'changed' | 'unchanged'; readonly before: StaffMember; readonly after: StaffMember }
  | { readonly outcome: 'unknown' }
  | { readonly outcome: 'last-admin' };

/** What a removal did: the member as they were, or why nobody was removed. */
export type Removal =
  | { readonly outcome: 'removed'; readonly member: StaffMember }
  | { readonly outcome: 'unknown' }
  | { readonly outcome: 'last-admin' };

/** How a member is removed. */
export interface RemoveOptions {
  /**
   * Removes even the last admin: only to undo an addition that failed (an admin who never had an
   * account, as in a deployment's first admin whose account could not be made).
   * @default false
   */
  readonly evenTheLastAdmin?: boolean;
}

/** Signed-in sessions, each stored under the hash of the id its cookie carries. */
export interface SessionStore {
  create(idHash: string, session: StaffSession): Promise<void>;
  find(idHash: string): Promise<StaffSession | undefined>;
  /** Records activity (idle expiry counts from here). */
  touch(idHash: string, lastSeenAt: string): Promise<void>;
  /**
   * Ends the session; nothing to do when it is gone already. (A removed member's sessions need no
   * sweep: every request reads the member and their grants afresh.)
   */
  end(idHash: string): Promise<void>;
}

/** A sign-in under way: what the callback needs to finish the authorization code flow. */
export interface PendingSignIn {
  readonly codeVerifier: string;
  readonly nonce: string;
  /** Where to go once signed in: a path of this site, never a URL; empty: the member's first page. */
  readonly returnTo: string;
  readonly createdAt: string;
}

/** Sign-ins under way, under the hash of their `state`; each can be taken once. */
export interface SignInStore {
  put(stateHash: string, pending: PendingSignIn): Promise<void>;
  /** Takes the sign-in (deleting it), so a callback cannot be replayed. */
  take(stateHash: string): Promise<PendingSignIn | undefined>;
}

/** Personal API tokens. */
export interface ApiTokenStore {
  put(token: ApiToken): Promise<void>;
  find(id: string): Promise<ApiToken | undefined>;
  /** Every token (active, expired and revoked), newest first. */
  list(): Promise<ApiToken[]>;
  /** Marks a token revoked; false when there is no such token. */
  revoke(id: string, revokedAt: string): Promise<boolean>;
}

/** The append-only audit log. */
export interface AuditLog {
  append(event: AuditEvent): Promise<void>;
  /**
   * Entries from `since` to `until`, newest first, of one programme when named; at most `limit`
   * of them when given (the newest), reading no further back than it needs.
   */
  list(options: {
    readonly since: Date;
    readonly until: Date;
    readonly programme?: string;
    readonly limit?: number;
  }): Promise<AuditEvent[]>;
}

/** The accounts staff sign in with, at the identity provider. */
export interface IdentityDirectory {
  /**
   * Creates the account and says how its owner gets in: Cognito emails an invitation with a
   * temporary password; the local provider returns a password to hand over.
   */
  createAccount(email: string): Promise<{ readonly password?: string }>;
  /** Deletes the account (and with it every session at the provider); nothing when there is none. */
  deleteAccount(email: string): Promise<void>;
}
