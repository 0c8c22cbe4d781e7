#!/usr/bin/env node
import './node-version';
import 'reflect-metadata';
import { Command } from 'commander';
import { ConfigError, loadConfig } from '../config/config';
import { isAppError } from '../errors/app-errors';
import { registerDatabaseCommands } from './commands/database-commands';
import { registerDoctorCommand } from './commands/doctor-command';
import { registerEmailCommand } from './commands/email-command';
import { registerImportCommand } from './commands/import-command';
import { registerKeysCommands } from './commands/keys-commands';
import { registerPublishCommand } from './commands/publish-command';
import { registerRenderCommand } from './commands/render-command';
import { registerSchemaCommand } from './commands/schema-command';
import { registerServeCommands } from './commands/serve-commands';

/** `sitrep`: one entry point for serving, migrating, seeding, importing and managing keys. */
export function buildProgram(): Command {
  const program = new Command('sitrep')
    .description('Sitrep: sourced events in, daily Middle East briefings out (GraphQL).')
    .showHelpAfterError()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  registerServeCommands(program);
  registerDatabaseCommands(program);
  registerImportCommand(program);
  registerKeysCommands(program);
  registerSchemaCommand(program);
  registerRenderCommand(program);
  registerPublishCommand(program);
  registerEmailCommand(program);
  registerDoctorCommand(program);
  return program;
}

/** Prints what went wrong in words a user can act on, and exits non-zero. */
export function exitWithError(error: unknown): never {
  if (isAppError(error)) process.stderr.write(`sitrep: ${error.detail ?? error.message}\n`);
  else if (error instanceof ConfigError) process.stderr.write(`sitrep: ${error.message}\n`);
  else
    process.stderr.write(
      `sitrep: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  process.exit(1);
}

if (require.main === module) {
  try {
    loadConfig();
  } catch (error) {
    exitWithError(error);
  }
  buildProgram().parseAsync(process.argv).catch(exitWithError);
}
