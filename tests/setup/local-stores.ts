import { Socket } from 'node:net';

/** Whether something accepts TCP connections on 127.0.0.1:port within a short wait. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.connect(port, '127.0.0.1');
  });
}

/**
 * Points the Redis and PostgreSQL tests at this machine's own servers when the caller named none, so a
 * plain `npm test` runs them instead of skipping them; .ci/run sets the same addresses explicitly.
 */
export default async function setup(): Promise<void> {
  if (!process.env.REDIS_URL && (await listening(6379))) process.env.REDIS_URL = 'redis://127.0.0.1:6379';
  if (!process.env.DATABASE_URL && (await listening(5432)))
    process.env.DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/test';
}
