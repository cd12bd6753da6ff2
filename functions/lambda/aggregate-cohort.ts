/** The Lambda entry of the aggregation queue's consumer: deps and queue built from the environment once, at load. */
import { lambdaAggregationJobs, lambdaDeps } from '#adapters/lambda-deps.ts';
import { makeAggregateCohortHandler } from '#handlers/aggregate-cohort.ts';

export const handler = makeAggregateCohortHandler({ ...lambdaDeps(), jobs: lambdaAggregationJobs() });
