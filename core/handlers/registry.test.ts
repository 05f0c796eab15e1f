// Proves that the registry's typing bites: registry.ts is typechecked as it is, then altered (a
// domain left out, one listed twice, a name that is no call), and each alteration must fail.
import { resolve } from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';

const REGISTRY = resolve('core/handlers/registry.ts');

let options: ts.CompilerOptions;
let original: string;
let previous: ts.Program | undefined;
/** The other files parse once for every variant. */
const parsed = new Map<string, ts.SourceFile | undefined>();

beforeAll(() => {
  const config = ts.getParsedCommandLineOfConfigFile(resolve('tsconfig.node.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  if (!config) throw new Error('tsconfig.node.json could not be read');
  options = { ...config.options, noEmit: true };
  original = ts.sys.readFile(REGISTRY) ?? '';
});

/** The registry's type errors with its text replaced. */
function errorsOf(text: string): string[] {
  const host = ts.createCompilerHost(options);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, language) => {
    if (resolve(fileName) === REGISTRY) return ts.createSourceFile(fileName, text, language);
    if (!parsed.has(fileName)) parsed.set(fileName, read(fileName, language));
    return parsed.get(fileName);
  };
  const program = ts.createProgram([REGISTRY], options, host, previous);
  previous = program;
  const file = program.getSourceFile(REGISTRY);
  return program.getSemanticDiagnostics(file).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
}

function altered(from: string, to: string): string {
  expect(original).toContain(from);
  return original.replace(from, to);
}

// The first check builds a TypeScript program of the backend: CPU-bound, about 6 s alone and 18 s
// while npm test's typecheck and lint share the cores, so it is allowed a minute.
describe('the registry of calls', { timeout: 60_000 }, () => {
  it('typechecks as it is', () => {
    expect(errorsOf(original)).toEqual([]);
  });

  it('fails the typecheck when a call is left out', () => {
    const errors = errorsOf(altered('    refundHandlers(ctx),\n', ''));
    expect(errors.join('\n')).toMatch(/refund-create/);
  });

  it('fails the typecheck when a call is implemented twice', () => {
    const errors = errorsOf(altered('    chargeHandlers(ctx),\n', '    chargeHandlers(ctx),\n    chargeHandlers(ctx),\n'));
    expect(errors.join('\n')).toMatch(/implementedTwice: "charge-create"/);
  });

  it('fails the typecheck when a name is no call', () => {
    const errors = errorsOf(altered('    lasting.app,\n', "    lasting.app,\n    { 'charge-cancel': () => null },\n"));
    expect(errors.join('\n')).toMatch(/notACall: "charge-cancel"/);
  });
});
