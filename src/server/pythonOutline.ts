/**
 * Finds the top-level function definitions of Python source with tree-sitter's Python grammar
 * (the WebAssembly build VS Code itself ships), so that decorators, multi-line signatures, nested
 * definitions and `def` inside comments or strings are read the way Python reads them.
 */
import * as path from 'node:path';
import { Language, Parser, type Node } from '@vscode/tree-sitter-wasm';

export interface SourcePosition {
  /** Zero-based line. */
  line: number;
  /** Zero-based column in UTF-16 code units, as LSP counts them. */
  character: number;
}

/** An assignment to a subscript inside a function, like `parameters["W" + str(l+1)] = ...`. */
export interface SubscriptAssignment {
  line: number;
  /** The subscripted name, e.g. `parameters` or `v`. */
  target: string;
  /** The string literals inside the subscript, e.g. `["W"]`. */
  keys: string[];
}

export interface PythonFunction {
  name: string;
  /** Line of the `def` keyword (after any decorators). */
  defLine: number;
  nameStart: SourcePosition;
  nameEnd: SourcePosition;
  /** First line of the definition, decorators included. */
  startLine: number;
  endLine: number;
  /** The definition's source, decorators included: what the checker runs, so the cache key. */
  text: string;
  /** Lines of this function's own `return` statements (not those of nested functions). */
  returnLines: number[];
  assignments: SubscriptAssignment[];
}

export interface PythonOutline {
  /** Module-level functions in source order; a name defined twice appears twice (the last one wins in Python). */
  functions: PythonFunction[];
  /** Source of the module-level import statements, which the checker runs along with the functions. */
  imports: string[];
  hasSyntaxErrors: boolean;
}

const IMPORT_TYPES = new Set(['import_statement', 'import_from_statement', 'future_import_statement']);

export class PythonOutliner {
  private constructor(private readonly parser: Parser) {}

  /** `wasmDirectory` holds tree-sitter.wasm and tree-sitter-python.wasm (dist/ once built: esbuild.mjs copies them). */
  static async create(wasmDirectory: string): Promise<PythonOutliner> {
    await Parser.init({ locateFile: (file: string) => path.join(wasmDirectory, file) });
    const python = await Language.load(path.join(wasmDirectory, 'tree-sitter-python.wasm'));
    const parser = new Parser();
    parser.setLanguage(python);
    return new PythonOutliner(parser);
  }

  outline(source: string): PythonOutline {
    const tree = this.parser.parse(source);
    if (!tree) {
      return { functions: [], imports: [], hasSyntaxErrors: true };
    }
    try {
      const root = tree.rootNode;
      const functions: PythonFunction[] = [];
      const imports: string[] = [];
      for (const child of root.namedChildren) {
        if (!child) continue;
        if (IMPORT_TYPES.has(child.type)) {
          imports.push(child.text);
          continue;
        }
        const fn = readFunction(child);
        if (fn) functions.push(fn);
      }
      return { functions, imports, hasSyntaxErrors: root.hasError };
    } finally {
      tree.delete();
    }
  }

  dispose(): void {
    this.parser.delete();
  }
}

/** A module-level `def` (plain or decorated; `async def` too, though the checker will reject it). */
function readFunction(node: Node): PythonFunction | undefined {
  const definition = node.type === 'decorated_definition' ? node.childForFieldName('definition') : node;
  if (!definition || definition.type !== 'function_definition') return undefined;
  const nameNode = definition.childForFieldName('name');
  if (!nameNode) return undefined;
  const body = definition.childForFieldName('body');
  return {
    name: nameNode.text,
    defLine: definition.startPosition.row,
    nameStart: { line: nameNode.startPosition.row, character: nameNode.startPosition.column },
    nameEnd: { line: nameNode.endPosition.row, character: nameNode.endPosition.column },
    startLine: node.startPosition.row,
    endLine: node.endPosition.row,
    text: node.text,
    returnLines: body ? ownDescendants(body, 'return_statement').map((n) => n.startPosition.row) : [],
    assignments: body ? subscriptAssignments(body) : [],
  };
}

/** Descendants of a type that belong to this function, not to a nested def, lambda or class. */
function ownDescendants(node: Node, type: string): Node[] {
  const found: Node[] = [];
  const visit = (n: Node): void => {
    for (const child of n.namedChildren) {
      if (!child) continue;
      if (child.type === type) found.push(child);
      if (child.type === 'function_definition' || child.type === 'class_definition' || child.type === 'lambda') continue;
      visit(child);
    }
  };
  visit(node);
  return found;
}

function subscriptAssignments(body: Node): SubscriptAssignment[] {
  const result: SubscriptAssignment[] = [];
  const assignments = [...ownDescendants(body, 'assignment'), ...ownDescendants(body, 'augmented_assignment')];
  for (const assignment of assignments) {
    const left = assignment.childForFieldName('left');
    if (!left || left.type !== 'subscript') continue;
    const value = left.childForFieldName('value');
    const keys = left
      .descendantsOfType('string_content')
      .filter((n): n is Node => n !== null)
      .map((n) => n.text);
    result.push({ line: assignment.startPosition.row, target: value?.text ?? '', keys });
  }
  return result.sort((a, b) => a.line - b.line);
}
