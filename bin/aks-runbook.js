#!/usr/bin/env node
// Thin entry: run on a Node new enough (this one, else the project's own Node 24 from
// node_modules, else say what to install), honour NO_COLOR before any colour library loads, then
// start the bundled CLI. Written in the JavaScript every Node with ES modules (12.17 and later) can
// parse: no `?.`, no `??` (a test holds this), so an old Node gets a relaunch or one sentence.
import { spawn } from 'child_process';
import { existsSync, readFileSync } from 'fs';
import { createRequire } from 'module';
import { constants } from 'os';
import { dirname, join } from 'path';
import { fileURLToPath } from 'url';

const NEEDED = 22;
// Set in the relaunched child: if it is still too old, stop instead of relaunching forever.
const RELAUNCHED = 'AKS_RUNBOOK_RELAUNCHED_FROM';

function majorOf(version) {
  return Number(String(version).replace(/^v/, '').split('.')[0]);
}

/** The `node` package among our dependencies, if it is new enough: its executable, else null. */
function projectNode() {
  try {
    const manifest = createRequire(import.meta.url).resolve('node/package.json');
    if (majorOf(JSON.parse(readFileSync(manifest, 'utf8')).version) < NEEDED) return null;
    const exe = join(dirname(manifest), 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
    return existsSync(exe) ? exe : null;
  } catch {
    return null;
  }
}

/**
 * Runs this same file on `node` with the same arguments and terminal. The child stays in our
 * process group, so it keeps the terminal and gets its resizes (SIGWINCH) and Ctrl+C from the
 * kernel; signals sent to this process alone are passed on. Exits as the child does.
 */
function relaunch(node) {
  const script = fileURLToPath(import.meta.url);
  const env = Object.assign({}, process.env);
  env[RELAUNCHED] = process.version;
  const child = spawn(node, process.execArgv.concat([script], process.argv.slice(2)), {
    stdio: 'inherit',
    env: env,
  });
  ['SIGINT', 'SIGTERM', 'SIGHUP'].forEach((signal) => {
    process.on(signal, () => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    });
  });
  child.on('error', (error) => {
    process.stderr.write(`aks-runbook: could not start ${node}: ${error.message}\n`);
    process.exit(2);
  });
  child.on('exit', (code, signal) => {
    // A shell reports death by signal n as 128 + n; so do we.
    process.exit(signal ? 128 + (constants.signals[signal] || 0) : code);
  });
}

/**
 * The headless audit holds a large cluster's lists for a moment: with 2 MiB semi-spaces (V8 lets
 * the young generation grow to tens of MiB by default) its peak memory on the bench's `large`
 * cluster is about a third lower at the same CPU. V8 reads that size only when a process starts,
 * so the audit re-executes itself in place with it (process.execve: Node 22.15+, not Windows);
 * anything else, or a Node without execve, runs as is.
 */
function auditHeap() {
  if (process.argv[2] !== 'audit' || typeof process.execve !== 'function') return;
  if (process.platform === 'win32' || process.env.AKS_RUNBOOK_AUDIT_HEAP === 'default') return;
  const set = process.execArgv.some((a) => a.indexOf('--max-semi-space-size') === 0);
  if (set) return;
  const args = [process.execPath, '--max-semi-space-size=2'];
  try {
    process.execve(
      process.execPath,
      args.concat(process.execArgv, process.argv.slice(1)),
      process.env,
    );
  } catch {
    // Not replaced (e.g. the executable cannot be run again): the audit runs with V8's defaults.
  }
}

function start() {
  auditHeap();
  // Ink's colour library ignores NO_COLOR; FORCE_COLOR=0 is what it honours.
  if (process.env.NO_COLOR) process.env.FORCE_COLOR = '0';
  import('module')
    .then((m) => m.enableCompileCache && m.enableCompileCache())
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
      (cli) => cli.main(process.argv.slice(2)).then(exitWhenFlushed),
      (error) => {
        const missing =
          error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist');
        process.stderr.write(
          missing
            ? 'aks-runbook: the program is not built yet; run "npm install" (or "npm run build") in the project first\n'
            : `aks-runbook: could not start: ${error && error.message ? error.message : error}\n`,
        );
        process.exit(2);
      },
    );
}

/**
 * Exits with `code` once what was written to stdout and stderr has left the process. On a pipe
 * Node writes asynchronously, and process.exit() drops whatever is still queued: a report piped
 * to `jq` or `wc` was cut at the pipe's 64 KiB. An empty write's callback runs after every
 * earlier write of that stream (or at once, with an error, when the reader has gone).
 */
function exitWhenFlushed(code) {
  process.exitCode = code;
  var waiting = 2;
  var done = function () {
    waiting -= 1;
    if (waiting === 0) process.exit(code);
  };
  [process.stdout, process.stderr].forEach(function (stream) {
    if (stream.destroyed || stream.writableLength === 0) done();
    else stream.write('', done);
  });
}

if (majorOf(process.version) >= NEEDED) {
  start();
} else {
  const node = process.env[RELAUNCHED] ? null : projectNode();
  if (node) {
    relaunch(node);
  } else {
    process.stderr.write(
      `aks-runbook: needs Node.js ${NEEDED} or newer, this is ${process.version}; install Node.js ${NEEDED}+, ` +
        'or run "npm install" in the project (it brings Node 24), or use the single executable\n',
    );
    process.exit(2);
  }
}
