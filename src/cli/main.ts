// The `keycard` command: dispatches to subcommands and turns bad usage into exit status 2, never a stack trace.

import { readFileSync } from 'node:fs';
import { EXIT_OK, EXIT_USAGE, processIo, UsageError, type CliIo } from './io.js';
import { runAccounts, runRotateKeys } from './accounts.js';
import { runRevoke } from './revoke.js';
import { runServe } from './serve.js';
import { runSimulate } from './simulate.js';
import { runValidate } from './validate.js';

const USAGE = `Usage: keycard <command> [options]

Commands:
  serve      run the AWS IAM and STS endpoint
  accounts   create and list accounts
  simulate   decide one request offline and explain the decision
  validate   check a policy document as IAM does when it is saved
  revoke-sessions  revoke a role's sessions issued until now
  rotate-keys      start a new session-token key

Run "keycard <command> --help" for a command's options.`;

const COMMANDS: Record<string, (args: string[], io: CliIo) => number | Promise<number>> = {
  serve: (args, io) => runServe(args, io, version()),
  accounts: runAccounts,
  'rotate-keys': runRotateKeys,
  simulate: runSimulate,
  validate: runValidate,
  'revoke-sessions': runRevoke,
};

const version = (): string => {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
};

export const main = async (argv: string[], io: CliIo = processIo): Promise<number> => {
  const [command, ...args] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    io.out(USAGE);
    return command === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (command === '--version' || command === '-v') {
    io.out(version());
    return EXIT_OK;
  }
  const run = COMMANDS[command];
  if (run === undefined) {
    io.err(`keycard: unknown command "${command}"\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  try {
    return await run(args, io);
  } catch (error) {
    // parseArgs reports unknown or malformed options with ERR_PARSE_ARGS_* codes.
    const isArgError = String((error as NodeJS.ErrnoException).code ?? '').startsWith('ERR_PARSE_ARGS');
    if (error instanceof UsageError || isArgError) {
      io.err(`keycard ${command}: ${(error as Error).message}`);
      return EXIT_USAGE;
    }
    io.err(`keycard ${command}: internal error: ${(error as Error).message}`);
    return 70;
  }
};
