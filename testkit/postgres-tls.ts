// TLS for a test cluster: a throwaway CA and a server certificate it signs (for localhost and
// 127.0.0.1), made with openssl in a temp folder, and the cluster switched to ssl=on with them (a
// reload: no restart). The CA's private key never leaves the folder, removed by the caller.
import { execFile } from 'node:child_process';
import { chmodSync, chownSync, copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { PostgresCluster } from './postgres-cluster';

const run = promisify(execFile);

export interface ThrowawayCa {
  dir: string;
  /** The CA's certificate (PEM), as a PC is given it. */
  caFile: string;
  serverCert: string;
  serverKey: string;
}

async function openssl(args: string[], cwd: string): Promise<void> {
  await run('openssl', args, { cwd, timeout: 60_000 });
}

/** A new CA and a server certificate it signed for `names` (DNS names and IP addresses). */
export async function makeThrowawayCa(names: { dns: string[]; ip: string[] } = { dns: ['localhost'], ip: ['127.0.0.1'] }): Promise<ThrowawayCa> {
  const dir = mkdtempSync(join(tmpdir(), 'counter-ca-'));
  await openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', '/CN=Counter test CA'], dir);
  await openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=counter-store-test'], dir);
  const altNames = [...names.dns.map((n) => `DNS:${n}`), ...names.ip.map((n) => `IP:${n}`)].join(',');
  writeFileSync(join(dir, 'server.ext'), `subjectAltName=${altNames}\nextendedKeyUsage=serverAuth\n`);
  await openssl(['x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.crt', '-days', '2', '-extfile', 'server.ext'], dir);
  return { dir, caFile: join(dir, 'ca.crt'), serverCert: join(dir, 'server.crt'), serverKey: join(dir, 'server.key') };
}

/** Turns TLS on for the cluster with the CA's server certificate (the key readable by the server's account only). */
export async function enableClusterTls(cluster: PostgresCluster, ca: ThrowawayCa): Promise<void> {
  const cert = join(cluster.dir, 'server.crt');
  const key = join(cluster.dir, 'server.key');
  copyFileSync(ca.serverCert, cert);
  copyFileSync(ca.serverKey, key);
  chmodSync(key, 0o600);
  if (process.getuid?.() === 0) {
    const owner = await run('id', ['-u', 'postgres']);
    const group = await run('id', ['-g', 'postgres']);
    for (const file of [cert, key]) chownSync(file, Number(owner.stdout.trim()), Number(group.stdout.trim()));
  }
  await cluster.admin(`ALTER SYSTEM SET ssl_cert_file = '${cert}'`);
  await cluster.admin(`ALTER SYSTEM SET ssl_key_file = '${key}'`);
  await cluster.admin('ALTER SYSTEM SET ssl = on');
  await cluster.admin('SELECT pg_reload_conf()');
}
