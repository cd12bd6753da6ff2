/**
 * The cold-start benchmark measures what is deployed: its build of a function is byte for byte
 * the bundle `cdk synth` stages for it, it measures every function the stack deploys, with the
 * environment the function is deployed with, and it refuses an initialisation that reaches the
 * network. No timing is asserted beyond "positive".
 */
import { readdirSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, Stack } from 'aws-cdk-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildBundle,
  deployedFunctions,
  esbuildOptionsOf,
  measureInit,
  naiveOptions,
  statisticsBytes,
  type BuiltBundle,
  type ColdStartFunction,
} from '../../bench/cold-start.ts';
import { handlerEntry } from '../../lib/config.ts';
import { PrepostFunction, prepostBundling, prepostNodeOptions } from '../../lib/constructs/prepost-function.ts';

const entries = readdirSync(fileURLToPath(new URL('../../functions/lambda/', import.meta.url)))
  .filter((file) => file.endsWith('.ts'))
  .map((file) => file.slice(0, -3))
  .sort();

let dir: string;
let functions: ColdStartFunction[];
let deployed: BuiltBundle;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'prepost-cold-start-test-'));
  functions = await deployedFunctions();
  deployed = await buildBundle(esbuildOptionsOf(prepostBundling, handlerEntry('get-survey'), join(dir, 'deployed')));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the cold-start benchmark', () => {
  it('builds the bundle cdk synth stages for the function, byte for byte', { timeout: 180_000 }, async () => {
    const outdir = join(dir, 'cdk.out');
    const app = new App({ outdir });
    new PrepostFunction(new Stack(app, 'ColdStartTest'), 'GetSurvey', { entry: handlerEntry('get-survey') });
    app.synth();
    const assets = (await readdir(outdir)).filter((name) => name.startsWith('asset.'));
    expect(assets).toHaveLength(1);
    const staged = await readFile(join(outdir, assets[0] ?? '', 'index.mjs'));
    expect(staged.equals(await readFile(deployed.file))).toBe(true);
  });

  it('keeps the names of error classes, which the logs report errors by', async () => {
    // esbuild's keepNames: each class keeps its name as a string the minifier leaves alone.
    expect(await readFile(deployed.file, 'utf8')).toContain('"UnknownLinkError"');
  });

  it('leaves the catalogue checks out of the bundle: the build validated the catalogue', async () => {
    const code = await readFile(deployed.file, 'utf8');
    // Messages only loadCatalog's checks hold.
    expect(code).not.toContain('is defined twice');
    expect(code).not.toContain('is not among languages');
  });

  it('measures every function the stack deploys, one per Lambda entry', () => {
    expect(functions.map((fn) => fn.name).sort()).toEqual(entries);
  });

  it("starts each function with its deployed environment: NODE_OPTIONS, its variables, the runtime's", () => {
    for (const fn of functions) {
      expect(fn.environment.NODE_OPTIONS, fn.name).toBe(prepostNodeOptions);
      expect(fn.environment.POWERTOOLS_SERVICE_NAME, fn.name).toBe('prepost');
      expect(fn.environment.TABLE_NAME, fn.name).toMatch(/\S/);
      expect(fn.environment.AWS_REGION, fn.name).toBe('eu-west-1');
    }
    const staffAdmin = functions.find((fn) => fn.name === 'staff-admin');
    // Shaped like the real value: the Cognito client's region is read from it.
    expect(staffAdmin?.environment.USER_POOL_ID).toMatch(/^eu-west-1_/);
    const signIn = functions.find((fn) => fn.name === 'sign-in');
    expect(signIn?.environment.OIDC_ISSUER).toMatch(/^https:\/\/cognito-idp\.eu-west-1\.amazonaws\.com\//);
  });

  it('leaves no statistics code in the participant functions (esbuild metafile)', async () => {
    const submit = await buildBundle(
      esbuildOptionsOf(prepostBundling, handlerEntry('submit-survey'), join(dir, 'submit-survey')),
    );
    for (const bundle of [deployed, submit]) {
      expect(statisticsBytes(bundle)).toBe(0);
      expect(Object.keys(bundle.contents)).toContain('@aws-sdk/client-dynamodb');
    }
  });

  it('times both builds of a function in a fresh process', async () => {
    const fn = functions.find((candidate) => candidate.name === 'get-survey');
    if (fn === undefined) throw new Error('no get-survey');
    const init = await measureInit(deployed.file, fn.environment);
    expect(init.ms).toBeGreaterThan(0);
    expect(init.cpuMs).toBeGreaterThan(0);
    // The naive build loads its packages from node_modules, so it lives where they are found.
    // On a fresh `npm ci` there is no node_modules/.cache yet.
    const cache = fileURLToPath(new URL('../../node_modules/.cache/', import.meta.url));
    await mkdir(cache, { recursive: true });
    const naiveDir = await mkdtemp(join(cache, 'cs-'));
    try {
      const naive = await buildBundle(naiveOptions(fn.entry, naiveDir));
      expect(naive.bytes).toBeLessThan(deployed.bytes);
      expect((await measureInit(naive.file, fn.environment)).ms).toBeGreaterThan(0);
    } finally {
      await rm(naiveDir, { recursive: true, force: true });
    }
  });

  it('refuses an initialisation that reaches the network', async () => {
    const file = join(dir, 'connects.mjs');
    await writeFile(
      file,
      "import net from 'node:net';\n" +
        "net.connect(9, '127.0.0.1').on('error', () => {});\n" +
        'export const handler = () => {};\n',
    );
    await expect(measureInit(file, {})).rejects.toThrow(/reached the network/);
  });
});
