// For the commit-path bundles (scripts/build.mjs): every detector's `get examples() { ... }`
// becomes an empty list. Examples are for the tests and `keygate rules` (the full bundle has
// them); the hook never reads them, and their text is a quarter of the detectors' source,
// which V8 must read and hash at every commit even from the code cache.
import { readFileSync } from 'node:fs';

/** The index just past the brace that closes the one opening at `open`, skipping strings, templates and comments. */
function closing(src, open) {
  let depth = 0;
  const templates = []; // for each ${ open inside a template: the depth it returns to
  // From inside a template literal, at i: to its closing backtick (returns after it) or into a ${.
  const template = (i) => {
    for (; i < src.length; i++) {
      if (src[i] === '\\') i++;
      else if (src[i] === '`') return i;
      else if (src[i] === '$' && src[i + 1] === '{') {
        templates.push(depth);
        depth++;
        return i + 1;
      }
    }
    throw new Error('strip-examples: unterminated template');
  };
  for (let i = open; i < src.length; i++) {
    const c = src[i];
    if (c === '/' && src[i + 1] === '/') i = src.indexOf('\n', i);
    else if (c === '/' && src[i + 1] === '*') i = src.indexOf('*/', i) + 1;
    else if (c === "'" || c === '"') {
      for (i++; i < src.length && src[i] !== c; i++) if (src[i] === '\\') i++;
    } else if (c === '`') i = template(i + 1);
    else if (c === '{') depth++;
    else if (c === '}') {
      depth--;
      if (templates.length > 0 && templates.at(-1) === depth) {
        templates.pop();
        i = template(i + 1);
      } else if (depth === 0) return i + 1;
    }
    if (i < 0) break;
  }
  throw new Error('strip-examples: unbalanced braces');
}

export function stripExamples(src) {
  let out = '';
  let from = 0;
  for (let at = src.indexOf('get examples() {', from); at !== -1; at = src.indexOf('get examples() {', from)) {
    const open = at + 'get examples() '.length;
    const end = closing(src, open);
    out += src.slice(from, at) + 'get examples() { return { positives: [], negatives: [] }; }';
    from = end;
  }
  return out + src.slice(from);
}

export const stripExamplesPlugin = {
  name: 'strip-examples',
  setup(b) {
    b.onLoad({ filter: /src\/detectors\/.*\.ts$/ }, (args) => ({ contents: stripExamples(readFileSync(args.path, 'utf8')), loader: 'ts' }));
  },
};
