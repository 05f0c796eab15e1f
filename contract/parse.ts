import { inputSchemas, type HandlerName, type ParsedInput } from './handlers';
import { fail, ok, type Result } from './result';

/** Parses a call's input by its schema; a refusal names the first offending field and its rule. */
export function parseHandlerInput<K extends HandlerName>(name: K, input: unknown): Result<ParsedInput<K>> {
  const parsed = inputSchemas[name].safeParse(input ?? {});
  if (parsed.success) return ok(parsed.data as ParsedInput<K>);
  const issue = parsed.error.issues[0];
  if (!issue) return fail('invalid_input', 'The input was not valid');
  const field = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    const at = (key: string) => [...issue.path.map(String), key].join('.');
    return fail('invalid_input', `Unknown field: ${issue.keys.map(at).join(', ')}`, at(issue.keys[0] ?? ''));
  }
  return field === '' ? fail('invalid_input', issue.message) : fail('invalid_input', issue.message, field);
}
