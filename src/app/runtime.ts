import { Config, loadConfig } from '../config/config';
import { Database } from '../db/database';
import { createLogger, Logger } from '../logging/logger';
import { createServices, Services } from '../services/services';

/** Everything a command needs: validated config, a logger, the open database and the services over it. */
export interface Runtime {
  config: Config;
  log: Logger;
  services: Services;
  close(): Promise<void>;
}

export async function openRuntime(config: Config = loadConfig()): Promise<Runtime> {
  const log = createLogger(config.logLevel);
  const db = await Database.open(config.database, log);
  return { config, log, services: createServices(db, config), close: () => db.close() };
}
