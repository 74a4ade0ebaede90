import ts from 'typescript';
import { repositoryRoot } from './workspace.js';

/**
 * The setup the blocks are checked with: what a current Node or Vite project starts from, strict,
 * and without `skipLibCheck`, so a `.d.ts` of ours that only compiles under our own tsconfig is
 * caught (see `typecheck` for which declaration files are checked).
 */
export const compilerOptions: ts.CompilerOptions = {
  strict: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.Preserve,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  moduleDetection: ts.ModuleDetectionKind.Force,
  lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
  types: ['node'],
  allowJs: true,
  checkJs: true,
  skipLibCheck: false,
  noEmit: true,
};

export interface Diagnostic {
  file: string;
  /** 1-based, in the block (or the declaration file) the problem is in. */
  line: number;
  message: string;
}

// Files of this repository that are not installed dependencies: the blocks, the prelude and the
// declaration files our packages publish. Third-party declarations are their maintainers' to
// keep, and checking all of them would cost a dozen seconds per README.
const ours = (file: string) => file.startsWith(repositoryRoot) && !file.includes('/node_modules/');

/**
 * Type-checks the files of one README project in one program; returns the diagnostics by file
 * (a block's own file, the prelude, or a declaration file of one of our packages it loaded).
 *
 * @example
 * const problems = typecheck(files.map((f) => f.file), prelude);
 */
export function typecheck(files: string[], prelude: string): Diagnostic[] {
  const program = ts.createProgram([prelude, ...files], compilerOptions);
  const checked = program.getSourceFiles().filter((source) => ours(source.fileName));
  const diagnostics = [
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...checked.flatMap((source) => [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)]),
  ];
  return diagnostics.map((diagnostic) => {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    if (!diagnostic.file || diagnostic.start === undefined) return { file: '(options)', line: 0, message: `TS${diagnostic.code}: ${message}` };
    const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    return { file: diagnostic.file.fileName, line: line + 1, message: `TS${diagnostic.code}: ${message}` };
  });
}

