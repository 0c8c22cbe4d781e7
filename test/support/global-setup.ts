import { checkPostgres, POSTGRES_FLAG } from './databases';
import { checkRedis, REDIS_FLAG } from './redis';

export default async function globalSetup(): Promise<void> {
  process.env[POSTGRES_FLAG] = String(await checkPostgres());
  process.env[REDIS_FLAG] = String(await checkRedis());
}
