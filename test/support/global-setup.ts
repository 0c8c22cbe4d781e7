import { checkPostgres, POSTGRES_FLAG } from './databases';

export default async function globalSetup(): Promise<void> {
  process.env[POSTGRES_FLAG] = String(await checkPostgres());
}
