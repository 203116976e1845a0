import { randomInt } from 'node:crypto';
import { createServer } from 'node:net';

/**
 * Below Linux's ephemeral range (32768..60999 by default): a port taken from that range (listen on
 * port 0) is handed out again as the source port of outgoing connections, so a server started a
 * moment later, or restarted after a test stops it, can find its port taken.
 */
const LOW = 20_000;
const HIGH = 32_000;

function tryListen(port: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(undefined));
    srv.listen(port, '127.0.0.1', () => {
      const bound = (srv.address() as { port: number }).port;
      srv.close(() => resolve(bound));
    });
  });
}

/** A TCP port on loopback that nothing listens on right now, outside the ephemeral range when it can. */
export async function freePort(): Promise<number> {
  for (let i = 0; i < 50; i++) {
    const port = await tryListen(randomInt(LOW, HIGH));
    if (port !== undefined) return port;
  }
  const any = await tryListen(0);
  if (any === undefined) throw new Error('no free TCP port on 127.0.0.1');
  return any;
}
