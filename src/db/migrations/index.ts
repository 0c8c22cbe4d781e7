import { InitialSchema1764000000000 } from './1764000000000-initial-schema';

/** Every migration, oldest first. Each is reviewed by hand; none is generated at run time. */
export const MIGRATIONS = [InitialSchema1764000000000];
