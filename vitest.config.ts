import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Handler and integration tests start an embedded DynamoDB each; the CDK synth bundles with esbuild.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // The SDK's notice that it will need Node 22 from 2027 is known and harmless here; it is
    // silenced in test output only. Info logs are silenced too; errors still print.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', PREPOST_QUIET: '1' },
  },
});
