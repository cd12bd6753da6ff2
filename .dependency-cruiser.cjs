/**
 * The layers of STYLE.md, held in `npm test`: data flows handler -> use case -> core (via
 * ports) -> adapters, and nothing points back.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'A cycle makes two modules one: neither can be read, tested or moved without the other.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-is-pure',
      comment: 'Core is the domain: it imports nothing of ours but core and the survey definitions.',
      severity: 'error',
      from: { path: '^functions/core/' },
      to: { path: '^(functions|bin|lib|local|bench|test)/', pathNot: '^functions/core/' },
    },
    {
      name: 'core-does-no-io',
      comment:
        'Core is deterministic and I/O-free: no Node built-ins, no AWS SDK; of npm packages only the ' +
        'schema, statistics and CSV libraries it is built on.',
      severity: 'error',
      from: { path: '^functions/core/' },
      to: {
        dependencyTypes: ['core', 'npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown'],
        pathNot: '^node_modules/(zod|@stdlib|csv-parse)/',
      },
    },
    {
      name: 'handlers-compute-no-statistics',
      comment: 'Handlers parse, call a use case and map its result; the statistics are the use cases\' business.',
      severity: 'error',
      from: { path: '^functions/handlers/' },
      to: { path: '^functions/core/statistics/' },
    },
    {
      name: 'survey-functions-carry-no-statistics',
      comment:
        'The participant functions must start fast on a cheap phone\'s request: nothing they load may reach ' +
        'the statistics engine (or the dashboard that draws it).',
      severity: 'error',
      from: { path: '^functions/lambda/(get|submit)-survey\\.ts$' },
      to: { path: '^(functions/(core/statistics/|web/dashboard-page\\.ts$)|node_modules/@stdlib/)', reachable: true },
    },
    {
      name: 'ports-import-core-only',
      comment: 'Ports are interfaces over the domain model, which lives in core.',
      severity: 'error',
      from: { path: '^functions/ports/' },
      to: { path: '^(functions|bin|lib|local|bench|test|surveys)/', pathNot: '^functions/(core|ports)/' },
    },
    {
      name: 'nothing-imports-handlers',
      comment:
        'Handlers are primary adapters: only the Lambda entries (and the local server and tests) build them.',
      severity: 'error',
      from: { path: '^functions/', pathNot: '^functions/lambda/' },
      to: { path: '^functions/handlers/' },
    },
    {
      name: 'nothing-imports-lambda-entries',
      comment: 'A Lambda entry reads the environment at module load: only Lambda loads it.',
      severity: 'error',
      from: {},
      to: { path: '^functions/lambda/' },
    },
    {
      name: 'environment-wiring-only-in-entries',
      comment: 'The environment is read in one place, when a Lambda entry loads; everything else gets deps.',
      severity: 'error',
      from: { pathNot: '^functions/lambda/' },
      to: { path: '^functions/adapters/lambda-deps\\.ts$' },
    },
    {
      name: 'use-cases-know-no-web-or-adapters',
      comment: 'A use case receives its renderers, stores and mailers through its deps.',
      severity: 'error',
      from: { path: '^functions/use-cases/' },
      to: { path: '^functions/(web|adapters|handlers)/' },
    },
    {
      name: 'web-knows-no-use-cases-or-adapters',
      comment: 'Pages render what they are given; they never fetch it.',
      severity: 'error',
      from: { path: '^functions/web/' },
      to: { path: '^functions/(use-cases|adapters|handlers)/' },
    },
    {
      name: 'adapters-know-no-use-cases-or-web',
      comment: 'Adapters implement ports; they do not call the domain flows or render pages.',
      severity: 'error',
      from: { path: '^functions/adapters/' },
      to: { path: '^functions/(use-cases|web|handlers)/' },
    },
    {
      name: 'infrastructure-knows-no-runtime-code',
      comment: 'The CDK app reads entry paths and the one table-design module, never runtime code.',
      severity: 'error',
      from: { path: '^(lib/|bin/app\\.ts)' },
      to: { path: '^functions/', pathNot: '^functions/adapters/table-design\\.ts$', reachable: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(cdk\\.out|\\.data|out)/' },
    tsPreCompilationDeps: true,
    combinedDependencies: false,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.json'],
    },
  },
};
