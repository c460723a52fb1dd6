import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    reporters: ['default'],
    // Tests never reach Azure: the real sign-in chain would probe 169.254.169.254 and the Azure CLI.
    env: { AKS_RUNBOOK_NO_AZURE_SIGNIN: '1' },
    // A temp directory owned by this run, checked empty at the end; per file: cleanups and leaks.
    globalSetup: ['test/setup/own-tmpdir.ts'],
    setupFiles: ['test/setup/per-file.ts'],
  },
});
