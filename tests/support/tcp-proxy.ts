// A TCP proxy in front of a real server, for faults no server shows on its own: `hang()` keeps
// accepting connections and reading requests but never answers (a store that is up but stuck),
// `refuse()` closes every connection at once, `pass()` forwards again.
import { createConnection, createServer, type Server, type Socket } from 'node:net';

export interface TcpProxy {
  port: number;
  hang(): void;
  refuse(): void;
  pass(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let mode: 'pass' | 'hang' | 'refuse' = 'pass';
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => {});
    if (mode === 'refuse') return void client.destroy();
    const upstream = createConnection(target);
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    // Bytes are forwarded only while passing: a hung proxy swallows requests and answers nothing.
    client.on('data', (d) => { if (mode === 'pass') upstream.write(d); });
    upstream.on('data', (d) => { if (mode === 'pass') client.write(d); });
    client.on('end', () => upstream.end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const dropAll = () => { for (const s of sockets) s.destroy(); };
  return {
    port: (server.address() as { port: number }).port,
    hang: () => { mode = 'hang'; },
    refuse: () => { mode = 'refuse'; dropAll(); },
    pass: () => { mode = 'pass'; dropAll(); },
    close: () => new Promise<void>((resolve) => { dropAll(); server.close(() => resolve()); }),
  };
}
