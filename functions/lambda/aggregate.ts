/** The Lambda entry of the hourly aggregation: its deps built from the environment once, at module load. */
import { lambdaDeps } from '#adapters/lambda-deps.ts';
import { makeAggregateHandler } from '#handlers/aggregate.ts';

export const handler = makeAggregateHandler(lambdaDeps());
