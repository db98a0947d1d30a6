/**
 * The syntax a file is written in, from its name, for reading names and values the way that
 * syntax means them. In code, a literal is a quoted string: an unquoted right-hand side is an
 * expression or a type (`apiKey: SensitiveString2048;`, `token = getToken()`), never a secret
 * value. In configuration and shell, unquoted values are literals (`PASSWORD=hunter2…`).
 *
 * | family | files |
 * | --- | --- |
 * | code | .js .mjs .cjs .jsx .ts .tsx .mts .cts .vue .svelte .py .go .java .kt .kts .scala .groovy .gradle .cs .fs .vb .rb .php .rs .swift .c .h .cc .cpp .hpp .m .mm .dart .lua .pl .pm .r .jl .ex .exs .erl .clj .coffee, Jenkinsfile, Gemfile, Rakefile |
 * | shell | .sh .bash .zsh .ksh .fish .ps1 .psm1 .bat .cmd, Dockerfile, Makefile, Procfile |
 * | markup | .xml .html .htm .xhtml .svg .plist .config .csproj .vbproj .xaml |
 * | prose | .md .markdown .mdx .rst .txt .adoc .textile .org |
 * | config | everything else: .env .ini .cfg .conf .properties .yaml .yml .toml .json .hcl .tf .tfvars, dotfiles, unknown |
 */
export type SyntaxFamily = 'code' | 'shell' | 'config' | 'markup' | 'prose';

// Maps, not objects: a file named constructor (or x.toString) read Object.prototype's
// functions as its family, and was then read as no family at all.
const BY_EXTENSION = new Map<string, SyntaxFamily>();
const add = (family: SyntaxFamily, exts: string): void => {
  for (const e of exts.split(' ')) BY_EXTENSION.set(e, family);
};
add(
  'code',
  'js mjs cjs jsx ts tsx mts cts vue svelte py pyi go java kt kts scala groovy gradle cs fs vb rb php rs swift c h cc cpp cxx hpp hh m mm dart lua pl pm r jl ex exs erl clj cljs coffee',
);
add('shell', 'sh bash zsh ksh fish ps1 psm1 bat cmd');
add('markup', 'xml html htm xhtml svg plist config csproj vbproj fsproj xaml');
add('prose', 'md markdown mdx rst txt adoc textile org');

const BY_NAME = new Map<string, SyntaxFamily>([
  ['jenkinsfile', 'code'],
  ['gemfile', 'code'],
  ['rakefile', 'code'],
  ['dockerfile', 'shell'],
  ['containerfile', 'shell'],
  ['makefile', 'shell'],
  ['procfile', 'shell'],
]);

/** The last path asked about: each rule that reads syntax asks for each fragment of a file. */
let lastPath: string | undefined;
let lastFamily: SyntaxFamily = 'config';

export function syntaxFamily(path: string): SyntaxFamily {
  if (path !== lastPath) {
    lastFamily = familyOf(path);
    lastPath = path;
  }
  return lastFamily;
}

function familyOf(path: string): SyntaxFamily {
  const name = (path.slice(path.lastIndexOf('/') + 1) || path).toLowerCase();
  const byName = BY_NAME.get(name) ?? (name.startsWith('dockerfile') ? 'shell' : undefined);
  if (byName !== undefined) return byName;
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return 'config';
  return BY_EXTENSION.get(name.slice(dot + 1)) ?? 'config';
}
