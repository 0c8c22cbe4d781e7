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
  const services = createServices(db, config);
  const close = async (): Promise<void> => {
    // The browser first: it may still be printing for a request that is being drained.
    await services.pdf.close();
    await db.close();
  };
  return { config, log, services, close };
}
