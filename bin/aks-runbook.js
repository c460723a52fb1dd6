#!/usr/bin/env node
// Thin entry: check Node, honour NO_COLOR before any colour library loads, then the compiled CLI.
// Written in plain JavaScript that old Node versions can parse, so they get a sentence, not a stack.
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  process.stderr.write(
    `aks-runbook: needs Node.js 22 or newer, this is ${process.version}; ` +
      'run it with "npm start" from the project (which brings Node 24) or install Node 22+\n',
  );
  process.exit(2);
}
// Ink's colour library ignores NO_COLOR; FORCE_COLOR=0 is what it honours.
if (process.env.NO_COLOR) process.env.FORCE_COLOR = '0';

import('node:module')
  .then((m) => m.enableCompileCache?.())
  .catch(() => undefined)
  // The esbuild bundle starts about twice as fast; the plain compiled tree is the fallback.
  .then(() =>
    import('../dist/bundle/cli.js').catch((error) =>
      error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('bundle')
        ? import('../dist/src/cli.js')
        : Promise.reject(error),
    ),
  )
  .then(
    async ({ main }) => process.exit(await main(process.argv.slice(2))),
    (error) => {
      const missing =
        error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist');
      process.stderr.write(
        missing
          ? 'aks-runbook: the program is not built yet; run "npm run build" (or "npm start") in the project first\n'
          : `aks-runbook: could not start: ${error && error.message ? error.message : error}\n`,
      );
      process.exit(2);
    },
  );
