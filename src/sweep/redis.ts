import { ConfigError } from '../errors.js';

/** The BullMQ queue that holds trials, and the one that holds one parent job per sweep. */
export const QUEUES = { trials: 'urn-trials', sweeps: 'urn-sweeps' } as const;

/** ioredis options from a URL (what BullMQ's `connection` takes). */
export interface RedisConnection {
  host: string;
  port: number;
  username?: string;
  password?: string;
  db?: number;
  /** BullMQ workers need null (block forever instead of failing commands). */
  maxRetriesPerRequest: null;
}

/**
 * Parse `redis://[user:password@]host[:port][/db]` into connection options; throws `ConfigError`.
 *
 * ```ts
 * redisConnection('redis://10.0.0.5:6379'); // { host: '10.0.0.5', port: 6379, maxRetriesPerRequest: null }
 * ```
 */
export function redisConnection(url: string): RedisConnection {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new ConfigError(`sweep: '${url}' is not a URL. Give the queue as redis://HOST:PORT.`);
  }
  if (u.protocol !== 'redis:') throw new ConfigError(`sweep: queue URL '${url}' must start with redis://. Give it as redis://HOST:PORT.`);
  const db = u.pathname.length > 1 ? Number(u.pathname.slice(1)) : undefined;
  if (db !== undefined && !(Number.isInteger(db) && db >= 0)) throw new ConfigError(`sweep: database '${u.pathname.slice(1)}' in '${url}' is not a number. Use redis://HOST:PORT/0.`);
  return {
    host: u.hostname || '127.0.0.1',
    port: u.port ? Number(u.port) : 6379,
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(db !== undefined ? { db } : {}),
    maxRetriesPerRequest: null,
  };
}
