import { version } from '../package.json';
import type { Command, Io } from './commands/command.js';
import { ingestCommand } from './commands/ingest.js';
import { jobsWaitCommand } from './commands/jobs-wait.js';
import { webhooksListenCommand } from './commands/webhooks-listen.js';
import { EXIT_CODES_HELP, ExitCode } from './exit-codes.js';
import { describeFailure } from './failure.js';
import { UsageError } from './usage-error.js';

const COMMANDS: Command[] = [ingestCommand, jobsWaitCommand, webhooksListenCommand];

const HELP = `Usage: nexus <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(18)} ${c.summary}`).join('\n')}

Run nexus <command> --help for a command's options. Every command reads the API key from
--api-key or NEXUS_API_KEY and the API's origin from --base-url or NEXUS_BASE_URL.

${EXIT_CODES_HELP}`;

/**
 * Runs one command line (without `node` and the script) and resolves with the exit code.
 * @example
 * process.exitCode = await main(['jobs', 'wait', 'job_3Fh7Kd9Ls2Qp6Wx1'], io);
 */
export async function main(argv: string[], io: Io): Promise<number> {
  const [first, second] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    io.stdout.write(`${HELP}\n`);
    return first === undefined ? ExitCode.Usage : ExitCode.Ok;
  }
  if (first === '--version' || first === '-v') {
    io.stdout.write(`${version}\n`);
    return ExitCode.Ok;
  }
  const command = COMMANDS.find((c) => c.name === first || c.name === `${first} ${second}`);
  if (!command) {
    const group = COMMANDS.filter((c) => c.name.startsWith(`${first} `));
    const hint = group.length ? `: ${first} takes ${group.map((c) => c.name.split(' ')[1]).join(', ')}` : '';
    io.stderr.write(`nexus: unknown command "${[first, group.length ? second : undefined].filter(Boolean).join(' ')}"${hint}. Run nexus --help.\n`);
    return ExitCode.Usage;
  }
  const args = argv.slice(command.name.split(' ').length);
  try {
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`nexus ${command.name}: ${error.message}\nRun nexus ${command.name} --help for usage.\n`);
      return ExitCode.Usage;
    }
    // Commands report the failures they expect; anything else still gets one line, not a stack.
    io.stderr.write(`nexus ${command.name}: ${describeFailure(error)}\n`);
    return ExitCode.Stopped;
  }
}
