// The store's address, read once into the connection a PC makes: a database on another computer is
// reached over TLS with its certificate verified (verify-full: signed by a CA this PC trusts, for the
// host named), a CA file given on the Store screen (or --store-ca) or as sslrootcert; turning TLS
// off is refused unless the database is on this computer. And the address as it may be shown: no
// password in any form (user:password@, ?password=, ?sslpassword=, keyword=value).
import { readFileSync } from 'node:fs';

/** The address cannot be used as given; `field` is the input it came from. */
export class StoreAddressError extends Error {
  override readonly name = 'StoreAddressError';
  constructor(
    readonly field: 'url' | 'caFile',
    message: string,
  ) {
    super(message);
  }
}

/**
 * TLS settings for the driver: off (this computer only), or verified against `ca` (PEM; the system's
 * CAs when absent). The driver checks the certificate against the host it connects to.
 */
export type StoreTls = false | { rejectUnauthorized: true; ca?: string };

/** What the driver is given: each part of the address, never the address itself (so no sslmode of its own). */
export interface StoreConnection {
  host: string;
  port: number;
  database: string;
  user: string;
  password: string;
  ssl: StoreTls;
}

const LOOPBACK_NAMES = new Set(['localhost', '::1']);

/** Whether `host` is this computer: a loopback name or address, or a unix socket folder. */
export function isThisComputer(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return LOOPBACK_NAMES.has(bare) || /^127(\.\d{1,3}){3}$/.test(bare) || bare.startsWith('/');
}

const SSL_MODES = new Set(['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full']);

/**
 * Reads a postgres:// address into the parts the driver is given. On this computer TLS is off unless
 * the address asks for it (sslmode other than disable, allow or prefer); elsewhere TLS is always on
 * and verified, whatever sslmode says, and sslmode=disable is refused. `caFile` (the Store screen's,
 * or --store-ca) wins over the address's sslrootcert.
 */
export function storeConnection(url: string, options: { caFile?: string | null } = {}): StoreConnection {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new StoreAddressError('url', 'Store address must look like postgres://user:password@host:5432/database');
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new StoreAddressError('url', 'Store address must start with postgres://');
  }
  const params = parsed.searchParams;
  const host = params.get('host') ?? decodeURIComponent(parsed.hostname.replace(/^\[|\]$/g, ''));
  if (!host) throw new StoreAddressError('url', 'Store address must name the database server (postgres://user@host/database)');
  const database = decodeURIComponent(parsed.pathname.slice(1));
  if (!database) throw new StoreAddressError('url', 'Store address must name the database (postgres://user@host/database)');
  const sslMode = params.get('sslmode') ?? (isThisComputer(host) ? 'disable' : 'verify-full');
  if (!SSL_MODES.has(sslMode)) throw new StoreAddressError('url', `Store address: sslmode "${sslMode}" is not one of ${[...SSL_MODES].join(', ')}`);
  const local = isThisComputer(host);
  if (sslMode === 'disable' && !local) {
    throw new StoreAddressError(
      'url',
      `Store address: sslmode=disable would send the password unencrypted to ${host}; TLS may be turned off only for a database on this computer`,
    );
  }
  const plain = local && (sslMode === 'disable' || sslMode === 'allow' || sslMode === 'prefer');
  const caFile = options.caFile ?? params.get('sslrootcert');
  return {
    host,
    port: parsed.port ? Number(parsed.port) : 5432,
    database,
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password || (params.get('password') ?? '')),
    ssl: plain ? false : { rejectUnauthorized: true, ...(caFile ? { ca: readCaFile(caFile) } : {}) },
  };
}

function readCaFile(file: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new StoreAddressError('caFile', `CA file: cannot read ${file}`);
  }
  if (!text.includes('-----BEGIN CERTIFICATE-----')) throw new StoreAddressError('caFile', `CA file: ${file} holds no PEM certificate`);
  return text;
}

/** Node's TLS codes for a certificate this PC does not trust or that names another host. */
const UNTRUSTED_CERTIFICATE = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_SIGNATURE_FAILURE',
]);

/** Why a TLS connection to the store failed, in a manager's words; null for other errors. */
export function describeTlsFailure(error: unknown, host: string): string | null {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  if (UNTRUSTED_CERTIFICATE.has(code)) {
    return `The store’s database at ${host} showed a certificate that no CA this PC trusts has signed. Name the store’s CA file on the Store screen (or --store-ca).`;
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return `The store’s database showed a certificate made for another server than ${host}. Check the address.`;
  if (code === 'CERT_HAS_EXPIRED') return `The store’s database at ${host} showed an expired certificate. Its administrator must renew it.`;
  return null;
}

const PASSWORD_KEYS = new Set(['password', 'sslpassword']);
const HIDDEN = '***';

/** Whether the address carries a password in any form (an address that cannot be read may). */
export function addressHasPassword(address: string): boolean {
  const text = address.trim();
  if (/^postgres(ql)?:\/\//i.test(text)) {
    try {
      const parsed = new URL(text);
      return parsed.password !== '' || [...parsed.searchParams.keys()].some((key) => PASSWORD_KEYS.has(key.toLowerCase()));
    } catch {
      return true;
    }
  }
  return !/^\s*\w+\s*=/.test(text) || /\b(ssl)?password\s*=/i.test(text);
}

/**
 * The address as screens, logs, the support bundle and store-status show it: every password (in the
 * user part, as a parameter, in keyword=value form) replaced. Text that is not a readable address is
 * not shown at all.
 */
export function redactStoreAddress(address: string): string {
  const text = address.trim();
  if (/^postgres(ql)?:\/\//i.test(text)) {
    try {
      const parsed = new URL(text);
      if (parsed.password) parsed.password = HIDDEN;
      for (const key of [...parsed.searchParams.keys()]) {
        if (PASSWORD_KEYS.has(key.toLowerCase())) parsed.searchParams.set(key, HIDDEN);
      }
      return parsed.toString();
    } catch {
      return 'an address that cannot be read';
    }
  }
  if (/^\s*\w+\s*=/.test(text)) {
    return text.replace(/\b(ssl)?password\s*=\s*('(?:[^'\\]|\\.)*'|\S+)/gi, (_, ssl: string | undefined) => `${ssl ?? ''}password=${HIDDEN}`);
  }
  return 'an address that cannot be read';
}

/** The password an address holds, in any form (null when none, or when it cannot be read). */
export function addressPassword(address: string): string | null {
  try {
    return storeConnection(address).password || null;
  } catch {
    return null;
  }
}

/** The address naming `caFile` (an absolute path) as the CA that signed the store's server certificate. */
export function withCaFile(address: string, caFile: string): string {
  const parsed = new URL(address);
  parsed.searchParams.set('sslrootcert', caFile);
  return parsed.toString();
}

/**
 * The address a PC keeps: the owner's address (server, database, TLS settings) with the PC's own
 * role and password instead of the owner's, and no password parameter left from the owner's.
 */
export function pcAddress(ownerAddress: string, login: { roleName: string; password: string }): string {
  const parsed = new URL(ownerAddress);
  for (const key of [...parsed.searchParams.keys()]) {
    if (PASSWORD_KEYS.has(key.toLowerCase())) parsed.searchParams.delete(key);
  }
  parsed.username = encodeURIComponent(login.roleName);
  parsed.password = encodeURIComponent(login.password);
  return parsed.toString();
}

/** Whether two addresses name the same database on the same server (whoever logs in). */
export function sameDatabase(a: string, b: string): boolean {
  const where = (address: string) => {
    try {
      const { host, port, database } = storeConnection(address);
      return `${host}:${port}/${database}`;
    } catch {
      return null;
    }
  };
  const first = where(a);
  return first !== null && first === where(b);
}
