import type { SimRequest } from './types';

/**
 * Query parameters merged with a form-encoded body (the body wins), as Zoho's accounts server
 * accepts either for its token endpoints.
 */
export function formParams(request: SimRequest): URLSearchParams {
  const merged = new URLSearchParams(request.url.searchParams);
  const contentType = request.headers['content-type'] ?? '';
  if (request.body !== '' && !contentType.includes('application/json')) {
    for (const [name, value] of new URLSearchParams(request.body)) merged.set(name, value);
  }
  return merged;
}

export type JsonBody = { ok: true; value: unknown } | { ok: false };

export function jsonBody(request: SimRequest): JsonBody {
  if (request.body.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(request.body) as unknown };
  } catch {
    return { ok: false };
  }
}
