/**
 * The embedded DynamoDB in a process of its own, as DynamoDB is a service of its own: the load
 * test's server and participants then do not share its event loop (on a machine with two cores,
 * each gets one). Prints its endpoint as one JSON line, and stops when its standard input closes
 * (the parent exiting, however it exits, closes it).
 */
import { startEmbeddedDynamo } from '#local/embedded-dynamodb.ts';

const dynamo = await startEmbeddedDynamo();
process.stdout.write(`${JSON.stringify({ endpoint: dynamo.endpoint })}\n`);
process.stdin.resume();
process.stdin.once('close', () => {
  void dynamo.close().then(() => process.exit(0));
});
