/**
 * Cold start: every function's module initialisation (from starting to import its bundle to
 * `handler` being ready) as deployed, against a naive build of the same entry, measured side by
 * side in one run.
 *
 * - The functions are the PipelineStack's own (`functionAccess`), read from the synthesised app
 *   (without bundling), so a new function is measured without touching this file; each one's
 *   environment is its template's (`NODE_OPTIONS` included), CloudFormation references replaced
 *   by dummy values shaped like the real ones, plus what the Lambda runtime sets (region,
 *   credentials, function name).
 * - The deployed build is esbuild run with `prepostBundling`, the options PrepostFunction gives
 *   NodejsFunction, translated to esbuild's API as aws-cdk-lib translates them to its command
 *   line (`test/bench/cold-start.test.ts` holds the two byte-identical). It is written outside the
 *   project, so it can only load what it inlines.
 * - The naive build is what a handler gets without care: CommonJS, the full `zod` instead of
 *   `zod/mini`, every package (the AWS SDK included) left in node_modules and loaded from there
 *   (but those published only as ES modules, which CommonJS cannot require), no minification.
 *
 * Each measurement is a fresh `node` process running a few lines of plain JavaScript (no tsx:
 * its loader would be measured too) that times the import and fails when anything opens a
 * socket or looks up a name during it: a function's initialisation must not reach the network.
 * The two builds alternate, run after run, and the medians are compared.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { type BuildOptions, build, type Metafile, type Plugin } from 'esbuild';
import { Stack, type CfnResource } from 'aws-cdk-lib';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { OutputFormat, SourceMapMode, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import { buildApp } from '#lib/app.ts';
import { handlerEntry, projectRoot } from '#lib/config.ts';
import { prepostBundling } from '#lib/constructs/prepost-function.ts';
import { shippedCatalog } from '#surveys/index.ts';
import { median } from './measure.ts';

/** A deployed function as the benchmark starts it. */
export interface ColdStartFunction {
  readonly name: string;
  /** Its Lambda entry, `functions/lambda/<name>.ts`. */
  readonly entry: string;
  /** The environment its process gets: the template's variables and the Lambda runtime's. */
  readonly environment: Readonly<Record<string, string>>;
}

/** One build of one function. */
export interface BuiltBundle {
  readonly file: string;
  readonly bytes: number;
  /** The source map shipped beside it (0 when none). */
  readonly sourceMapBytes: number;
  /** Bytes of the bundle from each input, by package or project folder (esbuild's metafile). */
  readonly contents: Readonly<Record<string, number>>;
}

/** What one function measured. */
export interface ColdStartSample {
  readonly name: string;
  readonly runs: number;
  /** Median module initialisation of the deployed build, ms. */
  readonly deployedMs: number;
  /** Median module initialisation of the naive build, ms. */
  readonly naiveMs: number;
  /** deployedMs / naiveMs: the budget is at most 0.5. */
  readonly ratio: number;
  /** Median CPU time of the deployed build's initialisation, ms. */
  readonly deployedCpuMs: number;
  /** Median CPU time of the naive build's initialisation, ms. */
  readonly naiveCpuMs: number;
  /** deployedCpuMs / naiveCpuMs: the same comparison, less disturbed by other work on the machine. */
  readonly cpuRatio: number;
  readonly deployed: BuiltBundle;
  readonly naive: BuiltBundle;
}

/** Options of {@link benchColdStart}. */
export interface ColdStartOptions {
  /** Processes per build and function (PRODUCT.md: 20 or more). */
  readonly runs: number;
  /** Only these functions (the smoke test); default every function. */
  readonly only?: readonly string[];
  /** Called as each function's figures are in (the whole run takes minutes). */
  readonly onSample?: (sample: ColdStartSample) => void;
}

/** The region and account the dummy values name. */
const DUMMY_REGION = 'eu-west-1';
const DUMMY_ACCOUNT = '123456789012';

/**
 * What the Lambda runtime adds to a function's own variables (the credentials are dummies: a
 * function's initialisation must not use them).
 */
function runtimeEnvironment(name: string, memorySize: number): Record<string, string> {
  return {
    AWS_REGION: DUMMY_REGION,
    AWS_DEFAULT_REGION: DUMMY_REGION,
    AWS_ACCESS_KEY_ID: 'ASIABENCHBENCHBENCH0',
    AWS_SECRET_ACCESS_KEY: 'bench-secret-access-key-bench-secret-access',
    AWS_SESSION_TOKEN: 'bench-session-token',
    AWS_LAMBDA_FUNCTION_NAME: `PrepostPipeline-${name}`,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(memorySize),
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/PrepostPipeline-${name}`,
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
    AWS_XRAY_CONTEXT_MISSING: 'LOG_ERROR',
    AWS_XRAY_DAEMON_ADDRESS: '169.254.79.129:2000',
    TZ: ':UTC',
    // Lambda runs Node 24: the SDK's notice about older versions would not be printed there.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
}

/**
 * Every function of the PipelineStack with its environment, from the app synthesised without
 * bundling (the same `buildApp` as `cdk synth`, with cdk.json's context).
 */
export async function deployedFunctions(): Promise<ColdStartFunction[]> {
  const cdkJson = JSON.parse(await readFile(join(projectRoot, 'cdk.json'), 'utf8')) as {
    context?: Record<string, unknown>;
  };
  const { app, pipelineStack } = buildApp({
    programmes: shippedCatalog().programmes,
    appProps: { context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] } },
  });
  // Logical id -> resource type, so a Ref can be given a value shaped like the real one.
  const types = new Map<string, string>();
  for (const construct of app.node.findAll()) {
    const resource = construct as Partial<CfnResource>;
    if (typeof resource.cfnResourceType === 'string' && resource.logicalId !== undefined)
      types.set(String(Stack.of(construct).resolve(resource.logicalId)), resource.cfnResourceType);
  }
  return [...pipelineStack.functions].map(([name, fn]) => {
    const cfn = fn.node.defaultChild as CfnFunction;
    const resolved = pipelineStack.resolve(cfn.environment) as { variables?: Record<string, unknown> } | undefined;
    const memorySize = Number(pipelineStack.resolve(cfn.memorySize) ?? 128);
    const variables = Object.fromEntries(
      Object.entries(resolved?.variables ?? {}).map(([key, value]) => [key, dummyValue(value, types)]),
    );
    return { name, entry: handlerEntry(name), environment: { ...runtimeEnvironment(name, memorySize), ...variables } };
  });
}

/** A CloudFormation value with its references replaced by dummies shaped like what they stand for. */
function dummyValue(value: unknown, types: ReadonlyMap<string, string>): string {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  const intrinsic = value as Record<string, unknown>;
  const ref = intrinsic.Ref;
  if (typeof ref === 'string') {
    const pseudo: Record<string, string> = {
      'AWS::Region': DUMMY_REGION,
      'AWS::AccountId': DUMMY_ACCOUNT,
      'AWS::Partition': 'aws',
      'AWS::URLSuffix': 'amazonaws.com',
    };
    if (pseudo[ref] !== undefined) return pseudo[ref];
    const type = types.get(ref);
    if (type === 'AWS::Cognito::UserPool') return `${DUMMY_REGION}_bench${ref.slice(0, 6)}`;
    if (type === 'AWS::SecretsManager::Secret')
      return `arn:aws:secretsmanager:${DUMMY_REGION}:${DUMMY_ACCOUNT}:secret:${ref}-AbCdEf`;
    if (type === 'AWS::SQS::Queue') return `https://sqs.${DUMMY_REGION}.amazonaws.com/${DUMMY_ACCOUNT}/${ref}`;
    if (type === 'AWS::SNS::Topic') return `arn:aws:sns:${DUMMY_REGION}:${DUMMY_ACCOUNT}:${ref}`;
    return ref.toLowerCase();
  }
  const join = intrinsic['Fn::Join'];
  if (Array.isArray(join)) {
    const [separator, parts] = join as [string, unknown[]];
    return parts.map((part) => dummyValue(part, types)).join(separator);
  }
  const getAtt = intrinsic['Fn::GetAtt'];
  if (Array.isArray(getAtt)) {
    const [id, attribute] = getAtt as [string, string];
    return attribute === 'Arn' ? `arn:aws:bench:${DUMMY_REGION}:${DUMMY_ACCOUNT}:${id}` : `${id}-${attribute}`;
  }
  if (typeof intrinsic['Fn::ImportValue'] !== 'undefined') return 'bench-imported-value';
  throw new Error(`cold-start bench: no dummy for the CloudFormation value ${JSON.stringify(value)}`);
}

/**
 * aws-cdk-lib's translation of NodejsFunction's bundling options to esbuild's (its
 * `Bundling.buildEsbuildArgs`), for the options prepost sets; any other option stops the bench
 * rather than being silently left out of what it measures.
 */
export function esbuildOptionsOf(bundling: BundlingOptions, entry: string, outdir: string): BuildOptions {
  const translated = new Set([
    'format',
    'target',
    'minify',
    'sourceMap',
    'sourceMapMode',
    'sourcesContent',
    'mainFields',
    'externalModules',
    'banner',
    'define',
    'keepNames',
  ]);
  const untranslated = Object.keys(bundling).filter((key) => !translated.has(key));
  if (untranslated.length > 0)
    throw new Error(`cold-start bench: translate the bundling option(s) ${untranslated.join(', ')} to esbuild's`);
  const esm = bundling.format === OutputFormat.ESM;
  const sourceMap = bundling.sourceMapMode ?? (bundling.sourceMap === true ? SourceMapMode.DEFAULT : undefined);
  return {
    entryPoints: [entry],
    bundle: true,
    // NodejsFunction's default target is the runtime's; prepost names one.
    target: bundling.target ?? 'node24',
    platform: 'node',
    ...(bundling.format === undefined ? {} : { format: bundling.format === OutputFormat.ESM ? 'esm' : 'cjs' }),
    outfile: join(outdir, esm ? 'index.mjs' : 'index.js'),
    minify: bundling.minify === true,
    ...(sourceMap === undefined
      ? {}
      : { sourcemap: sourceMap === SourceMapMode.DEFAULT ? true : (sourceMap as 'inline' | 'external' | 'both') }),
    ...(bundling.sourcesContent === false ? { sourcesContent: false } : {}),
    // NodejsFunction leaves the AWS SDK out unless told otherwise.
    external: [...(bundling.externalModules ?? ['@aws-sdk/*'])],
    ...(bundling.define === undefined ? {} : { define: { ...bundling.define } }),
    ...(bundling.keepNames === true ? { keepNames: true } : {}),
    ...(bundling.banner === undefined ? {} : { banner: { js: bundling.banner } }),
    ...(bundling.mainFields === undefined ? {} : { mainFields: [...bundling.mainFields] }),
    absWorkingDir: projectRoot,
    logLevel: 'warning',
  };
}

/**
 * The naive build's packages: loaded from node_modules by `require`, `zod/mini` replaced by the
 * full `zod` (its functions where the full library has them, the few that only `zod/mini` exports
 * as functions, `z.omit`..., from there). A package published only as ES modules (`@middy/core`)
 * cannot be required by a CommonJS bundle on Node 20, so it is inlined, as a CommonJS build must.
 */
const naivePackages: Plugin = {
  name: 'naive-packages',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^zod\/mini$/ }, (args) =>
      // The module below loads the real zod/mini from node_modules.
      args.namespace === 'full-zod'
        ? { path: 'zod/mini', external: true }
        : { path: 'zod/mini', namespace: 'full-zod' },
    );
    pluginBuild.onLoad({ filter: /.*/, namespace: 'full-zod' }, () => ({
      contents: "module.exports = { ...require('zod/mini'), ...require('zod') };",
      loader: 'js',
      resolveDir: projectRoot,
    }));
    pluginBuild.onResolve({ filter: /^[^./#]/ }, (args) => {
      if (args.path.startsWith('node:')) return { path: args.path, external: true };
      const name = /^(@[^/]+\/)?[^/]+/.exec(args.path)?.[0] ?? args.path;
      return esmOnly(name) ? undefined : { path: args.path, external: true };
    });
  },
};

const esmOnlyPackages = new Map<string, boolean>();

/** Whether a package offers no CommonJS entry (`"type": "module"` and no `.cjs` file exported). */
function esmOnly(name: string): boolean {
  let known = esmOnlyPackages.get(name);
  if (known === undefined) {
    let manifest: { type?: string; exports?: unknown; main?: string } = {};
    try {
      manifest = JSON.parse(
        readFileSync(join(projectRoot, 'node_modules', name, 'package.json'), 'utf8'),
      ) as typeof manifest;
    } catch {
      // A Node built-in without its prefix (`fs`), or a nested package: left to require.
    }
    // Its `require` condition, if any, names an ES module too (for Node's require(esm)).
    known = manifest.type === 'module' && !JSON.stringify(manifest.exports ?? manifest.main ?? '').includes('.cjs');
    esmOnlyPackages.set(name, known);
  }
  return known;
}

/** The naive build: CommonJS, the full `zod`, every package loaded from node_modules. */
export function naiveOptions(entry: string, outdir: string): BuildOptions {
  return {
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    plugins: [naivePackages],
    outfile: join(outdir, 'index.cjs'),
    absWorkingDir: projectRoot,
    logLevel: 'warning',
  };
}

/** Builds and weighs one bundle; the metafile says what is in it. */
export async function buildBundle(options: BuildOptions): Promise<BuiltBundle> {
  const result = await build({ ...options, metafile: true, write: true });
  const file = options.outfile;
  if (file === undefined) throw new Error('cold-start bench: builds name their outfile');
  const bytes = (await stat(file)).size;
  const sourceMapBytes = await stat(`${file}.map`).then(
    (found) => found.size,
    () => 0,
  );
  return { file, bytes, sourceMapBytes, contents: contentsOf(result.metafile) };
}

/**
 * Bundle bytes by where they come from: a package (`@aws-sdk/client-dynamodb`), or a project
 * folder (`functions/core/statistics`, `surveys/instruments`).
 */
function contentsOf(metafile: Metafile): Record<string, number> {
  const contents: Record<string, number> = {};
  for (const output of Object.values(metafile.outputs))
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const key = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? dirname(input);
      contents[key] = (contents[key] ?? 0) + bytesInOutput;
    }
  return contents;
}

/** Bytes of statistics code in a bundle: the statistics engine and the distributions it uses. */
export function statisticsBytes(bundle: BuiltBundle): number {
  return Object.entries(bundle.contents)
    .filter(([source]) => source.startsWith('@stdlib/') || source.startsWith('functions/core/statistics'))
    .reduce((sum, [, bytes]) => sum + bytes, 0);
}

/**
 * The probe each process runs (plain JavaScript, given with `-e`): it counts every socket
 * connection, datagram and name lookup, imports (ESM) or requires (CommonJS) the bundle, checks
 * `handler`, waits one turn of the event loop for anything the import started, and prints
 * `{ "ms", "cpuMs", "network" }`.
 */
const PROBE = `
import net from 'node:net';
import dgram from 'node:dgram';
import dns from 'node:dns';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
let network = 0;
const count = (target, key) => {
  const original = target[key];
  target[key] = function (...args) { network += 1; return original.apply(this, args); };
};
count(net.Socket.prototype, 'connect');
count(dgram.Socket.prototype, 'send');
count(dns, 'lookup');
count(dns.promises, 'lookup');
const file = process.argv[1];
const cpu = process.cpuUsage();
const start = performance.now();
const loaded = file.endsWith('.cjs') ? createRequire(file)(file) : await import(pathToFileURL(file).href);
const ms = performance.now() - start;
const used = process.cpuUsage(cpu);
const cpuMs = (used.user + used.system) / 1000;
if (typeof loaded.handler !== 'function') throw new Error(file + ' exports no handler');
await new Promise((resolve) => setTimeout(resolve, 0));
process.stdout.write(JSON.stringify({ ms, cpuMs, network }) + '\\n');
`;

/**
 * One module initialisation: wall time, and the CPU time the process used meanwhile (every thread),
 * which a busy machine inflates far less than wall time. At 256 MB a Lambda has a fraction of a
 * vCPU, so its initialisation lasts about as long as the CPU time it needs.
 */
export interface InitTime {
  readonly ms: number;
  readonly cpuMs: number;
}

/** Starts a fresh process that loads `file` with `environment` alone, and returns its initialisation time. */
export function measureInit(file: string, environment: Readonly<Record<string, string>>): Promise<InitTime> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', PROBE, file], {
      // Nothing of the bench's own environment (tsx's loader, for one) reaches the function.
      env: { PATH: process.env.PATH ?? '', ...environment },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let errors = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      errors += chunk;
    });
    child.once('error', reject);
    child.once('close', (code) => {
      if (code !== 0) return reject(new Error(`loading ${file} exited with ${String(code)}:\n${errors}`));
      const result = JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as Partial<InitTime> & {
        network?: number;
      };
      if (result.network !== 0)
        return reject(new Error(`loading ${file} reached the network ${String(result.network)} time(s)`));
      if (typeof result.ms !== 'number' || typeof result.cpuMs !== 'number')
        return reject(new Error(`loading ${file} printed no time:\n${output}`));
      resolve({ ms: result.ms, cpuMs: result.cpuMs });
    });
  });
}

/**
 * Builds both bundles of every function, then measures them `runs` times each, deployed and naive
 * alternating, and returns the medians. The deployed bundles go to the system's temporary folder
 * (nothing to fall back on), the naive ones under node_modules/.cache (their packages are found
 * from there, as from a Lambda's node_modules).
 */
export async function benchColdStart(options: ColdStartOptions): Promise<ColdStartSample[]> {
  const functions = (await deployedFunctions()).filter(
    (fn) => options.only === undefined || options.only.includes(fn.name),
  );
  if (functions.length === 0) throw new Error(`cold-start bench: no function among ${String(options.only)}`);
  const deployedRoot = await mkdtemp(join(tmpdir(), 'prepost-cold-start-'));
  const cache = join(projectRoot, 'node_modules', '.cache');
  await mkdir(cache, { recursive: true });
  const naiveRoot = await mkdtemp(join(cache, 'prepost-cold-start-'));
  try {
    const samples: ColdStartSample[] = [];
    for (const fn of functions) {
      const deployed = await buildBundle(esbuildOptionsOf(prepostBundling, fn.entry, join(deployedRoot, fn.name)));
      const naive = await buildBundle(naiveOptions(fn.entry, join(naiveRoot, fn.name)));
      // One load of each first: the file system's cache is warm for both, as on a warm host.
      await measureInit(deployed.file, fn.environment);
      await measureInit(naive.file, fn.environment);
      const deployedRuns: InitTime[] = [];
      const naiveRuns: InitTime[] = [];
      for (let run = 0; run < options.runs; run += 1) {
        deployedRuns.push(await measureInit(deployed.file, fn.environment));
        naiveRuns.push(await measureInit(naive.file, fn.environment));
      }
      const deployedMs = median(deployedRuns.map((run) => run.ms));
      const naiveMs = median(naiveRuns.map((run) => run.ms));
      const deployedCpuMs = median(deployedRuns.map((run) => run.cpuMs));
      const naiveCpuMs = median(naiveRuns.map((run) => run.cpuMs));
      const sample: ColdStartSample = {
        name: fn.name,
        runs: options.runs,
        deployedMs,
        naiveMs,
        ratio: deployedMs / naiveMs,
        deployedCpuMs,
        naiveCpuMs,
        cpuRatio: deployedCpuMs / naiveCpuMs,
        deployed,
        naive,
      };
      options.onSample?.(sample);
      samples.push(sample);
    }
    return samples;
  } finally {
    await rm(deployedRoot, { recursive: true, force: true });
    await rm(naiveRoot, { recursive: true, force: true });
  }
}
