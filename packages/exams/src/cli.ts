#!/usr/bin/env node
// The i2dl-exams command line: `i2dl-exams validate [paths]`.
import { runCli } from './validate/run-cli.js';

process.exitCode = await runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  out: (line) => console.log(line),
  err: (line) => console.error(line),
});
