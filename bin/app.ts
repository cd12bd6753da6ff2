/**
 * The CDK app entry (`npx cdk synth`). Loading the survey catalogue validates every definition
 * in `surveys/`, so a broken one stops synth with its file and field; each programme's
 * `summarySchedule` becomes a schedule in the PipelineStack.
 */
import { buildApp } from '../lib/app.ts';
import { shippedCatalog } from '../surveys/index.ts';

buildApp({ programmes: shippedCatalog().programmes });
