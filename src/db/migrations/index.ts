import { InitialSchema1764000000000 } from './1764000000000-initial-schema';
import { Deliveries1765000000000 } from './1765000000000-deliveries';

/** Every migration, oldest first. Each is reviewed by hand; none is generated at run time. */
export const MIGRATIONS = [InitialSchema1764000000000, Deliveries1765000000000];
