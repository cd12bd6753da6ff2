/**
 * Who a command acts as in the audit log: `cli:<login name>`. Commands run with the table's own
 * credentials (the embedded DynamoDB locally, an IAM principal against AWS), not a staff session,
 * so IAM is their gate and the operating system's user name is the most the log can say of them.
 */
import { userInfo } from 'node:os';
import type { Actor } from '#core/access.ts';

/** The actor of this process's commands. */
export function cliActor(): Actor {
  return { id: `cli:${loginName()}` };
}

function loginName(): string {
  try {
    return userInfo().username;
  } catch {
    // A container user with no passwd entry: what the shell says, else that it is not known.
    return process.env.USER || process.env.USERNAME || 'unknown';
  }
}
