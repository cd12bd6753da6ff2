/** The Lambda entry of the hourly aggregation plan: deps and queue built from the environment once, at load. */
import { lambdaAggregationJobs, lambdaDeps } from '#adapters/lambda-deps.ts';
import { makeAggregateHandler } from '#handlers/aggregate.ts';

export const handler = makeAggregateHandler({ ...lambdaDeps(), jobs: lambdaAggregationJobs() });
