import { openRuntime, Runtime } from '../app/runtime';

/** Opens the database for one command, runs it, and always closes it again. */
export async function withRuntime<T>(work: (runtime: Runtime) => Promise<T>): Promise<T> {
  const runtime = await openRuntime();
  try {
    return await work(runtime);
  } finally {
    await runtime.close();
  }
}
