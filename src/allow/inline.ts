import { RULE_ID_RE, unknownRuleMessage } from '../config/rule-ids.js';
import { maskRandomTokens } from '../report/context.js';

/**
 * Inline allow: a `keygate:allow` comment on the same line, in any comment syntax
 * (# // /* -- ; <!--):
 *   keygate:allow [<rule-id>[, <rule-id>...]] [-- <reason>]
 *   key = "..."  # keygate:allow aws-secret-access-key -- fixture for the parser test
 * Every word before `--` is a rule id (one-word ids such as jwt too); with none, the comment
 * allows every rule on its line. A word that is no rule's id is never read as a reason and
 * never widens the allow: the comment then allows nothing, and the finding says why.
 */
const MARK_RE = /(?:#|\/\/|\/\*|<!--|--|;|%)\s*keygate:allow\b([^\n]*)/;

export type InlineAllow = ({ rules: string[]; reason: string } | { unknown: string[] }) & { at: number };

export function parseInlineAllow(lineText: string, knownRules: ReadonlySet<string>): InlineAllow | undefined {
  const m = MARK_RE.exec(lineText);
  if (m === null) return undefined;
  const at = m.index;
  const body = (m[1] ?? '').replace(/\s*(?:\*\/|-->)[\s\S]*$/, '');
  const dashes = body.search(/(?:^|\s)--(?:\s|$)/);
  const head = dashes === -1 ? body : body.slice(0, dashes);
  const reason =
    dashes === -1
      ? ''
      : body
          .slice(dashes)
          .replace(/^\s*--\s*/, '')
          .trim();
  const words = head.split(/[\s,]+/).filter(Boolean);
  const unknown = words.filter((w) => !RULE_ID_RE.test(w) || !knownRules.has(w));
  if (unknown.length > 0) return { unknown, at };
  // The reason is shown in reports: anything in it that looks generated is masked.
  return { rules: words, reason: maskRandomTokens(reason), at };
}

/** The UTF-16 index of the code point `points` code points into `text`. */
function utf16Index(text: string, points: number): number {
  let i = 0;
  for (let n = 0; n < points && i < text.length; n++) {
    const c = text.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1;
  }
  return i;
}

const VISIBLE_BREAK = /[\r\u2028\u2029]/g;

/** Where the visible line holding `at` starts (after a \r, U+2028 or U+2029 before it). */
function visibleStart(text: string, at: number): number {
  let start = 0;
  VISIBLE_BREAK.lastIndex = 0;
  for (let m = VISIBLE_BREAK.exec(text); m !== null && m.index < at; m = VISIBLE_BREAK.exec(text)) start = m.index + 1;
  return start;
}

/** Where the visible line holding `at` ends. */
function visibleEnd(text: string, at: number): number {
  VISIBLE_BREAK.lastIndex = Math.max(0, at);
  const m = VISIBLE_BREAK.exec(text);
  return m === null ? text.length : m.index;
}

/** Why a finding of `ruleId` on this line is allowed, or why the line's allow does not apply. */
export function inlineAllowVerdict(
  lineText: string,
  ruleId: string,
  knownRules: ReadonlySet<string>,
  /** 1-based column of the finding: a secret written inside the allow comment is not allowed by it. */
  column = 1,
): { allowed: string } | { problem: string } | undefined {
  // Only the line as an editor shows it: git counts lines by \n alone, but a \r or a Unicode
  // line or paragraph separator starts a new one on screen (and in JavaScript). Found by an
  // adversarial trial: "key1\rkey2\r# keygate:allow" showed the allow on a line of its own
  // and allowed both keys.
  // The column counts code points (an editor's), the line's indexes UTF-16 units: an emoji
  // before the finding is one column and two units (a review: 40 of them moved the finding 40
  // units back, before a \r and the allow behind it).
  const at = utf16Index(lineText, column - 1);
  const start = visibleStart(lineText, at);
  const allow = parseInlineAllow(lineText.slice(start, visibleEnd(lineText, at)), knownRules);
  if (allow === undefined) return undefined;
  if (at - start >= allow.at) return undefined;
  if ('unknown' in allow) {
    const named = allow.unknown.map((w) => unknownRuleMessage(w, knownRules)).join('; ');
    return { problem: `the keygate:allow on this line is not applied: ${named}. Write keygate:allow <rule-id> -- <reason>` };
  }
  if (allow.rules.length > 0 && !allow.rules.includes(ruleId)) return undefined;
  return { allowed: `inline keygate:allow${allow.reason ? ` (${allow.reason})` : ''}` };
}
