// The single executable's entry (bundled to CommonJS by scripts/package-sea.mjs): the same start as
// bin/aks-runbook.js, minus the Node checks (its Node is built in), plus waiting for the layout
// engine, which the npm bundle loads with a top-level await that CommonJS cannot hold.
import { yogaReady } from 'yoga-layout';

// Ink's colour library ignores NO_COLOR; FORCE_COLOR=0 is what it honours. Set before the CLI and
// its colour library are evaluated (the dynamic import below is evaluated lazily).
if (process.env.NO_COLOR) process.env.FORCE_COLOR = '0';

Promise.all([import('../../src/cli.ts'), yogaReady])
  .then(([cli]) => cli.main(process.argv.slice(2)))
  .then(
    (code) => process.exit(code),
    (error) => {
      process.stderr.write(`aks-runbook: could not start: ${error?.message ?? error}\n`);
      process.exit(2);
    },
  );
