const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

function parse(uri: string): URL | null {
  try {
    return new URL(uri);
  } catch {
    return null;
  }
}

/**
 * Exact match, except that a loopback URI registered without a port accepts any port with the same
 * scheme, host and path (RFC 8252 §7.3), since a desktop app listens wherever it can.
 */
export function redirectUriAllowed(registered: readonly string[], candidate: string): boolean {
  const wanted = parse(candidate);
  if (!wanted) return false;
  return registered.some((entry) => {
    if (entry === candidate) return true;
    const allowed = parse(entry);
    return (
      allowed !== null &&
      allowed.port === '' &&
      LOOPBACK_HOSTS.has(allowed.hostname) &&
      allowed.protocol === wanted.protocol &&
      allowed.hostname === wanted.hostname &&
      allowed.pathname === wanted.pathname &&
      allowed.search === wanted.search
    );
  });
}
