import type { Logger as TypeOrmLogger } from 'typeorm';
import type { Logger } from '../logging/logger';

/**
 * Counts every SQL statement TypeORM sends (tests use the count to prove there is no N+1) and forwards
 * failures and slow statements to the application log.
 */
export class StatementLogger implements TypeOrmLogger {
  count = 0;

  constructor(private readonly appLog: Logger) {}

  logQuery(query: string): void {
    this.count += 1;
    this.appLog.debug('sql', { query: query.length > 500 ? `${query.slice(0, 500)}…` : query });
  }

  logQueryError(error: string | Error, query: string): void {
    this.appLog.warn('sql failed', {
      error: error instanceof Error ? error.message : error,
      query: query.slice(0, 500),
    });
  }

  logQuerySlow(time: number, query: string): void {
    this.appLog.warn('sql slow', { ms: time, query: query.slice(0, 500) });
  }

  logSchemaBuild(): void {}

  logMigration(message: string): void {
    this.appLog.info('migration', { message });
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.appLog.warn(String(message));
  }
}
