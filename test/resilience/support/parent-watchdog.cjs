// Preloaded (node --require) into every bot process the resilience tests start: when the test
// process goes away by any means (a crash, a kill, Ctrl-C) the pipe on stdin closes, and the bot
// goes with it instead of running on as an orphan. It changes nothing else in the bot.
'use strict';
// Node 20 also runs preloads in the module loader's worker thread (tsx registers one): that thread
// has no stdin of its own and must not act.
if (require('node:worker_threads').isMainThread) {
  process.stdin.on('end', () => process.kill(process.pid, 'SIGKILL'));
  process.stdin.on('error', () => process.kill(process.pid, 'SIGKILL'));
  process.stdin.resume();
}
