// "Same field names and types as Zoho's example": every key of the example exists in the answer
// with a value of the same JSON type, recursively (arrays by their first item). Extra keys are fine.

export function shapeMismatches(example: unknown, actual: unknown, path = '$'): string[] {
  const kind = (value: unknown) => (Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value);
  if (kind(example) !== kind(actual)) return [`${path}: expected ${kind(example)}, got ${kind(actual)}`];
  if (Array.isArray(example) && Array.isArray(actual)) {
    if (example.length > 0 && actual.length === 0) return [`${path}: expected items, got an empty array`];
    return example.length > 0 ? shapeMismatches(example[0], actual[0], `${path}[0]`) : [];
  }
  if (typeof example === 'object' && example !== null && typeof actual === 'object' && actual !== null) {
    const got = actual as Record<string, unknown>;
    return Object.entries(example).flatMap(([key, value]) =>
      key in got ? shapeMismatches(value, got[key], `${path}.${key}`) : [`${path}.${key}: missing`],
    );
  }
  return [];
}
