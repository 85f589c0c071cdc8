import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/** One ```ts example of a doc comment. */
export interface DocExample {
  /** Source file, relative to the repository root. */
  file: string;
  /** 1-based line of the opening fence. */
  line: number;
  code: string;
}

/** Every ```ts block inside a `/** … *\/` comment of the .ts files under `dir`. */
export function docExamples(root: string, dir: string): DocExample[] {
  const out: DocExample[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.ts')) out.push(...examplesOf(relative(root, full), readFileSync(full, 'utf8')));
    }
  };
  walk(join(root, dir));
  return out;
}

function examplesOf(file: string, text: string): DocExample[] {
  const lines = text.split('\n');
  const out: DocExample[] = [];
  let inDoc = false;
  let block: string[] | null = null;
  let start = 0;
  lines.forEach((raw, k) => {
    if (!inDoc && /^\s*\/\*\*/.test(raw)) inDoc = true;
    if (!inDoc) return;
    const body = raw.replace(/^\s*\/?\*+\/?\s?/, '');
    if (block === null && /^```ts\s*$/.test(body)) (block = []), (start = k + 1);
    else if (block !== null && /^```\s*$/.test(body)) (out.push({ file, line: start, code: block.join('\n') }), (block = null));
    else if (block !== null) block.push(body);
    if (raw.includes('*/')) (inDoc = false), (block = null);
  });
  return out;
}

/** Names a program exports, per module file: what an example may use without importing it. */
export function exportedNames(program: ts.Program, file: string): string[] {
  const sf = program.getSourceFile(file);
  const sym = sf && program.getTypeChecker().getSymbolAtLocation(sf);
  return sym ? program.getTypeChecker().getExportsOfModule(sym).map((s) => s.name).filter((n) => n !== 'default') : [];
}

/**
 * Write each example as a module: its `import`s hoisted, the rest in an async function; the
 * names exported by its own file, its folder, the main entry and src/util imported (first wins);
 * `imports` added; and the free variables examples use by convention declared from `prelude`.
 */
export function writeExamples(root: string, outDir: string, examples: DocExample[], prelude: Record<string, string>, imports: string[]): string[] {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const srcFiles = docExampleSources(root);
  const program = ts.createProgram(srcFiles, { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, noEmit: true, skipLibCheck: true });
  const exportsOf = new Map(srcFiles.map((f) => [relative(root, f), exportedNames(program, f)]));
  const importedByPrelude = new Set(imports.flatMap(namesOf));
  return examples.map((e, k) => {
    const folder = e.file.slice(0, e.file.lastIndexOf('/') + 1);
    const parent = folder.slice(0, folder.slice(0, -1).lastIndexOf('/') + 1);
    const inFolder = (d: string) => [...exportsOf.keys()].filter((f) => f !== e.file && f.startsWith(d) && !f.slice(d.length).includes('/'));
    const sources = [e.file, ...inFolder(folder), ...(parent.length > 4 ? inFolder(parent) : []), 'src/index.ts', ...[...exportsOf.keys()].filter((f) => f.startsWith('src/util/'))];
    const lines = e.code.split('\n');
    const hoisted = lines.filter((l) => /^import\s/.test(l)).map((l) => l.replace(/from '(urn-engine)(\/runtime)?'/, (_m, _p, rt) => `from '${join(root, rt ? 'src/runtime/index.js' : 'src/index.js')}'`));
    const taken = new Set([...hoisted.flatMap(namesOf), ...importedByPrelude]);
    const importLines: string[] = [];
    for (const f of sources) {
      const names = (exportsOf.get(f) ?? []).filter((n) => !taken.has(n));
      names.forEach((n) => taken.add(n));
      if (names.length) importLines.push(`import { ${names.join(', ')} } from '${join(root, f).replace(/\.ts$/, '.js')}';`);
    }
    const text = [
      `// ${e.file}:${e.line}`,
      ...hoisted,
      ...imports.filter((l) => !namesOf(l).some((n) => hoisted.some((h) => namesOf(h).includes(n)))),
      ...importLines,
      ...Object.entries(prelude).filter(([n]) => !taken.has(n)).map(([n, t]) => `declare const ${n}: ${t};`),
      'export async function example(): Promise<void> {',
      ...lines.filter((l) => !/^import\s/.test(l)),
      '}',
      '',
    ].join('\n');
    const name = join(outDir, `${String(k).padStart(4, '0')}-${e.file.replace(/[/.]/g, '_')}-${e.line}.ts`);
    writeFileSync(name, text);
    return name;
  });
}

/** The names an import line binds. */
function namesOf(line: string): string[] {
  const braces = /\{([^}]*)\}/.exec(line)?.[1];
  if (braces !== undefined) return braces.split(',').map((s) => s.trim().replace(/^type\s+/, '').split(/\s+as\s+/).pop()!).filter(Boolean);
  const m = /^import\s+(?:\*\s+as\s+)?(\w+)/.exec(line);
  return m ? [m[1]] : [];
}

function docExampleSources(root: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.ts')) out.push(full);
    }
  };
  walk(join(root, 'src'));
  return out;
}

/** Type-check the written examples; one message per problem, pointing at the doc comment. */
export function checkExamples(root: string, files: string[]): string[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  const options = { ...parsed!.options, noEmit: true, declaration: false, sourceMap: false, noUnusedLocals: false };
  const program = ts.createProgram(files, options);
  const problems: string[] = [];
  for (const d of ts.getPreEmitDiagnostics(program)) {
    if (!d.file || !files.includes(d.file.fileName)) continue;
    const where = d.file.text.split('\n')[0].slice(3);
    const { line } = d.file.getLineAndCharacterOfPosition(d.start ?? 0);
    problems.push(`${where} (line ${line + 1} of ${relative(root, d.file.fileName)}): ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
  }
  return problems;
}
