import type { Detector, Fragment } from '../types.js';
import { asAwsSecretKey } from './aws.js';
import { shannonEntropy } from './entropy.js';
import { ALNUM, fakeString } from './fake.js';
import { isPlaceholder, isWellKnownHash } from './heuristics.js';
import { identifierAround, nameRejection } from './names.js';
import { defineDetector, type Found } from './define.js';
import { anchoredHits, headStarts, regexHits, spanOf, stickyOf } from './regex.js';
import { SECRET_WORD_HEADS } from './regex-parts.js';
import { genericRejection, readsAsTextFor, tooShortFor } from './structured.js';
import { type SyntaxFamily, syntaxFamily } from './syntax.js';

/**
 * The generic rule's other shapes: a secret-bearing name paired with a value where no `=` or
 * `:` joins them, as code and configuration really write them. Same rule id, same judgement
 * of names and values as the assignment shape (structured.ts); a catch-all, so any specific
 * rule matching the same text (an AWS key, a GitHub token) reports it instead.
 *
 *   os.Setenv("DB_PASSWORD", "...")   os.environ.get('DJANGO_SECRET_KEY', '...')   System.setProperty("api.secret", "...")
 *   ENV S3_SECRET X1f4...            (Dockerfile)
 *   <property name="api.secret" value="..."/>   <add key="ClientSecret" value="..."/>
 *   variable "db_password" { default = "..." }   (Terraform)
 *   | AWS_SECRET_KEY | `...` |         (a Markdown table)
 *   mysql --password=...   deploy --api-token ...   curl -u elastic:...
 */
const WORD = String.raw`(?:password|passwd|pwd|passphrase|secret|token|api[_.\-]?key|access[_.\-]?key|auth[_.\-]?key|private[_.\-]?key|credential)`;
const NAME = String.raw`[A-Za-z0-9_.\-]{0,30}${WORD}[A-Za-z0-9_.\-]{0,30}`;
const VALUE = String.raw`[^\s"'\x60|<>]{8,256}`;

interface Shape {
  /** Where it is read: the syntax families it belongs to (all when absent). */
  families?: readonly SyntaxFamily[];
  /**
   * Literals the text must hold (any of them, ignoring case) for the shape to be tried at all:
   * its keywords for the prefilter, which finds them in the one search it makes anyway.
   */
  needs?: readonly string[];
  /** Its own true positives, for the tests (made when asked: fakes cost time at start-up). */
  positives?: () => string[];
  regex: RegExp;
  /** The name starts before the match (the match starts at the secret word). */
  nameBefore?: boolean;
  /** The name is the identifier around the match's start (no quote to check). */
  nameAround?: boolean;
  /** What the name must match (a setter's or builder's call: set..., with...; a bare #define name: ..._PASS). */
  nameMatches?: RegExp;
  /** What its line must hold before that name (#define). */
  lineBefore?: RegExp;
  /** The files it reads, by path (Gradle's build files); all when absent. */
  paths?: RegExp;
  /** Its keywords are not in its match (#define, before the name): detect() checks them too (Detector.context). */
  context?: boolean;
  /** It starts at a secret word: tried only where one starts (SECRET_WORD_HEADS), with this twin. */
  sticky?: RegExp;
  /** A necessary condition at an occurrence of one of `needs` (Detector.gate). */
  gate?: (text: string, keywordEnd: number) => boolean;
  /** Of the secret words' starts (ascending), those a match can start at: a cheaper test than the sticky regex at each. */
  startsThatCan?: (text: string, starts: readonly number[]) => readonly number[];
}

const IDENTIFIED_BY = /[ \t]+by/iy;

/**
 * At "identified": " BY" follows. At "password": "WITH " or "WITH ENCRYPTED " comes before it
 * (any run of spaces and tabs between, "with" starting a word), read backwards from the word.
 */
function sqlGate(text: string, end: number): boolean {
  IDENTIFIED_BY.lastIndex = end;
  if (IDENTIFIED_BY.test(text)) return true;
  let at = blanksBefore(text, end - 'password'.length);
  if (at === -1) return false;
  if (wordBefore(text, at, 'encrypted')) {
    at = blanksBefore(text, at - 'encrypted'.length);
    if (at === -1) return false;
  }
  if (!wordBefore(text, at, 'with')) return false;
  // \b before "with": no word character before it (charAt past the start is '').
  return !/[A-Za-z0-9_]/.test(text.charAt(at - 'with'.length - 1));
}

/** Where a run of one or more spaces and tabs ending at `at` starts; -1 if there is none. */
function blanksBefore(text: string, at: number): number {
  let i = at;
  while (i > 0 && (text.charCodeAt(i - 1) === 32 || text.charCodeAt(i - 1) === 9)) i--;
  return i < at ? i : -1;
}

/** Whether `word` (lower case) ends at `at`, ignoring ASCII case. */
function wordBefore(text: string, at: number, word: string): boolean {
  if (at < word.length) return false;
  for (let k = 0; k < word.length; k++) if ((text.charCodeAt(at - word.length + k) | 0x20) !== word.charCodeAt(k)) return false;
  return true;
}

/**
 * Every literal WORD can be, written as the prefilter searches (lower case): each name these
 * shapes read holds one. The separators come from WORD's own [_.\-]? (the dotted forms were
 * missing, and System.setProperty("db.access.key", "...") selected no shape).
 */
const KEYWORDS = [
  'password',
  'passwd',
  'pwd',
  'passphrase',
  'secret',
  'token',
  'credential',
  ...['api', 'access', 'auth', 'private'].flatMap((w) => ['', '_', '.', '-'].map((sep) => `${w}${sep}key`)),
];

const SHAPES: Shape[] = [
  // A quoted name, a comma, a quoted value: setters, getters with a default, tuples, maps.
  // The match starts at the secret word; the opening quote is checked in code (a regex that
  // starts with a quote is tried at every quote of the text: twice the time on real code).
  {
    nameBefore: true,
    regex: new RegExp(String.raw`${WORD}[A-Za-z0-9_.\-]{0,30}(?<nq>["'])\s{0,3},\s{0,3}(?<q>["'\x60])(?<secret>${VALUE})\k<q>`, 'dgi'),
    startsThatCan: quoteThenComma,
  },
  // Dockerfile / Containerfile: ENV NAME value (the ENV NAME=value form is an assignment).
  {
    families: ['shell'],
    needs: ['env'],
    regex: new RegExp(String.raw`^[ \t]*ENV[ \t]+(?<name>${NAME})[ \t]+(?<q>["']?)(?<secret>${VALUE})\k<q>[ \t]*$`, 'dgim'),
  },
  // XML: name="...secret..." value="...", key= / value= in either order of quotes.
  {
    families: ['markup', 'config', 'prose'],
    needs: ['value='],
    positives: () => [`<property name="api.secret" value="${v(203)}"/>`],
    regex: new RegExp(String.raw`\b(?:name|key)=(?<nq>["'])(?<name>${NAME})\k<nq>\s{1,3}value=(?<q>["'])(?<secret>${VALUE})\k<q>`, 'dgi'),
  },
  // XML that names a setting in one element and gives it in the next: Hadoop and Hive's
  // <property><name>...Password</name><value>...</value>, and Apple's property lists,
  // <key>SecretAccessKey</key><string>...</string>. Found missing by an adversarial trial.
  {
    families: ['markup', 'config', 'prose'],
    needs: ['</name>', '</key>'],
    positives: () => [
      `<property>\n  <name>javax.jdo.option.ConnectionPassword</name>\n  <value>${v(205)}</value>\n</property>`,
      `<key>SecretAccessKey</key>\n<string>${v(206)}</string>`,
    ],
    regex: new RegExp(
      String.raw`<(?<tag>name|key)>[ \t]{0,3}(?<name>${NAME})[ \t]{0,3}</\k<tag>>\s{0,40}<(?<vtag>value|string)>[ \t]{0,3}(?<q>)(?<secret>${VALUE})[ \t]{0,3}</\k<vtag>>`,
      'dgi',
    ),
  },
  // Terraform: variable "db_password" { ... default = "..." }
  {
    families: ['config'],
    needs: ['variable'],
    // terraform fmt aligns the = of a block's arguments: `default     = "..."`.
    // (test/integration/real-code-shapes.test.ts has such a block.)
    positives: () => [`variable "db_password" {\n  type    = string\n  default = "${v(204)}"\n}`],
    regex: new RegExp(String.raw`\bvariable\s{1,3}"(?<name>${NAME})"\s{0,3}\{[^{}]{0,300}?\bdefault[ \t]{0,16}=\s{0,3}(?<q>")(?<secret>${VALUE})"`, 'dgi'),
  },
  // A Markdown table row pairing a name with a value: | NAME | `value` |
  {
    families: ['prose'],
    // Its name holds a secret word: searched for those, not for "|" (a fifth of every keyword
    // occurrence in code, where this shape is not read at all).
    needs: KEYWORDS,
    regex: new RegExp(String.raw`\|[ \t]{0,3}\x60?(?<name>${NAME})\x60?[ \t]{0,3}\|[ \t]{0,3}(?<q>\x60?)(?<secret>${VALUE})\k<q>[ \t]{0,3}\|`, 'dgi'),
  },
  // Command-line flags: --password=..., --api-token ...
  {
    needs: ['--'],
    positives: () => [`mysql --password=${v(205)} -h db`],
    regex: new RegExp(
      String.raw`(?<![\w-])--(?<name>(?:[a-z]+-){0,3}${WORD}(?:-[a-z]+){0,2})(?:=|[ \t]{1,3})(?<q>["']?)(?<secret>[^\s"'\x60|<>;&]{8,256})\k<q>(?![^\s"'\x60;&)])`,
      'dgi',
    ),
  },
  // -p<password> after the tools that take it joined (mysql -pSECRET: with a space, mysql prompts
  // and the next word is a database), and sshpass -p <password>.
  {
    needs: ['mysql', 'mariadb'],
    positives: () => [`mysql -uroot -p${v(208)} app < dump.sql`],
    regex: new RegExp(
      String.raw`\b(?:mysql|mysqldump|mysqladmin|mariadb|mariadb-dump)\b[^\n]{0,160}?[ \t]-p(?<q>["']?)(?<secret>[^\s"'\x60;&|]{6,128})\k<q>(?![^\s;&|])`,
      'dgi',
    ),
  },
  {
    needs: ['sshpass'],
    positives: () => [`sshpass -p '${v(209)}' ssh deploy@host`],
    regex: new RegExp(String.raw`\bsshpass[ \t]+-p[ \t]{0,3}(?<q>["']?)(?<secret>[^\s"'\x60;&|]{6,128})\k<q>(?![^\s;&|])`, 'dgi'),
  },
  // A default after a lookup: process.env.PASSWORD || "...", ?? "...", Python's ... or "...".
  {
    needs: ['||', '??', ' or '],
    nameAround: true,
    // From the secret word (a leading name-character repeat would be tried at every position).
    regex: new RegExp(
      String.raw`${WORD}[A-Za-z0-9_.\-]{0,30}["'\]]{0,2}\)?[ \t]{0,3}(?:\|\||\?\?|\bor\b)[ \t]{0,3}(?<q>["'\x60])(?<secret>${VALUE})\k<q>`,
      'dgi',
    ),
  },
  // XML elements: <password>...</password>, <db.password>...</db.password>, and the Maven
  // jarsigner plugin's <storepass> and <keypass>.
  {
    families: ['markup', 'config', 'prose'],
    needs: ['</'],
    positives: () => [
      `<configuration>\n  <keystore>release.jks</keystore>\n  <storepass>${v(235)}</storepass>\n</configuration>`,
      `<keypass>${v(236)}</keypass>`,
    ],
    regex: new RegExp(String.raw`<(?<name>${NAME}|storepass|keypass)>(?<q>)(?<secret>[^<>\s]{8,256})</\k<name>>`, 'dgi'),
  },
  // Kubernetes and compose env lists: - name: DB_PASSWORD, then value: "...".
  {
    families: ['config'],
    needs: ['value:'],
    regex: new RegExp(
      String.raw`\bname:[ \t]{0,3}["']?(?<name>${NAME})["']?[ \t]*\r?\n[ \t]*value:[ \t]{0,3}(?<q>["']?)(?<secret>${VALUE})\k<q>[ \t]*$`,
      'dgim',
    ),
  },
  // JSON env lists: {"name": "DB_PASSWORD", "value": "..."}, on one line or several (ECS task
  // definitions, Azure app settings, Kubernetes manifests as JSON), also as docs quote them.
  {
    families: ['config', 'prose'],
    needs: ['"value"'],
    positives: () => [`{"environment": [{"name": "DB_PASSWORD", "value": "${v(216)}"}]}`, `{\n  "Name": "API_TOKEN",\n  "Value": "${v(217)}"\n}`],
    regex: new RegExp(
      String.raw`"name"[ \t]{0,3}:[ \t]{0,3}"(?<name>${NAME})"[ \t]{0,3},\s{0,40}"value"[ \t]{0,3}:[ \t]{0,3}(?<q>")(?<secret>${VALUE})"`,
      'dgi',
    ),
  },
  // PowerShell: ConvertTo-SecureString "..." -AsPlainText.
  { needs: ['securestring'], regex: new RegExp(String.raw`\bConvertTo-SecureString[ \t]+(?:-String[ \t]+)?(?<q>["'])(?<secret>[^"'\s]{8,256})\k<q>`, 'dgi') },
  // SQL: CREATE USER ... WITH PASSWORD '...', IDENTIFIED BY '...'. Selected only where the
  // words stand so (sqlGate): "password" is in most code, and this regex over a whole fragment
  // cost ~30 ms on the real-code set.
  {
    needs: ['password', 'identified'],
    gate: sqlGate,
    positives: () => [
      `CREATE USER app WITH PASSWORD '${v(212)}';`,
      `ALTER ROLE app WITH   ENCRYPTED\tPASSWORD '${v(213)}';`,
      `CREATE USER 'app'@'%' IDENTIFIED  BY '${v(214)}';`,
    ],
    regex: new RegExp(String.raw`\b(?:WITH[ \t]+(?:ENCRYPTED[ \t]+)?PASSWORD|IDENTIFIED[ \t]+BY)[ \t]+(?<q>['"])(?<secret>[^'"\s]{8,256})\k<q>`, 'dgi'),
  },
  // A bare `pass` key with a quoted value: nodemailer's and most SMTP clients' auth: { user, pass }
  // (`DB_PASS` is the assignment rule's bare branch; `pass` alone, a Python statement and a
  // common word, is taken only as a key whose value is a string). Found missing by an adversarial trial.
  {
    // PHP's 'pass' => '...', and auth.pass = '...', too.
    needs: ['pass:', 'pass =', 'pass=', '"pass"', "'pass'"],
    positives: () => [
      `const t = nodemailer.createTransport({ auth: { user: "a@corp.example", pass: "${v(220)}" } });`,
      `{"user": "svc", "pass": "${v(221)}"}`,
      `$config = ['user' => 'svc', 'pass' => '${v(229)}'];`,
      `auth.pass = '${v(230)}';`,
    ],
    regex: new RegExp(
      String.raw`(?<![A-Za-z0-9_\-$])["']?(?<name>pass)["']?[ \t]{0,3}(?:=>|=|:)[ \t]{0,3}(?<q>["'\x60])(?<secret>[^\s"'\x60]{8,256})\k<q>`,
      'dgi',
    ),
  },
  // C, C++ and Arduino: #define WIFI_PASSWORD "..." (const char* password = "..." is an assignment).
  // From the secret word, the #define before the name checked in code: a regex from ^ or from
  // "define" cost 230 or 125 ms over /usr/include's headers, at every #define of them.
  {
    needs: ['#define', '# define'],
    context: true,
    nameAround: true,
    lineBefore: /^[ \t]*#[ \t]*define[ \t]+$/,
    positives: () => [`#define WIFI_PASSWORD "${v(222)}"`, `# define API_TOKEN  "${v(223)}"`],
    regex: new RegExp(String.raw`${WORD}[A-Za-z0-9_]{0,30}[ \t]+(?<q>")(?<secret>${VALUE})"`, 'dgi'),
  },
  // ... and a bare name that ends in PASS, PSK or PW (WIFI_PASS, STAPSK, as ESP8266 sketches
  // write them): every #define of a string is matched, its name checked in code.
  {
    needs: ['#define', '# define'],
    nameMatches: /(?:^|_|sta|ap)(?:pass|psk|pw)$/i,
    positives: () => [`#define WIFI_PASS "${v(231)}"`, `#define STAPSK  "${v(232)}"`],
    regex: new RegExp(String.raw`#[ \t]?define[ \t]+(?<name>[A-Za-z0-9_]{1,40})[ \t]+(?<q>")(?<secret>${VALUE})"`, 'dg'),
  },
  // A setter or builder given the literal: ds.setPassword("..."), .withApiKey("..."),
  // config.setClientSecret('...'): the call's name starts set or with (checked in code: the match
  // starts at the secret word, as the other shapes that start at one).
  {
    needs: KEYWORDS,
    nameAround: true,
    // A setter or builder (set..., with...), or a builder's method named for the secret itself
    // (Spring's User.withUsername(...).password("..."), Lombok's builders).
    nameMatches: /^(?:set|with)|^(?:password|passwd|passphrase|secret|token|api_?key|credentials?)$/i,
    positives: () => [
      `ds.setPassword("${v(224)}");`,
      `builder.withApiKey("${v(225)}").build()`,
      `User.withUsername("admin").password ("${v(228)}").roles("ADMIN")`,
    ],
    regex: new RegExp(String.raw`${WORD}[A-Za-z0-9_]{0,20}[ \t]{0,3}\([ \t]{0,3}(?<q>["'\x60])(?<secret>${VALUE})\k<q>[ \t]{0,3}\)`, 'dgi'),
  },
  // Gradle's and Groovy's method calls without parentheses, a name then its value alone on a
  // line: a repository's credentials { password "..." }, Android's signingConfigs
  // { storePassword "..."; keyPassword "..." }, Jenkins pipelines. Read in those files only.
  {
    needs: KEYWORDS,
    nameAround: true,
    lineBefore: /^[ \t]*$/,
    paths: /\.(?:gradle|gradle\.kts|groovy)$|(?:^|\/)Jenkinsfile$/,
    // Its positives need a Gradle file's name: test/unit/generic-shapes.test.ts.
    regex: new RegExp(String.raw`${WORD}[A-Za-z0-9_]{0,20}[ \t]+(?<q>["'])(?<secret>${VALUE})\k<q>[ \t]*(?=\r?\n|$)`, 'dgi'),
  },
  // curl's user:password (-u / --user).
  {
    needs: ['curl'],
    positives: () => [`curl -u elastic:${v(206)} https://localhost:9200`],
    regex: new RegExp(
      String.raw`\bcurl\b[^\n]{0,200}?[ \t](?:-u|--user)[ \t]{1,3}(?<q>["']?)[^\s:"']{1,64}:(?<secret>[^\s"'@]{6,128})\k<q>(?![^\s"';&])`,
      'dgi',
    ),
  },
];

// The shapes that start at a secret word are tried only where one does.
for (const shape of SHAPES) if (shape.regex.source.startsWith(WORD)) shape.sticky = stickyOf(shape.regex);

/** Names whose values may be short here besides passwords: curl's -u user:password. */
const MAY_BE_SHORT = /^(?:user|u)$/i;

function judge(name: string, value: string): boolean {
  if (isPlaceholder(value) || isWellKnownHash(value)) return false;
  if (name !== '' && nameRejection(name) !== undefined) return false;
  if (genericRejection(value) !== undefined) return false;
  if (tooShortFor(name, value, MAY_BE_SHORT)) return false;
  if (readsAsTextFor(name, value)) return false;
  return shannonEntropy(value) >= 3.0;
}

/**
 * The pair shape's necessary condition at a secret word (Detector.gate, amortized like the
 * assignment gate in define.ts): a quote within the name's reach (31 characters), then a
 * comma within 4. The next quote of each kind is remembered, so keyword-dense text costs an
 * indexOf per quote, not a search per keyword.
 */
function quoteThenCommaGate(): (text: string, end: number) => boolean {
  let seen: string | undefined;
  // The next " and ' at or after the last keyword end asked about (-2: not looked for yet).
  // Two variables, not a map of quotes and a loop over them: this is called at every
  // occurrence of the generic keywords, the most frequent there are (~16 ms of a 5,000-commit
  // history went to the loop's array and the keyed reads).
  let double = -2;
  let single = -2;
  // The last end asked about: what was found after it (or that nothing was) says nothing of
  // what lies between an earlier end and it. The regex search reports a long keyword before
  // a shorter one inside it, which ends earlier.
  let at = 0;
  return (text, end) => {
    if (text !== seen || end < at) {
      seen = text;
      double = -2;
      single = -2;
    }
    at = end;
    if (double !== -1 && double < end) double = text.indexOf('"', end);
    if (commaAfter(text, double, end)) return true;
    if (single !== -1 && single < end) single = text.indexOf("'", end);
    return commaAfter(text, single, end);
  };
}

/**
 * A quote at `at`, within 31 of `end`, then a comma after at most 3 blanks, as the regex reads
 * them (\s: a line break too). It took spaces and tabs only, so a pair in leading-comma style,
 * ("DB_PASSWORD"\n  , "..."), which the regex matches, was never tried.
 */
function commaAfter(text: string, at: number, end: number): boolean {
  return at !== -1 && at - end <= 31 && commaWithin(text, at + 1);
}

/**
 * The starts from which a quote comes within a secret word and a name (41 characters: the
 * longest word, 11, and 30), then a comma after at most 3 blanks: the pair shape's necessary
 * condition, tested before its regex is tried there (the regex was tried at ~300,000 secret
 * words of the real-code set and matched at ~5,500). The name holds no quote, so the quote is
 * the first one after the start; the next of each kind is remembered, the starts ascending.
 */
export function quoteThenComma(text: string, starts: readonly number[]): number[] {
  const kept: number[] = [];
  let double = -2;
  let single = -2;
  for (const at of starts) {
    if (double !== -1 && double < at) double = text.indexOf('"', at);
    if (single !== -1 && single < at) single = text.indexOf("'", at);
    const quote = double === -1 ? single : single === -1 ? double : Math.min(double, single);
    if (quote === -1) break;
    if (quote - at <= 41 && commaWithin(text, quote + 1)) kept.push(at);
  }
  return kept;
}

/** A comma at `from` or after up to 3 blanks (\s: ASCII ones here, and any character past ASCII, which may be one). */
function commaWithin(text: string, from: number): boolean {
  for (let i = from; i <= from + 3 && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 44) return true;
    if (c !== 32 && (c < 9 || c > 13) && c < 128) return false;
  }
  return false;
}

/** The text of the line before `at`, at most 40 characters of it. */
function lineBefore(text: string, at: number): string {
  const start = Math.max(text.lastIndexOf('\n', at - 1) + 1, at - 40);
  return text.slice(start, at);
}

/** Where a shape that starts at a secret word is tried (undefined: the whole text is searched). */
function startsFor(shape: Shape, text: string): readonly number[] | undefined {
  const starts = headStarts(text, SECRET_WORD_HEADS);
  return starts === undefined || shape.startsThatCan === undefined ? starts : shape.startsThatCan(text, starts);
}

function findShapes(shapes: readonly Shape[], fragment: Fragment): Found[] {
  const family = syntaxFamily(fragment.path);
  const out: Found[] = [];
  for (const shape of shapes) {
    if (shape.families !== undefined && !shape.families.includes(family)) continue;
    if (shape.paths !== undefined && !shape.paths.test(fragment.path)) continue;
    const hits =
      shape.sticky === undefined
        ? regexHits(shape.regex, fragment.text)
        : anchoredHits(shape.regex, shape.sticky, fragment.text, startsFor(shape, fragment.text));
    for (const hit of hits) {
      let name = hit.match.groups?.['name'] ?? (/-u|--user/.test(hit.match[0]) ? 'user' : '');
      if (shape.nameBefore) {
        name = identifierAround(fragment.text, hit.match.index, hit.match.index + 1);
        const open = fragment.text.lastIndexOf(name, hit.match.index + 1) - 1;
        if (fragment.text[open] !== hit.match.groups?.['nq']) continue;
        // The name opens a call, a tuple or a pair (os.Setenv("X", "v"), ("X", "v"), {"X", "v"}),
        // or follows an argument that is no string (store.Put(ctx, "X", "v")). A string among
        // strings (['security', 'secret', 'cwe-798']) names nothing.
        if (!/(?:[([{]|[^'"\s]\s*,)\s*$|^\s*$/.test(lineBefore(fragment.text, open))) continue;
      }
      if (shape.nameAround) {
        const around = identifierAround(fragment.text, hit.match.index, hit.match.index + 1);
        name = around.replace(/^.*\./, '');
        if (shape.lineBefore !== undefined && !shape.lineBefore.test(lineBefore(fragment.text, fragment.text.lastIndexOf(around, hit.match.index + 1))))
          continue;
      }
      if (shape.nameMatches !== undefined && !shape.nameMatches.test(name)) continue;
      if (!judge(name, hit.secret)) continue;
      out.push({ ...spanOf(hit), severity: 'medium', confidence: 'medium', entropy: shannonEntropy(hit.secret) });
    }
  }
  return out;
}

const DESCRIPTION = 'Secret-looking literal assigned to a password / secret / token / API key name';
const PAIR = SHAPES.filter((s) => s.nameBefore);
const MARKED = SHAPES.filter((s) => !s.nameBefore);
const v = (seed: number) => fakeString(ALNUM, 20, seed);

/** The quoted-name, comma, quoted-value shape: at secret words, gated by a quote then a comma. */
export const genericSecretPairs: Detector = defineDetector({
  id: 'generic-secret',
  description: DESCRIPTION,
  confidence: 'medium',
  keywords: KEYWORDS,
  gate: quoteThenCommaGate(),
  heads: SECRET_WORD_HEADS,
  patterns: () => PAIR.map((s) => s.regex),
  fallback: true,
  get examples() {
    return {
      positives: [
        `os.Setenv("DB_PASSWORD", "${v(201)}")`,
        `SECRET_KEY = os.environ.get('DJANGO_SECRET_KEY', '${v(202)}')`,
        `store.Put(ctx, "DB_PASSWORD", "${v(211)}")`,
        `System.setProperty("db.access.key", "${v(218)}")`,
        `conn.set("DB_PASSWORD"\n  , "${v(219)}")`,
      ],
      negatives: [
        'os.Setenv("DB_PASSWORD", os.Getenv("X"))',
        `t("password", "Password")`,
        `("NextToken", "${v(207)}")`,
        `tags: ['security', 'secret', 'external/cwe/${v(210)}']`,
      ],
    };
  },
  find: (fragment: Fragment) => findShapes(PAIR, fragment),
  refine: asAwsSecretKey,
});

/**
 * The shapes with a marker of their own (ENV, value=, variable ... default, a table's |, --,
 * curl, ...): a detector each, whose keywords are the marker, so the prefilter runs a shape only
 * on text holding its marker (found in the one keyword search every fragment gets).
 */
const MARKED_NEGATIVES = [
  'mysql -u root -p app',
  'mysql -uroot -p"$DB_PASSWORD" app',
  `<property name="api.secret.file" value="/etc/app/secret.txt"/>`,
  'mysql --password=$DB_PASSWORD',
  'curl -u user:pass https://example.com',
  // A check, not a setter; a Python statement and a key that holds no string; words.
  `verifyPassword("${v(227)}")`,
  'def f():\n    pass\n\nresult = {"pass": True, "name": "x"}',
  'user.pass = "passedTheTest"',
  '#define PASSWORD_MAX_LENGTH 64',
];

export const genericSecretMarked: Detector[] = MARKED.map((shape) =>
  defineDetector({
    id: 'generic-secret',
    description: DESCRIPTION,
    keywords: [...(shape.needs ?? [])],
    ...(shape.sticky !== undefined ? { heads: SECRET_WORD_HEADS } : {}),
    ...(shape.gate !== undefined ? { gate: shape.gate } : {}),
    ...(shape.context === true ? { context: true } : {}),
    patterns: () => [shape.regex],
    fallback: true,
    get examples() {
      return { positives: shape.positives?.() ?? [], negatives: MARKED_NEGATIVES };
    },
    find: (fragment: Fragment) => findShapes([shape], fragment),
    refine: asAwsSecretKey,
  }),
);
