import { checkPostgres, POSTGRES_FLAG } from './databases';
import { checkPoppler, POPPLER_FLAG } from './poppler';
import { checkRedis, REDIS_FLAG } from './redis';

export default async function globalSetup(): Promise<void> {
  process.env[POSTGRES_FLAG] = String(await checkPostgres());
  process.env[REDIS_FLAG] = String(await checkRedis());
  process.env[POPPLER_FLAG] = String(checkPoppler());
}
